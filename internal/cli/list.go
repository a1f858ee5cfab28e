package cli

import (
	"bufio"
	"encoding/json"
	"strings"

	"github.com/reyn-cli/reyn/internal/store"
)

// The statuses of list: the table's words and --json's.
var statuses = map[string][2]string{
	"set":        {"set", "set"},
	"stored":     {"stored (not yet in env)", "stored"},
	"overridden": {"overridden by environment", "overridden"},
}

func (a *app) SecretList(f *SecretListFlags, _ []string) int {
	if code := a.load(); code != 0 {
		return code
	}
	if a.loadErr != nil {
		return a.emit(msgErrRead(store.DisplayPath, a.loadErr.Error()))
	}
	entries := a.loaded.Doc.Entries()
	type row struct {
		Key    string `json:"key"`
		Status string `json:"status"`
	}
	rows := make([]row, len(entries))
	width := len("KEY")
	for i, e := range entries {
		status := "stored"
		if v, ok := a.env[e.Key]; ok {
			status = "overridden"
			if v == e.Value {
				status = "set"
			}
		}
		rows[i] = row{e.Key, status}
		width = max(width, len(e.Key))
	}
	w := bufio.NewWriter(a.sys.Stdout)
	defer w.Flush()
	if f.JSON {
		for i := range rows {
			rows[i].Status = statuses[rows[i].Status][1]
		}
		if rows == nil {
			rows = []row{}
		}
		b, _ := json.Marshal(rows)
		w.Write(append(b, '\n'))
		return 0
	}
	if len(rows) == 0 {
		w.Flush()
		return a.emit(msgNoSecrets())
	}
	width = max(width, 4)
	header := pad("KEY", width) + "  STATUS"
	w.WriteString(header + "\n" + strings.Repeat("─", len(header)) + "\n")
	for _, r := range rows {
		w.WriteString(pad(r.Key, width) + "  " + statuses[r.Status][0] + "\n")
	}
	return 0
}

func pad(s string, width int) string {
	return s + strings.Repeat(" ", width-len(s))
}
