package cli

import "io"

type stream int

const (
	toStdout stream = iota
	toStderr
)

// message is one rendered line of spec/; the generated msg* functions make them.
type message struct {
	ID      string
	To      stream
	Exit    int
	Newline bool
	Text    string
}

// emit writes m to its stream and returns its exit code, so a handler can end with
// `return a.emit(msgX(...))`.
func (a *app) emit(m message) int {
	w := a.sys.Stdout
	if m.To == toStderr {
		w = a.sys.Stderr
	}
	text := m.Text
	if m.Newline {
		text += "\n"
	}
	io.WriteString(w, text)
	if a.sys.OnMessage != nil {
		a.sys.OnMessage(m.ID)
	}
	return m.Exit
}
