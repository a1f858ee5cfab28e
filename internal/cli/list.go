package cli

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
	"unicode/utf8"

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
	for i, e := range entries {
		status := "stored"
		if v, ok := a.env[e.Key]; ok {
			status = "overridden"
			if v == e.Value {
				status = "set"
			}
		}
		rows[i] = row{e.Key, status}
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
	table := [][]string{{"KEY", "STATUS"}}
	for _, r := range rows {
		table = append(table, []string{r.Key, statuses[r.Status][0]})
	}
	writeTable(w, table, 4)
	return 0
}

// writeTable writes rows[0] as the header, a rule of ─ as long as the header line, then
// the other rows; columns are two spaces apart, the first at least minFirst wide, and the
// last is not padded.
func writeTable(w io.StringWriter, rows [][]string, minFirst int) {
	widths := make([]int, len(rows[0]))
	widths[0] = minFirst
	for _, r := range rows {
		for i, cell := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(cell))
		}
	}
	line := func(r []string) string {
		var b strings.Builder
		for i, cell := range r {
			b.WriteString(cell)
			if i < len(r)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(cell)+2))
			}
		}
		return b.String()
	}
	header := line(rows[0])
	w.WriteString(header + "\n" + strings.Repeat("─", utf8.RuneCountInString(header)) + "\n")
	for _, r := range rows[1:] {
		w.WriteString(line(r) + "\n")
	}
}
