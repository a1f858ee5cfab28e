package audit

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"strconv"
	"strings"
	"time"
)

// MaxLine bounds one line of the log (without its newline). Append writes lines of a few
// hundred bytes; a longer one is not something reyn wrote, and reading it whole could
// exhaust memory.
const MaxLine = 1 << 20

// Result is what Verify found.
type Result struct {
	Events    int    // events checked (those before the break, when there is one)
	Truncated []int  // 1-based lines that are partial appends left by a crash (not tampering)
	Break     *Break // nil when the chain is intact
}

// Break is the first place where the log is not the chain Append writes. Reason is one
// of a few fixed phrases, built from line and sequence numbers only: it never holds any
// of the line's text.
type Break struct {
	Line   int // 1-based
	Reason string
}

func (b *Break) Error() string { return "line " + strconv.Itoa(b.Line) + ": " + b.Reason }

// Break reasons that carry no number.
const (
	ReasonNotEvent   = "not a JSON event"
	ReasonTooLong    = "line too long"
	ReasonFirstPrev  = "first event has a prev"
	ReasonType       = "unknown event type"
	ReasonTime       = "ts is not an RFC 3339 UTC time"
	ReasonAgent      = "agent_id is not reyn/<host>"
	ReasonKey        = "key is empty"
	ReasonNotMasked  = "value_masked is not \"***\""
	ReasonClearValue = "a clear event has a value_masked"
	ReasonPartial    = "line without a newline is not a partial append"
)

// Verify reads the log at path and checks that it is one unbroken chain: every line is
// an event, seq starts at 1 and grows by one, the first prev is "" and every other prev is
// the hash of the line before it. The error is only for I/O; what is wrong with the log
// is Result.Break. A missing file is an intact, empty log.
//
// What the chain catches: a line edited anywhere but at the end (the next line's prev
// no longer matches, or the line is no longer an event), a deleted line (seq skips, or
// the new first line has seq > 1), swapped lines (seq), an inserted line (seq, or prev of
// the line after it), and a line appended with a wrong prev or seq.
//
// What it cannot catch, by its nature: an edit of the last line that keeps it a
// well-formed event with the right seq and prev (no later line hashes it: the key, the
// type or the time of the newest event can be changed unnoticed), the removal of whole
// lines at the end, a cut through the last line that takes its newline with it (what is
// left reads as a crash's partial line), and a log rewritten from scratch with freshly
// computed hashes, or extended with well-formed events (the chain has no key).
// Anchoring the newest hash somewhere else would be needed for those.
//
// Crash artifacts: a killed or powered-off append can leave a partial last line with no
// newline, and the next Append ends that line and links its own event to the last
// complete one, skipping it. Such a line is listed in Truncated, not reported as a break,
// when (a) it is the last line and the file does not end with a newline, or (b) it is
// not valid JSON and the line after it is a valid event whose seq and prev continue
// from the last valid event before it (the chain skips it). In both cases the line must
// also begin the way every append begins, `{"seq":N,` for the N expected there (or be a
// non-empty prefix of that), so that arbitrary text is not excused as a crash. A
// consequence of (b) asking for invalid JSON, which is what keeps an inserted event from
// passing as a crash artifact: a partial line that happens to be a complete event (an
// append cut exactly before its newline, which a single small write(2) makes all but
// impossible) is listed as truncated while it is last, but once a later append has
// skipped it, it is reported as a break, like an inserted event.
func Verify(path string) (Result, error) {
	w := walker{stopAtBreak: true}
	if err := w.run(path); err != nil {
		return Result{}, err
	}
	return Result{Events: w.events, Truncated: w.truncated, Break: w.brk}, nil
}

// Read returns the events of the log in file order, skipping a partial line that a crash
// left (reported in Truncated as 1-based line numbers, by the rules Verify documents). A
// missing file is an empty log. A line that is neither an event nor a crash artifact, or
// is longer than MaxLine, is an error (a *Break); seq and prev are not checked here:
// that is Verify's job.
func Read(path string) (events []Event, truncated []int, err error) {
	w := walker{keep: true}
	if err := w.run(path); err != nil {
		return nil, nil, err
	}
	if w.brk != nil {
		return nil, nil, w.brk
	}
	return w.kept, w.truncated, nil
}

// walker makes one pass over the log. It keeps no line: a pending bad line is kept as
// its number, its reason and whether it starts like the expected append.
type walker struct {
	keep        bool // Read: collect events; only bad lines are breaks
	stopAtBreak bool // Verify: seq and prev breaks count too

	kept      []Event
	events    int
	truncated []int
	brk       *Break

	// The chain so far: the last valid event's line, seq and hash.
	lastLine int
	lastSeq  int64
	lastHash string

	// A line that is not an event, waiting for the next line to say whether the chain
	// skips it.
	pending         int
	pendingReason   string
	pendingArtifact bool // not JSON, and starts like the append expected there
}

func (w *walker) run(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()

	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64<<10), MaxLine+1)
	unterminated := false
	sc.Split(func(data []byte, atEOF bool) (int, []byte, error) {
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			return i + 1, data[:i], nil
		}
		if atEOF && len(data) > 0 {
			unterminated = true
			return len(data), data, nil
		}
		return 0, nil, nil
	})
	n := 0
	for sc.Scan() {
		n++
		line := sc.Bytes()
		if len(line) > MaxLine {
			w.fail(n, ReasonTooLong)
			return nil
		}
		if w.line(n, line, unterminated) {
			return nil
		}
	}
	if err := sc.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			w.fail(n+1, ReasonTooLong)
			return nil
		}
		return err
	}
	if w.pending != 0 {
		// A bad line that ends with a newline and has no event after it: no append
		// leaves that (Append refuses to write after it, too).
		w.fail(w.pending, w.pendingReason)
	}
	return nil
}

// line takes line n; it reports whether the walk is over.
func (w *walker) line(n int, raw []byte, unterminated bool) (done bool) {
	ev, reason := parseEvent(raw)
	wantSeq := w.lastSeq + 1
	wantPrev := w.lastHash // "" before the first event
	if w.pending != 0 {
		// Rule (b): the chain skips a line that is not even JSON and starts like the
		// append that would have come there.
		if w.pendingArtifact && reason == "" && ev.Seq == wantSeq && ev.Prev == wantPrev {
			w.truncated = append(w.truncated, w.pending)
		} else if w.fail(w.pending, w.pendingReason) {
			return true
		}
		w.pending = 0
	}
	if unterminated {
		// Rule (a): the last line, without a newline. Append treats it as cut short and
		// links the next event past it, so it is never part of the chain.
		if startsLikeAppend(raw, wantSeq) {
			w.truncated = append(w.truncated, n)
		} else {
			w.fail(n, ReasonPartial)
		}
		return true
	}
	if reason != "" {
		w.pending, w.pendingReason = n, reason
		w.pendingArtifact = !json.Valid(raw) && startsLikeAppend(raw, wantSeq)
		return false
	}
	switch {
	case ev.Seq != wantSeq:
		reason = "seq is " + strconv.FormatInt(ev.Seq, 10) + ", want " + strconv.FormatInt(wantSeq, 10)
	case w.lastLine == 0 && ev.Prev != "":
		reason = ReasonFirstPrev
	case w.lastLine != 0 && ev.Prev != wantPrev:
		reason = "prev does not match line " + strconv.Itoa(w.lastLine)
	}
	if reason != "" {
		if w.fail(n, reason) {
			return true
		}
	} else {
		w.events++
	}
	if w.keep {
		w.kept = append(w.kept, ev)
	}
	w.lastLine, w.lastSeq, w.lastHash = n, ev.Seq, Hash(raw)
	return false
}

// fail records a break; it reports whether the walk stops. Read stops only at a line that
// is not an event; Verify at the first break of any kind.
func (w *walker) fail(n int, reason string) (stop bool) {
	bad := w.stopAtBreak || !isChainReason(reason)
	if bad && w.brk == nil {
		w.brk = &Break{Line: n, Reason: reason}
	}
	return bad
}

func isChainReason(r string) bool {
	return r == ReasonFirstPrev || strings.HasPrefix(r, "seq is ") || strings.HasPrefix(r, "prev does not match")
}

// startsLikeAppend reports whether raw is what an append of event seq writes first:
// `{"seq":<seq>,` or a non-empty prefix of it.
func startsLikeAppend(raw []byte, seq int64) bool {
	head := `{"seq":` + strconv.FormatInt(seq, 10) + `,`
	if len(raw) == 0 {
		return false
	}
	if len(raw) < len(head) {
		return head[:len(raw)] == string(raw)
	}
	return string(raw[:len(head)]) == head
}

// parseEvent decodes one line. The reason it gives for a bad line is a fixed phrase.
func parseEvent(raw []byte) (Event, string) {
	var ev Event
	if len(raw) == 0 || raw[0] != '{' {
		return ev, ReasonNotEvent
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ev); err != nil {
		return ev, ReasonNotEvent
	}
	if len(bytes.TrimLeft(raw[dec.InputOffset():], " \t\r")) != 0 {
		return ev, ReasonNotEvent
	}
	switch ev.Type {
	case SecretSet, SecretRotated:
		if ev.Data.ValueMasked != Masked {
			return ev, ReasonNotMasked
		}
	case SecretCleared:
		if ev.Data.ValueMasked != "" {
			return ev, ReasonClearValue
		}
	default:
		return ev, ReasonType
	}
	if ev.Data.Key == "" {
		return ev, ReasonKey
	}
	if ts, err := time.Parse(time.RFC3339, ev.TS); err != nil || !strings.HasSuffix(ev.TS, "Z") || ts.IsZero() {
		return ev, ReasonTime
	}
	if host, ok := strings.CutPrefix(ev.AgentID, "reyn/"); !ok || host == "" {
		return ev, ReasonAgent
	}
	return ev, ""
}
