package main

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reyn-cli/reyn/internal/audit"
	"github.com/reyn-cli/reyn/internal/dotenv"
)

// These tests run reyn as real processes (the test binary registered by TestMain) against
// a HOME of their own: `go test -run 'TestConcurrentSetProcesses|TestCrashKill' .`

// stressHome is one HOME with reyn's files in it.
type stressHome struct {
	t    *testing.T
	reyn string
	home string
	env  []string
}

func newStressHome(t *testing.T) *stressHome {
	t.Helper()
	reyn, err := exec.LookPath("reyn")
	if err != nil {
		t.Skip("reyn is not on PATH (TestMain registers it):", err)
	}
	home := t.TempDir()
	return &stressHome{t: t, reyn: reyn, home: home, env: []string{
		"PATH=" + os.Getenv("PATH"),
		"HOME=" + home,
		"REYN_TEST_NOW=2026-12-03T10:00:00Z",
	}}
}

func (h *stressHome) dir() string     { return filepath.Join(h.home, ".reyn") }
func (h *stressHome) secrets() string { return filepath.Join(h.dir(), "secrets.env") }
func (h *stressHome) events() string  { return filepath.Join(h.dir(), "events.jsonl") }

// cmd is a reyn process; its output is kept for failure messages.
func (h *stressHome) cmd(args ...string) (*exec.Cmd, *bytes.Buffer) {
	c := exec.Command(h.reyn, args...)
	c.Env = h.env
	var out bytes.Buffer
	c.Stdout, c.Stderr = &out, &out
	return c, &out
}

// run runs reyn to the end and fails the test unless it exits 0.
func (h *stressHome) run(args ...string) {
	h.t.Helper()
	c, out := h.cmd(args...)
	if err := c.Run(); err != nil {
		h.t.Fatalf("reyn %s: %v\n%s", args[:2], err, out)
	}
}

// doc parses secrets.env, which must read without error or warning. It returns the raw
// bytes too.
func (h *stressHome) doc() (*dotenv.Doc, []byte) {
	h.t.Helper()
	raw, err := os.ReadFile(h.secrets())
	if err != nil {
		h.t.Fatal(err)
	}
	doc, warns, err := dotenv.Parse(raw)
	if err != nil || len(warns) != 0 {
		h.t.Fatalf("secrets.env does not parse cleanly: %v %v", err, warns)
	}
	return doc, raw
}

// verify checks the audit log's chain and that no value written reached it.
func (h *stressHome) verify(values []string) audit.Result {
	h.t.Helper()
	res, err := audit.Verify(h.events())
	if err != nil {
		h.t.Fatal(err)
	}
	if res.Break != nil {
		h.t.Fatalf("audit chain broken at line %d: %s", res.Break.Line, res.Break.Reason)
	}
	log, err := os.ReadFile(h.events())
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		h.t.Fatal(err)
	}
	for _, v := range values {
		if bytes.Contains(log, []byte(v)) {
			h.t.Fatalf("the audit log holds a value that was set (%d bytes)", len(v))
		}
	}
	return res
}

func (h *stressHome) temps() []string {
	h.t.Helper()
	m, err := filepath.Glob(filepath.Join(h.dir(), ".reyn-tmp-*"))
	if err != nil {
		h.t.Fatal(err)
	}
	return m
}

func (h *stressHome) wantMode0600() {
	h.t.Helper()
	fi, err := os.Stat(h.secrets())
	if err != nil {
		h.t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		h.t.Errorf("secrets.env mode %#o", fi.Mode().Perm())
	}
}

// 64 writers at once, half of them on one key: no update is lost, the shared key has one
// entry, and the log has one event per write in one intact chain.
func TestConcurrentSetProcesses(t *testing.T) {
	const n = 32
	h := newStressHome(t)
	type proc struct {
		c   *exec.Cmd
		out *bytes.Buffer
	}
	var procs []proc
	var values, shared []string
	for i := range n {
		values = append(values, "value-"+strconv.Itoa(i))
		shared = append(shared, "shared-"+strconv.Itoa(i))
	}
	for i := range n {
		for _, arg := range []string{"K" + strconv.Itoa(i) + "=" + values[i], "SHARED=" + shared[i]} {
			c, out := h.cmd("secret", "set", arg)
			procs = append(procs, proc{c, out})
		}
	}
	start := time.Now()
	for _, p := range procs {
		if err := p.c.Start(); err != nil {
			t.Fatal(err)
		}
	}
	var failed []string
	for _, p := range procs {
		if err := p.c.Wait(); err != nil {
			failed = append(failed, fmt.Sprintf("%v: %v\n%s", p.c.Args[1:3], err, p.out))
		}
	}
	t.Logf("%d processes in %v", len(procs), time.Since(start).Round(time.Millisecond))
	if len(failed) > 0 {
		t.Fatalf("%d processes failed:\n%s", len(failed), strings.Join(failed, "\n"))
	}

	doc, raw := h.doc()
	for i := range n {
		if v, ok := doc.Lookup("K" + strconv.Itoa(i)); !ok || v != values[i] {
			t.Errorf("K%d: present %v, holds the value written: %v", i, ok, v == values[i])
		}
	}
	if c := bytes.Count(append([]byte("\n"), raw...), []byte("\nSHARED=")); c != 1 {
		t.Errorf("%d SHARED entries, want 1", c)
	}
	if v, ok := doc.Lookup("SHARED"); !ok || !slices.Contains(shared, v) {
		t.Errorf("SHARED: present %v, not one of the values written", ok)
	}
	if doc.Len() != n+1 {
		t.Errorf("%d keys, want %d", doc.Len(), n+1)
	}

	log, err := os.ReadFile(h.events())
	if err != nil {
		t.Fatal(err)
	}
	if lines := bytes.Count(log, []byte("\n")); lines != 2*n || !bytes.HasSuffix(log, []byte("\n")) {
		t.Errorf("audit log has %d lines, want %d", lines, 2*n)
	}
	if res := h.verify(append(values, shared...)); res.Events != 2*n || len(res.Truncated) != 0 {
		t.Errorf("audit log: %d events, truncated %v", res.Events, res.Truncated)
	}
	h.wantMode0600()
	if tt := h.temps(); len(tt) != 0 {
		t.Errorf("temporary files left: %v", tt)
	}
}

// Writers killed at random points never leave a torn file, never touch keys they were
// not changing, and never break the audit chain.
func TestCrashKill(t *testing.T) {
	const seeded = 20
	iterations := 60
	if testing.Short() {
		iterations = 15
	}
	seed := uint64(time.Now().UnixNano())
	if s := os.Getenv("REYN_STRESS_SEED"); s != "" {
		seed, _ = strconv.ParseUint(s, 10, 64)
	}
	t.Logf("seed %d (set REYN_STRESS_SEED to repeat)", seed)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))

	h := newStressHome(t)
	if err := os.Mkdir(h.dir(), 0o700); err != nil {
		t.Fatal(err)
	}
	// Seed values in all three encodings, so an edit that disturbed its neighbours
	// would show.
	want := map[string]string{}
	var keys []string
	var seedFile strings.Builder
	seedFile.WriteString("# seeded by TestCrashKill\n")
	for j := range seeded {
		k := fmt.Sprintf("SEED_%02d", j)
		v := fmt.Sprintf("seed-value-%02d", j)
		switch j % 4 {
		case 1:
			v += " with spaces"
		case 2:
			v += ` "quoted" 'and' $dollar`
		case 3:
			v += "\nsecond line"
		}
		keys = append(keys, k)
		want[k] = v
		fmt.Fprintf(&seedFile, "%s=%s\n", k, dotenv.Encode(v))
	}
	if err := os.WriteFile(h.secrets(), []byte(seedFile.String()), 0o600); err != nil {
		t.Fatal(err)
	}

	const rotKey, clearKey = "SEED_05", "SEED_10"
	rotValues := []string{want[rotKey]}
	var targetValues, written []string
	for _, k := range keys {
		written = append(written, want[k])
	}
	var killed, finished, killedRotate, killedClear, killedWithTemp, killedBeforeEvent int
	start := time.Now()
	for i := range iterations {
		var args []string
		op := "set"
		switch r := rng.IntN(10); {
		case r < 2:
			op = "rotate"
			v := "rotated-" + strconv.Itoa(i)
			rotValues = append(rotValues, v)
			args = []string{"secret", "rotate", rotKey + "=" + v}
		case r < 4:
			op = "clear"
			args = []string{"secret", "clear", clearKey}
		default:
			v := "new-" + strconv.Itoa(i)
			targetValues = append(targetValues, v)
			args = []string{"secret", "set", "TARGET=" + v}
		}
		written = append(written, rotValues[len(rotValues)-1])
		if len(targetValues) > 0 {
			written = append(written, targetValues[len(targetValues)-1])
		}

		before, _ := os.ReadFile(h.secrets())
		eventsBefore := h.verify(nil).Events
		c, out := h.cmd(args...)
		delay := time.Duration(rng.IntN(15001)) * time.Microsecond
		if err := c.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		c.Process.Kill()
		err := c.Wait()
		ws := c.ProcessState.Sys().(syscall.WaitStatus)
		switch {
		case ws.Signaled() && ws.Signal() == syscall.SIGKILL:
			killed++
			// Where the kill landed, as far as the files tell.
			if len(h.temps()) > 0 {
				killedWithTemp++
			}
			after, _ := os.ReadFile(h.secrets())
			if !bytes.Equal(before, after) && h.verify(nil).Events == eventsBefore {
				killedBeforeEvent++
			}
			switch op {
			case "rotate":
				killedRotate++
			case "clear":
				killedClear++
			}
		case err == nil:
			finished++
		default:
			t.Fatalf("iteration %d: reyn %s exited: %v\n%s", i, op, err, out)
		}

		doc, _ := h.doc()
		for _, k := range keys {
			v, ok := doc.Lookup(k)
			switch k {
			case rotKey:
				if !ok || !slices.Contains(rotValues, v) {
					t.Fatalf("iteration %d: %s (rotated) present %v, not one of its values", i, k, ok)
				}
			case clearKey:
				if ok && v != want[k] {
					t.Fatalf("iteration %d: %s (cleared) changed", i, k)
				}
			default:
				if !ok || v != want[k] {
					t.Fatalf("iteration %d: seeded %s present %v, changed %v", i, k, ok, v != want[k])
				}
			}
		}
		if v, ok := doc.Lookup("TARGET"); ok && !slices.Contains(targetValues, v) {
			t.Fatalf("iteration %d: TARGET holds a value never written", i)
		}
		if doc.Len() > seeded+1 {
			t.Fatalf("iteration %d: %d keys", i, doc.Len())
		}
		h.wantMode0600()
		h.verify(written)

		if op == "clear" {
			if _, ok := doc.Lookup(clearKey); !ok {
				h.run("secret", "set", clearKey+"="+want[clearKey])
			}
		}
	}
	t.Logf("%d iterations in %v: %d killed (%d rotate, %d clear; %d left a temp file, %d between rename and event), %d finished first",
		iterations, time.Since(start).Round(time.Millisecond), killed, killedRotate, killedClear,
		killedWithTemp, killedBeforeEvent, finished)

	res := h.verify(written)
	t.Logf("audit log: %d events, truncated lines %v", res.Events, res.Truncated)
	left := h.temps()
	t.Logf("temporary files left by kills: %d", len(left))
	// Make sure the clean-up runs on one at least.
	if err := os.WriteFile(filepath.Join(h.dir(), ".reyn-tmp-planted"), []byte("X=1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.run("secret", "set", "TARGET=final")
	if tt := h.temps(); len(tt) != 0 {
		t.Errorf("temporary files left after a normal write: %v", tt)
	}
	doc, _ := h.doc()
	if v, _ := doc.Lookup("TARGET"); v != "final" {
		t.Error("the final set did not land")
	}
	h.verify(written)
	h.wantMode0600()
}
