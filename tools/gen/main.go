// Command gen reads spec/reyn.yaml and writes the code generated from it.
//
// Run it from the module root: `go run ./tools/gen` (or `make gen`, or `go generate ./...`).
// With -check it writes nothing and exits 1 when a generated file is stale.
package main

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"sort"
)

func main() {
	check := flag.Bool("check", false, "report stale generated files instead of writing them")
	root := flag.String("root", ".", "the module root")
	flag.Parse()
	stale, err := run(*root, !*check)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	if *check && len(stale) > 0 {
		for _, f := range stale {
			fmt.Fprintln(os.Stderr, "gen: stale:", f)
		}
		os.Exit(1)
	}
}

// run generates every file under root and returns the ones that differ from what is on
// disk; with write it also rewrites them.
func run(root string, write bool) ([]string, error) {
	src, err := os.ReadFile(filepath.Join(root, "spec", "reyn.yaml"))
	if err != nil {
		return nil, err
	}
	s, err := parseSpec(src)
	if err != nil {
		return nil, err
	}
	files, err := generate(s)
	if err != nil {
		return nil, err
	}
	var stale []string
	for name, want := range files {
		path := filepath.Join(root, filepath.FromSlash(name))
		have, err := os.ReadFile(path)
		if err == nil && bytes.Equal(have, want) {
			continue
		}
		stale = append(stale, name)
		if write {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return nil, err
			}
			if err := os.WriteFile(path, want, 0o644); err != nil {
				return nil, err
			}
		}
	}
	sort.Strings(stale)
	return stale, nil
}
