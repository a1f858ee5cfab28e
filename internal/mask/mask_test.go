package mask

import (
	"bytes"
	"slices"
	"testing"
)

func TestPatterns(t *testing.T) {
	tests := []struct {
		name   string
		values []string
		want   []string
	}{
		{"short dropped", []string{"abc", "abcd", ""}, []string{"abcd"}},
		{"dedupe", []string{"token1", "token1", "token2"}, []string{"token1", "token2"}},
		{"LF lines", []string{"line-one\nline-two\nxy"}, []string{"line-one\nline-two\nxy", "line-one", "line-two"}},
		{"CRLF lines", []string{"alpha\r\nbeta-2\r\n"}, []string{"alpha\r\nbeta-2\r\n", "alpha", "beta-2"}},
		{"line equal to another value", []string{"user\nsecret-1", "secret-1"}, []string{"user\nsecret-1", "user", "secret-1"}},
		{"short multi-line value keeps long lines", []string{"ab\nc"}, []string{"ab\nc"}},
		{"lone CR is not a line break", []string{"abcd\refgh"}, []string{"abcd\refgh"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, p := range Patterns(tt.values) {
				got = append(got, string(p))
			}
			slices.Sort(got)
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("Patterns(%q) = %q, want %q", tt.values, got, want)
			}
		})
	}
}

func TestReplace(t *testing.T) {
	tests := []struct {
		pats       []string
		text, want string
	}{
		{[]string{"secret"}, "a secret here", "a *** here"},
		{[]string{"secret"}, "secret", "***"},
		{[]string{"secret"}, "secretsecret", "******"},
		{[]string{"secret", "secretvalue"}, "secretvalue secretval", "*** ***val"},
		{[]string{"abcdef", "cdefgh"}, "abcdefgh", "***gh"},
		{[]string{"abcdefgh", "cdef"}, "abcdefgX", "ab***gX"},
		{[]string{"abcdefgh", "cdef"}, "abcdefgh", "***"},
		{[]string{"aaaa"}, "aaaaaaaaaa", "******aa"},
		{[]string{"", "abcd"}, "abcd", "***"},
		{nil, "abcd", "abcd"},
	}
	for _, tt := range tests {
		p := pats(tt.pats...)
		if got := string(Replace([]byte(tt.text), p)); got != tt.want {
			t.Errorf("Replace(%q, %q) = %q, want %q", tt.text, tt.pats, got, tt.want)
		}
		if got := string(Compile(p).Replace([]byte(tt.text))); got != tt.want {
			t.Errorf("Matcher.Replace(%q, %q) = %q, want %q", tt.text, tt.pats, got, tt.want)
		}
	}
}

func TestMatcherReplaceLarge(t *testing.T) {
	p := pats("s3cr3t-t0ken", "s3cr3t", "t0ken-xyz")
	text := bytes.Repeat([]byte("log s3cr3t-t0ken-xyz and s3cr3t t0ken-xy\n"), 5000)
	if got, want := Compile(p).Replace(text), Replace(text, p); !bytes.Equal(got, want) {
		t.Fatal("Matcher.Replace disagrees with Replace")
	}
}
