package cli

import (
	"bufio"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/reyn-cli/reyn/internal/audit"
)

var eventTypes = []string{audit.SecretSet, audit.SecretRotated, audit.SecretCleared}

func (a *app) Events(f *EventsFlags, _ []string) int {
	for _, t := range f.Type {
		if !slices.Contains(eventTypes, t) {
			return a.emit(msgErrBadEventType())
		}
	}
	since, ok := parseDate(f.Since, false)
	if !ok {
		return a.emit(msgErrBadDate("since"))
	}
	until, ok := parseDate(f.Until, true)
	if !ok {
		return a.emit(msgErrBadDate("until"))
	}
	if code := a.load(); code != 0 {
		return code
	}
	events, truncated, err := audit.Read(a.store.EventsPath())
	if err != nil {
		return a.emit(msgErrReadEvents(causeText(err)))
	}
	for _, line := range truncated {
		a.emit(msgWarnTruncatedEvent(strconv.Itoa(line)))
	}
	w := bufio.NewWriter(a.sys.Stdout)
	defer w.Flush()
	n := 0
	for _, ev := range events {
		ts, err := time.Parse(time.RFC3339, ev.TS)
		switch {
		case len(f.Type) > 0 && !slices.Contains(f.Type, ev.Type):
			continue
		case !since.IsZero() && (err != nil || ts.Before(since)):
			continue
		case !until.IsZero() && (err != nil || ts.After(until)):
			continue
		}
		n++
		if f.JSON {
			b, _ := json.Marshal(ev)
			w.Write(append(b, '\n'))
			continue
		}
		w.WriteString(ev.TS + "  " + ev.Type + strings.Repeat(" ", 14-len(ev.Type)) + "  " + ev.Data.Key + "\n")
	}
	if n == 0 && !f.JSON {
		w.Flush()
		return a.emit(msgNoEvents())
	}
	return 0
}

// parseDate reads YYYY-MM-DD (a whole day in UTC: its start, or with end its last
// instant) or an RFC 3339 time. The empty string is no bound.
func parseDate(s string, end bool) (time.Time, bool) {
	if s == "" {
		return time.Time{}, true
	}
	if d, err := time.Parse(time.DateOnly, s); err == nil {
		if end {
			d = d.Add(24*time.Hour - time.Nanosecond)
		}
		return d, true
	}
	t, err := time.Parse(time.RFC3339, s)
	return t, err == nil
}

func (a *app) EventsVerify(_ []string) int {
	if code := a.load(); code != 0 {
		return code
	}
	res, err := audit.Verify(a.store.EventsPath())
	if err != nil {
		return a.emit(msgErrReadEvents(causeText(err)))
	}
	for _, line := range res.Truncated {
		a.emit(msgWarnTruncatedEvent(strconv.Itoa(line)))
	}
	if res.Break != nil {
		return a.emit(msgErrChainBroken(strconv.Itoa(res.Break.Line), res.Break.Reason))
	}
	return a.emit(msgEventsIntact(strconv.Itoa(res.Events)))
}
