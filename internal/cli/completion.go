package cli

import (
	"bufio"
	"io"

	"github.com/reyn-cli/reyn/internal/store"
)

func (a *app) Completion(args []string) int {
	script, ok := completionScripts[args[0]]
	if !ok {
		return a.emit(msgErrUnknownShell())
	}
	io.WriteString(a.sys.Stdout, script)
	return 0
}

// SecretKeys prints key names only: completion runs it on every Tab press.
func (a *app) SecretKeys(_ []string) int {
	if code := a.load(); code != 0 {
		return code
	}
	if a.loadErr != nil {
		return a.emit(msgErrRead(store.DisplayPath, a.loadErr.Error()))
	}
	w := bufio.NewWriter(a.sys.Stdout)
	for _, k := range a.loaded.Doc.Keys() {
		w.WriteString(k + "\n")
	}
	return errCode(w.Flush())
}

func errCode(err error) int {
	if err != nil {
		return 1
	}
	return 0
}
