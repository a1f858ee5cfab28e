// Package tty reads a value from the terminal without echoing it.
package tty

import (
	"errors"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// ErrInterrupted means the user pressed Ctrl-C (or the process was told to stop) while
// the value was being typed. The terminal's echo is back on when it is returned.
var ErrInterrupted = errors.New("interrupted")

// ReadHidden calls prompt, then reads one line from the terminal f with echo off. term.ReadPassword restores
// the terminal only when the read returns, and Ctrl-C kills the process before it does,
// leaving the user's shell without echo; so the signal is caught here and the terminal is
// restored from the state saved before the read.
func ReadHidden(f *os.File, prompt func()) (string, error) {
	fd := int(f.Fd())
	saved, err := term.GetState(fd)
	if err != nil {
		return "", err
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	// The prompt comes after the handler is in place: a user who presses Ctrl-C as soon as
	// it shows must still get the terminal back.
	prompt()

	type result struct {
		b   []byte
		err error
	}
	done := make(chan result, 1)
	go func() {
		b, err := term.ReadPassword(fd)
		done <- result{b, err}
	}()
	select {
	case r := <-done:
		return string(r.b), r.err
	case <-sigs:
		term.Restore(fd, saved)
		return "", ErrInterrupted
	}
}
