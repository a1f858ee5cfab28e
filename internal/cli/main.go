// Package cli holds reyn's command handlers and the dispatcher that the generated wiring
// (commands.gen.go, messages.gen.go, from spec/reyn.yaml) calls.
//
// Output discipline, as in age's tui.go:
//   - data and results on stdout; errors, warnings and prompts on stderr;
//   - every line a user reads is a message declared in spec/ and rendered by a generated
//     msg* function; errors start "Error: ", warnings "Warning: ";
//   - no message ever takes a stored value: keys, file names, counts and OS causes only;
//   - handlers write only to the writers in System, never to os.Stdout, and return an
//     exit code declared in spec/.
package cli

import (
	"context"
	"errors"
	"io"
	"os"
	"runtime/debug"
	"time"

	"github.com/peterbourgon/ff/v4"
)

// System is everything reyn takes from the process it runs in, so tests can give it
// another: arguments go to Main separately.
type System struct {
	Stdin          io.Reader
	Stdout, Stderr io.Writer
	// Environ is the environment reyn was started with, before secrets.env was loaded.
	Environ []string
	// Setenv puts a stored secret into this process's environment.
	Setenv   func(key, value string) error
	Now      func() time.Time
	Hostname func() (string, error)

	// Test seams; nil in production.
	Fault     func(step string) error // fails a step of a store write
	OnMessage func(id string)         // sees every message emitted
	OnStore   func(value string)      // sees every value given to set or rotate, stored or not
}

// OS is the System of the running process.
func OS() System {
	return System{
		Stdin:    os.Stdin,
		Stdout:   os.Stdout,
		Stderr:   os.Stderr,
		Environ:  os.Environ(),
		Setenv:   os.Setenv,
		Now:      time.Now,
		Hostname: os.Hostname,
	}
}

// Main runs reyn with args (without the program name) and returns the exit code.
func Main(args []string, sys System) int {
	a := newApp(sys)
	r := &runner{app: a, specs: map[*ff.Command]*commandSpec{}}
	root := newTree(a, r)
	err := root.Parse(args)
	sel := root.GetSelected()
	spec := r.specs[sel]
	switch {
	case errors.Is(err, ff.ErrHelp):
		io.WriteString(sys.Stdout, spec.Help)
		return 0
	case errors.Is(err, ff.ErrUnknownFlag):
		// ff's error text can quote what the user typed, which may be a secret: it is
		// never shown, only classified.
		return a.usageError(msgErrUnknownFlag(spec.Path), spec)
	case err != nil:
		return a.usageError(msgErrBadFlag(spec.Path), spec)
	case sel.Exec == nil:
		// ff selects a group itself both when no subcommand follows it and when an unknown
		// word does; neither is an error to ff.
		return r.group(spec, sel.Flags.GetArgs())
	}
	if err := root.Run(context.Background()); err != nil {
		return a.usageError(msgErrBadFlag(spec.Path), spec)
	}
	return r.code
}

// version is the module version from the build info, or "devel" for a source build.
func version() string {
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "devel"
}
