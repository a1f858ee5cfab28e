package audit

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

var t0 = time.Date(2026, 12, 3, 10, 0, 0, 0, time.UTC)

func host() string { return "reyn/testhost" }

func TestAppendChains(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	for i, typ := range []string{SecretSet, SecretRotated, SecretCleared} {
		if err := Append(path, typ, "K", t0.Add(time.Duration(i)*time.Second), host); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 3 {
		t.Fatalf("got %d lines", len(lines))
	}
	want0 := `{"seq":1,"ts":"2026-12-03T10:00:00Z","type":"secret_set","agent_id":"reyn/testhost","data":{"key":"K","value_masked":"***"},"prev":""}`
	if lines[0] != want0 {
		t.Errorf("line 1:\n got %s\nwant %s", lines[0], want0)
	}
	if !strings.Contains(lines[2], `"data":{"key":"K"}`) {
		t.Errorf("a clear event carries only the key: %s", lines[2])
	}
	for i := 1; i < 3; i++ {
		var ev Event
		if err := json.Unmarshal([]byte(lines[i]), &ev); err != nil {
			t.Fatal(err)
		}
		if ev.Seq != int64(i+1) || ev.Prev != Hash([]byte(lines[i-1])) {
			t.Errorf("line %d: seq %d prev %s", i+1, ev.Seq, ev.Prev)
		}
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("mode %v", fi.Mode().Perm())
	}
}

// A crash mid-append leaves a partial last line: the next event starts on a line of its
// own and links to the last complete line.
func TestAppendAfterTruncatedLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	if err := Append(path, SecretSet, "A", t0, host); err != nil {
		t.Fatal(err)
	}
	first, _ := os.ReadFile(path)
	f, _ := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	f.WriteString(`{"seq":2,"ts":"2026`)
	f.Close()
	if err := Append(path, SecretSet, "B", t0, host); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	if len(lines) != 3 || lines[1] != `{"seq":2,"ts":"2026` {
		t.Fatalf("lines: %q", lines)
	}
	var ev Event
	json.Unmarshal([]byte(lines[2]), &ev)
	if ev.Seq != 2 || ev.Prev != Hash(bytes.TrimSuffix(first, []byte("\n"))) {
		t.Errorf("event after truncation: %+v", ev)
	}
}

func TestAppendOnlyPartialLine(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	os.WriteFile(path, []byte(`{"seq":1`), 0o600)
	if err := Append(path, SecretSet, "A", t0, host); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	if !strings.HasPrefix(string(b), "{\"seq\":1\n{\"seq\":1,") {
		t.Errorf("got %q", b)
	}
}

func TestAppendLongLog(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	// 100 lines of about 2 KB: the log spans several of lastLine's 64 KiB chunks, so the
	// backward read crosses chunk boundaries, without syncing thousands of appends.
	for i := 0; i < 100; i++ {
		if err := Append(path, SecretSet, strings.Repeat("K", 2000), t0, host); err != nil {
			t.Fatal(err)
		}
	}
	b, _ := os.ReadFile(path)
	lines := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	var ev Event
	json.Unmarshal([]byte(lines[len(lines)-1]), &ev)
	if ev.Seq != 100 || ev.Prev != Hash([]byte(lines[len(lines)-2])) {
		t.Errorf("last event %+v", ev)
	}
}

func TestAppendRefusesGarbageTail(t *testing.T) {
	path := filepath.Join(t.TempDir(), "events.jsonl")
	os.WriteFile(path, []byte("not json\n"), 0o600)
	if err := Append(path, SecretSet, "A", t0, host); err == nil {
		t.Fatal("appended after a line that is not an event")
	}
}
