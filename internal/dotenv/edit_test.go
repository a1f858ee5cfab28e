package dotenv

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

const bomS = "\xEF\xBB\xBF"

func TestEditBytes(t *testing.T) {
	tests := []struct {
		name string
		src  string
		edit func(d *Doc)
		want string
	}{
		{"append LF", "A=1\n", set("B", "2"), "A=1\nB=2\n"},
		{"append CRLF", "A=1\r\n", set("B", "2"), "A=1\r\nB=2\r\n"},
		{"append to empty file", "", set("B", "x y"), "B='x y'\n"},
		{"append to BOM-only file", bomS, set("B", "2"), bomS + "B=2\n"},
		{"append without final LF", "A=1", set("B", "2"), "A=1\nB=2\n"},
		{"append without final CRLF", "A=1\r\nC=3", set("B", "2"), "A=1\r\nC=3\r\nB=2\r\n"},
		{"append follows last line's ending", "A=1\r\nC=3\n", set("B", "2"), "A=1\r\nC=3\nB=2\n"},
		{"append after comment without LF", "A=1\n# end", set("B", ""), "A=1\n# end\nB=\n"},
		{"append after junk", "FOO\n'bad", set("B", "2"), "FOO\n'bad\nB=2\n"},
		{"replace in place", "# c\nA=1\nB=2\n", set("A", "x y"), "# c\nA='x y'\nB=2\n"},
		{"replace keeps export", "export A=1\n", set("A", "n"), "export A=n\n"},
		{"replace keeps export blank", "export\t  A=1", set("A", "n"), "export\t  A=n"},
		{"replace keeps indent, spacing and comment", "  A = 1 # c\r\nB=2", set("A", "n n"), "  A = 'n n' # c\r\nB=2"},
		{"replace keeps comment after quote", "A=\"1\"  # c\n", set("A", "2"), "A=2  # c\n"},
		{"replace spaces a glued comment", "A=\"1\"#c\n", set("A", "2"), "A=2 #c\n"},
		{"replace empty value before CRLF", "A=\r\n", set("A", "0"), "A=0\r\n"},
		{"replace to empty keeps comment", "A=abc # c\n", set("A", ""), "A= # c\n"},
		{"replace multi-line value", "A=\"x\ny\" # c\nB=1\n", set("A", "z"), "A=z # c\nB=1\n"},
		{"replace last line without LF", "A=1\nB=2", set("B", "3"), "A=1\nB=3"},
		{"replace CRLF entry", "A=1\r\nB=2\r\n", set("A", "$x"), "A='$x'\r\nB=2\r\n"},
		{"replace removes later duplicates", "A=1\nB=2\nA=3\r\nA=4", set("A", "9"), "A=9\nB=2\n"},
		{"other keys keep duplicates", "A=1\nB=1\nB=2\nA=3\n", set("A", "x"), "A=x\nB=1\nB=2\n"},
		{"replace multi-line entry", "A=\"l1\nl2\"\r\nB=2\n", set("A", "v"), "A=v\r\nB=2\n"},
		{"multi-line value written on one line", "A=1\n", set("A", "l1\nl2"), "A=\"l1\\nl2\"\n"},
		{"junk lines kept", "FOO\nA=1\n'bad\n", set("A", "2"), "FOO\nA=2\n'bad\n"},
		{"BOM kept on first entry", bomS + "A=1\r\nB=2\r\n", set("A", "v"), bomS + "A=v\r\nB=2\r\n"},
		{"delete keeps BOM", bomS + "A=1\r\nB=2\r\n", del("A"), bomS + "B=2\r\n"},
		{"delete duplicates", "A=1\nB=2\nA=3\n", del("A"), "B=2\n"},
		{"delete last line without LF", "A=1\nB=2", del("B"), "A=1\n"},
		{"delete only entry", "A=1", del("A"), ""},
		{"delete multi-line", "X=0\nA='a\r\nb' # c\r\nB=2", del("A"), "X=0\nB=2"},
		{"delete dotted key", "N.V=1\nA=2\n", del("N.V"), "A=2\n"},
		{"delete absent", "A=1", del("Z"), "A=1"},
		{"delete then append", "A=1\nB=2", func(d *Doc) { d.Delete("B"); d.Set("C", "3") }, "A=1\nC=3\n"},
		{"append then delete", "A=1", func(d *Doc) { d.Set("C", "3"); d.Delete("C") }, "A=1\n"},
		{"set twice", "A=1\n", func(d *Doc) { d.Set("B", "1"); d.Set("B", "2"); d.Set("A", "0") }, "A=0\nB=2\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, w := mustParse(t, tt.src)
			tt.edit(d)
			got := string(d.Bytes())
			if got != tt.want {
				t.Fatalf("got  %q\nwant %q", got, tt.want)
			}
			checkFaithful(t, d)
			_, w2 := mustParse(t, got)
			if len(w2) != len(w) {
				t.Errorf("warnings changed: %v -> %v", w, w2)
			}
		})
	}
}

func set(k, v string) func(*Doc) { return func(d *Doc) { d.Set(k, v) } }
func del(k string) func(*Doc)    { return func(d *Doc) { d.Delete(k) } }

// checkFaithful asserts that an edited Doc answers exactly like a fresh
// parse of its own bytes: the model never drifts from the file.
func checkFaithful(t testing.TB, d *Doc) {
	t.Helper()
	fresh, w := mustParse(t, string(d.Bytes()))
	if got, want := d.Entries(), fresh.Entries(); !slices.Equal(got, want) {
		t.Errorf("edited Entries %+v\nfresh parse    %+v", got, want)
	}
	if got := d.Warnings(); !slices.Equal(got, w) {
		t.Errorf("edited Warnings %v, fresh %v", got, w)
	}
	if d.Len() != fresh.Len() || !slices.Equal(d.Keys(), fresh.Keys()) {
		t.Errorf("edited Keys %v, fresh %v", d.Keys(), fresh.Keys())
	}
}

func TestDeleteReports(t *testing.T) {
	d, _ := mustParse(t, "A=1\n")
	if !d.Delete("A") || d.Delete("A") {
		t.Fatal("Delete should report true once, then false")
	}
	if _, ok := d.Lookup("A"); ok || d.Len() != 0 {
		t.Fatal("A still there")
	}
}

func TestSetPanicsWithoutLeaking(t *testing.T) {
	for _, c := range []struct{ k, v string }{{"A", "sec\x00ret"}, {"A B", "secret"}, {"", "secret"}} {
		func() {
			defer func() {
				r := recover()
				if r == nil {
					t.Fatalf("Set(%q) did not panic", c.k)
				}
				if strings.Contains(fmt.Sprint(r), "sec") {
					t.Errorf("panic leaks the value: %v", r)
				}
			}()
			var d Doc
			d.Set(c.k, c.v)
		}()
	}
}

// An open quote before an edit may be closed by the edit; the Doc must then
// still describe its own bytes, which is what a caller checks before saving.
func TestEditAfterOpenQuoteStaysFaithful(t *testing.T) {
	tests := []struct {
		src  string
		edit func(*Doc)
	}{
		{"A=\"x\nB=1\n", set("C", "#\n")},
		{"A=\"x\nB=\"v\"\nC=\" #y\"\n", del("B")},
		{"A='x\nB=1\n", set("B", "'' #")},
		{"A=`x", set("B", "y")},
	}
	for _, tt := range tests {
		d, w := mustParse(t, tt.src)
		if len(w) == 0 || !w[0].Unterminated() {
			t.Fatalf("%q: expected an unterminated quote, got %v", tt.src, w)
		}
		tt.edit(d)
		checkFaithful(t, d)
	}
}

// Thousands of deletes and appends push the Doc through compaction; it must
// still describe its bytes exactly.
func TestManyEdits(t *testing.T) {
	const n = 20000
	src := benchFile(n)
	d, _ := mustParse(t, src)
	for i := 0; i < n; i += 2 {
		d.Delete(fmt.Sprintf("KEY_%d", i))
	}
	for i := 0; i < n; i += 3 {
		d.Set(fmt.Sprintf("KEY_%d", i), "v")
	}
	checkFaithful(t, d)
	if d.Len() != n/2+n/6+1 {
		t.Errorf("Len = %d", d.Len())
	}
}

// A duplicate after an open quote is removed by Set even though the first
// entry sits before the quote: the Doc must notice the quote may now read
// differently.
func TestRemovingDuplicateAfterOpenQuote(t *testing.T) {
	d, _ := mustParse(t, "K=1\nA=\"x\nK=\"y\"\nB=\" #z\"\n")
	d.Set("K", "2")
	checkFaithful(t, d)
	d, _ = mustParse(t, "K=1\nA=\"x\nK=\"y\"\nB=\" #z\"\n")
	d.Delete("K")
	checkFaithful(t, d)
}
