package dotenv

import (
	"errors"
	"slices"
	"strings"
	"testing"
)

// kv is an expected effective entry; tests list them in first-occurrence
// order so that Keys ordering is checked along with values.
type kv struct{ k, v string }

func mustParse(t testing.TB, src string) (*Doc, []Warning) {
	t.Helper()
	d, w, err := Parse([]byte(src))
	if err != nil {
		t.Fatalf("Parse(%q): %v", src, err)
	}
	return d, w
}

func entriesOf(d *Doc) []kv {
	var out []kv
	for _, e := range d.Entries() {
		out = append(out, kv{e.Key, e.Value})
	}
	return out
}

func TestParseGrammar(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want []kv
	}{
		{"empty file", "", nil},
		{"LF", "A=1\nB=2\n", []kv{{"A", "1"}, {"B", "2"}}},
		{"CRLF", "A=1\r\nB=2\r\n", []kv{{"A", "1"}, {"B", "2"}}},
		{"mixed endings", "A=1\r\n\nB=2\n\r\nC=3", []kv{{"A", "1"}, {"B", "2"}, {"C", "3"}}},
		{"no final newline", "A=1", []kv{{"A", "1"}}},
		{"BOM", "\xEF\xBB\xBFA=1\n", []kv{{"A", "1"}}},
		{"blank and whitespace-only lines", "\n  \t\n\r\nA=1\n \n", []kv{{"A", "1"}}},
		{"comments", "# c\n   # indented\n\t#tab\nA=1 # trailing\n", []kv{{"A", "1"}}},
		{"export space", "export A=1", []kv{{"A", "1"}}},
		{"export tab", "export\tA=1", []kv{{"A", "1"}}},
		{"export many blanks", "export  \t A=1", []kv{{"A", "1"}}},
		{"key named export", "export=1\nexport = 2", []kv{{"export", "2"}}},
		{"export glued to key", "exportA=1", []kv{{"exportA", "1"}}},
		{"leading whitespace", "  \tA=1", []kv{{"A", "1"}}},
		{"blanks around =", "A = 1\nB\t=\t2\nC =3\nD= 4", []kv{{"A", "1"}, {"B", "2"}, {"C", "3"}, {"D", "4"}}},
		{"dotted and dashed keys", "N.VAR6=x\nA-B=y\n_a1=z", []kv{{"N.VAR6", "x"}, {"A-B", "y"}, {"_a1", "z"}}},
		{"unquoted trimmed", "A=  x y  \t\n", []kv{{"A", "x y"}}},
		{"unquoted comment", "A=x #c\nB=x\t#c\nC=x # a # b", []kv{{"A", "x"}, {"B", "x"}, {"C", "x"}}},
		{"hash inside word", "A=a#b\nB=secret!@#\nC=fred#qux # other", []kv{{"A", "a#b"}, {"B", "secret!@#"}, {"C", "fred#qux"}}},
		{"hash right after =", "A=#x\nB= #x", []kv{{"A", "#x"}, {"B", ""}}},
		{"empty values", "A=\nB=   \nC=\r\n", []kv{{"A", ""}, {"B", ""}, {"C", ""}}},
		{"equals in value", "A==\nB=a=b==", []kv{{"A", "="}, {"B", "a=b=="}}},
		{"quotes inside unquoted", `A=a"b'c` + "`", []kv{{"A", `a"b'c` + "`"}}},
		{"backslash unquoted", `A=a\nb`, []kv{{"A", `a\nb`}}},
		{"single literal", `A='x #y $Z \n \' `, []kv{{"A", `x #y $Z \n \`}}},
		{"single empty", "A=''", []kv{{"A", ""}}},
		{"single multi-line", "A='l1\nl2'\nB=2", []kv{{"A", "l1\nl2"}, {"B", "2"}}},
		{"single multi-line CRLF", "A='l1\r\nl2'\r\nB=2", []kv{{"A", "l1\nl2"}, {"B", "2"}}},
		{"single lone CR kept", "A='a\rb'", []kv{{"A", "a\rb"}}},
		{"double escapes", `A="\\ \" \n \r \t \$"`, []kv{{"A", "\\ \" \n \r \t $"}}},
		{"double unknown escapes kept", `A="\x \' \a \{"`, []kv{{"A", `\x \' \a \{`}}},
		{"double escaped backslash before quote", `A="a\\"`, []kv{{"A", `a\`}}},
		{"double multi-line", "A=\"l1\nl2 \\\"q\\\"\nl3\"\nB=2", []kv{{"A", "l1\nl2 \"q\"\nl3"}, {"B", "2"}}},
		{"double multi-line CRLF", "A=\"l1\r\nl2\"\r\n", []kv{{"A", "l1\nl2"}}},
		{"double backslash before CRLF", "A=\"a\\\r\nb\"", []kv{{"A", "a\\\nb"}}},
		{"double hash inside", `A="a #b" # c`, []kv{{"A", "a #b"}}},
		{"comment glued to quote", `baz="foo"#bar`, []kv{{"baz", "foo"}}},
		{"blanks after quote", "A=\"x\"  \t\r\nB='y' \n", []kv{{"A", "x"}, {"B", "y"}}},
		{"backticks", "A=`x'\"$Y`\nB=``\nC=`l1\nl2` # c", []kv{{"A", `x'"$Y`}, {"B", ""}, {"C", "l1\nl2"}}},
		{"dollar never expanded", "A=1\nB=$A\nC=\"${A}\"\nD='$A'", []kv{{"A", "1"}, {"B", "$A"}, {"C", "${A}"}, {"D", "$A"}}},
		{"duplicates last wins", "A=1\nB=2\nA=3\n", []kv{{"A", "3"}, {"B", "2"}}},
		{"invalid UTF-8 kept", "A=\xf1\xe1\nB=\"\xff\"", []kv{{"A", "\xf1\xe1"}, {"B", "\xff"}}},
		{"lone CR is blank space", "A=1\r\rB=2\r", []kv{{"A", "1\r\rB=2"}}},
		{"trailing CR at EOF", "A=1\r", []kv{{"A", "1"}}},
		{"non-ASCII value", "A=Hellō wörld", []kv{{"A", "Hellō wörld"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, w := mustParse(t, tt.src)
			if len(w) != 0 {
				t.Errorf("warnings: %v", w)
			}
			if got := entriesOf(d); !slices.Equal(got, tt.want) {
				t.Errorf("entries:\n got %q\nwant %q", got, tt.want)
			}
			if got := string(d.Bytes()); got != tt.src {
				t.Errorf("Bytes changed the input: %q", got)
			}
		})
	}
}

func TestParseWarnings(t *testing.T) {
	tests := []struct {
		name  string
		src   string
		warns []Warning
		want  []kv
	}{
		{"bare key", "FOO\nA=1", []Warning{{1, ReasonNoEquals}}, []kv{{"A", "1"}}},
		{"export without =", "export FOO\n", []Warning{{1, ReasonNoEquals}}, nil},
		{"words", "this is text\n", []Warning{{1, ReasonNoEquals}}, nil},
		{"digit first", "1A=x", []Warning{{1, ReasonInvalidKey}}, nil},
		{"space in key", "A B=1", []Warning{{1, ReasonInvalidKey}}, nil},
		{"quoted key", "export \"Q\" = 1\n'S'=2", []Warning{{1, ReasonInvalidKey}, {2, ReasonInvalidKey}}, nil},
		{"no key", "=1", []Warning{{1, ReasonInvalidKey}}, nil},
		{"bad byte in key", "A$B=1\nA:B=2", []Warning{{1, ReasonInvalidKey}, {2, ReasonInvalidKey}}, nil},
		{"unterminated double", "A=\"x\nB=2\nC=3", []Warning{{1, ReasonUnterminatedDouble}}, []kv{{"B", "2"}, {"C", "3"}}},
		{"unterminated single", "A='x\nB=2", []Warning{{1, ReasonUnterminatedSingle}}, []kv{{"B", "2"}}},
		{"unterminated backtick", "B=2\nA=`x", []Warning{{2, ReasonUnterminatedBacktick}}, []kv{{"B", "2"}}},
		{"escaped quote does not close", `A="x\"`, []Warning{{1, ReasonUnterminatedDouble}}, nil},
		{"text after quote", "A=\"x\"y\nB='x' y\nC=`x`'", []Warning{{1, ReasonTextAfterQuote}, {2, ReasonTextAfterQuote}, {3, ReasonTextAfterQuote}}, nil},
		// The first double quote after A's is B's opening one, followed by
		// junk: A is the mistake, and B still reads.
		{"open quote closed by a later line", "A=\"x\nB=\"y\"\n", []Warning{{1, ReasonUnterminatedDouble}}, []kv{{"B", "y"}}},
		{"single quote has no escapes", "K='a\nb \\'c\\'\nd'", []Warning{{1, ReasonUnterminatedSingle}, {2, ReasonNoEquals}, {3, ReasonNoEquals}}, nil},
		{"line numbers after multi-line value", "A=\"1\n2\n3\"\nFOO\n", []Warning{{4, ReasonNoEquals}}, []kv{{"A", "1\n2\n3"}}},
		{"line numbers with CRLF and BOM", "\xEF\xBB\xBF# c\r\n\r\nFOO\r\n", []Warning{{3, ReasonNoEquals}}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, w := mustParse(t, tt.src)
			if !slices.Equal(w, tt.warns) {
				t.Errorf("warnings: got %v, want %v", w, tt.warns)
			}
			if got := d.Warnings(); !slices.Equal(got, w) {
				t.Errorf("Doc.Warnings() = %v, Parse gave %v", got, w)
			}
			if got := entriesOf(d); !slices.Equal(got, tt.want) {
				t.Errorf("entries: got %q, want %q", got, tt.want)
			}
			if got := string(d.Bytes()); got != tt.src {
				t.Errorf("Bytes changed the input: %q", got)
			}
		})
	}
}

func TestWarningNeverHoldsText(t *testing.T) {
	const secret = "hunter2-SECRET"
	src := "hunter2-SECRET\n" + secret + "=x\nA=\"" + secret + "\nB='" + secret + "'junk\n"
	_, w := mustParse(t, src)
	if len(w) == 0 {
		t.Fatal("expected warnings")
	}
	for _, x := range w {
		if strings.Contains(x.String(), "hunter2") || strings.Contains(x.String(), "SECRET") {
			t.Errorf("warning leaks text: %v", x)
		}
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want error
	}{
		{"UTF-16 LE", "\xFF\xFEA\x00=\x001\x00", ErrUTF16},
		{"UTF-16 BE", "\xFE\xFF\x00A\x00=\x001", ErrUTF16},
		{"NUL", "A=1\nB=\x00\n", ErrBinary},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, _, err := Parse([]byte(tt.src))
			if !errors.Is(err, tt.want) || d != nil {
				t.Fatalf("got %v, %v; want %v", d, err, tt.want)
			}
			if strings.Contains(err.Error(), "A") {
				t.Errorf("error shows file text: %v", err)
			}
		})
	}
}

func TestLookupKeysEntries(t *testing.T) {
	d, _ := mustParse(t, "B=1\nA=2\n# c\nB=3\nC=4\nA=5\n")
	if v, ok := d.Lookup("B"); !ok || v != "3" {
		t.Errorf("Lookup(B) = %q, %v", v, ok)
	}
	if _, ok := d.Lookup("Z"); ok {
		t.Error("Lookup(Z) found something")
	}
	if got := d.Keys(); !slices.Equal(got, []string{"B", "A", "C"}) {
		t.Errorf("Keys = %v", got)
	}
	want := []Entry{{"B", "3", 4}, {"A", "5", 6}, {"C", "4", 5}}
	if got := d.Entries(); !slices.Equal(got, want) {
		t.Errorf("Entries = %v", got)
	}
	if d.Len() != 3 {
		t.Errorf("Len = %d", d.Len())
	}
}

func TestZeroDoc(t *testing.T) {
	var d Doc
	if d.Len() != 0 || len(d.Keys()) != 0 || len(d.Bytes()) != 0 || d.Delete("A") {
		t.Fatal("zero Doc is not empty")
	}
	d.Set("A", "1")
	if got := string(d.Bytes()); got != "A=1\n" {
		t.Fatalf("Bytes = %q", got)
	}
}

func TestValidKey(t *testing.T) {
	for _, k := range []string{"A", "_", "a_1", "ANTHROPIC_API_KEY", "_9"} {
		if !ValidKey(k) {
			t.Errorf("ValidKey(%q) = false", k)
		}
	}
	for _, k := range []string{"", "1A", "A-B", "N.VAR", "A B", "É", "A=", "export A"} {
		if ValidKey(k) {
			t.Errorf("ValidKey(%q) = true", k)
		}
	}
}
