package main

import (
	"flag"
	"path/filepath"
	"testing"
)

var update = flag.Bool("update", false, "rewrite stale generated files")

// TestGeneratedFresh fails when a committed generated file differs from a new run of the
// generator, so spec/ and the code can never drift.
func TestGeneratedFresh(t *testing.T) {
	root := filepath.Join("..", "..")
	stale, err := run(root, *update)
	if err != nil {
		t.Fatal(err)
	}
	if len(stale) > 0 && !*update {
		t.Fatalf("generated files are stale: %v\nrun `make gen` (or `go test ./tools/gen -update`) and commit the result", stale)
	}
}

func TestSpecRejectsMistakes(t *testing.T) {
	cases := map[string]string{
		"undeclared exit code": "program: reyn\nexit_codes: [{code: 0, meaning: ok}]\ncommands:\n  - {path: reyn, handler: Root, summary: s, usage: reyn, examples: [reyn]}\nmessages:\n  - {id: Oops, stream: stderr, exit: 3, text: x}\n",
		"orphan command":       "program: reyn\nexit_codes: [{code: 0, meaning: ok}]\ncommands:\n  - {path: reyn, handler: Root, summary: s, usage: reyn, examples: [reyn]}\n  - {path: reyn a b, handler: AB, summary: s, usage: reyn a b, examples: [x]}\n",
		"usage without path":   "program: reyn\nexit_codes: [{code: 0, meaning: ok}]\ncommands:\n  - {path: reyn, handler: Root, summary: s, usage: reyn, examples: [reyn]}\n  - {path: reyn a, handler: A, summary: s, usage: a, examples: [x]}\n",
		"no example":           "program: reyn\nexit_codes: [{code: 0, meaning: ok}]\ncommands:\n  - {path: reyn, handler: Root, summary: s, usage: reyn}\n",
		"unknown field":        "program: reyn\nbogus: 1\n",
		"duplicate message":    "program: reyn\nexit_codes: [{code: 0, meaning: ok}]\ncommands:\n  - {path: reyn, handler: Root, summary: s, usage: reyn, examples: [reyn]}\nmessages:\n  - {id: A, stream: stdout, text: x}\n  - {id: A, stream: stdout, text: y}\n",
		"multi-line message":   "program: reyn\nexit_codes: [{code: 0, meaning: ok}]\ncommands:\n  - {path: reyn, handler: Root, summary: s, usage: reyn, examples: [reyn]}\nmessages:\n  - {id: A, stream: stdout, text: \"x\\ny\"}\n",
	}
	for name, src := range cases {
		if _, err := parseSpec([]byte(src)); err == nil {
			t.Errorf("%s: spec accepted", name)
		}
	}
}

func TestTextExpr(t *testing.T) {
	for in, want := range map[string]string{
		"Secret '{key}' saved": `"Secret '" + key + "' saved"`,
		"{a}{b}":               `a + b`,
		"plain":                `"plain"`,
		"":                     `""`,
	} {
		if got := textExpr(in); got != want {
			t.Errorf("textExpr(%q) = %s, want %s", in, got, want)
		}
	}
}
