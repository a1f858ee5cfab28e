package mask

import (
	"bytes"
	"io"
	"math"
)

// Matcher is a compiled pattern set. It is immutable, so one Matcher can back
// any number of Writers, even concurrently; compiling once and calling
// [Matcher.NewWriter] per stream avoids rebuilding the automaton for stdout and
// stderr separately.
//
// Internally it is an Aho–Corasick automaton flattened into a complete DFA:
// every state has a transition for every input byte, so scanning costs one
// table lookup per byte and never follows failure links at run time.
type Matcher struct {
	// cls maps a byte to its column. Bytes that occur in no pattern behave
	// identically, so they share one column; this keeps the table small enough
	// to stay in cache with a hundred patterns.
	cls    [256]int32
	nc     int // number of columns (byte classes)
	stride int // nc + 2; see trans

	// trans holds one row of stride int32s per state. Columns [0, nc) are the
	// transitions; column nc is outLen, the length of the longest pattern that
	// ends in this state (0 if none); column nc+1 is liveLen, the length of the
	// longest suffix of the state's string that is a proper prefix of some
	// pattern, i.e. how far back a match could still be in progress. State ids
	// are premultiplied by stride so the hot loop needs no multiplication.
	trans []int32

	// States are numbered so that exactly those with outLen > 0 have an id >=
	// firstOut, letting the hot loop detect "a match ends here" with a single
	// comparison.
	firstOut int32

	// Bytes that start no pattern leave the root state unchanged (idle), so
	// at the root they can be skipped without table lookups. That only pays
	// when few bytes start a pattern (skip); with a single such byte
	// (start1 >= 0), bytes.IndexByte skips even faster.
	idle   [256]bool
	skip   bool
	start1 int
}

// Compile builds a Matcher for patterns. Empty patterns are ignored; no
// length minimum is applied (that is [Patterns]' job). A Matcher with no
// non-empty pattern masks nothing and its Writers pass data straight through.
func Compile(patterns [][]byte) *Matcher {
	m := &Matcher{}
	var used [256]bool
	nonEmpty := false
	for _, p := range patterns {
		for _, b := range p {
			used[b] = true
			nonEmpty = true
		}
	}
	if !nonEmpty {
		return m
	}
	nc := 0
	for b := range 256 {
		if used[b] {
			m.cls[b] = int32(nc)
			nc++
		}
	}
	if nc < 256 {
		for b := range 256 {
			if !used[b] {
				m.cls[b] = int32(nc)
			}
		}
		nc++
	}
	m.nc, m.stride = nc, nc+2

	// Trie with dense rows; -1 marks a missing edge until the BFS below turns
	// the trie into a DFA.
	next := make([]int32, nc)
	for c := range next {
		next[c] = -1
	}
	depth := []int32{0}
	term := []bool{false}
	for _, p := range patterns {
		if len(p) == 0 {
			continue
		}
		s := int32(0)
		for _, b := range p {
			e := int(s)*nc + int(m.cls[b])
			if next[e] < 0 {
				next[e] = int32(len(depth))
				depth = append(depth, depth[s]+1)
				term = append(term, false)
				for range nc {
					next = append(next, -1)
				}
			}
			s = next[e]
		}
		term[s] = true
	}
	n := len(depth)
	if int64(n)*int64(m.stride) > math.MaxInt32 {
		panic("mask: pattern set too large")
	}
	hasChild := make([]bool, n)
	for s := range n {
		for _, t := range next[s*nc : (s+1)*nc] {
			if t >= 0 {
				hasChild[s] = true
				break
			}
		}
	}

	// BFS: a state's failure target is shallower, so it is complete (row
	// filled, outLen and liveLen known) before the state itself is processed.
	// Any edge still present in a row when that row is processed is a trie
	// edge, because rows are only filled while being processed.
	fail := make([]int32, n)
	outLen := make([]int32, n)
	liveLen := make([]int32, n)
	queue := make([]int32, 1, n)
	for qi := 0; qi < len(queue); qi++ {
		s := queue[qi]
		f := fail[s]
		if term[s] {
			outLen[s] = depth[s]
		} else if s != 0 {
			outLen[s] = outLen[f]
		}
		if hasChild[s] {
			liveLen[s] = depth[s]
		} else if s != 0 {
			liveLen[s] = liveLen[f]
		}
		row := next[int(s)*nc : (int(s)+1)*nc]
		frow := next[int(f)*nc : (int(f)+1)*nc]
		for c, t := range row {
			switch {
			case t >= 0:
				if s != 0 {
					fail[t] = frow[c]
				}
				queue = append(queue, t)
			case s == 0:
				row[c] = 0
			default:
				row[c] = frow[c]
			}
		}
	}

	// Renumber: states without output first, so outLen > 0 <=> id >= firstOut.
	perm := make([]int32, n)
	id := int32(0)
	for pass := range 2 {
		for _, s := range queue {
			if (outLen[s] > 0) == (pass == 1) {
				perm[s] = id * int32(m.stride)
				id++
			}
		}
		if pass == 0 {
			m.firstOut = id * int32(m.stride)
		}
	}
	m.trans = make([]int32, n*m.stride)
	for s := range n {
		row := m.trans[perm[s]:][:m.stride]
		for c, t := range next[s*nc : (s+1)*nc] {
			row[c] = perm[t]
		}
		row[nc] = outLen[s]
		row[nc+1] = liveLen[s]
	}
	starts := 0
	m.start1 = -1
	for b := range 256 {
		m.idle[b] = m.trans[m.cls[b]] == 0
		if !m.idle[b] {
			starts++
			m.start1 = b
		}
	}
	m.skip = starts <= skipMaxStarts
	if starts != 1 {
		m.start1 = -1
	}
	return m
}

// skipMaxStarts: beyond this many distinct first bytes, ordinary text leaves
// the root so often that the extra branch costs more than skipping saves.
const skipMaxStarts = 16

// advance runs the DFA from state s over buf[i:] and stops just after the
// first byte that completes a pattern, or at the end of buf.
func (m *Matcher) advance(buf []byte, i int, s int32) (int, int32) {
	t, cls, firstOut := m.trans, &m.cls, m.firstOut
	if m.skip {
		for i < len(buf) {
			if s == 0 {
				if m.start1 >= 0 {
					k := bytes.IndexByte(buf[i:], byte(m.start1))
					if k < 0 {
						return len(buf), 0
					}
					i += k
				} else {
					for i < len(buf) && m.idle[buf[i]] {
						i++
					}
					if i == len(buf) {
						break
					}
				}
			}
			s = t[int(s)+int(cls[buf[i]])]
			i++
			if s >= firstOut {
				break
			}
		}
		return i, s
	}
	for i < len(buf) {
		s = t[int(s)+int(cls[buf[i]])]
		i++
		if s >= firstOut {
			break
		}
	}
	return i, s
}

// Replace returns text masked like [Replace] does, in time linear in len(text).
func (m *Matcher) Replace(text []byte) []byte {
	var b bytes.Buffer
	b.Grow(len(text))
	w := m.NewWriter(&b)
	w.Write(text) // a bytes.Buffer never fails
	w.Close()
	return b.Bytes()
}

// NewWriter returns a Writer masking this Matcher's patterns; see [NewWriter].
func (m *Matcher) NewWriter(w io.Writer) *Writer {
	return &Writer{w: w, m: m, cs: -1}
}
