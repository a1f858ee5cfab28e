package cli

import (
	"errors"

	"github.com/reyn-cli/reyn/internal/child"
	"github.com/reyn-cli/reyn/internal/mask"
	"github.com/reyn-cli/reyn/internal/store"
)

func (a *app) SecretExec(f *SecretExecFlags, args []string) int {
	if code := a.load(); code != 0 {
		return code
	}
	if a.loadErr != nil {
		a.emit(msgWarnUnreadable(store.DisplayPath, a.loadErr.Error()))
	}
	spec := child.Spec{Args: args, Env: a.childEnv(), Stdin: a.sys.Stdin, Stdout: a.sys.Stdout, Stderr: a.sys.Stderr}
	var masks []*mask.Writer
	if !f.NoMask {
		m := mask.Compile(mask.Patterns(a.maskedValues()))
		out, errw := m.NewWriter(a.sys.Stdout), m.NewWriter(a.sys.Stderr)
		spec.Stdout, spec.Stderr = out, errw
		masks = []*mask.Writer{out, errw}
	}
	code, err := child.Run(spec)
	for _, m := range masks {
		m.Close()
	}
	var se *child.StartError
	switch {
	case errors.As(err, &se) && se.Code == child.NotFound:
		return a.emit(msgErrCommandNotFound(args[0]))
	case errors.As(err, &se):
		return a.emit(msgErrCommandNotRunnable(args[0], se.Err.Error()))
	}
	return code
}

// childEnv is reyn's environment after the startup load: what it started with, plus each
// stored key that the environment did not hold.
func (a *app) childEnv() []string {
	env := append([]string(nil), a.sys.Environ...)
	if a.loaded == nil {
		return env
	}
	for _, e := range a.entries {
		if _, set := a.env[e.Key]; !set {
			env = append(env, e.Key+"="+e.Value)
		}
	}
	return env
}

// maskedValues are the values to hide: every stored value, and for a stored key that
// the shell overrides, the shell's value too, since the command gets that one instead.
func (a *app) maskedValues() []string {
	values := make([]string, 0, len(a.entries))
	for _, e := range a.entries {
		values = append(values, e.Value)
		if v, ok := a.env[e.Key]; ok && v != e.Value {
			values = append(values, v)
		}
	}
	return values
}
