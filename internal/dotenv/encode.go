package dotenv

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Encode returns the plainest form of value that Parse reads back exactly:
//   - "" for the empty value (KEY= is the conventional empty form);
//   - the value itself when every byte is a letter, a digit or one of
//     _ - . / : + = @ , % ^ ! (nothing a shell or another dotenv reader
//     treats specially: no blank, quote, '#', '$', '\', '~' or glob byte);
//   - single quotes when the value is valid UTF-8, all printable (space
//     included, tab and line breaks not) and holds no single quote; '$'
//     goes here because single quotes keep it literal in every reader;
//   - otherwise double quotes, escaping \ " $ and LF, CR, tab; other bytes,
//     invalid UTF-8 included, are written as they are.
//
// The result never holds a raw line break, so an encoded entry is always
// one line. Backticks are read but never written: fewer readers know them.
// A value holding a NUL byte cannot be stored at all (Parse refuses such a
// file); Encode does not check, Set does.
func Encode(value string) string {
	switch {
	case value == "":
		return ""
	case isBare(value):
		return value
	case singleQuotable(value):
		return "'" + value + "'"
	}
	var b strings.Builder
	b.Grow(len(value) + 8)
	b.WriteByte('"')
	for i := 0; i < len(value); i++ {
		switch c := value[i]; c {
		case '\\', '"', '$':
			b.WriteByte('\\')
			b.WriteByte(c)
		case '\n':
			b.WriteString(`\n`)
		case '\r':
			b.WriteString(`\r`)
		case '\t':
			b.WriteString(`\t`)
		default:
			b.WriteByte(c)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// ValidKey reports whether key is an environment-variable name, the only
// kind of key reyn writes: [A-Za-z_][A-Za-z0-9_]*.
func ValidKey(key string) bool {
	if key == "" || !isKeyStart(key[0]) {
		return false
	}
	for i := 1; i < len(key); i++ {
		if c := key[i]; !isKeyStart(c) && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

func isBare(v string) bool {
	for i := 0; i < len(v); i++ {
		c := v[i]
		if isKeyStart(c) || c >= '0' && c <= '9' {
			continue
		}
		switch c {
		case '-', '.', '/', ':', '+', '=', '@', ',', '%', '^', '!':
			continue
		}
		return false
	}
	return true
}

func singleQuotable(v string) bool {
	if !utf8.ValidString(v) {
		return false
	}
	for _, r := range v {
		if r == '\'' || !unicode.IsPrint(r) {
			return false
		}
	}
	return true
}
