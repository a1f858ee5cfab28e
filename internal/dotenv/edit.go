package dotenv

import "strings"

// Set stores value under key.
//
// An existing key is rewritten where its first entry stands: only its value
// changes to Encode(value), and its indentation, "export", spacing, trailing
// comment and line ending stay (a multi-line value is replaced whole); every
// later duplicate is removed with its line ending. A new key is appended as "KEY=<Encode(value)>" plus
// the line ending of the file's last line break (LF when there is none),
// after completing a last line that lacks one. No other byte changes.
//
// Afterwards every other key reads as before and Lookup(key) returns value,
// provided Parse reported no unterminated quote (Warning.Unterminated):
// text written after an open quote can close it, and then the lines in
// between read differently. The Doc always reflects its new bytes, so a
// caller can check Lookup after Set and refuse to save.
//
// key must satisfy ValidKey and value must not hold a NUL byte; either
// mistake is a programming error and panics (without echoing the value),
// because writing it would corrupt the file for every later read.
func (d *Doc) Set(key, value string) {
	if !ValidKey(key) {
		panic("dotenv: Set called with an invalid key")
	}
	if strings.IndexByte(value, 0) >= 0 {
		panic("dotenv: Set called with a value holding a NUL byte")
	}
	enc := Encode(value)
	if ri, ok := d.idx.get(d.recs, key); ok {
		d.replace(ri, key, enc, value)
	} else {
		d.appendEntry(key, enc, value)
	}
}

// Delete removes every entry of key, whole lines with their line endings,
// and reports whether there was one. Any key Parse read can be deleted, not
// only valid ones, so that a hand-written oddity can be cleared. The caveat
// of Set about unterminated quotes applies.
func (d *Doc) Delete(key string) bool {
	ri, ok := d.idx.get(d.recs, key)
	if !ok {
		return false
	}
	first := d.recs[ri].first
	reparse := d.affects(d.recs[ri].last)
	for j := first; j >= 0; {
		next := d.spans[j].next
		d.kill(j)
		j = next
	}
	d.idx.del(d.recs, key)
	d.afterEdit(reparse)
	return true
}

func (d *Doc) replace(ri int32, key, enc, value string) {
	r := &d.recs[ri]
	first := r.first
	reparse := d.affects(r.last)
	sp := &d.spans[first]
	raw := relayout(sp.raw, enc)
	d.size += len(raw) - len(sp.raw)
	dup := sp.next
	sp.raw, sp.value, sp.next = raw, value, -1
	sp.nl = int32(strings.Count(raw, "\n"))
	for j := dup; j >= 0; {
		next := d.spans[j].next
		d.kill(j)
		j = next
	}
	r.last = first
	d.afterEdit(reparse)
}

// relayout swaps the value in an entry's bytes for enc and keeps the rest as the user
// wrote it: indentation, "export", the spacing around "=", a trailing comment and the
// line ending. Only the value is the edit.
func relayout(raw, enc string) string {
	start, end := valueBounds(raw)
	tail := raw[end:]
	// A comment glued to a closing quote ("v"#c) would join an unquoted value.
	if tail != "" && tail[0] != ' ' && tail[0] != '\t' && tail[0] != '\r' && tail[0] != '\n' {
		tail = " " + tail
	}
	return raw[:start] + enc + tail
}

// valueBounds returns where the value of a well-formed entry starts and ends in its
// bytes: after "=" and the blanks that follow it, up to the closing quote, or for an
// unquoted value up to its last character before blanks or a comment.
func valueBounds(raw string) (start, end int) {
	lineEnd := strings.IndexByte(raw, '\n')
	if lineEnd < 0 {
		lineEnd = len(raw)
	}
	if lineEnd > 0 && raw[lineEnd-1] == '\r' {
		lineEnd-- // the CR of a CRLF belongs to the ending, not to the value
	}
	line := raw[:lineEnd]
	v := skipSpace(line, strings.IndexByte(line, '=')+1)
	if v == len(line) {
		return v, v
	}
	if q := raw[v]; q == '"' || q == '\'' || q == '`' {
		if c := findClose(raw, v+1, q); c >= 0 {
			return v, c + 1
		}
	}
	return v, v + len(unquoted(line, v))
}

func (d *Doc) appendEntry(key, enc, value string) {
	reparse := d.open != 0
	eol := d.lastEOL()
	// Spans never end in a dead one (afterEdit pops them), so the last
	// span is the file's last line.
	if n := len(d.spans); n > 0 {
		if last := &d.spans[n-1]; last.kind != kindBOM && !strings.HasSuffix(last.raw, "\n") {
			last.raw += eol
			last.nl++
			d.size += len(eol)
		}
	}
	sp := span{raw: key + "=" + enc + eol, value: value, kind: kindEntry, nl: 1, rec: -1, next: -1}
	i := int32(len(d.spans))
	d.link(&sp, i, key)
	d.spans = append(d.spans, sp)
	d.size += len(sp.raw)
	d.afterEdit(reparse)
}

// affects reports whether editing spans up to i may change how an earlier
// unterminated quote reads.
func (d *Doc) affects(i int32) bool { return d.open != 0 && d.open-1 < i }

func (d *Doc) kill(i int32) {
	d.spans[i].dead = true
	d.size -= len(d.spans[i].raw)
	d.dead++
}

// afterEdit keeps the invariants edits rely on: no dead span at the end (so
// appending finds the last line at once), tombstones never the majority (so
// iteration stays linear in the live size), and a model faithful to the
// bytes when an open quote may now read differently. Re-parsing is the
// simplest correct compaction; both cases are rare or amortised.
func (d *Doc) afterEdit(reparse bool) {
	d.edited, d.linesStale = true, true
	n := len(d.spans)
	for n > 0 && d.spans[n-1].dead {
		n--
		d.dead--
	}
	clear(d.spans[n:])
	d.spans = d.spans[:n]
	if reparse || d.dead > 64 && d.dead > n/2 {
		var b strings.Builder
		b.Grow(d.size)
		for i := range d.spans {
			if !d.spans[i].dead {
				b.WriteString(d.spans[i].raw)
			}
		}
		nd, _ := parse(b.String())
		*d = *nd
	}
}

// lastEOL is the line ending a new last line should use: that of the
// file's last line break.
func (d *Doc) lastEOL() string {
	for i := len(d.spans) - 1; i >= 0; i-- {
		if d.spans[i].dead {
			continue
		}
		raw := d.spans[i].raw
		if k := strings.LastIndexByte(raw, '\n'); k >= 0 {
			if k > 0 && raw[k-1] == '\r' {
				return "\r\n"
			}
			return "\n"
		}
	}
	return "\n"
}

func ending(raw string) string {
	switch {
	case strings.HasSuffix(raw, "\r\n"):
		return "\r\n"
	case strings.HasSuffix(raw, "\n"):
		return "\n"
	}
	return ""
}
