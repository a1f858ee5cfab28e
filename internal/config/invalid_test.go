package config

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// Each malformed form is reported where it stands, in position order with
// the valid references, and still interpolates as the literal text it was.
func TestInvalidRefs(t *testing.T) {
	c, paths := loadYAML(t, `a: ${BAD-NAME}
b: "${}"
c: "${secret:}"
d: "x ${TOKEN} ${UNCLOSED"
e: "${X:-default}"
f: "${secret:bad-name}"
g: "${N.VAR} ${A B}"
h: |
  echo start
  echo "${HOME_DIR}" "${secret:gh_secret}x${bad.one}"
i: [x, "${Secret:KEY}"]
j: "tail ${"
k: "${_under-score"
`, `l: "${ONLY_SECRET}${also-bad}"
`)
	f0, f1 := paths[0], paths[1]
	want := []Ref{
		{Name: "BAD-NAME", Source: SourceInvalid, File: f0, Line: 1},
		{Name: "", Source: SourceInvalid, File: f0, Line: 2},
		{Name: "secret:", Source: SourceInvalid, File: f0, Line: 3},
		{Name: "TOKEN", Source: SourceEnvironment, File: f0, Line: 4},
		{Name: "UNCLOSED", Source: SourceInvalid, File: f0, Line: 4},
		{Name: "X:-default", Source: SourceInvalid, File: f0, Line: 5},
		{Name: "secret:bad-name", Source: SourceInvalid, File: f0, Line: 6},
		{Name: "N.VAR", Source: SourceInvalid, File: f0, Line: 7},
		{Name: "A", Source: SourceInvalid, File: f0, Line: 7}, // cut at the space
		{Name: "HOME_DIR", Source: SourceEnvironment, File: f0, Line: 10},
		{Name: "secret:gh_secret", Source: SourceSecrets, File: f0, Line: 10},
		{Name: "bad.one", Source: SourceInvalid, File: f0, Line: 10},
		{Name: "Secret:KEY", Source: SourceInvalid, File: f0, Line: 11},
		{Name: "", Source: SourceInvalid, File: f0, Line: 12},
		{Name: "_under-score", Source: SourceInvalid, File: f0, Line: 13},
		{Name: "ONLY_SECRET", Source: SourceSecrets, File: f1, Line: 1},
		{Name: "also-bad", Source: SourceInvalid, File: f1, Line: 1},
	}
	if got := c.Refs(testSources); !slices.Equal(got, want) {
		t.Fatalf("Refs:\n%+v\nwant:\n%+v", got, want)
	}

	var wantWs []Warning
	for _, r := range want {
		if r.Source == SourceInvalid {
			wantWs = append(wantWs, Warning{Ref: r.Name, File: r.File, Line: r.Line, Invalid: true})
		}
	}
	_, rws := c.Resolve(testSources)
	out, sws := show(t, c, testSources)
	if !slices.Equal(rws, wantWs) || !slices.Equal(sws, wantWs) {
		t.Fatalf("Resolve warnings %+v\nShow warnings %+v\nwant %+v", rws, sws, wantWs)
	}

	// Interpolation is unchanged: every malformed reference stays as written.
	wantOut := `a: ${BAD-NAME}
b: "${}"
c: "${secret:}"
d: "x *** ${UNCLOSED"
e: "${X:-default}"
f: "${secret:bad-name}"
g: "${N.VAR} ${A B}"
h: |
  echo start
  echo "***" "***x${bad.one}"
i: [x, "${Secret:KEY}"]
j: "tail ${"
k: "${_under-score"
l: "***${also-bad}"
`
	if out != wantOut {
		t.Fatalf("Show:\n%s\nwant:\n%s", out, wantOut)
	}
	root, _ := c.Resolve(testSources)
	var v map[string]any
	if err := root.Decode(&v); err != nil {
		t.Fatal(err)
	}
	if v["d"] != "x tok ${UNCLOSED" || v["h"] != "echo start\necho \"/h\" \"ghsx${bad.one}\"\n" || v["l"] != "s1${also-bad}" {
		t.Fatalf("resolved %#v", v)
	}
}

func TestInvalidWarningFormat(t *testing.T) {
	w := Warning{Ref: "BAD-NAME", File: "/p/reyn.yaml", Line: 3, Invalid: true}
	const want = "/p/reyn.yaml:3: ${BAD-NAME} is not a valid reference (a name is letters, digits and underscores); it stays as written"
	if got := w.String(); got != want {
		t.Fatalf("String() = %q", got)
	}
	if got := w.Format(func(string) string { return "reyn.yaml" }); got != strings.Replace(want, "/p/reyn.yaml", "reyn.yaml", 1) {
		t.Fatalf("Format = %q", got)
	}
	w.Invalid = false
	if got := w.String(); got != "/p/reyn.yaml:3: ${BAD-NAME} is not defined; using an empty string" {
		t.Fatalf("undefined: %q", got)
	}
}

// Other template engines' syntax, escapes and bare $ are neither references
// nor malformed ones.
func TestNotInvalid(t *testing.T) {
	for _, value := range []string{
		`"${{ .Code }}"`,
		`"{{ .Code }} is ${{ .Code }}"`,
		`"${ .Code }"`,
		`"${ TOKEN }"`,
		`"${{TOKEN}}"`,
		`"${.Values.x}"`,
		`"${1X}"`,
		`"${#arr[@]}"`,
		`"${ unclosed"`,
		`"${{ unclosed"`,
		`"${1 unclosed"`,
		`"$$"`,
		`"$${NAME}"`,
		`"$${BAD-NAME}"`,
		`"$${"`,
		`"$$$"`, // an escape and a lone $
		`$TOKEN`,
		`$BAD-NAME`,
		`costs $5`,
		`a$`,
		`"$"`,
		`"$ {BAD-NAME}"`,
		`"{BAD-NAME}"`,
		`!env ${BAD-NAME}`,
		`!!int 7`,
	} {
		t.Run(value, func(t *testing.T) {
			c, _ := loadYAML(t, "v: "+value+"\n${BAD-KEY}: x\n")
			if refs := c.Refs(testSources); len(refs) != 0 {
				t.Errorf("refs %+v", refs)
			}
			_, rws := c.Resolve(testSources)
			_, sws := show(t, c, testSources)
			if len(rws) != 0 || len(sws) != 0 {
				t.Errorf("warnings %+v %+v", rws, sws)
			}
		})
	}
}

// The escape consumes the first two $, so the third starts a malformed one.
func TestEscapeThenInvalid(t *testing.T) {
	c, _ := loadYAML(t, `v: "$$${BAD-NAME}"`+"\n")
	refs := c.Refs(Sources{})
	if len(refs) != 1 || refs[0].Name != "BAD-NAME" || refs[0].Source != SourceInvalid {
		t.Fatalf("refs %+v", refs)
	}
	if out, _ := show(t, c, Sources{}); out != `v: "$${BAD-NAME}"`+"\n" {
		t.Fatalf("show %q", out)
	}
}

// A malformed reference in an anchor stands once in the file; one in a
// layer that a higher layer replaced is not reported.
func TestInvalidAliasAndOverride(t *testing.T) {
	c, paths := loadYAML(t, "base: &b {k: \"${BAD-1}\"}\nx: *b\ny: *b\ngone: ${BAD-2}\n", "gone: fine\n")
	want := []Ref{{Name: "BAD-1", Source: SourceInvalid, File: paths[0], Line: 1}}
	if got := c.Refs(Sources{}); !slices.Equal(got, want) {
		t.Fatalf("refs %+v", got)
	}
	if _, ws := c.Resolve(Sources{}); len(ws) != 1 || !ws[0].Invalid {
		t.Fatalf("warnings %+v", ws)
	}
}

// A malformed reference's report holds at most the first 40 bytes of
// [A-Za-z0-9_.:-] after "${": never the rest of the scalar, which may be a
// value (an unclosed "${" runs to the end of the scalar).
func TestInvalidNoLeak(t *testing.T) {
	secret := leakValue("PASTED") // LEAK-PASTED-Zq9v: all of it name-like bytes
	long := strings.Repeat("A", maxInvalidName)
	cases := []struct {
		yaml, name string
		shown      bool // the secret is part of the name
	}{
		{`"${TOKEN ` + secret + `"`, "TOKEN", false},
		{`"${TOKEN` + "\t" + secret + `"`, "TOKEN", false},
		// The boundary: name-like text within the cap is the name.
		{`"${TOKEN:` + secret + `"`, "TOKEN:" + secret, true},
		{`"${` + long + secret + `"`, long, false},
		{`"${` + long + secret + `}"`, long, false},
		{`"${A/` + secret + `}"`, "A", false},
		{`"${A=` + secret + `}"`, "A", false},
		{`"${A ` + secret + `}"`, "A", false},
		{`"${secret:` + long + `-` + secret + `}"`, ("secret:" + long)[:maxInvalidName], false},
		{`"${key` + "\u00e9" + secret + `"`, "key", false},
		{"|\n  ${TOKEN\n  " + secret + "\n  }", "TOKEN", false},
		{"|\n  ${TOKEN\n  " + secret + "\n", "TOKEN", false},
	}
	for i, tc := range cases {
		// Not named by its text: t.TempDir's path holds the test's name.
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			c, _ := loadYAML(t, "v: "+tc.yaml+"\n")
			refs := c.Refs(Sources{})
			if len(refs) != 1 || refs[0].Source != SourceInvalid || refs[0].Name != tc.name {
				t.Fatalf("refs %+v, want the name %q", refs, tc.name)
			}
			_, rws := c.Resolve(Sources{})
			_, sws := show(t, c, Sources{})
			texts := []string{fmt.Sprintf("%+v", refs[0])}
			for _, w := range append(rws, sws...) {
				texts = append(texts, w.String(), fmt.Sprintf("%+v", w))
			}
			for _, s := range texts {
				if !tc.shown && strings.Contains(s, leakMarker) {
					t.Errorf("report holds text beyond the name: %q", s)
				}
			}
			if n := refs[0].Name; len(n) > maxInvalidName || strings.IndexFunc(n, func(r rune) bool {
				return !(r == '_' || r == '.' || r == ':' || r == '-' || r >= '0' && r <= '9' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z')
			}) >= 0 {
				t.Errorf("name %q is not capped", n)
			}
		})
	}
}
