package config

import "strings"

// piece is a run of literal text or one reference of a string template.
type piece struct {
	text   string // literal text ($$ already turned into $), when name == ""
	name   string // as written between the braces: VAR or secret:KEY
	key    string // the name looked up: VAR or KEY
	secret bool
	off    int // byte offset of the reference in the scalar, for its line
}

// parseTemplate splits s into pieces. It returns nil when interpolation
// leaves s unchanged, which is the common case and keeps such scalars cheap.
func parseTemplate(s string) []piece {
	if strings.IndexByte(s, '$') < 0 {
		return nil
	}
	var (
		pieces  []piece
		lit     strings.Builder
		changed bool
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
			changed = true
			continue
		}
		if strings.HasPrefix(s[i:], "${") {
			// The first closing brace ends the reference; anything that is
			// not a name then, like ${{ .Code }}, is not ours to touch.
			if end := strings.IndexByte(s[i+2:], '}'); end >= 0 {
				inner := s[i+2 : i+2+end]
				if key, secret, ok := refName(inner); ok {
					flush()
					pieces = append(pieces, piece{name: inner, key: key, secret: secret, off: i})
					i += 2 + end + 1
					changed = true
					continue
				}
			}
		}
		lit.WriteByte('$')
		i++
	}
	if !changed {
		return nil
	}
	flush()
	return pieces
}

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
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || i > 0 && c >= '0' && c <= '9' {
			continue
		}
		return false
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
