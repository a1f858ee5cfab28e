package audit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

// secretKey is the key every event of these tests names. No break reason may hold it: a
// reason never quotes the line.
const secretKey = "ZZSECRETKEYZZ"

// appendLog builds a log of n events with Append and returns its path and lines.
func appendLog(t testing.TB, n int) (string, [][]byte) {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.jsonl")
	types := []string{SecretSet, SecretRotated, SecretCleared}
	for i := range n {
		if err := Append(path, types[i%3], secretKey, t0.Add(time.Duration(i)*time.Second), host); err != nil {
			t.Fatal(err)
		}
	}
	return path, readLines(t, path)
}

func readLines(t testing.TB, path string) [][]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
}

// writeLines writes lines, each ended by a newline.
func writeLines(t testing.TB, path string, lines [][]byte) {
	t.Helper()
	var buf bytes.Buffer
	for _, l := range lines {
		buf.Write(l)
		buf.WriteByte('\n')
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
}

// event marshals an event the way Append does.
func event(t testing.TB, seq int64, prev []byte) []byte {
	t.Helper()
	ev := Event{Seq: seq, TS: "2026-12-03T10:00:00Z", Type: SecretSet, AgentID: "reyn/forger",
		Data: Data{Key: secretKey, ValueMasked: Masked}}
	if prev != nil {
		ev.Prev = Hash(prev)
	}
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func verify(t *testing.T, path string) Result {
	t.Helper()
	res, err := Verify(path)
	if err != nil {
		t.Fatal(err)
	}
	if res.Break != nil && strings.Contains(res.Break.Reason+res.Break.Error(), secretKey) {
		t.Fatalf("a break reason quotes the line: %q", res.Break.Reason)
	}
	return res
}

func wantIntact(t *testing.T, res Result, events int, truncated ...int) {
	t.Helper()
	if res.Break != nil {
		t.Fatalf("break at line %d: %s", res.Break.Line, res.Break.Reason)
	}
	if res.Events != events || !slices.Equal(res.Truncated, truncated) {
		t.Fatalf("events %d truncated %v, want %d %v", res.Events, res.Truncated, events, truncated)
	}
}

func wantBreak(t *testing.T, res Result, line int, reason string) {
	t.Helper()
	if res.Break == nil {
		t.Fatalf("no break (events %d, truncated %v); want line %d: %s", res.Events, res.Truncated, line, reason)
	}
	if res.Break.Line != line || res.Break.Reason != reason {
		t.Fatalf("break at line %d: %s; want line %d: %s", res.Break.Line, res.Break.Reason, line, reason)
	}
}

func TestVerifyIntact(t *testing.T) {
	path, _ := appendLog(t, 5)
	wantIntact(t, verify(t, path), 5)
	evs, trunc, err := Read(path)
	if err != nil || trunc != nil || len(evs) != 5 {
		t.Fatalf("Read: %d events, truncated %v, err %v", len(evs), trunc, err)
	}
	for i, ev := range evs {
		if ev.Seq != int64(i+1) || ev.Data.Key != secretKey {
			t.Errorf("event %d: %+v", i, ev)
		}
	}
	if evs[2].Type != SecretCleared || evs[2].Data.ValueMasked != "" || evs[1].Data.ValueMasked != Masked {
		t.Errorf("events: %+v", evs)
	}
}

func TestVerifyMissingAndEmpty(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "events.jsonl")
	wantIntact(t, verify(t, missing), 0)
	if evs, trunc, err := Read(missing); evs != nil || trunc != nil || err != nil {
		t.Fatalf("Read of a missing log: %v %v %v", evs, trunc, err)
	}
	os.WriteFile(missing, nil, 0o600)
	wantIntact(t, verify(t, missing), 0)
}

func TestVerifyIOError(t *testing.T) {
	// A directory in place of the log cannot be read: that is an error, not a break.
	if _, err := Verify(t.TempDir()); err == nil {
		t.Fatal("no error for a directory")
	}
}

// Any byte changed anywhere but in the last line breaks the chain: the next line's prev
// no longer matches, or the line stops being an event, or lines merge.
func TestVerifyEditedByte(t *testing.T) {
	path, lines := appendLog(t, 4)
	orig, _ := os.ReadFile(path)
	lastStart := len(orig) - len(lines[3]) - 1
	for i := range lastStart {
		b := bytes.Clone(orig)
		b[i] ^= 0x01
		os.WriteFile(path, b, 0o600)
		res := verify(t, path)
		if res.Break == nil {
			t.Fatalf("byte %d (%q -> %q) changed: no break", i, orig[i], b[i])
		}
		line := bytes.Count(orig[:i], []byte("\n")) + 1
		if res.Break.Line < line {
			t.Fatalf("byte %d of line %d changed: break at line %d: %s", i, line, res.Break.Line, res.Break.Reason)
		}
	}
}

func TestVerifyEditedLineReasons(t *testing.T) {
	path, lines := appendLog(t, 4)

	// Still an event: the next line's prev tells.
	edited := slices.Clone(lines)
	edited[1] = bytes.Replace(lines[1], []byte(secretKey), []byte("OTHERKEY12345"), 1)
	writeLines(t, path, edited)
	wantBreak(t, verify(t, path), 3, "prev does not match line 2")

	// No longer JSON.
	edited[1] = bytes.Replace(lines[1], []byte(`"seq":2,`), []byte(`"seq":2;`), 1)
	writeLines(t, path, edited)
	wantBreak(t, verify(t, path), 2, ReasonNotEvent)
	if _, _, err := Read(path); err == nil {
		t.Fatal("Read accepted a line that is not an event")
	} else if b := new(Break); !errors.As(err, &b) || b.Line != 2 {
		t.Fatalf("Read: %v", err)
	}
}

// The limitation the doc comment states: no later line hashes the last one, so an edit
// that keeps it a well-formed event goes unnoticed; one that does not is caught.
func TestVerifyEditedLastLine(t *testing.T) {
	path, lines := appendLog(t, 4)
	edited := slices.Clone(lines)
	edited[3] = bytes.Replace(lines[3], []byte(secretKey), []byte("OTHERKEY12345"), 1)
	writeLines(t, path, edited)
	wantIntact(t, verify(t, path), 4) // undetectable by a hash chain alone

	for _, c := range []struct{ from, to, reason string }{
		{`"seq":4,`, `"seq":7,`, "seq is 7, want 4"},
		{`"seq":4,`, `"seq":4;`, ReasonNotEvent},
		{`"prev":"`, `"prev":"0`, "prev does not match line 3"},
		{`"type":"secret_set"`, `"type":"secret_sat"`, ReasonType},
		{`"value_masked":"***"`, `"value_masked":"hunter2"`, ReasonNotMasked},
		{`"ts":"2026-12-03T10:00:03Z"`, `"ts":"yesterday"`, ReasonTime},
		{`"ts":"2026-12-03T10:00:03Z"`, `"ts":"2026-12-03T10:00:03+01:00"`, ReasonTime},
		{`"agent_id":"reyn/testhost"`, `"agent_id":"someone"`, ReasonAgent},
		{`"key":"` + secretKey + `"`, `"key":""`, ReasonKey},
		{`"prev":`, `"value":"hunter2","prev":`, ReasonNotEvent},
		{`}`, `}}`, ReasonNotEvent},
	} {
		edited[3] = bytes.Replace(lines[3], []byte(c.from), []byte(c.to), 1)
		if bytes.Equal(edited[3], lines[3]) {
			t.Fatalf("%s not in %s", c.from, lines[3])
		}
		writeLines(t, path, edited)
		wantBreak(t, verify(t, path), 4, c.reason)
	}

	// A clear event carries no value_masked.
	cleared := slices.Clone(lines[:3])
	cleared[2] = bytes.Replace(lines[2], []byte(`"key":"`+secretKey+`"`), []byte(`"key":"`+secretKey+`","value_masked":"***"`), 1)
	writeLines(t, path, cleared)
	wantBreak(t, verify(t, path), 3, ReasonClearValue)
}

func TestVerifyDeletedLine(t *testing.T) {
	path, lines := appendLog(t, 5)
	writeLines(t, path, slices.Delete(slices.Clone(lines), 0, 1))
	wantBreak(t, verify(t, path), 1, "seq is 2, want 1")
	writeLines(t, path, slices.Delete(slices.Clone(lines), 2, 3))
	wantBreak(t, verify(t, path), 3, "seq is 4, want 3")
	// Removing lines at the end is the other limitation of a chain.
	writeLines(t, path, lines[:4])
	wantIntact(t, verify(t, path), 4)
}

func TestVerifySwappedLines(t *testing.T) {
	path, lines := appendLog(t, 5)
	for _, c := range []struct {
		i, j, line int
		reason     string
	}{
		{0, 1, 1, "seq is 2, want 1"},
		{1, 2, 2, "seq is 3, want 2"},
		{3, 4, 4, "seq is 5, want 4"},
		{0, 4, 1, "seq is 5, want 1"},
	} {
		sw := slices.Clone(lines)
		sw[c.i], sw[c.j] = sw[c.j], sw[c.i]
		writeLines(t, path, sw)
		wantBreak(t, verify(t, path), c.line, c.reason)
	}
}

func TestVerifyInsertedLine(t *testing.T) {
	path, lines := appendLog(t, 4)
	insert := func(at int, l []byte) {
		writeLines(t, path, slices.Insert(slices.Clone(lines), at, l))
	}
	// A copy of an existing line.
	insert(2, lines[1])
	wantBreak(t, verify(t, path), 3, "seq is 2, want 3")
	// A forged event that fits where it stands: the line after it gives it away.
	insert(2, event(t, 3, lines[1]))
	wantBreak(t, verify(t, path), 4, "seq is 3, want 4")
	// A forged event with a fitting seq but the wrong prev.
	insert(2, event(t, 3, lines[0]))
	wantBreak(t, verify(t, path), 3, "prev does not match line 2")
	// A first event.
	insert(0, event(t, 1, nil))
	wantBreak(t, verify(t, path), 2, "seq is 1, want 2")
	// Text that is not an event, though the chain goes on after it.
	insert(2, []byte("hello"))
	wantBreak(t, verify(t, path), 3, ReasonNotEvent)
	insert(2, nil)
	wantBreak(t, verify(t, path), 3, ReasonNotEvent)
	insert(2, []byte("null"))
	wantBreak(t, verify(t, path), 3, ReasonNotEvent)
	// A complete event that the chain skips is an inserted one, even one that starts like
	// the append expected there.
	insert(2, bytes.Replace(lines[2], []byte(secretKey), []byte("OTHERKEY12345"), 1))
	wantBreak(t, verify(t, path), 4, "seq is 3, want 4")
	// A line at the end that is not an event.
	insert(4, []byte("hello"))
	wantBreak(t, verify(t, path), 5, ReasonNotEvent)
}

func TestVerifyAppendedForgery(t *testing.T) {
	path, lines := appendLog(t, 4)
	app := func(l []byte) { writeLines(t, path, append(slices.Clone(lines), l)) }
	app(event(t, 5, lines[2]))
	wantBreak(t, verify(t, path), 5, "prev does not match line 4")
	app(event(t, 5, nil))
	wantBreak(t, verify(t, path), 5, "prev does not match line 4")
	app(event(t, 6, lines[3]))
	wantBreak(t, verify(t, path), 5, "seq is 6, want 5")
	app([]byte(`{"seq":5,"ts":"2026-12-03T10:00:00Z"}`))
	wantBreak(t, verify(t, path), 5, ReasonType)
	// An event with the right seq and prev: anyone can extend the chain (it has no key).
	app(event(t, 5, lines[3]))
	wantIntact(t, verify(t, path), 5)
}

func TestVerifyFirstEventHasPrev(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	first := event(t, 1, []byte("something before"))
	writeLines(t, path, [][]byte{first, event(t, 2, first)})
	wantBreak(t, verify(t, path), 1, ReasonFirstPrev)
}

// A crash mid-append leaves a partial line; Append ends it and links past it. Verify
// lists it as truncated, before and after that recovery, and Read skips it.
func TestVerifyTruncatedRecovery(t *testing.T) {
	path, _ := appendLog(t, 2)
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"seq":3,"ts":"2026-12-03T1`)
	f.Close()
	wantIntact(t, verify(t, path), 2, 3)
	if evs, trunc, err := Read(path); err != nil || len(evs) != 2 || !slices.Equal(trunc, []int{3}) {
		t.Fatalf("Read: %d events, truncated %v, err %v", len(evs), trunc, err)
	}

	for i := range 2 {
		if err := Append(path, SecretSet, secretKey, t0, host); err != nil {
			t.Fatal(err)
		}
		wantIntact(t, verify(t, path), 3+i, 3)
	}
	evs, trunc, err := Read(path)
	if err != nil || !slices.Equal(trunc, []int{3}) || len(evs) != 4 {
		t.Fatalf("Read: %d events, truncated %v, err %v", len(evs), trunc, err)
	}
	for i, ev := range evs {
		if ev.Seq != int64(i+1) {
			t.Errorf("event %d has seq %d", i, ev.Seq)
		}
	}

	// A second crash later on.
	f, _ = os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"se`)
	f.Close()
	wantIntact(t, verify(t, path), 4, 3, 6)
	Append(path, SecretCleared, secretKey, t0, host)
	wantIntact(t, verify(t, path), 5, 3, 6)
}

func TestVerifyTruncatedFirstLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	os.WriteFile(path, []byte(`{"seq":1`), 0o600)
	wantIntact(t, verify(t, path), 0, 1)
	if err := Append(path, SecretSet, secretKey, t0, host); err != nil {
		t.Fatal(err)
	}
	wantIntact(t, verify(t, path), 1, 1)
}

// Only what an append writes first passes as a crash artifact.
func TestVerifyPartialLineMustLookLikeAppend(t *testing.T) {
	path, lines := appendLog(t, 3)
	orig, _ := os.ReadFile(path)
	for _, tail := range []string{"{", `{"seq":4`, `{"seq":4,"ts":"20`, string(event(t, 4, lines[2]))} {
		os.WriteFile(path, append(bytes.Clone(orig), tail...), 0o600)
		wantIntact(t, verify(t, path), 3, 4)
	}
	for _, tail := range []string{"hello", `{"seq":3,`, `{"seq":44,`, `{ "seq":4,`} {
		os.WriteFile(path, append(bytes.Clone(orig), tail...), 0o600)
		wantBreak(t, verify(t, path), 4, ReasonPartial)
		if _, _, err := Read(path); err == nil {
			t.Errorf("Read accepted a partial line %q", tail)
		}
	}
	// The same in the middle, after a recovery skipped it.
	for _, tc := range []struct {
		partial string
		ok      bool
	}{{`{"seq":4,"ts`, true}, {`{"seq":5,"ts`, false}, {`garbage`, false}} {
		os.WriteFile(path, append(bytes.Clone(orig), tc.partial...), 0o600)
		if err := Append(path, SecretSet, secretKey, t0, host); err != nil {
			t.Fatal(err)
		}
		if res := verify(t, path); tc.ok {
			wantIntact(t, res, 4, 4)
		} else {
			wantBreak(t, res, 4, ReasonNotEvent)
		}
	}
	// Dropping the last newline makes the last event a partial line: that is what Append
	// will make of it, too.
	os.WriteFile(path, bytes.TrimSuffix(orig, []byte("\n")), 0o600)
	wantIntact(t, verify(t, path), 2, 3)
}

func TestVerifyLineTooLong(t *testing.T) {
	path, lines := appendLog(t, 2)
	long := bytes.Repeat([]byte("x"), MaxLine+1)
	writeLines(t, path, [][]byte{lines[0], long, lines[1]})
	wantBreak(t, verify(t, path), 2, ReasonTooLong)
	if _, _, err := Read(path); err == nil || err.Error() != "line 2: line too long" {
		t.Fatalf("Read: %v", err)
	}
	// Exactly MaxLine is read (and is then not an event).
	writeLines(t, path, [][]byte{lines[0], long[:MaxLine], lines[1]})
	wantBreak(t, verify(t, path), 2, ReasonNotEvent)
	// A long key is fine.
	path = filepath.Join(t.TempDir(), "events.jsonl")
	Append(path, SecretSet, strings.Repeat("K", 200<<10), t0, host)
	Append(path, SecretSet, "K", t0, host)
	wantIntact(t, verify(t, path), 2)
}

// Read reports lines that are not events as errors, but leaves chain checks to Verify.
func TestReadIgnoresChain(t *testing.T) {
	path, lines := appendLog(t, 4)
	sw := slices.Clone(lines)
	sw[1], sw[2] = sw[2], sw[1]
	writeLines(t, path, sw)
	evs, _, err := Read(path)
	if err != nil || len(evs) != 4 || evs[1].Seq != 3 {
		t.Fatalf("Read: %v, %v", evs, err)
	}
}

// chainLines builds a log of n events in memory, as Append would write them.
func chainLines(t testing.TB, n int) []byte {
	var buf bytes.Buffer
	var prev []byte
	for i := range n {
		line := event(t, int64(i+1), prev)
		buf.Write(line)
		buf.WriteByte('\n')
		prev = line
	}
	return buf.Bytes()
}

func TestChainLinesMatchAppend(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	for range 3 {
		Append(path, SecretSet, secretKey, t0, func() string { return "reyn/forger" })
	}
	got, _ := os.ReadFile(path)
	if want := chainLines(t, 3); !bytes.Equal(got, want) {
		t.Fatalf("Append wrote\n%s\nthe test builds\n%s", got, want)
	}
}

// A 100k-line log verifies in one pass (linear; no timing is asserted).
func TestVerifyLargeLog(t *testing.T) {
	n := 100_000
	if testing.Short() {
		n = 10_000
	}
	path := filepath.Join(t.TempDir(), "events.jsonl")
	os.WriteFile(path, chainLines(t, n), 0o600)
	start := time.Now()
	wantIntact(t, verify(t, path), n)
	t.Logf("Verify of %d lines: %v", n, time.Since(start))
	evs, _, err := Read(path)
	if err != nil || len(evs) != n {
		t.Fatalf("Read: %d events, %v", len(evs), err)
	}
}

func BenchmarkVerify(b *testing.B) {
	for _, n := range []int{1_000, 100_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			path := filepath.Join(b.TempDir(), "events.jsonl")
			data := chainLines(b, n)
			os.WriteFile(path, data, 0o600)
			b.SetBytes(int64(len(data)))
			b.ReportAllocs()
			for b.Loop() {
				res, err := Verify(path)
				if err != nil || res.Break != nil || res.Events != n {
					b.Fatal(res, err)
				}
			}
		})
	}
}
