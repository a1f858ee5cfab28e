// Package store owns ~/.reyn/secrets.env on disk: where it is, how it is read at startup,
// and how it is changed. Every change is locked, atomic and 0600 from creation, and a
// failed change leaves the old file as it was.
package store

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/reyn-cli/reyn/internal/dotenv"
)

// DisplayPath is how messages name the file, whatever HOME is.
const DisplayPath = "~/.reyn/secrets.env"

// MaxFileSize bounds what is read into memory: a secrets file this large is a mistake
// (a log or a binary in its place), and reading it whole could exhaust memory.
const MaxFileSize = 64 << 20

// ErrNoHome is returned by New when HOME is empty.
var ErrNoHome = errors.New("HOME is not set")

// Store is the ~/.reyn directory of one user.
type Store struct {
	Dir string

	// Fault, when set, is asked before each step of a write ("lock", "temp", "write",
	// "sync", "rename") and an error it returns fails that step. Only tests set
	// it: the sandbox runs as root, where permission bits alone cannot make a write fail.
	Fault func(step string) error
}

// New returns the store under home.
func New(home string) (*Store, error) {
	if home == "" {
		return nil, ErrNoHome
	}
	return &Store{Dir: filepath.Join(home, ".reyn")}, nil
}

// Path is the secrets file; EventsPath the audit log; lockPath the file that serialises
// writers. The lock is a file of its own because secrets.env is replaced on every write.
func (s *Store) Path() string       { return filepath.Join(s.Dir, "secrets.env") }
func (s *Store) EventsPath() string { return filepath.Join(s.Dir, "events.jsonl") }
func (s *Store) lockPath() string   { return filepath.Join(s.Dir, ".lock") }

// Loaded is the file as read at startup.
type Loaded struct {
	Doc      *dotenv.Doc
	Warnings []dotenv.Warning
	// FixedMode is the mode the file had when it was readable by group or others and was
	// narrowed to 0600; FixedDirMode likewise for ~/.reyn and 0700. Zero otherwise.
	FixedMode, FixedDirMode fs.FileMode
}

// Load reads the file for a command. A missing file (or directory) is an empty store.
func (s *Store) Load() (*Loaded, error) {
	l := &Loaded{}
	// Others who can list or enter ~/.reyn see which files exist and, with a wide file
	// mode, read them; the directory is narrowed like the file.
	if di, err := os.Stat(s.Dir); err == nil && di.IsDir() && di.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(s.Dir, 0o700); err == nil {
			l.FixedDirMode = di.Mode().Perm()
		}
	}
	fi, err := os.Stat(s.Path())
	if errors.Is(err, fs.ErrNotExist) {
		l.Doc, _, _ = dotenv.Parse(nil)
		return l, nil
	}
	if err != nil {
		return nil, cause(err)
	}
	if err := checkRegular(fi); err != nil {
		return nil, err
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		if err := os.Chmod(s.Path(), 0o600); err != nil {
			return nil, cause(err)
		}
		l.FixedMode = perm
	}
	src, err := readBounded(s.Path())
	if err != nil {
		return nil, err
	}
	doc, warns, err := dotenv.Parse(src)
	if err != nil {
		return nil, err
	}
	l.Doc, l.Warnings = doc, warns
	return l, nil
}

func checkRegular(fi fs.FileInfo) error {
	switch {
	case fi.IsDir():
		return errors.New("it is a directory")
	case !fi.Mode().IsRegular():
		return errors.New("it is not a regular file")
	case fi.Size() > MaxFileSize:
		return fmt.Errorf("it is larger than %d MiB", MaxFileSize>>20)
	}
	return nil
}

// readBounded reads at most MaxFileSize bytes: the size checked by Stat may grow before
// the read, and a FIFO or device has no size at all.
func readBounded(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, cause(err)
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxFileSize+1))
	if err != nil {
		return nil, cause(err)
	}
	if len(b) > MaxFileSize {
		return nil, fmt.Errorf("it is larger than %d MiB", MaxFileSize>>20)
	}
	return b, nil
}

// cause strips the path from an *fs.PathError: messages already name the file as
// ~/.reyn/secrets.env, and the absolute path adds nothing but the user's HOME.
func cause(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return le.Err
	}
	return err
}
