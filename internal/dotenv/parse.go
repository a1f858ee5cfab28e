package dotenv

import (
	"bytes"
	"strings"
)

const bom = "\xEF\xBB\xBF"

// Parse reads a dotenv file. It never panics. It fails only for a file it
// cannot read as text at all, returning ErrUTF16 or ErrBinary themselves
// (their text is ready to show after the file's name) and a nil Doc; any
// other defect skips the offending line with a Warning and keeps its bytes
// in the Doc.
//
// Grammar decisions beyond the design's list:
//   - A carriage return counts as blank space wherever spaces and tabs do
//     (around keys and '=', trailing an unquoted value, after a closing
//     quote, in blank lines), so a stray CR never turns a line into junk and
//     adding a final LF never changes how the last line reads.
//   - Inside a multi-line quoted value a CRLF line break reads as LF, like
//     the Node and Go dotenv readers, so a file saved by a Windows editor
//     yields the same value. A lone CR stays; Encode never writes a raw line
//     break, so its output reads back exactly either way.
//   - Backticks quote like single quotes: literal, may span lines.
//   - A quote whose first matching close sits on a later line and is
//     followed by junk is reported as unterminated: that is the likely slip,
//     and like an unterminated quote only its first line is skipped.
func Parse(src []byte) (*Doc, []Warning, error) {
	if len(src) >= 2 && (src[0] == 0xFF && src[1] == 0xFE || src[0] == 0xFE && src[1] == 0xFF) {
		return nil, nil, ErrUTF16
	}
	if bytes.IndexByte(src, 0) >= 0 {
		return nil, nil, ErrBinary
	}
	d, warns := parse(string(src))
	return d, warns, nil
}

// parse works on one string copy of the input so that raw spans, keys and
// most values are substrings of it: no allocation per line.
func parse(s string) (*Doc, []Warning) {
	est := strings.Count(s, "\n") + 1
	d := &Doc{
		src:   s,
		size:  len(s),
		spans: make([]span, 0, est+1),
		recs:  make([]keyRec, 0, est),
	}
	d.idx.init(est)
	var warns []Warning
	pos, line := 0, int32(1)
	if strings.HasPrefix(s, bom) {
		d.spans = append(d.spans, span{raw: bom, kind: kindBOM, line: 1, rec: -1, next: -1})
		pos = len(bom)
	}
	for pos < len(s) {
		l := scanLine(s, pos)
		sp := span{raw: s[pos:l.end], value: l.value, line: line, rec: -1, next: -1,
			kind: l.kind, reason: l.reason, export: l.export}
		if l.multi {
			sp.nl = int32(strings.Count(sp.raw, "\n"))
		} else if s[l.end-1] == '\n' {
			sp.nl = 1
		}
		i := int32(len(d.spans))
		switch l.kind {
		case kindEntry:
			d.link(&sp, i, l.key)
		case kindJunk:
			warns = append(warns, Warning{Line: int(line), Reason: reasons[l.reason]})
			if l.reason >= rUntermDouble && l.reason <= rUntermBacktick && d.open == 0 {
				d.open = i + 1
			}
		}
		d.spans = append(d.spans, sp)
		line += sp.nl
		pos = l.end
	}
	return d, warns
}

// link adds entry span i (not yet appended) to its key's chain.
func (d *Doc) link(sp *span, i int32, key string) {
	ri, dup := d.idx.getOrAdd(d.recs, key, int32(len(d.recs)))
	if dup {
		d.spans[d.recs[ri].last].next = i
		d.recs[ri].last = i
	} else {
		d.recs = append(d.recs, keyRec{key: key, first: i, last: i})
	}
	sp.rec = ri
}

type lineResult struct {
	end    int // offset just past the span, its line ending included
	kind   kind
	reason reason
	key    string
	value  string
	export bool
	multi  bool // a quoted value ran over more than one line
}

// scanLine reads the logical line starting at pos, which is always the start
// of a physical line: a junk line is skipped alone, so the next line starts
// afresh whatever quote it left open.
func scanLine(s string, pos int) lineResult {
	eol := strings.IndexByte(s[pos:], '\n')
	next := len(s)
	if eol < 0 {
		eol = len(s)
	} else {
		eol += pos
		next = eol + 1
	}
	ln := s[pos:eol]
	i := skipSpace(ln, 0)
	if i == len(ln) || ln[i] == '#' {
		return lineResult{end: next, kind: kindBlank}
	}
	export := false
	if strings.HasPrefix(ln[i:], "export") && i+6 < len(ln) && isBlank(ln[i+6]) {
		j := i + 7
		for j < len(ln) && isBlank(ln[j]) {
			j++
		}
		// "export =1" and "export" alone are the key export itself.
		if j < len(ln) && isKeyStart(ln[j]) {
			export, i = true, j
		}
	}
	if !isKeyStart(ln[i]) {
		return junk(ln, next)
	}
	k := i + 1
	for k < len(ln) && isKeyByte(ln[k]) {
		k++
	}
	key := ln[i:k]
	j := skipSpace(ln, k)
	if j == len(ln) || ln[j] != '=' {
		return junk(ln, next)
	}
	v := skipSpace(ln, j+1)
	res := lineResult{end: next, kind: kindEntry, key: key, export: export}
	if v == len(ln) {
		return res
	}
	q := ln[v]
	if q != '"' && q != '\'' && q != '`' {
		res.value = unquoted(ln, v)
		return res
	}
	open := pos + v
	c := findClose(s, open+1, q)
	if c < 0 {
		return lineResult{end: next, kind: kindJunk, reason: unterminated(q)}
	}
	cEOL := eol
	cNext := next
	if c > eol {
		cNext = len(s)
		if e := strings.IndexByte(s[c:], '\n'); e >= 0 {
			cEOL, cNext = c+e, c+e+1
		} else {
			cEOL = len(s)
		}
	}
	if t := skipSpace(s[:cEOL], c+1); t < cEOL && s[t] != '#' {
		if c < eol {
			return lineResult{end: next, kind: kindJunk, reason: rTextAfterQuote}
		}
		return lineResult{end: next, kind: kindJunk, reason: unterminated(q)}
	}
	res.end, res.multi = cNext, c > eol
	res.value = decode(s[open+1:c], q)
	return res
}

func junk(ln string, next int) lineResult {
	r := rInvalidKey
	if strings.IndexByte(ln, '=') < 0 {
		r = rNoEquals
	}
	return lineResult{end: next, kind: kindJunk, reason: r}
}

func unterminated(q byte) reason {
	switch q {
	case '"':
		return rUntermDouble
	case '\'':
		return rUntermSingle
	}
	return rUntermBacktick
}

// unquoted cuts the value at a '#' that follows blank space: "a#b" is a
// value, "a #b" is "a" and a comment. The byte before ln[v] is '=' or blank.
func unquoted(ln string, v int) string {
	end := len(ln)
	for k := v; k < len(ln); {
		h := strings.IndexByte(ln[k:], '#')
		if h < 0 {
			break
		}
		k += h
		if isSpace(ln[k-1]) {
			end = k
			break
		}
		k++
	}
	for end > v && isSpace(ln[end-1]) {
		end--
	}
	return ln[v:end]
}

// findClose returns the offset of the quote closing a value opened just
// before from, or -1. In double quotes a backslash escapes whatever byte
// follows it, so an odd run of backslashes hides the quote.
func findClose(s string, from int, q byte) int {
	if q != '"' {
		if c := strings.IndexByte(s[from:], q); c >= 0 {
			return from + c
		}
		return -1
	}
	for i := from; ; {
		c := strings.IndexByte(s[i:], '"')
		if c < 0 {
			return -1
		}
		c += i
		n := 0
		for k := c - 1; k >= from && s[k] == '\\'; k-- {
			n++
		}
		if n%2 == 0 {
			return c
		}
		i = c + 1
	}
}

// decode turns the text between quotes into the value. It returns a
// substring (no allocation) when there is nothing to rewrite.
func decode(raw string, q byte) string {
	if q != '"' {
		if strings.Contains(raw, "\r\n") {
			return strings.ReplaceAll(raw, "\r\n", "\n")
		}
		return raw
	}
	if strings.IndexByte(raw, '\\') < 0 && !strings.Contains(raw, "\r\n") {
		return raw
	}
	// Copy the plain runs between backslashes whole; only escapes and
	// CRLF pairs are handled a byte at a time.
	var b strings.Builder
	b.Grow(len(raw))
	for i := 0; i < len(raw); {
		j := strings.IndexAny(raw[i:], "\\\r")
		if j < 0 {
			b.WriteString(raw[i:])
			break
		}
		b.WriteString(raw[i : i+j])
		i += j
		c := raw[i]
		i++
		if c == '\r' {
			if i < len(raw) && raw[i] == '\n' {
				c = '\n'
				i++
			}
		} else if i < len(raw) {
			switch raw[i] {
			case '\\', '"', '$':
				c = raw[i]
				i++
			case 'n':
				c = '\n'
				i++
			case 'r':
				c = '\r'
				i++
			case 't':
				c = '\t'
				i++
			}
			// Any other pair stays as written: the backslash now, the
			// next byte on the next turn (so "\" + CRLF keeps its LF).
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// isSpace is blank space inside a line; see Parse for why CR is included.
func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' }

func skipSpace(s string, i int) int {
	for i < len(s) && isSpace(s[i]) {
		i++
	}
	return i
}

func isKeyStart(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
}

// isKeyByte accepts '.' and '-' when reading because real files use them
// (N.VAR6); ValidKey is stricter for keys reyn writes.
func isKeyByte(c byte) bool {
	return isKeyStart(c) || c >= '0' && c <= '9' || c == '.' || c == '-'
}
