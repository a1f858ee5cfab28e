// Package dotenv reads and edits reyn's secrets file without losing a byte.
//
// A Doc is the file cut into spans: one per line, except that a quoted value
// spanning several lines is one span, and a leading UTF-8 byte-order mark is a
// span of its own so that editing the first entry never drops it. Each span
// keeps its exact bytes, so Bytes returns the input unchanged until an edit,
// and an edit rewrites only the spans of the key it touches.
//
// Values are secrets: no error, warning or panic of this package ever holds
// any part of the file's text.
package dotenv

import (
	"errors"
	"strconv"
	"strings"
)

// ErrUTF16 and ErrBinary are the only errors Parse returns: every other
// defect is a skipped line with a Warning, so one typo never locks a user out
// of the rest of the file.
var (
	ErrUTF16  = errors.New("file is UTF-16 encoded; save it as UTF-8")
	ErrBinary = errors.New("file holds a NUL byte (binary data?)")
)

// Warning reasons. They are constants so that no caller can be tempted to
// build one from the line's text, and so that a caller can tell which
// defects make edits non-local (see Doc.Set).
const (
	ReasonNoEquals             = "no '=' after the key"
	ReasonInvalidKey           = "invalid key"
	ReasonUnterminatedDouble   = "unterminated double quote"
	ReasonUnterminatedSingle   = "unterminated single quote"
	ReasonUnterminatedBacktick = "unterminated backtick quote"
	ReasonTextAfterQuote       = "unexpected text after the closing quote"
)

// Warning describes a line that was skipped. It never holds the line's text.
type Warning struct {
	Line   int    // 1-based line number where the bad entry starts
	Reason string // one of the Reason constants; never file text
}

func (w Warning) String() string {
	return "line " + strconv.Itoa(w.Line) + ": " + w.Reason
}

// Unterminated reports whether the warning is about a quote that never
// closed properly. Such a line is the one case where an edit elsewhere can
// change how the file reads: text written after an open quote may close it.
func (w Warning) Unterminated() bool {
	return strings.HasPrefix(w.Reason, "unterminated ")
}

// Entry is one effective key: the value in force and the line defining it.
type Entry struct {
	Key, Value string
	Line       int
}

type kind uint8

const (
	kindBlank kind = iota // also comment lines: neither carries data
	kindEntry
	kindJunk
	kindBOM
)

type reason uint8

// reasons is indexed by reason; the zero reason is never used for junk.
var reasons = [...]string{"", ReasonNoEquals, ReasonInvalidKey,
	ReasonUnterminatedDouble, ReasonUnterminatedSingle, ReasonUnterminatedBacktick,
	ReasonTextAfterQuote}

const (
	_ reason = iota
	rNoEquals
	rInvalidKey
	rUntermDouble
	rUntermSingle
	rUntermBacktick
	rTextAfterQuote
)

type span struct {
	raw    string // exact bytes, line ending(s) included
	value  string // decoded value, for entries
	line   int32  // 1-based first line; refreshed lazily after edits
	nl     int32  // line breaks in raw, to renumber without rescanning
	rec    int32  // index in Doc.recs for entries, else -1
	next   int32  // next entry of the same key, or -1
	kind   kind
	reason reason
	export bool
	dead   bool
}

// keyRec chains a key's entries so that Lookup is one index probe and
// Set/Delete visit only that key's spans.
type keyRec struct {
	key         string
	first, last int32
}

// Doc is a parsed dotenv file. The zero Doc is an empty file, ready for Set.
// It is not safe for concurrent use, not even for reading: Entries and
// Warnings refresh line numbers lazily after edits.
type Doc struct {
	src   string // what the spans were cut from; Bytes returns it until an edit
	spans []span
	recs  []keyRec
	idx   keyIndex
	size  int // bytes of the live spans
	dead  int // dead spans still in spans; compacted once they dominate
	// open is 1 + the index of the first span skipped for an unterminated
	// quote (0: none). An edit after it may change how it reads, so the
	// Doc is re-parsed to stay faithful to its bytes.
	open       int32
	edited     bool
	linesStale bool
}

// Lookup returns the value in force for key: the last duplicate's.
func (d *Doc) Lookup(key string) (value string, ok bool) {
	ri, ok := d.idx.get(d.recs, key)
	if !ok {
		return "", false
	}
	return d.spans[d.recs[ri].last].value, true
}

// Len is the number of distinct keys.
func (d *Doc) Len() int { return d.idx.n }

// Keys returns the distinct keys in order of first occurrence.
func (d *Doc) Keys() []string {
	keys := make([]string, 0, d.idx.n)
	for i := range d.spans {
		if s := &d.spans[i]; d.isFirst(i, s) {
			keys = append(keys, d.recs[s.rec].key)
		}
	}
	return keys
}

// Entries returns one Entry per distinct key, in order of first occurrence.
// Value and Line come from the last duplicate, the one in force, so a user
// told "line N" finds the value that is actually used.
func (d *Doc) Entries() []Entry {
	d.renumber()
	out := make([]Entry, 0, d.idx.n)
	for i := range d.spans {
		if s := &d.spans[i]; d.isFirst(i, s) {
			r := &d.recs[s.rec]
			last := &d.spans[r.last]
			out = append(out, Entry{Key: r.key, Value: last.value, Line: int(last.line)})
		}
	}
	return out
}

// Warnings lists the lines the Doc skips as it stands now, after any edits;
// Parse returns the same list for the original bytes.
func (d *Doc) Warnings() []Warning {
	d.renumber()
	var out []Warning
	for i := range d.spans {
		if s := &d.spans[i]; !s.dead && s.kind == kindJunk {
			out = append(out, Warning{Line: int(s.line), Reason: reasons[s.reason]})
		}
	}
	return out
}

// Bytes returns the file content: the parsed input byte for byte, with only
// the edited entries' spans changed.
func (d *Doc) Bytes() []byte {
	if !d.edited {
		return []byte(d.src)
	}
	buf := make([]byte, 0, d.size)
	for i := range d.spans {
		if !d.spans[i].dead {
			buf = append(buf, d.spans[i].raw...)
		}
	}
	return buf
}

func (d *Doc) isFirst(i int, s *span) bool {
	return !s.dead && s.kind == kindEntry && d.recs[s.rec].first == int32(i)
}

// renumber recomputes line numbers once per batch of edits rather than on
// every edit, which would make a run of edits quadratic.
func (d *Doc) renumber() {
	if !d.linesStale {
		return
	}
	line := int32(1)
	for i := range d.spans {
		if s := &d.spans[i]; !s.dead {
			s.line = line
			line += s.nl
		}
	}
	d.linesStale = false
}
