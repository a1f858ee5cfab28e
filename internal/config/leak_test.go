package config

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
)

// leakValue is what every lookup returns: distinctive enough that finding
// it, or its name-independent marker, anywhere displayable is a leak.
func leakValue(name string) string { return "LEAK-" + name + "-Zq9v" }

const leakMarker = "-Zq9v"

func leakLookup(name string) (string, bool) {
	if strings.HasPrefix(name, "MISSING") {
		return "", false
	}
	return leakValue(name), true
}

func TestNoValueLeaks(t *testing.T) {
	src := Sources{Env: leakLookup, Secrets: leakLookup}
	c, _, _, _ := realWorld(t)
	extra, _ := loadYAML(t, `a: "${MISSING_A} ${secret:MISSING_B} ${X}$$ ${secret:Y}"
list: ["${Z}", "${MISSING_C}"]
block: |
  ${X}
  ${MISSING_D}
`)
	for name, cfg := range map[string]*Config{"realWorld": c, "extra": extra} {
		out, ws, err := cfg.Show(src)
		if err != nil {
			t.Fatal(err)
		}
		var texts []string
		texts = append(texts, string(out))
		for _, w := range ws {
			texts = append(texts, w.String(), fmt.Sprintf("%+v", w))
		}
		_, rws := cfg.Resolve(src)
		for _, w := range rws {
			texts = append(texts, w.String())
		}
		for _, r := range cfg.Refs(src) {
			texts = append(texts, fmt.Sprintf("%+v", r))
		}
		for _, s := range texts {
			if strings.Contains(s, leakMarker) {
				t.Errorf("%s: value in output: %q", name, s)
			}
		}
		if name == "extra" && len(ws) != 4 {
			t.Errorf("extra: %d warnings, want 4", len(ws))
		}
		// The values were looked up: Resolve's tree, and only it, holds them.
		root, _ := cfg.Resolve(src)
		var all map[string]any
		if err := root.Decode(&all); err != nil || !strings.Contains(fmt.Sprint(all), leakMarker) {
			t.Errorf("%s: Resolve lacks the values: %v", name, err)
		}
	}
}

// A value pasted into a config file by mistake must not come back in the
// parse error either.
func TestNoValueLeaksInErrors(t *testing.T) {
	secret := leakValue("PASTED")
	for _, content := range []string{
		"token: *" + secret + "\n",
		"token: !!int " + secret + "\nbad: [\n",
		"token: \"" + secret + "\\q\"\n",
		"token: " + secret + "\n  nested: x\n",
		secret + ": 1\n" + secret + ": 2\n",
		"- " + secret + "\n",
		"a: &" + secret + " [*" + secret + "]\n",
		"token: '" + secret + "\n",
	} {
		path := writeFile(t, filepath.Join(t.TempDir(), "reyn.yaml"), content)
		_, err := Load([]string{path})
		var fe *FileError
		if !errors.As(err, &fe) {
			t.Fatalf("%q: err = %v", content, err)
		}
		if strings.Contains(err.Error(), leakMarker) || strings.Contains(fe.Reason, "LEAK") {
			t.Errorf("error leaks: %s", err)
		}
	}
}
