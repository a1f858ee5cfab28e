package dotenv

import (
	"math/rand/v2"
	"strings"
	"testing"
)

const pem = "-----BEGIN PRIVATE KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\n+/=abc\n-----END PRIVATE KEY-----\n"

// nastyValues are values that break naive encoders; every one must survive
// Encode and Set exactly.
var nastyValues = []string{
	"", " ", "  both  ", " lead", "trail ", "\t", "\r", "\n", "\r\n", "\n\n",
	`"`, `'`, `"'`, "`", "`backtick`", `\`, `\\`, `\"`, `'"'`, `\'`, `\n`, `\$`,
	"#", " #", "a #b", "#!x", "$", "$HOME", "${A}", "$$", "=", "==", "a=b",
	"a'b\"c`d$e#f g\\h", "export A=1", "A=1\nB=2", "x\r\nB=2\r\n",
	pem, "héllo wörld ✓", "日本語", "\u00a0nbsp", "\ufeffzero-width", "\xEF\xBB\xBF",
	"\xff\xfe\xfd", "\xf1\xe1", "a\xffb c", "\x01\x02\x1b[31m\x7f", "\v\f",
	"~/x", "*?[]{}()<>|&;", "p@ss:w/rd+=,%^!", "-", "--", ".", "0",
}

func TestEncodeForms(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"abc123", "abc123"},
		{"base64:AbC+/==", "base64:AbC+/=="},
		{"p@ss:w/rd+=,%^!-._", "p@ss:w/rd+=,%^!-._"},
		{"a b", "'a b'"},
		{"$HOME", "'$HOME'"},
		{"~/x", "'~/x'"},
		{"#x", "'#x'"},
		{`C:\path`, `'C:\path'`},
		{`say "hi"`, `'say "hi"'`},
		{"Hellō", "'Hellō'"},
		{"it's", `"it's"`},
		{"it's $5", `"it's \$5"`},
		{"a\tb", `"a\tb"`},
		{"l1\nl2\r\n", `"l1\nl2\r\n"`},
		{`it's \ "x"`, `"it's \\ \"x\""`},
		{"\xff", "\"\xff\""},
		{"\u00a0", "\"\u00a0\""},
	}
	for _, tt := range tests {
		if got := Encode(tt.in); got != tt.want {
			t.Errorf("Encode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// roundTrip checks that an encoded value reads back exactly in every
// context an entry can appear in.
func roundTrip(t *testing.T, value string) {
	t.Helper()
	enc := Encode(value)
	if strings.ContainsAny(enc, "\r\n") {
		t.Errorf("Encode(%q) = %q spans lines", value, enc)
	}
	for _, ctx := range []struct{ pre, post string }{
		{"K=", "\n"}, {"K=", "\r\n"}, {"K=", ""}, {"export K=", "\n"},
		{"\xEF\xBB\xBFK=", "\r\n"}, {"A=1\nK=", " # comment\nB=2"},
	} {
		src := ctx.pre + enc + ctx.post
		d, w, err := Parse([]byte(src))
		if err != nil || len(w) != 0 {
			t.Errorf("%q: err %v, warnings %v", src, err, w)
			continue
		}
		if got, _ := d.Lookup("K"); got != value {
			t.Errorf("%q reads back %q, want %q", src, got, value)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	for _, v := range nastyValues {
		roundTrip(t, v)
	}
	// A 64 KB value of every byte but NUL, line breaks included.
	r := rand.New(rand.NewPCG(1, 2))
	b := make([]byte, 64<<10)
	for i := range b {
		b[i] = byte(1 + r.IntN(255))
	}
	roundTrip(t, string(b))
	roundTrip(t, strings.Repeat("x", 64<<10))
}

func TestSetRoundTrip(t *testing.T) {
	for _, v := range nastyValues {
		for _, base := range []string{"", "K=old\n", "export K='old'\r\n", "A=1\nK=\"o\nld\"\nB=2", "\xEF\xBB\xBFA=1"} {
			d, _ := mustParse(t, base)
			d.Set("K", v)
			if got, _ := d.Lookup("K"); got != v {
				t.Errorf("Lookup after Set = %q, want %q", got, v)
			}
			d2, w := mustParse(t, string(d.Bytes()))
			if got, _ := d2.Lookup("K"); got != v || len(w) != 0 {
				t.Errorf("base %q value %q: re-read %q, warnings %v", base, v, got, w)
			}
		}
	}
}
