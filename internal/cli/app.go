package cli

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/reyn-cli/reyn/internal/dotenv"
	"github.com/reyn-cli/reyn/internal/store"
)

// app implements the generated handlers interface.
type app struct {
	sys System
	// env is the environment reyn was started with, before the startup load: list's
	// statuses are judged against it, and its values win over the file's.
	env map[string]string

	store  *store.Store
	loaded *store.Loaded
	// entries are loaded.Doc's effective entries, computed once.
	entries []dotenv.Entry
	// loadCode is the exit code of a failed load (no HOME); loadErr a file that could not
	// be read, which each command reports in its own way.
	loadCode int
	loadErr  error
	didLoad  bool
}

func newApp(sys System) *app {
	env := make(map[string]string, len(sys.Environ))
	for _, kv := range sys.Environ {
		if k, v, ok := strings.Cut(kv, "="); ok && k != "" {
			if _, dup := env[k]; !dup {
				env[k] = v
			}
		}
	}
	return &app{sys: sys, env: env}
}

// load is the startup load: it reads secrets.env once and puts every entry that the
// environment does not already hold into this process's environment. Commands call it
// first; help, version and usage errors never touch the file. A non-zero result is an
// exit code: there is no HOME to find the file in.
func (a *app) load() int {
	if a.didLoad {
		return a.loadCode
	}
	a.didLoad = true
	st, err := store.New(a.env["HOME"])
	if err != nil {
		a.loadCode = a.emit(msgErrNoHome())
		return a.loadCode
	}
	st.Fault = a.sys.Fault
	a.store = st
	l, err := st.Load()
	if err != nil {
		a.loadErr = err
		return 0
	}
	a.loaded = l
	if l.FixedDirMode != 0 {
		a.emit(msgWarnDirPerms(fmt.Sprintf("%04o", l.FixedDirMode)))
	}
	if l.FixedMode != 0 {
		a.emit(msgWarnPerms(store.DisplayPath, fmt.Sprintf("%04o", l.FixedMode)))
	}
	for _, w := range l.Warnings {
		a.emit(msgWarnBadLine(store.DisplayPath, strconv.Itoa(w.Line), w.Reason))
	}
	a.entries = l.Doc.Entries()
	for _, e := range a.entries {
		if _, set := a.env[e.Key]; !set {
			a.sys.Setenv(e.Key, e.Value)
		}
	}
	return 0
}

func (a *app) Root(f *RootFlags, args []string) int {
	if f.Version {
		return a.emit(msgVersion(version()))
	}
	r := runner{app: a}
	return r.group(specReyn, args)
}
