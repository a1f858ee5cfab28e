package dotenv

import (
	"slices"
	"strings"
	"testing"
)

// occurrence is where one entry of a key sits in the Doc's bytes.
type occurrence struct{ start, end int }

// occurrences lists the byte ranges of key's entries. Tests use it to build
// the exact expected output of an edit, and check separately that each
// range is whole lines, so that trusting it does not hide a bad span.
func occurrences(t testing.TB, d *Doc, key string) []occurrence {
	t.Helper()
	var out []occurrence
	src := string(d.Bytes())
	off := 0
	for i := range d.spans {
		s := &d.spans[i]
		if s.dead {
			continue
		}
		if s.kind == kindEntry && d.recs[s.rec].key == key {
			o := occurrence{off, off + len(s.raw)}
			atStart := o.start == 0 || src[o.start-1] == '\n' || o.start == len(bom) && strings.HasPrefix(src, bom)
			atEnd := o.end == len(src) || src[o.end-1] == '\n'
			if !atStart || !atEnd {
				t.Fatalf("entry of %s at %d..%d is not whole lines", key, o.start, o.end)
			}
			out = append(out, o)
		}
		off += len(s.raw)
	}
	return out
}

// expectSet is the design's rule for rotating an existing key, written
// independently of the code under test.
// expectSet: the first entry keeps its bytes but for the value (relayout), and
// every later one goes with its line ending.
func expectSet(src string, occ []occurrence, key, value string) string {
	first := src[occ[0].start:occ[0].end]
	out := src[:occ[0].start] + relayout(first, Encode(value))
	prev := occ[0].end
	for _, o := range occ[1:] {
		out += src[prev:o.start]
		prev = o.end
	}
	return out + src[prev:]
}

func expectDelete(src string, occ []occurrence) string {
	var b strings.Builder
	prev := 0
	for _, o := range occ {
		b.WriteString(src[prev:o.start])
		prev = o.end
	}
	b.WriteString(src[prev:])
	return b.String()
}

// expectAppend: the new line takes the ending of the file's last line
// break (LF if none), after that ending completes an unfinished last line.
func expectAppend(src, key, value string) string {
	eol := "\n"
	if k := strings.LastIndexByte(src, '\n'); k > 0 && src[k-1] == '\r' {
		eol = "\r\n"
	}
	if src != "" && src != bom && !strings.HasSuffix(src, "\n") {
		src += eol
	}
	return src + key + "=" + Encode(value) + eol
}

func reasonsOf(w []Warning) []string {
	var out []string
	for _, x := range w {
		out = append(out, x.Reason)
	}
	return out
}

func hasUnterminated(w []Warning) bool {
	return slices.ContainsFunc(w, Warning.Unterminated)
}

// checkOthers asserts that every key but key reads as in before, in the
// same order.
func checkOthers(t testing.TB, before, after *Doc, key string) {
	t.Helper()
	var wantKeys []string
	for _, e := range before.Entries() {
		if e.Key == key {
			continue
		}
		wantKeys = append(wantKeys, e.Key)
		if got, ok := after.Lookup(e.Key); !ok || got != e.Value {
			t.Errorf("key %s changed: %q -> %q (present %v)", e.Key, e.Value, got, ok)
		}
	}
	gotKeys := slices.DeleteFunc(after.Keys(), func(k string) bool { return k == key })
	if !slices.Equal(gotKeys, wantKeys) {
		t.Errorf("key order changed:\n got %v\nwant %v", gotKeys, wantKeys)
	}
}
