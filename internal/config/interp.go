package config

import "strings"

// piece is a run of literal text, one reference of a string template, or
// the mark of a malformed reference.
type piece struct {
	kind   pieceKind
	text   string // literal text ($$ already turned into $), for pieceText
	name   string // reference: as written between the braces, VAR or secret:KEY; malformed: see invalidName
	key    string // the name looked up: VAR or KEY
	secret bool
	off    int // byte offset of the reference in the scalar, for its line
}

type pieceKind uint8

const (
	pieceText pieceKind = iota
	pieceRef
	// pieceInvalid marks where a malformed reference starts. It renders as
	// nothing: its text stays in the surrounding literal pieces, exactly as
	// it was before malformed references were detected.
	pieceInvalid
)

// maxInvalidName caps the name reported for a malformed reference.
const maxInvalidName = 40

// parseTemplate splits s into pieces. It returns nil when interpolation
// leaves s unchanged and s holds no malformed reference, which is the common
// case and keeps such scalars cheap.
func parseTemplate(s string) []piece {
	if strings.IndexByte(s, '$') < 0 {
		return nil
	}
	var (
		pieces []piece
		lit    strings.Builder
		keep   bool // a $$, a reference or a malformed one was found
	)
	flush := func() {
		if lit.Len() > 0 {
			pieces = append(pieces, piece{text: lit.String()})
			lit.Reset()
		}
	}
	for i := 0; i < len(s); {
		if s[i] != '$' {
			j := strings.IndexByte(s[i:], '$')
			if j < 0 {
				j = len(s) - i
			}
			lit.WriteString(s[i : i+j])
			i += j
			continue
		}
		if strings.HasPrefix(s[i:], "$$") {
			lit.WriteByte('$')
			i += 2
			keep = true
			continue
		}
		if strings.HasPrefix(s[i:], "${") {
			// The first closing brace ends the reference; anything that is
			// not a name then, like ${{ .Code }}, is not ours to touch.
			if end := strings.IndexByte(s[i+2:], '}'); end >= 0 {
				inner := s[i+2 : i+2+end]
				if key, secret, ok := refName(inner); ok {
					flush()
					pieces = append(pieces, piece{kind: pieceRef, name: inner, key: key, secret: secret, off: i})
					i += 2 + end + 1
					keep = true
					continue
				}
			}
			if name, bad := malformedRef(s[i+2:]); bad {
				// Reported, but interpolated as before: the $ and what
				// follows it stay literal text.
				flush()
				pieces = append(pieces, piece{kind: pieceInvalid, name: name, off: i})
				keep = true
			}
		}
		lit.WriteByte('$')
		i++
	}
	if !keep {
		return nil
	}
	flush()
	return pieces
}

// malformedRef says whether "${" followed by rest, which is not a valid
// reference, looks like an attempted one, and returns the name to report.
// It is an attempt when the text up to the first "}" is empty, starts with
// "secret:", or starts with a letter or underscore; or, with no "}" at all,
// when rest is empty or starts with a letter or underscore. Anything else,
// like ${{ .Code }}, ${ .Code }, ${.x} or ${1}, belongs to some other
// template syntax and is not reported.
func malformedRef(rest string) (name string, ok bool) {
	if end := strings.IndexByte(rest, '}'); end >= 0 {
		inner := rest[:end]
		ok = inner == "" || strings.HasPrefix(inner, "secret:") || nameStart(inner[0])
		return invalidName(inner), ok
	}
	return invalidName(rest), rest == "" || nameStart(rest[0])
}

// invalidName is the part of a malformed reference's text that may be
// displayed: it stops at the first byte outside [A-Za-z0-9_.:-] (so at any
// space or line break) and at maxInvalidName bytes, so the rest of the
// scalar, which may hold a value, is never reported.
func invalidName(s string) string {
	for i := 0; i < len(s); i++ {
		if i == maxInvalidName || !nameByte(s[i]) && s[i] != '.' && s[i] != ':' && s[i] != '-' {
			return s[:i]
		}
	}
	return s
}

func nameStart(c byte) bool {
	return c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z'
}

func nameByte(c byte) bool { return nameStart(c) || c >= '0' && c <= '9' }

func refName(inner string) (key string, secret bool, ok bool) {
	if k, found := strings.CutPrefix(inner, "secret:"); found {
		return k, true, validName(k)
	}
	return inner, false, validName(inner)
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	if !nameStart(s[0]) {
		return false
	}
	for i := 1; i < len(s); i++ {
		if !nameByte(s[i]) {
			return false
		}
	}
	return true
}

// lookup resolves one reference and says where the value came from. The
// value must only ever reach Resolve's tree.
func (src Sources) lookup(p piece) (value, source string) {
	if !p.secret && src.Env != nil {
		if v, ok := src.Env(p.key); ok {
			return v, SourceEnvironment
		}
	}
	if src.Secrets != nil {
		if v, ok := src.Secrets(p.key); ok {
			return v, SourceSecrets
		}
	}
	return "", SourceUndefined
}
