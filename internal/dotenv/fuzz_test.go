package dotenv

import (
	"maps"
	"slices"
	"strings"
	"testing"
)

// fuzzSeeds are files that reach every branch of the scanner; the corpus
// files are added on top when present.
var fuzzSeeds = []string{
	"", "A=1\n", "A=1", "\xEF\xBB\xBFA=1\r\nB='x'\r\n", "export A=1\nexport\tB = \"2\" # c\n",
	"# c\n\n  \t\r\nA=x #c\nB=a#b\n", "A='l1\nl2'\nB=\"l1\r\nl2\"\nC=`l1\nl2`\n",
	"A=\"\\\\ \\\" \\n \\r \\t \\$ \\x\"\n", "FOO\n1A=x\nA B=1\n\"Q\"=1\n",
	"A=\"x\nB=2\n", "A='x\nB=\"y\"\n", "A=`x", "A=\"x\"y\nB='x' y\n", "A=1\nB=2\nA=3\nA=4",
	"N.VAR6=x\nA-B=y\n", "A=\xf1\xe1\n", "A=1\r", "K='a\nb \\'c\\'\nd'\n", "baz=\"foo\"#bar",
}

func seedFiles() []string {
	out := slices.Clone(fuzzSeeds)
	if files, err := readCorpusQuiet(); err == nil {
		for _, name := range slices.Sorted(maps.Keys(files)) {
			out = append(out, string(files[name]))
		}
	}
	return out
}

func FuzzParse(f *testing.F) {
	for _, s := range seedFiles() {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		d, w, err := Parse(data)
		if err != nil {
			if d != nil {
				t.Fatal("non-nil Doc with an error")
			}
			return
		}
		if !slices.Equal(d.Bytes(), data) {
			t.Fatal("Bytes() differs from the input")
		}
		lines := strings.Count(string(data), "\n") + 1
		for _, x := range w {
			if !slices.Contains(reasons[1:], x.Reason) || x.Line < 1 || x.Line > lines {
				t.Fatalf("bad warning %v", x)
			}
		}
		if !slices.Equal(d.Warnings(), w) {
			t.Fatalf("Doc.Warnings %v, Parse %v", d.Warnings(), w)
		}
		keys := d.Keys()
		if len(keys) != d.Len() || len(d.Entries()) != d.Len() {
			t.Fatalf("Len %d, Keys %d, Entries %d", d.Len(), len(keys), len(d.Entries()))
		}
		for _, e := range d.Entries() {
			if v, ok := d.Lookup(e.Key); !ok || v != e.Value || e.Line < 1 || e.Line > lines {
				t.Fatalf("entry %q inconsistent with Lookup", e.Key)
			}
		}
	})
}

// fuzzBases are documents the fuzzed value is stored into; each has a
// neighbour on both sides of K, duplicates, CRLF, BOM or a missing newline.
var fuzzBases = []string{
	"", "A=1\n", "K=old\nB=2", "\xEF\xBB\xBFexport K='o'\r\nB=\"x\ny\"\r\n", "K=1\nA=2\nK=3\n",
	"A=`multi\nline`\nK=\"a\nb\" # c\nZ=9",
}

func FuzzRoundTrip(f *testing.F) {
	for _, v := range nastyValues {
		f.Add(v)
	}
	f.Fuzz(func(t *testing.T, value string) {
		if strings.IndexByte(value, 0) >= 0 {
			t.Skip("NUL cannot be stored")
		}
		roundTrip(t, value)
		for _, base := range fuzzBases {
			before, w := mustParse(t, base)
			d, _ := mustParse(t, base)
			d.Set("K", value)
			after, w2 := mustParse(t, string(d.Bytes()))
			if len(w) != 0 || len(w2) != 0 {
				t.Fatalf("warnings %v -> %v", w, w2)
			}
			if got, _ := after.Lookup("K"); got != value {
				t.Fatalf("base %q: K reads %q, want %q", base, got, value)
			}
			checkOthers(t, before, after, "K")
		}
	})
}

// FuzzEdit sets or deletes one key in an arbitrary file. What must hold:
//   - always: the bytes are exactly the design's rule applied to the input
//     (only the key's own lines change), and the edited Doc answers like a
//     fresh parse of its bytes;
//   - when Parse reported no unterminated quote: every other key keeps its
//     value and place, the key reads back the value (or is gone), and the
//     same lines are skipped for the same reasons.
//
// An unterminated quote is exempt from the second property because text
// written after it may close it: then the lines in between read as part of
// a value, and no choice of bytes within the rule can prevent that.
func FuzzEdit(f *testing.F) {
	for i, s := range seedFiles() {
		f.Add([]byte(s), "A", "new value", uint8(i))
		f.Add([]byte(s), "K", "l1\nl2 $x #y", uint8(i+1))
	}
	f.Fuzz(func(t *testing.T, data []byte, key, value string, op uint8) {
		before, w, err := Parse(data)
		if err != nil {
			return
		}
		src := string(data)
		keys := before.Keys()
		del := op&1 == 1
		if _, ok := before.Lookup(key); !ok && len(keys) > 0 && op&2 == 2 {
			key = keys[int(op>>2)%len(keys)]
		}
		if !del && !ValidKey(key) {
			key = "NEW_KEY"
		}
		value = strings.ReplaceAll(value, "\x00", "")
		_, existed := before.Lookup(key)
		var want string
		switch {
		case del:
			want = expectDelete(src, occurrences(t, before, key))
		case existed:
			want = expectSet(src, occurrences(t, before, key), key, value)
		default:
			want = expectAppend(src, key, value)
		}

		d, _, _ := Parse(data)
		if del {
			if d.Delete(key) != existed {
				t.Fatal("Delete reported wrongly")
			}
		} else {
			d.Set(key, value)
		}
		got := string(d.Bytes())
		if got != want {
			t.Fatalf("bytes:\n got %q\nwant %q", got, want)
		}
		checkFaithful(t, d)
		if hasUnterminated(w) {
			return
		}
		after, w2 := mustParse(t, got)
		if !slices.Equal(reasonsOf(w2), reasonsOf(w)) {
			t.Fatalf("warnings changed: %v -> %v", w, w2)
		}
		v, ok := after.Lookup(key)
		if del && ok || !del && v != value {
			t.Fatalf("key %q reads %q (present %v) after the edit", key, v, ok)
		}
		checkOthers(t, before, after, key)
	})
}
