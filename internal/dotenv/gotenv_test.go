package dotenv

import (
	"maps"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/subosito/gotenv"
)

// TestAgreesWithGotenv compares the effective map with gotenv on files in
// the common ground of both grammars. Left out, because gotenv differs by
// design: '$' (it expands), '#' inside unquoted words (it cuts there),
// backslashes other than \n and \" in double quotes (it unescapes them all
// and reads "\t" as "t"), keys with '-', and "KEY: value" lines.
func TestAgreesWithGotenv(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	for n := 0; n < 3000; n++ {
		src := genSimpleFile(r)
		theirs, err := gotenv.StrictParse(strings.NewReader(src))
		if err != nil {
			t.Fatalf("gotenv refused a generated file (generator bug?) %q: %v", src, err)
		}
		d, w := mustParse(t, src)
		if len(w) != 0 {
			t.Fatalf("warnings %v for %q", w, src)
		}
		ours := map[string]string{}
		for _, e := range d.Entries() {
			ours[e.Key] = e.Value
		}
		if !maps.Equal(ours, map[string]string(theirs)) {
			t.Fatalf("disagree on %q:\n ours   %q\n gotenv %q", src, ours, theirs)
		}
	}
}

func TestAgreesWithGotenvOnSamples(t *testing.T) {
	for _, src := range []string{
		"A=1\nB = two words \n  export C='x # y'\nD=\"q \\\"u\\\" \\n nl\" # c\n",
		"A=\"multi\nline\"\r\nB='also\r\nmulti'\r\n",
		"# c\n\nA=\nB=''\nC=\"\"\nA=dup\n",
		"\xEF\xBB\xBFA=bom\r\n",
		"URL=postgres://u:p@h:5432/db?sslmode=disable\nK=a=b==\n",
	} {
		theirs, err := gotenv.StrictParse(strings.NewReader(src))
		if err != nil {
			t.Fatalf("gotenv: %v", err)
		}
		d, _ := mustParse(t, src)
		ours := map[string]string{}
		for _, e := range d.Entries() {
			ours[e.Key] = e.Value
		}
		if !maps.Equal(ours, map[string]string(theirs)) {
			t.Errorf("disagree on %q:\n ours   %q\n gotenv %q", src, ours, theirs)
		}
	}
}

const (
	genKeyStart = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
	genKeyRest  = genKeyStart + "0123456789"
	genWord     = genKeyRest + "./:@,+-=%!?*&;~^"
)

func pick(r *rand.Rand, set string) byte { return set[r.IntN(len(set))] }

func genWordOf(r *rand.Rand, set string, n int) string {
	b := make([]byte, 1+r.IntN(n))
	for i := range b {
		b[i] = pick(r, set)
	}
	return string(b)
}

// genPhrase joins words with single spaces: gotenv and this parser trim
// the ends alike, but inner runs of blanks are kept by both.
func genPhrase(r *rand.Rand, set string) string {
	words := make([]string, 1+r.IntN(3))
	for i := range words {
		words[i] = genWordOf(r, set, 8)
	}
	return strings.Join(words, strings.Repeat(" ", 1+r.IntN(2)))
}

func genSimpleFile(r *rand.Rand) string {
	var b strings.Builder
	if r.IntN(10) == 0 {
		b.WriteString(bom)
	}
	for n := r.IntN(8); n >= 0; n-- {
		eol := "\n"
		if r.IntN(3) == 0 {
			eol = "\r\n"
		}
		switch r.IntN(8) {
		case 0:
			b.WriteString(eol)
			continue
		case 1:
			b.WriteString("# " + genPhrase(r, genWord) + eol)
			continue
		}
		b.WriteString(strings.Repeat(" ", r.IntN(2)))
		if r.IntN(4) == 0 {
			b.WriteString("export" + strings.Repeat(" ", 1+r.IntN(2)))
		}
		b.WriteByte(pick(r, genKeyStart))
		if r.IntN(2) == 0 {
			b.WriteString(genWordOf(r, genKeyRest, 6))
		}
		b.WriteString(strings.Repeat(" ", r.IntN(2)) + "=" + strings.Repeat(" ", r.IntN(2)))
		inner := genWord + "#'\""
		switch r.IntN(6) {
		case 0: // empty
		case 1:
			b.WriteString(genPhrase(r, genWord))
		case 2:
			b.WriteString("'" + strings.ReplaceAll(genPhrase(r, inner), "'", "") + "'")
		case 3:
			v := strings.ReplaceAll(genPhrase(r, inner), `"`, `\"`)
			if r.IntN(2) == 0 {
				v += `\n` + genWordOf(r, genWord, 4)
			}
			b.WriteString(`"` + v + `"`)
		case 4: // multi-line double quotes, lines joined by this line's ending
			b.WriteString(`"` + genPhrase(r, genWord) + eol + genPhrase(r, genWord) + `"`)
		case 5:
			b.WriteString("'" + genPhrase(r, genWord) + eol + genPhrase(r, genWord) + "'")
		}
		if r.IntN(4) == 0 {
			b.WriteString(" # " + genPhrase(r, genWord))
		}
		b.WriteString(eol)
	}
	return b.String()
}
