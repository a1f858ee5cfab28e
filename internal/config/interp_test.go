package config

import (
	"path/filepath"
	"slices"
	"testing"

	"go.yaml.in/yaml/v3"
)

var testSources = Sources{
	Env: lookupMap(map[string]string{
		"TOKEN": "tok", "EMPTY": "", "REF": "${TOKEN}", "PORT": "8080", "HOME_DIR": "/h",
	}),
	Secrets: lookupMap(map[string]string{
		"TOKEN": "sec-tok", "ONLY_SECRET": "s1", "gh_secret": "ghs",
	}),
}

// resolveOne loads "v: <value>" and returns the resolved scalar, its shown
// form and the warnings.
func resolveOne(t *testing.T, value string) (*yaml.Node, string, []Warning) {
	t.Helper()
	c, _ := loadYAML(t, "v: "+value+"\n")
	root, ws := c.Resolve(testSources)
	out, ws2 := show(t, c, testSources)
	if !slices.Equal(ws, ws2) {
		t.Fatalf("Resolve warnings %v != Show warnings %v", ws, ws2)
	}
	var shown struct{ V *string }
	if err := yaml.Unmarshal([]byte(out), &shown); err != nil || shown.V == nil {
		t.Fatalf("Show output %q does not read back: %v", out, err)
	}
	return root.Content[1], *shown.V, ws
}

func TestInterpolation(t *testing.T) {
	// warnings: the Ref of each warning, "!" before a malformed one's.
	for _, tc := range []struct {
		yaml, resolved, shown string
		warnings              []string
	}{
		{`${TOKEN}`, "tok", "***", nil},
		{`"Bearer ${TOKEN}"`, "Bearer tok", "Bearer ***", nil},
		{`${ONLY_SECRET}`, "s1", "***", nil},       // not in the shell: secrets.env
		{`${secret:TOKEN}`, "sec-tok", "***", nil}, // secrets.env only, never the shell
		{`${secret:gh_secret}`, "ghs", "***", nil}, // lower-case key
		{`${secret:HOME_DIR}`, "", "", []string{"secret:HOME_DIR"}},
		{`${MISSING}x`, "x", "x", []string{"MISSING"}},
		{`${EMPTY}`, "", "***", nil},       // defined: its emptiness is not shown
		{`${REF}`, "${TOKEN}", "***", nil}, // a value is not interpolated again
		{`${TOKEN}${TOKEN}`, "toktok", "******", nil},
		{`"$$"`, "$", "$", nil},
		{`"$$${TOKEN}"`, "$tok", "$***", nil},
		{`$${TOKEN}`, "${TOKEN}", "${TOKEN}", nil},
		{`'$$$'`, "$$", "$$", nil},
		{`costs $5`, "costs $5", "costs $5", nil},
		{`a$`, "a$", "a$", nil},
		{`$TOKEN`, "$TOKEN", "$TOKEN", nil},
		{`"${TOKEN"`, "${TOKEN", "${TOKEN", []string{"!TOKEN"}},
		{`"${TOKEN} ${"`, "tok ${", "*** ${", []string{"!"}},
		{`"${}"`, "${}", "${}", []string{"!"}},
		{`"${secret:}"`, "${secret:}", "${secret:}", []string{"!secret:"}},
		{`"${N.VAR}"`, "${N.VAR}", "${N.VAR}", []string{"!N.VAR"}},
		{`"${1X}"`, "${1X}", "${1X}", nil},
		{`"${ TOKEN }"`, "${ TOKEN }", "${ TOKEN }", nil},
		{`"${TOKEN:-x}"`, "${TOKEN:-x}", "${TOKEN:-x}", []string{"!TOKEN:-x"}},
		{`"{{ .Code }} is ${{ .Code }}"`, "{{ .Code }} is ${{ .Code }}", "{{ .Code }} is ${{ .Code }}", nil},
		{`"${{TOKEN}}"`, "${{TOKEN}}", "${{TOKEN}}", nil},
		{`"${PORT}"`, "8080", "***", nil},
		{`${PORT}`, "8080", "***", nil}, // stays a string: never retyped by its value
		{`"123"`, "123", "123", nil},
		{`!!str ${TOKEN}`, "tok", "***", nil},
	} {
		t.Run(tc.yaml, func(t *testing.T) {
			n, shown, ws := resolveOne(t, tc.yaml)
			if n.Value != tc.resolved || n.ShortTag() != "!!str" {
				t.Errorf("resolved %q (%s), want %q", n.Value, n.ShortTag(), tc.resolved)
			}
			if shown != tc.shown {
				t.Errorf("shown %q, want %q", shown, tc.shown)
			}
			var names []string
			for _, w := range ws {
				if w.Invalid {
					names = append(names, "!"+w.Ref)
				} else {
					names = append(names, w.Ref)
				}
			}
			if !slices.Equal(names, tc.warnings) {
				t.Errorf("warnings for %q, want %q", names, tc.warnings)
			}
		})
	}
}

func TestNonStringScalarsUntouched(t *testing.T) {
	for _, tc := range []struct{ yaml, tag, value string }{
		{`123`, "!!int", "123"},
		{`1.5`, "!!float", "1.5"},
		{`true`, "!!bool", "true"},
		{`null`, "!!null", "null"},
		{`~`, "!!null", "~"},
		{`2001-12-14`, "!!timestamp", "2001-12-14"},
		{`!!int 7`, "!!int", "7"},
		{`!env ${TOKEN}`, "!env", "${TOKEN}"},
		{`!!binary aGVsbG8=`, "!!binary", "aGVsbG8="},
	} {
		t.Run(tc.yaml, func(t *testing.T) {
			c, _ := loadYAML(t, "v: "+tc.yaml+"\n")
			root, ws := c.Resolve(testSources)
			n := root.Content[1]
			if n.ShortTag() != tc.tag || n.Value != tc.value || len(ws) != 0 {
				t.Fatalf("got %s %q %v, want %s %q", n.ShortTag(), n.Value, ws, tc.tag, tc.value)
			}
			if out, _ := show(t, c, testSources); out != "v: "+tc.yaml+"\n" {
				t.Fatalf("show %q", out)
			}
			if refs := c.Refs(testSources); len(refs) != 0 {
				t.Fatalf("refs %v", refs)
			}
		})
	}
}

func TestKeysNotInterpolated(t *testing.T) {
	c, _ := loadYAML(t, "${TOKEN}: ${TOKEN}\n")
	if out, _ := show(t, c, testSources); out != "${TOKEN}: '***'\n" {
		t.Fatalf("show %q", out)
	}
}

func TestNestedMapsAndLists(t *testing.T) {
	c, _ := loadYAML(t, `a:
  b:
    - plain
    - ${TOKEN}
    - [x, "${secret:gh_secret}", {deep: ["${MISSING}"]}]
    - name: n
      value: "v=${ONLY_SECRET}"
`)
	root, ws := c.Resolve(testSources)
	var v struct {
		A struct{ B []any }
	}
	if err := root.Decode(&v); err != nil {
		t.Fatal(err)
	}
	b := v.A.B
	inner := b[2].([]any)
	if b[1] != "tok" || inner[1] != "ghs" || inner[2].(map[string]any)["deep"].([]any)[0] != "" ||
		b[3].(map[string]any)["value"] != "v=s1" {
		t.Fatalf("resolved %#v", b)
	}
	if len(ws) != 1 || ws[0].Ref != "MISSING" || ws[0].Line != 5 {
		t.Fatalf("warnings %+v", ws)
	}
	want := `a:
  b:
    - plain
    - '***'
    - [x, "***", {deep: [""]}]
    - name: n
      value: "v=***"
`
	if out, _ := show(t, c, testSources); out != want {
		t.Fatalf("show:\n%s\nwant:\n%s", out, want)
	}
}

func TestUndefinedWarning(t *testing.T) {
	dir := t.TempDir()
	user := writeFile(t, filepath.Join(dir, "home", ".reyn", "config.yaml"), "headers:\n  Authorization: Bearer ${MISSING_TOKEN}\n")
	proj := writeFile(t, filepath.Join(dir, "proj", "reyn.yaml"), "# project\nheaders:\n  X-Key: ${secret:missing_key}\n")
	local := writeFile(t, filepath.Join(dir, "proj", "reyn.local.yaml"), "script: |\n  echo start\n  curl -H \"${ALSO_MISSING}\"\n")
	c, err := Load([]string{user, proj, local})
	if err != nil {
		t.Fatal(err)
	}
	_, ws := c.Resolve(testSources)
	want := []Warning{
		{Ref: "MISSING_TOKEN", File: user, Line: 2},
		{Ref: "secret:missing_key", File: proj, Line: 3},
		{Ref: "ALSO_MISSING", File: local, Line: 3}, // the line inside the block
	}
	if !slices.Equal(ws, want) {
		t.Fatalf("warnings %+v\nwant %+v", ws, want)
	}
	if got := ws[1].String(); got != proj+":3: ${secret:missing_key} is not defined; using an empty string" {
		t.Fatalf("text %q", got)
	}
}
