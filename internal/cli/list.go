package cli

import (
	"bufio"
	"encoding/json"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/reyn-cli/reyn/internal/store"
)

type status int

const (
	statusStored status = iota
	statusSet
	statusOverridden
)

// The statuses of list: the table's words, and --json's.
var (
	statusText = [...]string{"stored (not yet in env)", "set", "overridden by environment"}
	statusJSON = [...]string{"stored", "set", "overridden"}
)

func (a *app) SecretList(f *SecretListFlags, _ []string) int {
	if code := a.load(); code != 0 {
		return code
	}
	if a.loadErr != nil {
		return a.emit(msgErrRead(store.DisplayPath, a.loadErr.Error()))
	}
	entries := a.entries
	statuses := make([]status, len(entries))
	for i, e := range entries {
		if v, ok := a.env[e.Key]; ok {
			statuses[i] = statusOverridden
			if v == e.Value {
				statuses[i] = statusSet
			}
		}
	}
	w := bufio.NewWriter(a.sys.Stdout)
	defer w.Flush()
	if f.JSON {
		type row struct {
			Key    string `json:"key"`
			Status string `json:"status"`
		}
		rows := make([]row, len(entries))
		for i, e := range entries {
			rows[i] = row{e.Key, statusJSON[statuses[i]]}
		}
		b, _ := json.Marshal(rows)
		w.Write(append(b, '\n'))
		return 0
	}
	if len(entries) == 0 {
		w.Flush()
		return a.emit(msgNoSecrets())
	}
	// One backing array for every cell: a large file lists in a few allocations.
	cells := make([]string, 0, 2*(len(entries)+1))
	cells = append(cells, "KEY", "STATUS")
	for i, e := range entries {
		cells = append(cells, e.Key, statusText[statuses[i]])
	}
	table := make([][]string, len(entries)+1)
	for i := range table {
		table[i] = cells[2*i : 2*i+2]
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
	spaces := strings.Repeat(" ", slices.Max(widths)+2)
	line := func(r []string) {
		for i, cell := range r {
			w.WriteString(cell)
			if i < len(r)-1 {
				w.WriteString(spaces[:widths[i]-utf8.RuneCountInString(cell)+2])
			} else {
				w.WriteString("\n")
			}
		}
	}
	line(rows[0])
	headerWidth := len(widths)*2 - 2 + utf8.RuneCountInString(rows[0][len(rows[0])-1])
	for _, wd := range widths[:len(widths)-1] {
		headerWidth += wd
	}
	w.WriteString(strings.Repeat("─", headerWidth) + "\n")
	for _, r := range rows[1:] {
		line(r)
	}
}
