package config

import (
	"os"
	"path/filepath"
	"testing"
)

func lookupMap(m map[string]string) Lookup {
	return func(name string) (string, bool) {
		v, ok := m[name]
		return v, ok
	}
}

func writeFile(t testing.TB, path, content string) string {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// loadYAML loads each content as its own layer file, lowest first.
func loadYAML(t testing.TB, contents ...string) (*Config, []string) {
	t.Helper()
	dir := t.TempDir()
	var paths []string
	for i, c := range contents {
		paths = append(paths, writeFile(t, filepath.Join(dir, "layer"+string(rune('0'+i))+".yaml"), c))
	}
	c, err := Load(paths)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	return c, paths
}

func show(t testing.TB, c *Config, src Sources) (string, []Warning) {
	t.Helper()
	out, ws, err := c.Show(src)
	if err != nil {
		t.Fatalf("Show: %v", err)
	}
	return string(out), ws
}
