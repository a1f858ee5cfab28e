package dotenv

import (
	"errors"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// corpusDir is the shared corpus of real dotenv files (see its README). It
// sits beside the checkout, so the path is relative to this package.
var corpusDir = filepath.Join("..", "..", "..", "shared", "corpus", "dotenv")

// corpusWarnings lists every warning the corpus must produce; a file not
// listed must produce none. Only lines that break the grammar are here.
var corpusWarnings = map[string][]Warning{
	// A bare key with no '=' on the first line.
	"14-python-autogpt-env-template.env": {{1, ReasonNoEquals}},
	// OPTION_K='line one / this is \'quoted\' / one more line': single
	// quotes have no escapes, so the quote closes after "\" on line 13 and
	// "quoted..." follows it; lines 13 and 14 are then stray text.
	"19-go-godotenv-quoted-multiline.env": {{12, ReasonUnterminatedSingle}, {13, ReasonNoEquals}, {14, ReasonNoEquals}},
	// export "EDQUOTED" = 123 and export 'ESQUOTED' = 456: quoted key names.
	"23-php-phpdotenv-exported.env": {{4, ReasonInvalidKey}, {5, ReasonInvalidKey}},
}

func readCorpus(t testing.TB) map[string][]byte {
	t.Helper()
	files, err := readCorpusQuiet()
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("corpus folder %s is absent", corpusDir)
	}
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func readCorpusQuiet() (map[string][]byte, error) {
	ents, err := os.ReadDir(corpusDir)
	if err != nil {
		return nil, err
	}
	files := map[string][]byte{}
	for _, e := range ents {
		if e.IsDir() {
			continue
		}
		b, err := os.ReadFile(filepath.Join(corpusDir, e.Name()))
		if err != nil {
			return nil, err
		}
		files[e.Name()] = b
	}
	return files, nil
}

func TestCorpus(t *testing.T) {
	files := readCorpus(t)
	for name := range corpusWarnings {
		if _, ok := files[name]; !ok {
			t.Errorf("warning table names %s, which is not in the corpus", name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(files)) {
		src := files[name]
		t.Run(name, func(t *testing.T) {
			d, w, err := Parse(src)
			if strings.HasPrefix(name, "26-") {
				if !errors.Is(err, ErrUTF16) {
					t.Fatalf("want ErrUTF16, got %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(d.Bytes(), src) {
				t.Fatal("Bytes() differs from the input")
			}
			if want := corpusWarnings[name]; !slices.Equal(w, want) {
				t.Fatalf("warnings %v, want %v", w, want)
			}
			corpusAppend(t, src, d, w)
			for i, key := range d.Keys() {
				corpusRotate(t, src, key, nastyValues[i%len(nastyValues)])
				corpusDelete(t, src, key)
			}
		})
	}
}

func corpusAppend(t *testing.T, src []byte, before *Doc, w []Warning) {
	const key, value = "REYN_NEW_KEY", "new value: 'quoted' \"x\" $HOME #1"
	d, _ := mustParse(t, string(src))
	d.Set(key, value)
	got := string(d.Bytes())
	if want := expectAppend(string(src), key, value); got != want {
		t.Fatalf("append:\n got %q\nwant %q", got[max(0, len(got)-200):], want[max(0, len(want)-200):])
	}
	after, w2 := mustParse(t, got)
	if !slices.Equal(w2, w) {
		t.Errorf("append changed warnings: %v -> %v", w, w2)
	}
	if v, _ := after.Lookup(key); v != value {
		t.Errorf("appended key reads %q", v)
	}
	checkOthers(t, before, after, key)
	checkFaithful(t, d)
}

func corpusRotate(t *testing.T, src []byte, key, value string) {
	if !ValidKey(key) {
		return // reyn never writes such a key (N.VAR6); Delete covers it
	}
	before, w := mustParse(t, string(src))
	occ := occurrences(t, before, key)
	d, _ := mustParse(t, string(src))
	d.Set(key, value)
	got := string(d.Bytes())
	if want := expectSet(string(src), occ, key, value); got != want {
		t.Fatalf("rotate %s: bytes outside its entries changed", key)
	}
	after, w2 := mustParse(t, got)
	if !slices.Equal(reasonsOf(w2), reasonsOf(w)) {
		t.Errorf("rotate %s changed warnings: %v -> %v", key, w, w2)
	}
	if v, _ := after.Lookup(key); v != value {
		t.Errorf("rotate %s reads back %q, want %q", key, v, value)
	}
	checkOthers(t, before, after, key)
	checkFaithful(t, d)
}

func corpusDelete(t *testing.T, src []byte, key string) {
	before, w := mustParse(t, string(src))
	occ := occurrences(t, before, key)
	d, _ := mustParse(t, string(src))
	if !d.Delete(key) {
		t.Fatalf("Delete(%s) found nothing", key)
	}
	got := string(d.Bytes())
	if want := expectDelete(string(src), occ); got != want {
		t.Fatalf("delete %s: bytes outside its lines changed", key)
	}
	after, w2 := mustParse(t, got)
	if !slices.Equal(reasonsOf(w2), reasonsOf(w)) {
		t.Errorf("delete %s changed warnings: %v -> %v", key, w, w2)
	}
	if _, ok := after.Lookup(key); ok {
		t.Errorf("delete %s: still there", key)
	}
	checkOthers(t, before, after, key)
	checkFaithful(t, d)
}
