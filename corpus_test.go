package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/reyn-cli/reyn/internal/cli"
	"github.com/reyn-cli/reyn/internal/dotenv"
)

// corpusDir holds real-world dotenv files beside the checkout (shared/corpus/dotenv).
const corpusDir = "../shared/corpus/dotenv"

// TestCorpusThroughCLI runs set of a new key, rotate of an existing key and clear over
// every real-world file, through reyn itself: each edit touches only its own entry, no
// command prints a value, and warnings name lines, never text.
func TestCorpusThroughCLI(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(corpusDir, "*.env"))
	if len(files) == 0 {
		t.Skip("no corpus at " + corpusDir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			orig, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			home := t.TempDir()
			path := filepath.Join(home, ".reyn", "secrets.env")
			os.Mkdir(filepath.Dir(path), 0o700)
			os.WriteFile(path, orig, 0o600)
			doc, _, perr := dotenv.Parse(orig)

			run := func(stdin string, args ...string) (int, string) {
				var out bytes.Buffer
				sys := cli.System{
					Stdin: strings.NewReader(stdin), Stdout: &out, Stderr: &out,
					Environ:  []string{"HOME=" + home},
					Setenv:   func(string, string) error { return nil },
					Now:      func() time.Time { return time.Unix(0, 0) },
					Hostname: func() (string, error) { return "corpus", nil },
				}
				return cli.Main(args, sys), out.String()
			}
			noValues := func(out string) {
				t.Helper()
				if doc == nil {
					return
				}
				for _, e := range doc.Entries() {
					if len(e.Value) >= 8 && strings.Contains(out, e.Value) {
						t.Fatalf("output holds the value of %s:\n%s", e.Key, out)
					}
				}
			}

			code, out := run("", "secret", "list")
			noValues(out)
			if perr != nil {
				// Undecodable (UTF-16): refused with a clear error, never rewritten.
				if code != 1 || !strings.Contains(out, "UTF-16") {
					t.Fatalf("list: code %d, output %q", code, out)
				}
				if code, _ := run("", "secret", "set", "REYN_NEW=x"); code != 1 {
					t.Fatalf("set on an undecodable file: code %d", code)
				}
				assertFile(t, path, orig)
				return
			}
			if code != 0 {
				t.Fatalf("list: code %d: %s", code, out)
			}

			// set of a new key, then clear of it: the file is back to its bytes (plus the
			// final newline the append needed).
			code, out = run("", "secret", "set", "REYN_NEW=new value #1 $x")
			noValues(out)
			if code != 0 {
				t.Fatalf("set: %d %s", code, out)
			}
			base := orig
			if len(base) > 0 && base[len(base)-1] != '\n' {
				base = append(append([]byte{}, base...), '\n')
			}
			got, _ := os.ReadFile(path)
			if !bytes.HasPrefix(got, base) {
				t.Fatalf("set changed bytes before the new entry")
			}
			if code, out := run("", "secret", "clear", "REYN_NEW"); code != 0 {
				t.Fatalf("clear: %d %s", code, out)
			}
			assertFile(t, path, base)

			// rotate of a key that occurs once: only its own line changes.
			var target dotenv.Entry
			for _, e := range doc.Entries() {
				if dotenv.ValidKey(e.Key) && bytes.Count(orig, []byte(e.Key+"=")) == 1 && !strings.Contains(e.Value, "\n") {
					target = e
					break
				}
			}
			if target.Key == "" {
				return
			}
			code, out = run("rotated\tvalue \"x\"\n", "secret", "rotate", target.Key)
			noValues(out)
			if code != 0 {
				t.Fatalf("rotate: %d %s", code, out)
			}
			got, _ = os.ReadFile(path)
			after, _, _ := dotenv.Parse(got)
			if v, _ := after.Lookup(target.Key); v != "rotated\tvalue \"x\"" {
				t.Fatalf("rotated value reads back wrong")
			}
			for _, e := range doc.Entries() {
				if v, _ := after.Lookup(e.Key); e.Key != target.Key && v != e.Value {
					t.Fatalf("rotate of %s changed %s", target.Key, e.Key)
				}
			}
			ol, nl := lines(base), lines(got)
			if len(ol) != len(nl) {
				t.Fatalf("rotate changed the number of lines: %d -> %d", len(ol), len(nl))
			}
			for i := range ol {
				if i != target.Line-1 && ol[i] != nl[i] {
					t.Fatalf("rotate of %s (line %d) changed line %d", target.Key, target.Line, i+1)
				}
			}
		})
	}
}

func lines(b []byte) []string { return strings.SplitAfter(string(b), "\n") }

func assertFile(t *testing.T, path string, want []byte) {
	t.Helper()
	got, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("file differs from what was expected (%d bytes vs %d)", len(got), len(want))
	}
}

// yamlCorpusDir holds real reyn configs beside the checkout (shared/corpus/reyn-yaml).
const yamlCorpusDir = "../shared/corpus/reyn-yaml"

// TestConfigCorpusThroughCLI runs config refs and config show over every real config as
// a project's reyn.yaml, with every reference defined: both succeed, and no value shows.
func TestConfigCorpusThroughCLI(t *testing.T) {
	files, _ := filepath.Glob(filepath.Join(yamlCorpusDir, "*.yaml"))
	if len(files) == 0 {
		t.Skip("no corpus at " + yamlCorpusDir)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			project, home := t.TempDir(), t.TempDir()
			os.WriteFile(filepath.Join(project, "reyn.yaml"), src, 0o600)
			t.Chdir(project)
			// Every name the file could reference resolves, to a value that must not show.
			env := []string{"HOME=" + home}
			for _, m := range regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)\}`).FindAllSubmatch(src, -1) {
				env = append(env, string(m[1])+"=leak-"+string(m[1]))
			}
			for _, args := range [][]string{{"config", "refs"}, {"config", "refs", "--json"}, {"config", "show"}} {
				var out bytes.Buffer
				sys := cli.System{
					Stdin: strings.NewReader(""), Stdout: &out, Stderr: &out, Environ: env,
					Setenv: func(string, string) error { return nil },
				}
				if code := cli.Main(args, sys); code != 0 {
					t.Fatalf("%v: exit %d: %s", args, code, out.String())
				}
				if strings.Contains(out.String(), "leak-") {
					t.Fatalf("%v printed a resolved value:\n%s", args, out.String())
				}
			}
		})
	}
}
