package store

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/reyn-cli/reyn/internal/dotenv"
)

// withUmask runs f under umask mask and restores the old one.
func withUmask(t *testing.T, mask int, f func()) {
	old := syscall.Umask(mask)
	defer syscall.Umask(old)
	f()
}

// Modes are exactly 0700 and 0600 whatever the umask: a permissive one does not widen
// them, a restrictive one does not narrow what must stay usable.
func TestModesUnderUmask(t *testing.T) {
	for _, mask := range []int{0, 0o077, 0o022} {
		t.Run(fmt.Sprintf("umask%03o", mask), func(t *testing.T) {
			s, _ := newStore(t)
			withUmask(t, mask, func() {
				mustSet(t, s, "A", "1")
				wantMode(t, s.Dir, 0o700)
				wantMode(t, s.Path(), 0o600)
				wantMode(t, s.EventsPath(), 0o600)
				wantMode(t, s.lockPath(), 0o600)

				// A file made wider by hand is replaced by a 0600 one on the next write.
				os.Chmod(s.Path(), 0o666)
				os.Chmod(s.EventsPath(), 0o644)
				mustSet(t, s, "B", "2")
				wantMode(t, s.Path(), 0o600)
				wantMode(t, s.EventsPath(), 0o600)
				wantNoTemps(t, s.Dir)
			})
		})
	}
}

// Load narrows a file that group or others can read, and says what it was.
func TestLoadFixesMode(t *testing.T) {
	s, _ := newStore(t)
	writeFile(t, s.Path(), "A=1\n", 0o644)
	l, err := s.Load()
	if err != nil {
		t.Fatal(err)
	}
	if l.FixedMode != 0o644 {
		t.Errorf("FixedMode %#o", l.FixedMode)
	}
	wantMode(t, s.Path(), 0o600)
	if l, _ := s.Load(); l.FixedMode != 0 {
		t.Errorf("FixedMode %#o on a 0600 file", l.FixedMode)
	}
}

func TestLoadMissing(t *testing.T) {
	s, _ := newStore(t)
	l, err := s.Load()
	if err != nil || l.Doc == nil || l.Doc.Len() != 0 {
		t.Fatalf("Load of a missing file: %+v %v", l, err)
	}
	if _, err := os.Stat(s.Dir); !errors.Is(err, fs.ErrNotExist) {
		t.Error("Load created ~/.reyn")
	}
}

func TestNewNoHome(t *testing.T) {
	if _, err := New(""); !errors.Is(err, ErrNoHome) {
		t.Fatal(err)
	}
}

func TestSymlink(t *testing.T) {
	for _, tc := range []struct {
		name string
		link func(home string) string // returns the link's content
	}{
		{"relative", func(home string) string { return "../dotfiles/secrets.env" }},
		{"absolute", func(home string) string { return filepath.Join(home, "dotfiles", "secrets.env") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, home := newStore(t)
			os.Mkdir(s.Dir, 0o700)
			target := filepath.Join(home, "dotfiles", "secrets.env")
			writeFile(t, target, "# mine\nA=1\n", 0o644)
			dest := tc.link(home)
			if err := os.Symlink(dest, s.Path()); err != nil {
				t.Fatal(err)
			}
			// A temp file a crash left beside the target is the target directory's.
			writeFile(t, filepath.Join(home, "dotfiles", tempPrefix+"123"), "B=old\n", 0o600)

			mustSet(t, s, "B", "2")

			if got, err := os.Readlink(s.Path()); err != nil || got != dest {
				t.Fatalf("link now %q, %v; want %q", got, err, dest)
			}
			if got := readFile(t, target); got != "# mine\nA=1\nB=2\n" {
				t.Errorf("target holds %q", got)
			}
			wantMode(t, target, 0o600)
			wantNoTemps(t, s.Dir, filepath.Dir(target))
			if v, ok := lookup(t, s, "B"); !ok || v != "2" {
				t.Errorf("Load through the link: %q %v", v, ok)
			}
		})
	}
}

// ~/.reyn itself a link (a dotfile manager linking the folder), holding a relative link:
// the relative path counts from where the link really is, as the OS resolves it.
func TestSymlinkInLinkedDir(t *testing.T) {
	home := t.TempDir()
	real := filepath.Join(home, "elsewhere", "reyn")
	os.MkdirAll(real, 0o700)
	if err := os.Symlink(real, filepath.Join(home, ".reyn")); err != nil {
		t.Fatal(err)
	}
	target := filepath.Join(home, "elsewhere", "dotfiles", "secrets.env")
	writeFile(t, target, "A=1\n", 0o600)
	if err := os.Symlink("../dotfiles/secrets.env", filepath.Join(real, "secrets.env")); err != nil {
		t.Fatal(err)
	}
	os.Mkdir(filepath.Join(home, "dotfiles"), 0o700) // the wrong place, were .. taken literally
	s, err := New(home)
	if err != nil {
		t.Fatal(err)
	}
	mustSet(t, s, "B", "2")
	if got := readFile(t, target); got != "A=1\nB=2\n" {
		t.Errorf("target holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(home, "dotfiles", "secrets.env")); err == nil {
		t.Errorf("the secret was written beside HOME, where reyn never reads")
	}
}

// A chain of links is followed to the file; a dangling link gets its target created.
func TestSymlinkChainAndDangling(t *testing.T) {
	s, home := newStore(t)
	os.Mkdir(s.Dir, 0o700)
	target := filepath.Join(home, "real", "secrets.env")
	writeFile(t, target, "A=1\n", 0o600)
	os.Symlink("real/secrets.env", filepath.Join(home, "dotfiles-link"))
	os.Symlink("../dotfiles-link", s.Path())
	mustSet(t, s, "B", "2")
	if got := readFile(t, target); got != "A=1\nB=2\n" {
		t.Errorf("target holds %q", got)
	}
	if fi, _ := os.Lstat(filepath.Join(home, "dotfiles-link")); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the middle link was replaced")
	}

	s2, home2 := newStore(t)
	os.MkdirAll(filepath.Join(home2, "dotfiles"), 0o700)
	os.Mkdir(s2.Dir, 0o700)
	os.Symlink("../dotfiles/secrets.env", s2.Path())
	mustSet(t, s2, "A", "1")
	dangling := filepath.Join(home2, "dotfiles", "secrets.env")
	if got := readFile(t, dangling); got != "A=1\n" {
		t.Errorf("target holds %q", got)
	}
	wantMode(t, dangling, 0o600)
	if fi, _ := os.Lstat(s2.Path()); fi.Mode()&fs.ModeSymlink == 0 {
		t.Error("the link was replaced")
	}

	// A loop is an error, not a hang.
	s3, _ := newStore(t)
	os.Mkdir(s3.Dir, 0o700)
	os.Symlink("secrets.env", s3.Path())
	wantReadError(t, set(s3, "A", "1"))
}

func TestStaleTempsRemoved(t *testing.T) {
	s, _ := newStore(t)
	mustSet(t, s, "A", "1")
	stale := filepath.Join(s.Dir, tempPrefix+"4242")
	writeFile(t, stale, "A=stale\n", 0o600)
	os.Mkdir(filepath.Join(s.Dir, tempPrefix+"dir"), 0o700) // not a regular file: kept
	writeFile(t, filepath.Join(s.Dir, "notes.txt"), "x", 0o600)

	mustSet(t, s, "B", "2")
	if _, err := os.Stat(stale); !errors.Is(err, fs.ErrNotExist) {
		t.Error("stale temp file still there")
	}
	for _, keep := range []string{tempPrefix + "dir", "notes.txt", "secrets.env", "events.jsonl", ".lock"} {
		if _, err := os.Lstat(filepath.Join(s.Dir, keep)); err != nil {
			t.Errorf("%s: %v", keep, err)
		}
	}
}

var errInjected = errors.New("injected fault")

// A fault at any step leaves the old file byte for byte, no temp file, and no event.
func TestFaultLeavesOldFile(t *testing.T) {
	for _, step := range []string{"lock", "temp", "write", "sync", "rename"} {
		t.Run(step, func(t *testing.T) {
			s, _ := newStore(t)
			mustSet(t, s, "A", "old-value")
			before := readFile(t, s.Path())
			events := readFile(t, s.EventsPath())
			fiBefore, _ := os.Stat(s.Path())

			var asked []string
			s.Fault = func(st string) error {
				asked = append(asked, st)
				if st == step {
					return errInjected
				}
				return nil
			}
			afterRan := false
			changed, err := s.Update(func(d *dotenv.Doc) (bool, error) {
				d.Set("A", "new-value")
				return true, nil
			}, func() error { afterRan = true; return nil })

			var we *WriteError
			if !errors.As(err, &we) || !errors.Is(err, errInjected) || changed {
				t.Fatalf("changed %v, err %T %v", changed, err, err)
			}
			if asked[len(asked)-1] != step {
				t.Errorf("steps asked: %v", asked)
			}
			noLeak(t, err, "old-value", "new-value")
			if afterRan {
				t.Error("after ran")
			}
			if got := readFile(t, s.Path()); got != before {
				t.Errorf("file now %q, was %q", got, before)
			}
			if fi, _ := os.Stat(s.Path()); !os.SameFile(fi, fiBefore) {
				t.Error("file replaced")
			}
			if got := readFile(t, s.EventsPath()); got != events {
				t.Error("an event was written")
			}
			wantMode(t, s.Path(), 0o600)
			wantNoTemps(t, s.Dir)

			// The lock was released: the next write goes through.
			s.Fault = nil
			mustSet(t, s, "A", "new-value")
			if v, _ := lookup(t, s, "A"); v != "new-value" {
				t.Error("write after the fault failed")
			}
		})
	}
}

// The steps are asked in the order the doc of Store.Fault lists them.
func TestFaultStepOrder(t *testing.T) {
	s, _ := newStore(t)
	var asked []string
	s.Fault = func(st string) error { asked = append(asked, st); return nil }
	mustSet(t, s, "A", "1")
	if got := strings.Join(asked, ","); got != "lock,temp,write,sync,rename" {
		t.Errorf("steps %s", got)
	}
}

// A change that reports none writes nothing: same file, same mtime, no event.
func TestNoOpChange(t *testing.T) {
	s, _ := newStore(t)
	mustSet(t, s, "A", "1")
	old := time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)
	os.Chtimes(s.Path(), old, old)
	fiBefore, _ := os.Stat(s.Path())
	events := readFile(t, s.EventsPath())

	afterRan := false
	changed, err := s.Update(func(d *dotenv.Doc) (bool, error) {
		return d.Delete("MISSING"), nil
	}, func() error { afterRan = true; return nil })
	if changed || err != nil || afterRan {
		t.Fatalf("changed %v err %v after %v", changed, err, afterRan)
	}
	fi, _ := os.Stat(s.Path())
	if !fi.ModTime().Equal(old) || !os.SameFile(fi, fiBefore) {
		t.Errorf("file touched: mtime %v", fi.ModTime())
	}
	if readFile(t, s.EventsPath()) != events {
		t.Error("an event was written")
	}

	// An error from change is returned as it is and writes nothing either.
	boom := errors.New("boom")
	changed, err = s.Update(func(d *dotenv.Doc) (bool, error) {
		d.Set("A", "2")
		return true, boom
	}, func() error { afterRan = true; return nil })
	if changed || err != boom || afterRan {
		t.Fatalf("changed %v err %v after %v", changed, err, afterRan)
	}
	if fi, _ := os.Stat(s.Path()); !fi.ModTime().Equal(old) {
		t.Error("file touched")
	}
	wantNoTemps(t, s.Dir)
}

func TestAfterError(t *testing.T) {
	s, _ := newStore(t)
	changed, err := s.Update(func(d *dotenv.Doc) (bool, error) {
		d.Set("A", "1")
		return true, nil
	}, func() error { return errInjected })
	var ae *AfterError
	if !changed || !errors.As(err, &ae) || !errors.Is(err, errInjected) {
		t.Fatalf("changed %v err %v", changed, err)
	}
	if v, _ := lookup(t, s, "A"); v != "1" {
		t.Error("the change was not kept")
	}
}

func TestDirectoryInPlaceOfFile(t *testing.T) {
	s, home := newStore(t)
	os.MkdirAll(s.Path(), 0o700)
	err := set(s, "A", "1")
	re := wantReadError(t, err)
	if re.Error() != "it is a directory" {
		t.Errorf("error %q", re)
	}
	noLeak(t, err, home)
	if _, err := s.Load(); err == nil || strings.Contains(err.Error(), home) {
		t.Errorf("Load: %v", err)
	}
	if fi, _ := os.Stat(s.Path()); !fi.IsDir() {
		t.Error("directory replaced")
	}
	wantNoTemps(t, s.Dir)
	if _, err := os.Stat(s.EventsPath()); !errors.Is(err, fs.ErrNotExist) {
		t.Error("an event was written")
	}
}

func TestFIFOInPlaceOfFile(t *testing.T) {
	s, _ := newStore(t)
	os.Mkdir(s.Dir, 0o700)
	if err := syscall.Mkfifo(s.Path(), 0o600); err != nil {
		t.Skip("mkfifo:", err)
	}
	// Neither may open it: opening a FIFO for reading blocks until a writer comes.
	wantReadError(t, set(s, "A", "1"))
	if _, err := s.Load(); err == nil {
		t.Error("Load read a FIFO")
	}
}

func TestFileTooLarge(t *testing.T) {
	s, _ := newStore(t)
	os.Mkdir(s.Dir, 0o700)
	f, err := os.OpenFile(s.Path(), os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	f.WriteString("A=secret-in-big-file\n")
	if err := f.Truncate(MaxFileSize + 1); err != nil { // sparse: costs no disk
		t.Fatal(err)
	}
	f.Close()

	err = set(s, "B", "2")
	re := wantReadError(t, err)
	if !strings.Contains(re.Error(), "larger than 64 MiB") {
		t.Errorf("error %q", re)
	}
	noLeak(t, err, "secret-in-big-file")
	if _, err := s.Load(); err == nil {
		t.Error("Load read a file over MaxFileSize")
	}
	if fi, _ := os.Stat(s.Path()); fi.Size() != MaxFileSize+1 {
		t.Errorf("size now %d", fi.Size())
	}
	wantNoTemps(t, s.Dir)
}

func TestUTF16File(t *testing.T) {
	s, _ := newStore(t)
	content := "\xff\xfeA\x00=\x00s\x00e\x00c\x00r\x00e\x00t\x00\n\x00"
	writeFile(t, s.Path(), content, 0o600)
	os.Chmod(s.Dir, 0o700)

	err := set(s, "B", "2")
	wantReadError(t, err)
	if !errors.Is(err, dotenv.ErrUTF16) {
		t.Errorf("error %v", err)
	}
	noLeak(t, err, "s\x00e\x00c", "secret")
	if _, err := s.Load(); !errors.Is(err, dotenv.ErrUTF16) {
		t.Errorf("Load: %v", err)
	}
	if got := readFile(t, s.Path()); !bytes.Equal([]byte(got), []byte(content)) {
		t.Error("the UTF-16 file was changed")
	}
	wantNoTemps(t, s.Dir)
}

func TestDotReynNotADirectory(t *testing.T) {
	s, _ := newStore(t)
	writeFile(t, s.Dir, "x", 0o600)
	var we *WriteError
	if err := set(s, "A", "1"); !errors.As(err, &we) {
		t.Fatalf("got %v", err)
	}
}
