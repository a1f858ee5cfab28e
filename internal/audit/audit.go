// Package audit appends to and reads ~/.reyn/events.jsonl, the append-only log of every
// change to secrets.env. Each line hashes the line before it, so an edited, removed,
// inserted or reordered line breaks the chain. No value, nor anything derived from one,
// is ever written here: events carry the key and the constant "***".
package audit

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"io"
	"os"
	"time"
)

// Event types.
const (
	SecretSet     = "secret_set"
	SecretRotated = "secret_rotated"
	SecretCleared = "secret_cleared"
)

// Masked is the only thing that ever stands for a value in the log.
const Masked = "***"

// Event is one line of the log; the field order is the order on disk.
type Event struct {
	Seq     int64  `json:"seq"`
	TS      string `json:"ts"`
	Type    string `json:"type"`
	AgentID string `json:"agent_id"`
	Data    Data   `json:"data"`
	Prev    string `json:"prev"`
}

// Data is an event's payload. ValueMasked is "***" for set and rotate, absent for clear.
type Data struct {
	Key         string `json:"key"`
	ValueMasked string `json:"value_masked,omitempty"`
}

// Hash is the chain link: the hex SHA-256 of a line's bytes without its newline.
func Hash(line []byte) string {
	sum := sha256.Sum256(line)
	return hex.EncodeToString(sum[:])
}

// Append writes one event of typ for key at the end of the log at path, linked to the
// last complete line. The caller holds the store's lock, so no other append interleaves.
// agent is asked for only here, so commands that write no event never look up the host.
func Append(path, typ, key string, now time.Time, agent func() string) error {
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Chmod(0o600); err != nil {
		return err
	}
	size, err := f.Seek(0, io.SeekEnd)
	if err != nil {
		return err
	}
	last, truncated, err := lastLine(f, size)
	if err != nil {
		return err
	}
	ev := Event{Seq: 1, TS: now.UTC().Format(time.RFC3339), Type: typ, AgentID: agent(), Data: Data{Key: key}}
	if typ != SecretCleared {
		ev.Data.ValueMasked = Masked
	}
	if last != nil {
		var prev Event
		if err := json.Unmarshal(last, &prev); err != nil || prev.Seq < 1 {
			return errors.New("its last complete line is not an event (run 'reyn events verify')")
		}
		ev.Seq = prev.Seq + 1
		ev.Prev = Hash(last)
	}
	line, err := json.Marshal(ev)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if truncated {
		// A crash cut the last append short: end that line so this event starts on its own.
		buf.WriteByte('\n')
	}
	buf.Write(line)
	buf.WriteByte('\n')
	if _, err := f.WriteAt(buf.Bytes(), size); err != nil {
		return err
	}
	return f.Sync()
}

// lastLine returns the last complete line of the log without its newline (nil when there
// is none) and whether the log ends in a partial line. It reads backwards from the end, so
// an append costs the same however long the log is.
func lastLine(f *os.File, size int64) (line []byte, truncated bool, err error) {
	if size == 0 {
		return nil, false, nil
	}
	const chunk = 64 << 10
	var tail []byte
	atStart := false
	// Two newlines bound the last complete line: the one that ends it and the one before
	// it, or the start of the file.
	for off := size; bytes.Count(tail, []byte{'\n'}) < 2; {
		if off == 0 {
			atStart = true
			break
		}
		n := min(int64(chunk), off)
		off -= n
		buf := make([]byte, n, n+int64(len(tail)))
		if _, err := f.ReadAt(buf, off); err != nil {
			return nil, false, err
		}
		tail = append(buf, tail...)
	}
	truncated = tail[len(tail)-1] != '\n'
	end := bytes.LastIndexByte(tail, '\n')
	if end < 0 {
		return nil, truncated, nil // only a partial line
	}
	start := bytes.LastIndexByte(tail[:end], '\n')
	if start < 0 && !atStart {
		return nil, false, errors.New("cannot find the start of the last line")
	}
	return tail[start+1 : end], truncated, nil
}
