package mask

import (
	"bytes"
	"testing"
)

// recorder is an underlying writer that remembers how it was called.
type recorder struct {
	bytes.Buffer
	calls int
}

func (r *recorder) Write(p []byte) (int, error) {
	r.calls++
	return r.Buffer.Write(p)
}

func pats(s ...string) [][]byte {
	out := make([][]byte, len(s))
	for i, v := range s {
		out[i] = []byte(v)
	}
	return out
}

// checkStream writes text in chunks of the given sizes (the remainder in one
// last chunk) and checks after every Write that the writer has emitted
// exactly the decided part of the one-shot result, holds exactly the
// undecided tail, and used at most one underlying write; after Close, the
// output must equal Replace. It returns the final output.
func checkStream(t *testing.T, patterns [][]byte, text []byte, sizes []int) string {
	t.Helper()
	// Small pattern sets take the root-skipping scan; force the plain DFA
	// loop too so both are held to the oracle.
	plain := Compile(patterns)
	plain.skip, plain.start1 = false, -1
	checkStreamWith(t, plain, patterns, text, sizes)
	return checkStreamWith(t, Compile(patterns), patterns, text, sizes)
}

func checkStreamWith(t *testing.T, m *Matcher, patterns [][]byte, text []byte, sizes []int) string {
	t.Helper()
	rec := &recorder{}
	w := m.NewWriter(rec)
	fed := 0
	write := func(chunk []byte) {
		t.Helper()
		before := rec.calls
		n, err := w.Write(chunk)
		if err != nil || n != len(chunk) {
			t.Fatalf("Write(%q) = %d, %v", chunk, n, err)
		}
		if rec.calls-before > 1 {
			t.Fatalf("Write(%q) made %d underlying writes", chunk, rec.calls-before)
		}
		fed += len(chunk)
		want, decided := replace(text[:fed], patterns, false)
		if !bytes.Equal(rec.Bytes(), want) {
			t.Fatalf("after writing %q of %q:\n got %q\nwant %q", text[:fed], text, rec.Bytes(), want)
		}
		if got := w.held(); got != fed-decided {
			t.Fatalf("after writing %q of %q: holding %d bytes, want %d", text[:fed], text, got, fed-decided)
		}
	}
	for _, n := range sizes {
		if n > len(text)-fed {
			n = len(text) - fed
		}
		write(text[fed : fed+n])
	}
	if fed < len(text) {
		write(text[fed:])
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if want := Replace(text, patterns); !bytes.Equal(rec.Bytes(), want) {
		t.Fatalf("final output for %q:\n got %q\nwant %q", text, rec.Bytes(), want)
	}
	return rec.String()
}

// checkAllSplits streams text whole, byte by byte, and split at every one and
// every pair of points.
func checkAllSplits(t *testing.T, patterns [][]byte, text string, want string) {
	t.Helper()
	b := []byte(text)
	if got := checkStream(t, patterns, b, nil); got != want {
		t.Fatalf("Replace-consistent but wrong: %q -> %q, want %q", text, got, want)
	}
	ones := make([]int, len(b))
	for i := range ones {
		ones[i] = 1
	}
	checkStream(t, patterns, b, ones)
	for i := 0; i <= len(b); i++ {
		checkStream(t, patterns, b, []int{i})
		for j := i; j <= len(b); j++ {
			checkStream(t, patterns, b, []int{i, j - i})
		}
	}
}
