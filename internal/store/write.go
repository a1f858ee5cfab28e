package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gofrs/flock"

	"github.com/reyn-cli/reyn/internal/dotenv"
)

// ReadError means the file could not be read or decoded before a change; nothing was
// written. WriteError means the change could not be written; the old file is untouched.
// AfterError means the change was written but the after step (the audit append) failed.
type (
	ReadError  struct{ Err error }
	WriteError struct{ Err error }
	AfterError struct{ Err error }
)

func (e *ReadError) Error() string  { return e.Err.Error() }
func (e *WriteError) Error() string { return e.Err.Error() }
func (e *AfterError) Error() string { return e.Err.Error() }
func (e *ReadError) Unwrap() error  { return e.Err }
func (e *WriteError) Unwrap() error { return e.Err }
func (e *AfterError) Unwrap() error { return e.Err }

// tempPrefix marks reyn's temporary files, so a later write can tell the ones a crash
// left behind from anything else in the directory.
const tempPrefix = ".reyn-tmp-"

// Update applies change to the current file under an exclusive lock. When change reports
// a change, the new file replaces the old one atomically and after runs, still under the
// lock, so the audit log's order is the file's order. When it reports none, nothing is
// written and after does not run.
func (s *Store) Update(change func(*dotenv.Doc) (bool, error), after func() error) (changed bool, err error) {
	if err := s.ensureDir(); err != nil {
		return false, &WriteError{err}
	}
	if err := s.fault("lock"); err != nil {
		return false, &WriteError{err}
	}
	lock := flock.New(s.lockPath(), flock.SetPermissions(0o600))
	if err := lock.Lock(); err != nil {
		return false, &WriteError{cause(err)}
	}
	defer lock.Unlock()

	target, err := s.target()
	if err != nil {
		return false, &ReadError{err}
	}
	doc, err := readDoc(target)
	if err != nil {
		return false, &ReadError{err}
	}
	changed, err = change(doc)
	if err != nil || !changed {
		return false, err
	}
	if err := s.replace(target, doc.Bytes()); err != nil {
		return false, &WriteError{err}
	}
	if after != nil {
		if err := after(); err != nil {
			return true, &AfterError{err}
		}
	}
	return true, nil
}

func (s *Store) ensureDir() error {
	err := os.Mkdir(s.Dir, 0o700)
	if err == nil {
		// Mkdir's mode is filtered by the umask; the promise is 0700 exactly.
		return cause(os.Chmod(s.Dir, 0o700))
	}
	if errors.Is(err, fs.ErrExist) {
		fi, err := os.Stat(s.Dir)
		if err != nil {
			return cause(err)
		}
		if !fi.IsDir() {
			return errors.New("~/.reyn is not a directory")
		}
		return nil
	}
	return cause(err)
}

// target is the file to replace: secrets.env itself, or where it links to, so that a
// dotfile manager's symbolic link survives the write.
func (s *Store) target() (string, error) {
	p := s.Path()
	for range 40 {
		fi, err := os.Lstat(p)
		if errors.Is(err, fs.ErrNotExist) || (err == nil && fi.Mode()&fs.ModeSymlink == 0) {
			return p, nil
		}
		if err != nil {
			return "", cause(err)
		}
		dest, err := os.Readlink(p)
		if err != nil {
			return "", cause(err)
		}
		if !filepath.IsAbs(dest) {
			// Relative to the directory the link really is in: ~/.reyn may be a link too,
			// and joining to its unresolved path would write somewhere reyn never reads.
			dir, err := filepath.EvalSymlinks(filepath.Dir(p))
			if err != nil {
				return "", cause(err)
			}
			dest = filepath.Join(dir, dest)
		}
		p = dest
	}
	return "", errors.New("too many levels of symbolic links")
}

func readDoc(path string) (*dotenv.Doc, error) {
	fi, err := os.Stat(path)
	if errors.Is(err, fs.ErrNotExist) {
		doc, _, _ := dotenv.Parse(nil)
		return doc, nil
	}
	if err != nil {
		return nil, cause(err)
	}
	if err := checkRegular(fi); err != nil {
		return nil, err
	}
	src, err := readBounded(path)
	if err != nil {
		return nil, err
	}
	// Warnings were shown by the startup load; a file that cannot be decoded must not be
	// overwritten with an encoding of what little could be read.
	doc, _, err := dotenv.Parse(src)
	return doc, err
}

// replace writes data to a new 0600 file beside target, syncs it and renames it over
// target, then syncs the directory: a crash leaves the old file or the new one.
func (s *Store) replace(target string, data []byte) (err error) {
	dir := filepath.Dir(target)
	removeStaleTemps(dir)
	if err := s.fault("temp"); err != nil {
		return err
	}
	// CreateTemp opens with O_EXCL and mode 0600, so the file is never wider, even before
	// the Chmod that makes it exactly 0600 under a restrictive umask.
	f, err := os.CreateTemp(dir, tempPrefix+"*")
	if err != nil {
		return cause(err)
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if err := f.Chmod(0o600); err != nil {
		return cause(err)
	}
	if err := s.fault("write"); err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		return cause(err)
	}
	if err := s.fault("sync"); err != nil {
		return err
	}
	if err := f.Sync(); err != nil {
		return cause(err)
	}
	if err := f.Close(); err != nil {
		return cause(err)
	}
	if err := s.fault("rename"); err != nil {
		return err
	}
	if err := os.Rename(tmp, target); err != nil {
		return cause(err)
	}
	syncDir(dir)
	return nil
}

// syncDir makes the rename durable. It is best effort: once the rename is done the new
// file is in place, and some file systems cannot sync a directory at all.
func syncDir(dir string) {
	if d, err := os.Open(dir); err == nil {
		d.Sync()
		d.Close()
	}
}

// removeStaleTemps deletes temporary files that a killed writer left. It runs under the
// lock, so no live writer owns one.
func removeStaleTemps(dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), tempPrefix) && e.Type().IsRegular() {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
}

func (s *Store) fault(step string) error {
	if s.Fault == nil {
		return nil
	}
	return s.Fault(step)
}
