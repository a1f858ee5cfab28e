// Package tty reads a value from the terminal without echoing it.
package tty

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/signal"
	"syscall"

	"golang.org/x/term"
)

// ErrInterrupted means the user pressed Ctrl-C (or the process was told to stop) while
// the value was being typed; io.EOF that they pressed Ctrl-D on an empty line. The
// terminal's echo is back on when either is returned.
var ErrInterrupted = errors.New("interrupted")

// ReadHidden calls prompt, then reads one line from the terminal f with echo off.
//
// It does not use term.ReadPassword: that restores the terminal only when its read
// returns, and Ctrl-C kills the process before it does, leaving the user's shell without
// echo; and it reads with a raw read(2) that takes Ctrl-D on an empty line for "no
// input yet", so Ctrl-D never ends it. Here the signal is caught and the terminal is
// restored from the state saved before the read, and a zero-byte read ends the input.
func ReadHidden(f *os.File, prompt func()) (string, error) {
	fd := int(f.Fd())
	saved, err := term.GetState(fd)
	if err != nil {
		return "", err
	}
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM, syscall.SIGHUP)
	defer signal.Stop(sigs)
	if err := echoOff(fd); err != nil {
		return "", err
	}
	defer term.Restore(fd, saved)
	// The prompt comes after the handler is in place: a user who presses Ctrl-C as soon as
	// it shows must still get the terminal back.
	prompt()

	type result struct {
		line string
		err  error
	}
	done := make(chan result, 1)
	go func() {
		line, err := readLine(f)
		done <- result{line, err}
	}()
	select {
	case r := <-done:
		return r.line, r.err
	case <-sigs:
		return "", ErrInterrupted
	}
}

// readLine reads up to a newline. The terminal is in canonical mode, so each read
// returns a line the kernel has already edited (backspace works); Ctrl-D on an empty
// line reads zero bytes, which os.File reports as io.EOF.
func readLine(f *os.File) (string, error) {
	var line []byte
	buf := make([]byte, 256)
	for {
		n, err := f.Read(buf)
		line = append(line, buf[:n]...)
		if i := bytes.IndexByte(line, '\n'); i >= 0 {
			return string(bytes.TrimSuffix(line[:i], []byte{'\r'})), nil
		}
		if err == io.EOF && len(line) > 0 {
			return string(line), nil // Ctrl-D after some text ends it, as in a shell
		}
		if err != nil {
			return "", err
		}
	}
}
