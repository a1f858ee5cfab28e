package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

func TestMerge(t *testing.T) {
	c, _ := loadYAML(t,
		`llm:
  model: standard
  models:
    light: {model: a, effort: low}
  tags: [x, y, z]
server: {host: h, port: 1}
plain: text
`,
		`llm:
  models:
    light: {effort: high}
    strong: {model: b}
  tags: [q]
  extra: 1
server: off
plain:
  now: a map
`)
	got, _ := show(t, c, Sources{})
	// Lower keys keep their order, new keys are appended, lists and
	// mismatched kinds are replaced, maps merge recursively.
	want := `llm:
  model: standard
  models:
    light: {model: a, effort: high}
    strong: {model: b}
  tags: [q]
  extra: 1
server: off
plain:
  now: a map
`
	if got != want {
		t.Fatalf("merged:\n%s\nwant:\n%s", got, want)
	}
}

func TestMergeNullReplaces(t *testing.T) {
	// Per the contract null is a scalar like any other: an emptied key in a
	// higher layer removes the lower layer's map.
	c, _ := loadYAML(t, "llm:\n  model: a\nkeep: 1\n", "llm:\n  # model: b\n")
	if got, _ := show(t, c, Sources{}); got != "llm:\nkeep: 1\n" {
		t.Fatalf("got:\n%s", got)
	}
}

func TestEmptyLayers(t *testing.T) {
	for name, content := range map[string]string{
		"empty":       "",
		"comments":    "# all\n# comments\n\n   # here\n",
		"null":        "~\n",
		"docstart":    "---\n",
		"trailingdoc": "---\n# only a comment\n",
	} {
		t.Run(name, func(t *testing.T) {
			c, _ := loadYAML(t, "a: 1\n", content)
			if got, _ := show(t, c, Sources{}); got != "a: 1\n" {
				t.Fatalf("got %q", got)
			}
			c, _ = loadYAML(t, content)
			if got, _ := show(t, c, Sources{}); got != "{}\n" {
				t.Fatalf("alone: got %q", got)
			}
		})
	}
}

func TestMissingLayersSkipped(t *testing.T) {
	dir := t.TempDir()
	p := writeFile(t, filepath.Join(dir, "reyn.yaml"), "a: 1\n")
	c, err := Load([]string{filepath.Join(dir, "nope.yaml"), p, filepath.Join(dir, "gone", "reyn.local.yaml")})
	if err != nil {
		t.Fatal(err)
	}
	if f := c.Files(); len(f) != 1 || f[0] != p {
		t.Fatalf("Files = %q", f)
	}
	c, err = Load(nil)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := show(t, c, Sources{}); got != "{}\n" {
		t.Fatalf("no layers: %q", got)
	}
}

func TestAliases(t *testing.T) {
	c, paths := loadYAML(t, `defaults: &d
  model: m
  key: ${TOKEN}
llm:
  models:
    light: *d
    strong:
      <<: *d
      model: n
`)
	src := Sources{Env: lookupMap(map[string]string{"TOKEN": "tok"})}
	got, _ := show(t, c, src)
	want := `defaults:
  model: m
  key: '***'
llm:
  models:
    light:
      model: m
      key: '***'
    strong:
      <<:
        model: m
        key: '***'
      model: n
`
	if got != want {
		t.Fatalf("show:\n%s\nwant:\n%s", got, want)
	}
	// The reference stands once in the file, so it is listed once.
	refs := c.Refs(src)
	if len(refs) != 1 || refs[0] != (Ref{Name: "TOKEN", Source: SourceEnvironment, File: paths[0], Line: 3}) {
		t.Fatalf("refs = %+v", refs)
	}
	// "<<" stays a key, so yaml.v3 applies its merge semantics downstream.
	root, _ := c.Resolve(src)
	var v struct {
		LLM struct {
			Models map[string]struct{ Model, Key string }
		}
	}
	if err := root.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if s := v.LLM.Models["strong"]; s.Model != "n" || s.Key != "tok" {
		t.Fatalf("strong = %+v", s)
	}
}

func TestDeepNesting(t *testing.T) {
	const depth = 5000
	c, _ := loadYAML(t, "a: "+strings.Repeat("[", depth)+`"${X}"`+strings.Repeat("]", depth)+"\n")
	out, ws := show(t, c, Sources{})
	if len(ws) != 1 || !strings.Contains(out, "[[[") {
		t.Fatalf("warnings %v, output %d bytes", ws, len(out))
	}
}

// Each broken file holds "hunter2" where a careless message would quote it.
func TestBrokenYAML(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		line          int
	}{
		{"unclosed flow", "a: 1\nb: [1, 2\nc: hunter2\n", 2},
		{"bad indent", "a: 1\n b: hunter2\n", 2},
		{"unknown anchor", "a: 1\nb: *hunter2\n", 2},
		{"flow parser error", "a: {b: 1\n", 1},
		{"bad escape", "a: 1\nb: \"hunter2\\q\"\n", 2},
		{"tab indent", "a:\n\tb: hunter2\n", 2},
		{"control char", "a: 1\nb: \x01hunter2\n", 2},
		{"invalid utf8", "a: 1\nb: hunter2\xff\n", 2},
		{"unclosed quote", "a: 1\nb: \"hunter2\nc: 3\n", 2},
		{"top-level list", "- hunter2\n", 1},
		{"top-level scalar", "hunter2\n", 1},
		{"second document", "a: 1\n---\nb: hunter2\n", 2},
		{"repeated key", "a: 1\nhunter2: x\nhunter2: y\n", 3},
		{"alias cycle", "a: &x [hunter2, *x]\n", 1},
		{"alias bomb", aliasBomb(), 5},
		{"too deep", "a: " + strings.Repeat("[", 10001) + "hunter2", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeFile(t, filepath.Join(t.TempDir(), "reyn.yaml"), tc.content)
			_, err := Load([]string{path})
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want *FileError", err)
			}
			msg := err.Error()
			if strings.Contains(msg, "hunter2") {
				t.Fatalf("message leaks file text: %s", msg)
			}
			if prefix := fmt.Sprintf("%s:%d: ", path, tc.line); !strings.HasPrefix(msg, prefix) {
				t.Fatalf("message %q does not start with %q", msg, prefix)
			}
		})
	}
}

func aliasBomb() string {
	var b strings.Builder
	b.WriteString("a: &a [hunter2, x, x, x, x, x, x, x, x, x]\n")
	prev := "a"
	for _, name := range []string{"b", "c", "d", "e", "f", "g"} {
		fmt.Fprintf(&b, "%s: &%s [%s]\n", name, name, strings.TrimSuffix(strings.Repeat("*"+prev+", ", 10), ", "))
		prev = name
	}
	return b.String()
}

func TestUnreadableLayer(t *testing.T) {
	dir := t.TempDir()
	_, err := Load([]string{dir}) // a directory cannot be read as a file
	var fe *FileError
	if !errors.As(err, &fe) || fe.File != dir || !strings.HasPrefix(err.Error(), dir+": cannot read: ") {
		t.Fatalf("err = %v", err)
	}
}

func TestEncodings(t *testing.T) {
	utf16 := []byte{0xFF, 0xFE}
	for _, r := range "# c\na: ${X}\n" {
		utf16 = append(utf16, byte(r), 0)
	}
	for name, content := range map[string]string{
		"utf8 bom": "\xEF\xBB\xBF# c\na: ${X}\n",
		"crlf":     "# c\r\na: ${X}\r\n",
		"utf16le":  string(utf16),
	} {
		t.Run(name, func(t *testing.T) {
			c, paths := loadYAML(t, content)
			refs := c.Refs(Sources{})
			if len(refs) != 1 || refs[0] != (Ref{Name: "X", Source: SourceUndefined, File: paths[0], Line: 2}) {
				t.Fatalf("refs %+v", refs)
			}
		})
	}
}
