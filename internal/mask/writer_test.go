package mask

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"testing"
)

func TestSingleValue(t *testing.T) {
	checkAllSplits(t, pats("hunter22"), "pw=hunter22 ok", "pw=*** ok")
}

func TestValueAtStreamEdges(t *testing.T) {
	checkAllSplits(t, pats("hunter22"), "hunter22", "***")
	checkAllSplits(t, pats("hunter22"), "hunter22 tail", "*** tail")
	checkAllSplits(t, pats("hunter22"), "head hunter22", "head ***")
}

func TestMultiLineValue(t *testing.T) {
	p := Patterns([]string{"-----BEGIN-----\r\nMIIBOgIBAAJB\r\n-----END-----"})
	checkAllSplits(t, p, "key:\n-----BEGIN-----\r\nMIIBOgIBAAJB\r\n-----END-----\ndone", "key:\n***\ndone")
	// Printed line by line with LF instead of CRLF: each line alone is masked.
	checkAllSplits(t, p, "-----BEGIN-----\nMIIBOgIBAAJB\n-----END-----\n", "***\n***\n***\n")
	checkAllSplits(t, p, "x MIIBOgIBAAJB y", "x *** y")
}

func TestOverlapAndContainment(t *testing.T) {
	checkAllSplits(t, pats("abcdef", "cdefgh"), "xabcdefghx", "x***ghx")
	checkAllSplits(t, pats("secret", "secretvalue"), "secretvalue secretval secretvalue", "*** ***val ***")
	// The shorter match is found first but a longer one starting earlier wins.
	checkAllSplits(t, pats("abcdefgh", "cdef"), "abcdefgh abcdefgX", "*** ab***gX")
	// Once the candidate is final, a match that began after it but was already
	// scanned past must still be found.
	checkAllSplits(t, pats("abcd", "abcdefgh", "efg"), "xabcdefgX", "x******X")
	checkAllSplits(t, pats("abcd", "abcdefgh", "defg", "efgh"), "abcdefgXabcdefgh", "***efgX***")
	// Inside a longer value that does not complete, the contained value is masked.
	checkAllSplits(t, pats("xxsecretyy", "secret"), "axxsecretyz", "axx***yz")
	// Self-overlapping pattern: matches never overlap.
	checkAllSplits(t, pats("aaaa"), "aaaaaaaaaa", "******aa")
	checkAllSplits(t, pats("abab"), "abababab", "******")
}

func TestAdjacentMatches(t *testing.T) {
	checkAllSplits(t, pats("secret", "token"), "secretsecrettokensecret", "************")
}

func TestShortValuesNotMasked(t *testing.T) {
	p := Patterns([]string{"abc", "xy", "q"})
	if len(p) != 0 {
		t.Fatalf("Patterns kept short values: %q", p)
	}
	checkAllSplits(t, p, "abc xy q", "abc xy q")
}

func TestBinaryData(t *testing.T) {
	secret := []byte{0x00, 0xff, 0xfe, 0x80, 0x00, 'k'}
	r := rand.New(rand.NewPCG(1, 2))
	text := make([]byte, 300)
	for i := range text {
		text[i] = byte(r.UintN(256))
	}
	copy(text[100:], secret)
	copy(text[294:], secret)
	p := [][]byte{secret, {0xc3, 0x28, 0xa0, 0xa1}} // includes invalid UTF-8
	want := Replace(text, p)
	if bytes.Count(want, []byte(Replacement)) < 2 {
		t.Fatal("test text lacks matches")
	}
	checkStream(t, p, text, nil)
	for _, n := range []int{1, 2, 3, 7, 64} {
		sizes := make([]int, len(text))
		for i := range sizes {
			sizes[i] = n
		}
		checkStream(t, p, text, sizes)
	}
}

func TestEmptyWrites(t *testing.T) {
	for _, p := range [][][]byte{nil, pats("secret")} {
		rec := &recorder{}
		w := NewWriter(rec, p)
		for _, b := range [][]byte{nil, {}} {
			if n, err := w.Write(b); n != 0 || err != nil {
				t.Fatalf("Write(%v) = %d, %v", b, n, err)
			}
		}
		if rec.calls != 0 {
			t.Fatalf("empty writes reached the underlying writer %d times", rec.calls)
		}
		w.Write([]byte("sec"))
		w.Write(nil)
		w.Write([]byte("ret!"))
		w.Close()
		if want := string(Replace([]byte("secret!"), p)); rec.String() != want {
			t.Fatalf("got %q, want %q", rec.String(), want)
		}
	}
	checkStream(t, pats("secret"), []byte("a secret b"), []int{0, 3, 0, 0, 4, 0})
}

func TestPromptReleasedImmediately(t *testing.T) {
	rec := &recorder{}
	w := NewWriter(rec, pats("hunter22", "s3cr3t-token"))
	if _, err := w.Write([]byte("name? ")); err != nil {
		t.Fatal(err)
	}
	if rec.String() != "name? " || rec.calls != 1 {
		t.Fatalf("after prompt: underlying has %q in %d writes", rec.String(), rec.calls)
	}
	// A prompt ending in what could begin a secret holds just that part.
	w.Write([]byte("\nhello s3cr"))
	if rec.String() != "name? \nhello " {
		t.Fatalf("underlying has %q", rec.String())
	}
	w.Write([]byte("ew loose\n"))
	if rec.String() != "name? \nhello s3crew loose\n" {
		t.Fatalf("underlying has %q", rec.String())
	}
}

func TestCloseFlushes(t *testing.T) {
	rec := &recorder{}
	w := NewWriter(rec, pats("hunter22"))
	w.Write([]byte("pw: hunt"))
	if rec.String() != "pw: " {
		t.Fatalf("before Close: %q", rec.String())
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if rec.String() != "pw: hunt" {
		t.Fatalf("after Close: %q", rec.String())
	}

	// A complete match that a longer pattern could still extend is held, then
	// masked by Close; bytes after it are rescanned.
	rec = &recorder{}
	w = NewWriter(rec, pats("abcd", "abcdefgh", "efg"))
	w.Write([]byte("xabcdef"))
	if rec.String() != "x" || w.held() != 6 {
		t.Fatalf("before Close: %q, holding %d", rec.String(), w.held())
	}
	w.Close()
	if rec.String() != "x***ef" {
		t.Fatalf("after Close: %q", rec.String())
	}
	if err := w.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
}

func TestNoPatternsPassThrough(t *testing.T) {
	rec := &recorder{}
	w := NewWriter(rec, nil)
	in := []byte("anything\x00\xff at all")
	if n, err := w.Write(in); n != len(in) || err != nil {
		t.Fatalf("Write = %d, %v", n, err)
	}
	if rec.String() != string(in) || w.held() != 0 {
		t.Fatalf("got %q, holding %d", rec.String(), w.held())
	}
}

type closeCounter struct {
	bytes.Buffer
	closed int
}

func (c *closeCounter) Close() error { c.closed++; return nil }

func TestCloseDoesNotCloseUnderlying(t *testing.T) {
	c := &closeCounter{}
	w := NewWriter(c, pats("secret"))
	w.Write([]byte("a sec"))
	w.Close()
	if c.closed != 0 || c.String() != "a sec" {
		t.Fatalf("closed %d times, got %q", c.closed, c.String())
	}
	if _, err := w.Write([]byte("x")); !errors.Is(err, ErrClosed) {
		t.Fatalf("Write after Close: %v", err)
	}
}

type failWriter struct {
	err   error
	short bool
}

func (f failWriter) Write(p []byte) (int, error) {
	if f.short {
		return len(p) / 2, nil
	}
	return 0, f.err
}

func TestUnderlyingErrors(t *testing.T) {
	boom := errors.New("boom")
	for _, p := range [][][]byte{nil, pats("secret")} {
		w := NewWriter(failWriter{err: boom}, p)
		if _, err := w.Write([]byte("hello")); !errors.Is(err, boom) {
			t.Fatalf("Write: %v", err)
		}
		if _, err := w.Write([]byte("again")); !errors.Is(err, boom) {
			t.Fatalf("second Write: %v", err)
		}
		if err := w.Close(); !errors.Is(err, boom) {
			t.Fatalf("Close: %v", err)
		}
	}
	w := NewWriter(failWriter{short: true}, pats("secret"))
	if _, err := w.Write([]byte("hello")); !errors.Is(err, io.ErrShortWrite) {
		t.Fatalf("short write: %v", err)
	}
	// An error while flushing in Close is reported.
	w = NewWriter(failWriter{err: boom}, pats("secret"))
	if _, err := w.Write([]byte("sec")); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); !errors.Is(err, boom) {
		t.Fatalf("Close: %v", err)
	}
}

func TestManyPatternsRandom(t *testing.T) {
	// A denser check than the unit cases above with the real automaton sizes:
	// many patterns over a tiny alphabet so overlaps abound.
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		var p [][]byte
		for range 1 + r.IntN(12) {
			b := make([]byte, 4+r.IntN(8))
			for i := range b {
				b[i] = "abc"[r.IntN(3)]
			}
			p = append(p, b)
		}
		text := make([]byte, r.IntN(200))
		for i := range text {
			text[i] = "abcd"[r.IntN(4)]
		}
		sizes := make([]int, 40)
		for i := range sizes {
			sizes[i] = r.IntN(9)
		}
		checkStream(t, p, text, sizes)
	}
}
