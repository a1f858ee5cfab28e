package cli

import (
	"errors"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/reyn-cli/reyn/internal/tty"
)

// maxValue bounds a value read from standard input: a certificate chain is a few
// kilobytes, and a runaway pipe must not fill memory or the file.
const maxValue = 1 << 20

// readValue gets the value for key when the argument had no "=": a hidden prompt on a
// terminal, else the whole of standard input. A non-zero code means an error was emitted.
func (a *app) readValue(key string) (string, int) {
	if f, ok := a.sys.Stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		v, err := tty.ReadHidden(f, func() { a.emit(msgPromptValue(key)) })
		// Echo was off, so the user's Enter did not move the cursor.
		io.WriteString(a.sys.Stderr, "\n")
		switch {
		case errors.Is(err, tty.ErrInterrupted) || errors.Is(err, io.EOF):
			return "", a.emit(msgAborted())
		case err != nil:
			return "", a.emit(msgErrReadStdin(causeText(err)))
		case v == "":
			return "", a.emit(msgErrEmptyValue())
		}
		return v, 0
	}
	if a.sys.Stdin == nil {
		return "", a.emit(msgErrEmptyValue())
	}
	b, err := io.ReadAll(io.LimitReader(a.sys.Stdin, maxValue+2))
	if err == nil && a.sys.Fault != nil {
		err = a.sys.Fault("stdin")
	}
	if err != nil {
		return "", a.emit(msgErrReadStdin(causeText(err)))
	}
	v := string(b)
	// One trailing newline is the shell's (echo, a heredoc, a file's last line), not the
	// value's; a CRLF counts as one newline.
	if s, ok := strings.CutSuffix(v, "\n"); ok {
		v = strings.TrimSuffix(s, "\r")
	}
	switch {
	case len(v) > maxValue:
		return "", a.emit(msgErrValueTooLarge("1 MiB"))
	case v == "":
		return "", a.emit(msgErrEmptyValue())
	}
	return v, 0
}

// causeText is an OS error's text without the path that os wraps around it.
func causeText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
