package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/reyn-cli/reyn/internal/cli"
)

// TestMain registers reyn as a command of the test binary: each `exec reyn` in a scenario
// re-runs this binary, which calls cli.Main exactly as main does.
func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"reyn": func() { os.Exit(reynForTest()) },
	})
}

// reynForTest is main with the test seams wired from variables that Setup gives every
// scenario. They are read before cli.Main loads secrets.env, and only this test binary
// reads them: the real reyn has no such variables.
func reynForTest() int {
	sys := cli.OS()
	sys.Hostname = func() (string, error) { return "testhost", nil }
	if ts := os.Getenv("REYN_TEST_NOW"); ts != "" {
		now, err := time.Parse(time.RFC3339, ts)
		if err != nil {
			panic(err)
		}
		sys.Now = func() time.Time { return now }
	}
	if step := os.Getenv("REYN_TEST_FAULT"); step != "" {
		sys.Fault = func(s string) error {
			if s == step {
				return injectedFault
			}
			return nil
		}
	}
	logDir := os.Getenv("REYN_TEST_LOG")
	if logDir == "" {
		return cli.Main(os.Args[1:], sys)
	}
	rec := &recorder{dir: logDir}
	// secret exec --no-mask prints values on purpose: the user asked for them.
	if !slices.Contains(os.Args, "--no-mask") {
		sys.Stdout = rec.tee(sys.Stdout)
		sys.Stderr = rec.tee(sys.Stderr)
	}
	sys.OnMessage = func(id string) { rec.add(record{Kind: "message", Data: id}) }
	sys.OnStore = func(v string) { rec.add(record{Kind: "value", Data: v}) }
	code := cli.Main(os.Args[1:], sys)
	rec.add(record{Kind: "exit", Data: itoa(code)})
	return code
}

type faultError struct{}

func (faultError) Error() string { return "injected fault" }

var injectedFault = faultError{}

// TestScripts runs every scenario in testdata/script, then checks that together they
// produced every message and exit code that spec/ declares: the docs are tests.
func TestScripts(t *testing.T) {
	cov := newCoverage()
	t.Run("script", func(t *testing.T) {
		testscript.Run(t, testscript.Params{
			Dir:                 filepath.Join("testdata", "script"),
			RequireExplicitExec: true,
			RequireUniqueNames:  true,
			UpdateScripts:       *update,
			Setup:               func(env *testscript.Env) error { return setup(env, cov) },
			Cmds:                scriptCmds,
		})
	})
	if t.Failed() || !fullRun() {
		return
	}
	cov.check(t)
}

func setup(env *testscript.Env, cov *coverage) error {
	home := filepath.Join(env.WorkDir, "home")
	if err := os.Mkdir(home, 0o700); err != nil {
		return err
	}
	env.Setenv("HOME", home)
	env.Setenv("USERPROFILE", home)
	env.Setenv("REYN_TEST_NOW", "2026-12-03T10:00:00Z")
	logDir := filepath.Join(env.WorkDir, ".reynlog")
	if err := os.Mkdir(logDir, 0o700); err != nil {
		return err
	}
	env.Setenv("REYN_TEST_LOG", logDir)
	env.Defer(func() {
		recs := readRecords(env.T(), logDir)
		cov.add(recs)
		checkLeaks(env.T(), recs, filepath.Join(home, ".reyn", "events.jsonl"))
	})
	return nil
}

func itoa(n int) string { b, _ := json.Marshal(n); return string(b) }
