package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/reyn-cli/reyn/internal/cli"
)

// scriptCommand strips what may stand before a reyn command line in a scenario.
var scriptCommand = regexp.MustCompile(`^(?:\[[^\]]*\] )*(?:! )?(?:exec |exitcode \d+ |interrupt )`)

// TestExamplesRun fails when an example shown in --help or docs/reference is not run by
// any scenario: either as the scenario's command line itself, or, where the example uses
// shell syntax testscript has not (a redirection), by a "# example: …" line before the
// commands that do the same.
func TestExamplesRun(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "script", "*.txtar"))
	if err != nil || len(files) == 0 {
		t.Fatal("no scenarios", err)
	}
	ran := map[string]bool{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		script, _, _ := strings.Cut(string(b), "\n-- ")
		for _, line := range strings.Split(script, "\n") {
			if tag, ok := strings.CutPrefix(line, "# example: "); ok {
				ran[tag] = true
			} else if loc := scriptCommand.FindStringIndex(line); loc != nil {
				ran[line[loc[1]:]] = true
			}
		}
	}
	for _, ex := range cli.Examples {
		if !ran[ex] {
			t.Errorf("example %q (spec/reyn.yaml) is run by no scenario in testdata/script", ex)
		}
	}
}
