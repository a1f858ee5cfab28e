// Package child runs a command on reyn's behalf the way a shell would: signals that reyn
// receives are passed on, and the command's fate becomes reyn's exit status.
package child

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"os/signal"
	"syscall"
	"time"
)

// Exit statuses that a shell uses when it cannot run a command.
const (
	NotFound    = 127
	NotRunnable = 126
)

// StartError means the command never ran; Code is NotFound or NotRunnable.
type StartError struct {
	Code int
	Err  error
}

func (e *StartError) Error() string { return e.Err.Error() }
func (e *StartError) Unwrap() error { return e.Err }

// Spec is what to run and with which streams. A nil stream is /dev/null.
type Spec struct {
	Args           []string
	Env            []string
	Stdin          io.Reader
	Stdout, Stderr io.Writer
}

const waitDelay = 500 * time.Millisecond

// forwarded are the signals a user or a supervisor sends to stop a run: the command must
// get them, and reyn must outlive the command to report its status.
var forwarded = []os.Signal{os.Interrupt, syscall.SIGTERM, syscall.SIGHUP}

// Run runs the command and returns its exit status: its exit code, or 128+N when signal N
// killed it. A command that could not start yields a *StartError.
func Run(s Spec) (int, error) {
	path, err := exec.LookPath(s.Args[0])
	if err != nil {
		code := NotFound
		if errors.Is(err, fs.ErrPermission) {
			code = NotRunnable
		}
		return code, &StartError{code, cause(err)}
	}
	cmd := exec.Command(path, s.Args[1:]...)
	cmd.Args[0] = s.Args[0]
	cmd.Env = s.Env
	cmd.Stdin, cmd.Stdout, cmd.Stderr = s.Stdin, s.Stdout, s.Stderr
	// When a stream is not a file, exec copies it through a pipe and Wait waits for the
	// pipe to close; a daemon the command left in the background holds it open. Once the
	// command itself has exited, its output is given this long, then the pipes close.
	cmd.WaitDelay = waitDelay

	sigs := make(chan os.Signal, 4)
	signal.Notify(sigs, forwarded...)
	defer signal.Stop(sigs)

	if err := cmd.Start(); err != nil {
		code := NotRunnable
		if errors.Is(err, fs.ErrNotExist) {
			code = NotFound
		}
		return code, &StartError{code, cause(err)}
	}
	done := make(chan struct{})
	go func() {
		for {
			select {
			case sig := <-sigs:
				cmd.Process.Signal(sig)
			case <-done:
				return
			}
		}
	}()
	err = cmd.Wait()
	close(done)
	var ee *exec.ExitError
	switch {
	case err == nil || errors.Is(err, exec.ErrWaitDelay):
		return 0, nil
	case errors.As(err, &ee):
		if ws, ok := ee.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
			return 128 + int(ws.Signal()), nil
		}
		return ee.ExitCode(), nil
	}
	// The command ran but copying its output failed (reyn's own stdout closed): the
	// command's status is unknown, which is an I/O error of reyn's.
	return 1, err
}

// cause drops the path and the program name that exec and os wrap around an error: the
// caller names the command itself.
func cause(err error) error {
	var ee *exec.Error
	if errors.As(err, &ee) {
		err = ee.Err
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	return err
}
