// Package mask hides secret values in a byte stream, the way CI systems mask
// registered secrets in job logs.
//
// # Semantics
//
// Given a text and a set of non-empty patterns, the masked output is defined by
// this scan (implemented literally by [Replace]): start at position 0; at each
// position, if one or more patterns occur there, emit [Replacement] in place of
// the LONGEST of them and continue right after it; otherwise emit the byte
// unchanged and advance by one. Matches therefore never overlap, an earlier
// start always wins over a later one, and at equal start the longer pattern
// wins. Empty patterns are ignored. Bytes are compared exactly, so binary data
// and any encoding pass through unchanged.
//
// [Writer] produces exactly this output for the concatenation of everything
// written to it, however the input is split across Write calls.
package mask

import (
	"bytes"
	"strings"
)

// Replacement is what each masked occurrence becomes.
const Replacement = "***"

// MinLen is the shortest value [Patterns] keeps: masking very short strings
// would mangle ordinary output far more often than it would hide a secret.
const MinLen = 4

// Patterns derives the byte strings to mask from stored secret values: every
// value of at least MinLen bytes and, for a value containing newlines (LF or
// CRLF), also each of its lines (trailing CR removed) of at least MinLen bytes,
// because programs often print a multi-line secret (a PEM key, say) one line
// at a time or interleaved with other output. The result has no duplicates;
// its order carries no meaning.
func Patterns(values []string) [][]byte {
	seen := make(map[string]bool)
	var out [][]byte
	add := func(s string) {
		if len(s) >= MinLen && !seen[s] {
			seen[s] = true
			out = append(out, []byte(s))
		}
	}
	for _, v := range values {
		add(v)
		if strings.Contains(v, "\n") {
			for line := range strings.SplitSeq(v, "\n") {
				add(strings.TrimSuffix(line, "\r"))
			}
		}
	}
	return out
}

// Replace returns text masked as described in the package documentation. It is
// the reference implementation: obviously correct, but it costs
// O(len(text) × total pattern length). For large inputs or many patterns use
// [Matcher.Replace] or a [Writer], which are linear in the input.
func Replace(text []byte, patterns [][]byte) []byte {
	out, _ := replace(text, patterns, true)
	return out
}

// replace is Replace for a text that may not be complete yet (final false). It
// stops at the first position whose outcome depends on bytes not seen yet,
// i.e. where the rest of the text is a proper prefix of some pattern, and
// reports how many bytes it decided. A streaming writer can release exactly
// that output and must hold back the remainder, which makes this the oracle
// for both what a Writer emits and how little it holds.
func replace(text []byte, patterns [][]byte, final bool) (out []byte, decided int) {
	out = make([]byte, 0, len(text))
	i := 0
	for i < len(text) {
		rest := text[i:]
		best := 0
		for _, p := range patterns {
			if len(p) == 0 {
				continue
			}
			if !final && len(rest) < len(p) && bytes.HasPrefix(p, rest) {
				return out, i
			}
			if len(p) > best && bytes.HasPrefix(rest, p) {
				best = len(p)
			}
		}
		if best > 0 {
			out = append(out, Replacement...)
			i += best
		} else {
			out = append(out, text[i])
			i++
		}
	}
	return out, i
}
