package cli

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"strconv"

	"github.com/reyn-cli/reyn/internal/config"
	"github.com/reyn-cli/reyn/internal/mask"
	"github.com/reyn-cli/reyn/internal/store"
)

func (a *app) ConfigShow(_ []string) int {
	cfg, display, code := a.loadConfig()
	if code != 0 {
		return code
	}
	src := a.configSources()
	m := mask.Compile(mask.Patterns(a.maskedValues()))
	src.Redact = func(s string) string { return string(m.Replace([]byte(s))) }
	out, warns, err := cfg.Show(src)
	if err != nil {
		return a.emit(msgErrConfig("config", err.Error()))
	}
	a.warnRefs(warns, display)
	a.sys.Stdout.Write(out)
	return 0
}

func (a *app) ConfigRefs(f *ConfigRefsFlags, _ []string) int {
	cfg, display, code := a.loadConfig()
	if code != 0 {
		return code
	}
	refs := cfg.Refs(a.configSources())
	type row struct {
		Name   string `json:"name"`
		Source string `json:"source"`
		File   string `json:"file"`
		Line   int    `json:"line"`
	}
	rows := make([]row, len(refs))
	bad := 0
	for i, r := range refs {
		rows[i] = row{r.Name, r.Source, display(r.File), r.Line}
		if r.Source == config.SourceUndefined || r.Source == config.SourceInvalid {
			bad++
		}
	}
	w := bufio.NewWriter(a.sys.Stdout)
	switch {
	case f.JSON:
		b, _ := json.Marshal(rows)
		w.Write(append(b, '\n'))
	case len(rows) == 0:
		w.Flush()
		a.emit(msgNoRefs())
	default:
		table := [][]string{{"NAME", "SOURCE", "WHERE"}}
		for _, r := range rows {
			table = append(table, []string{r.Name, r.Source, r.File + ":" + strconv.Itoa(r.Line)})
		}
		writeTable(w, table, 0)
	}
	w.Flush()
	if f.Strict && bad > 0 {
		return a.emit(msgErrStrictUndefined(strconv.Itoa(bad), strconv.Itoa(len(rows))))
	}
	return 0
}

// loadConfig runs the startup load, then reads and merges the config layers.
func (a *app) loadConfig() (*config.Config, func(string) string, int) {
	if code := a.load(); code != 0 {
		return nil, nil, code
	}
	if a.loadErr != nil {
		a.emit(msgWarnUnreadable(store.DisplayPath, a.loadErr.Error()))
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, nil, a.emit(msgErrConfig(".", causeText(err)))
	}
	home := a.env["HOME"]
	display := config.DisplayPath(home, wd)
	cfg, err := config.Load(config.FindLayers(home, wd))
	var fe *config.FileError
	if errors.As(err, &fe) {
		where := display(fe.File)
		if fe.Line > 0 {
			where += ":" + strconv.Itoa(fe.Line)
		}
		return nil, nil, a.emit(msgErrConfig(where, fe.Reason))
	}
	if err != nil {
		return nil, nil, a.emit(msgErrConfig("config", causeText(err)))
	}
	return cfg, display, 0
}

// configSources: ${VAR} looks in the environment reyn started with, then in secrets.env
// (the startup load's order); ${secret:KEY} only in secrets.env.
func (a *app) configSources() config.Sources {
	src := config.Sources{Env: func(k string) (string, bool) { v, ok := a.env[k]; return v, ok }}
	if a.loaded != nil {
		src.Secrets = a.loaded.Doc.Lookup
	}
	return src
}

func (a *app) warnRefs(warns []config.Warning, display func(string) string) {
	for _, w := range warns {
		where, ref := display(w.File)+":"+strconv.Itoa(w.Line), "${"+w.Ref+"}"
		if w.Invalid {
			a.emit(msgWarnInvalidRef(where, ref))
		} else {
			a.emit(msgWarnUndefinedRef(where, ref))
		}
	}
}
