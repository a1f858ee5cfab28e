package mask

import (
	"errors"
	"io"
)

// ErrClosed is returned by Write after Close.
var ErrClosed = errors.New("mask: write after Close")

// Writer masks a stream: everything written to it reaches the underlying
// writer as if [Replace] had been applied to the whole stream at once.
//
// To mask a value split across writes it holds back the shortest tail that is
// still undecided: bytes that could be the start of a pattern, and a complete
// match for which a longer pattern starting at the same place could still
// complete. Everything else is written before Write returns, in a single call
// to the underlying writer, so an interactive prompt that is not the start of
// a secret shows up immediately. No timer is involved: held bytes are released
// by the next byte that rules them out, or by Close.
//
// A Writer is not safe for concurrent use; give each stream its own.
type Writer struct {
	w io.Writer
	m *Matcher

	// The automaton has consumed pend. s is its state; it describes only bytes
	// after the last replaced match, because scanning restarts there.
	s    int32
	pend []byte
	// cs, ce: the best match seen so far in pend (earliest start, then
	// longest), still waiting for a possibly longer or earlier one; cs < 0 if
	// none.
	cs, ce int

	out    []byte // reused output buffer
	err    error  // sticky: after a failed write the stream is already corrupt
	closed bool
}

// NewWriter returns a Writer that copies to w with every occurrence of any of
// patterns replaced by Replacement. Use [Patterns] to derive patterns from
// secret values, and [Compile] plus [Matcher.NewWriter] to share the compiled
// patterns between streams.
func NewWriter(w io.Writer, patterns [][]byte) *Writer {
	return Compile(patterns).NewWriter(w)
}

// Write masks p and writes what is decided. It returns len(p) on success even
// though a different number of bytes reaches the underlying writer. Errors
// from the underlying writer are returned by this and every later call.
func (m *Writer) Write(p []byte) (int, error) {
	if m.err != nil {
		return 0, m.err
	}
	if m.closed {
		return 0, ErrClosed
	}
	if len(p) == 0 {
		return 0, nil
	}
	if m.m.trans == nil {
		n, err := m.w.Write(p)
		m.err = err
		return n, err
	}
	buf, i, fromPend := p, 0, len(m.pend) > 0
	if fromPend {
		i = len(m.pend)
		m.pend = append(m.pend, p...)
		buf = m.pend
	}
	out, used := m.scan(buf, i, false)
	if err := m.emit(out); err != nil {
		return 0, err
	}
	// Keep the undecided tail. out may alias buf, so only now is it safe to
	// overwrite pend.
	if fromPend {
		m.pend = m.pend[:copy(m.pend, buf[used:])]
	} else {
		m.pend = append(m.pend[:0], buf[used:]...)
	}
	if m.cs >= 0 {
		m.cs -= used
		m.ce -= used
	}
	return len(p), nil
}

// Close writes out everything held back (masking any complete matches in it,
// since at the end of the stream nothing can grow into a longer match) and
// reports any write error. It does not close the underlying writer. Calling
// Close again does nothing.
func (m *Writer) Close() error {
	if m.closed || m.err != nil {
		return m.err
	}
	m.closed = true
	if len(m.pend) == 0 {
		return nil
	}
	out, _ := m.scan(m.pend, len(m.pend), true)
	err := m.emit(out)
	m.pend = m.pend[:0]
	m.s, m.cs = 0, -1
	return err
}

func (m *Writer) emit(out []byte) error {
	if len(out) == 0 {
		return nil
	}
	n, err := m.w.Write(out)
	if err == nil && n < len(out) {
		err = io.ErrShortWrite
	}
	m.err = err
	return err
}

// held reports how many bytes are held back; tests check it is minimal.
func (m *Writer) held() int { return len(m.pend) }

// scan runs the automaton over buf[i:], buf[:i] being bytes it has already
// consumed (the held-back tail). It returns the output that is now decided
// and how many bytes of buf that output accounts for; the rest must be held.
// With final set the stream has ended and everything is decided.
//
// Why this gives leftmost-longest: the state's string is the longest suffix of
// the input (since the last replacement) that is a prefix of a pattern, so its
// outLen names the longest, i.e. earliest-starting, pattern ending at each
// byte, and liveLen says where the earliest match still in progress starts.
// A candidate is only replaced by a match starting no later; once nothing in
// progress starts at or before the candidate, no future byte can produce an
// earlier or a longer match at its position, so it is final. Matches that
// start inside the candidate are void, but ones starting after its end may
// already have been passed, so scanning restarts from the root right after
// it. That rescans only bytes read while the candidate was pending: fewer
// than the longest pattern, and in ordinary text a byte or two.
func (m *Writer) scan(buf []byte, i int, final bool) (out []byte, used int) {
	mt := m.m
	t, cls := mt.trans, &mt.cls
	outCol, liveCol := mt.nc, mt.nc+1
	firstOut := mt.firstOut
	s, cs, ce := m.s, m.cs, m.ce
	start := 0 // buf[:start] is accounted for in m.out
	committed := false
	for {
		if i < len(buf) {
			if cs < 0 {
				// Nothing pending: the fast path until some pattern ends.
				if i, s = mt.advance(buf, i, s); s < firstOut {
					continue
				}
			} else {
				s = t[int(s)+int(cls[buf[i]])]
				i++
			}
			if s >= firstOut {
				if ms := i - int(t[int(s)+outCol]); cs < 0 || ms <= cs {
					cs, ce = ms, i
				}
			}
			if i-int(t[int(s)+liveCol]) <= cs {
				continue // an earlier or longer match may still complete
			}
		} else if !final || cs < 0 {
			break
		}
		// The candidate is final (or the stream has ended, so nothing can
		// extend it): replace it and rescan what follows it.
		if !committed {
			committed = true
			m.out = m.out[:0]
		}
		m.out = append(m.out, buf[start:cs]...)
		m.out = append(m.out, Replacement...)
		start, i, s, cs = ce, ce, 0, -1
	}
	// Without final, hold from the earliest match still in progress. A
	// pending candidate always lies inside that tail (else it would have been
	// replaced above), so holding it needs no extra case.
	used = len(buf)
	if !final {
		used -= int(t[int(s)+liveCol])
	}
	m.s, m.cs, m.ce = s, cs, ce
	if !committed {
		return buf[:used], used
	}
	m.out = append(m.out, buf[start:used]...)
	return m.out, used
}
