package cli

import (
	"io"

	"github.com/peterbourgon/ff/v4"
)

// runner is what the generated wiring calls back into: it checks the positional arguments
// against spec/ before a handler runs, and keeps the handler's exit code.
type runner struct {
	app   *app
	specs map[*ff.Command]*commandSpec
	code  int
}

func (r *runner) run(spec *commandSpec, args []string, handler func() int) error {
	switch {
	case spec.Group && len(args) > 0:
		r.code = r.group(spec, args)
	case len(args) < spec.MinArgs:
		r.code = r.app.usageError(msgErrMissingArgs(spec.Path, spec.ArgsName), spec)
	case spec.MaxArgs >= 0 && len(args) > spec.MaxArgs:
		// The extra words are not echoed: a value with spaces typed without quotes
		// arrives here as several arguments.
		r.code = r.app.usageError(msgErrTooManyArgs(spec.Path), spec)
	default:
		r.code = handler()
	}
	return nil
}

// group handles a command that only holds subcommands: a missing subcommand prints its
// help, an unknown one an error, both on stderr. The unknown word is not echoed, since a
// pasted secret in the wrong place would otherwise be printed back.
func (r *runner) group(spec *commandSpec, args []string) int {
	if len(args) > 0 {
		return r.app.usageError(msgErrUnknownCommand(spec.Path), spec)
	}
	code := r.app.emit(msgErrMissingCommand(spec.Path))
	io.WriteString(r.app.sys.Stderr, "\n"+spec.Help)
	return code
}

// usageError reports m, then how to use the command, on stderr.
func (a *app) usageError(m message, spec *commandSpec) int {
	code := a.emit(m)
	a.emit(msgUsage(spec.Usage))
	a.emit(msgUsageHint(spec.Path))
	return code
}
