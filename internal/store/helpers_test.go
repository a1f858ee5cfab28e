package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/reyn-cli/reyn/internal/audit"
	"github.com/reyn-cli/reyn/internal/dotenv"
)

// None of these tests runs in parallel: the umask tests change a process-wide setting.

var testNow = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

func newStore(t testing.TB) (*Store, string) {
	t.Helper()
	home := t.TempDir()
	s, err := New(home)
	if err != nil {
		t.Fatal(err)
	}
	return s, home
}

// set stores key=value and records the event, as `reyn secret set` does.
func set(s *Store, key, value string) error {
	_, err := s.Update(func(d *dotenv.Doc) (bool, error) {
		d.Set(key, value)
		return true, nil
	}, func() error {
		return audit.Append(s.EventsPath(), audit.SecretSet, key, testNow, func() string { return "reyn/testhost" })
	})
	return err
}

func mustSet(t testing.TB, s *Store, key, value string) {
	t.Helper()
	if err := set(s, key, value); err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, path, content string, mode os.FileMode) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), mode); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(path, mode); err != nil { // WriteFile's mode is filtered by the umask
		t.Fatal(err)
	}
}

func readFile(t testing.TB, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func wantMode(t testing.TB, path string, want os.FileMode) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if got := fi.Mode().Perm(); got != want {
		t.Errorf("%s: mode %#o, want %#o", filepath.Base(path), got, want)
	}
}

// temps lists reyn's temporary files in dir.
func temps(t testing.TB, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

func wantNoTemps(t testing.TB, dirs ...string) {
	t.Helper()
	for _, dir := range dirs {
		if tt := temps(t, dir); len(tt) != 0 {
			t.Errorf("temporary files left in %s: %v", dir, tt)
		}
	}
}

// lookup loads the store and returns key's value.
func lookup(t testing.TB, s *Store, key string) (string, bool) {
	t.Helper()
	l, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	return l.Doc.Lookup(key)
}

// noLeak fails when an error's text holds any of the secrets or the temporary HOME.
func noLeak(t testing.TB, err error, secrets ...string) {
	t.Helper()
	if err == nil {
		return
	}
	for _, s := range secrets {
		if strings.Contains(err.Error(), s) {
			t.Errorf("error %q holds %q", err, s)
		}
	}
}

func wantReadError(t testing.TB, err error) *ReadError {
	t.Helper()
	var re *ReadError
	if !errors.As(err, &re) {
		t.Fatalf("got %T %v, want a *ReadError", err, err)
	}
	return re
}
