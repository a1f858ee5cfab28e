package mask

import "testing"

// FuzzWriter checks the streaming Writer against the reference scan. Patterns
// and text come from a tiny alphabet so that overlaps, containment and
// self-overlap are the norm rather than the exception; checkStream also
// verifies, after every Write, the exact output released so far and that
// nothing beyond the undecided tail is held.
func FuzzWriter(f *testing.F) {
	f.Add([]byte{3, 4, 0, 1, 0, 1, 8, 0, 0, 1, 1, 2, 2, 1, 0}, []byte{0, 1, 0xf0, 2, 0xf1, 0xf1, 0xe3, 0xf2}, []byte{1, 3, 0, 7})
	f.Add([]byte{0x82, 0, 0, 0, 0, 0, 0, 0x44, 1, 1, 1, 1}, []byte{0, 0, 0, 0, 0, 0xf0, 0xf1, 1}, []byte{})
	f.Add([]byte{2, 8, 0, 1, 2, 3, 4, 5, 6, 7, 0x40, 5}, []byte{0xf0, 3, 0, 1, 2, 3, 4, 5, 6, 9}, []byte{5, 5, 5, 5})
	f.Fuzz(func(t *testing.T, pspec, tspec, split []byte) {
		p := fuzzPatterns(pspec)
		text := fuzzText(tspec, p)
		sizes := make([]int, len(split))
		for i, b := range split {
			sizes[i] = int(b % 11) // 0 included: empty writes
		}
		checkStream(t, p, text, sizes)
	})
}

// fuzzPatterns derives up to 6 patterns of 4..20 bytes. The first byte picks
// the count and alphabet size; each pattern then reads a header byte whose
// high bits can make it an extension or a prefix of the previous pattern,
// since those relations drive the hold-back and longest-match logic.
func fuzzPatterns(b []byte) [][]byte {
	if len(b) == 0 {
		return nil
	}
	count := 1 + int(b[0]%6)
	alpha := 2 + int(b[0]>>4%3)
	b = b[1:]
	var out [][]byte
	for len(out) < count && len(b) > 0 {
		h := b[0]
		b = b[1:]
		n := 4 + int(h%17)
		var p []byte
		if len(out) > 0 {
			prev := out[len(out)-1]
			switch h >> 6 {
			case 1: // extends the previous pattern
				p = append(p, prev...)
			case 2: // a prefix of the previous pattern
				if k := min(n, len(prev)); k >= 4 {
					out = append(out, prev[:k:k])
					continue
				}
			}
		}
		for len(p) < n && len(b) > 0 {
			p = append(p, 'a'+b[0]%byte(alpha))
			b = b[1:]
		}
		if len(p) >= 4 && len(p) <= 20 {
			out = append(out, p)
		}
	}
	return out
}

// fuzzText maps most bytes onto the pattern alphabet, a few onto bytes no
// pattern uses (binary included), and 0xf0.. onto whole pattern copies.
func fuzzText(b []byte, p [][]byte) []byte {
	var out []byte
	for _, c := range b {
		switch {
		case c >= 0xf0 && len(p) > 0:
			out = append(out, p[int(c-0xf0)%len(p)]...)
		case c >= 0xe0:
			out = append(out, "\n\x00\xff z"[c%5])
		default:
			out = append(out, 'a'+c%4)
		}
	}
	return out
}
