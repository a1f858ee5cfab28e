package dotenv

import (
	"math/rand/v2"
	"strconv"
	"testing"
)

// The index is hand-rolled, so check it against a Go map under a long run
// of random adds and deletes on a small key space, where probe runs wrap
// and deletions shift entries back constantly.
func TestKeyIndexMatchesMap(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	var x keyIndex
	var recs []keyRec
	ref := map[string]int32{}
	for step := 0; step < 200_000; step++ {
		key := "K" + strconv.Itoa(r.IntN(300))
		if r.IntN(3) == 0 {
			x.del(recs, key)
			delete(ref, key)
		} else {
			ri, found := x.getOrAdd(recs, key, int32(len(recs)))
			if !found {
				recs = append(recs, keyRec{key: key})
			}
			want, ok := ref[key]
			if found != ok || ok && ri != want {
				t.Fatalf("step %d: getOrAdd(%s) = %d,%v; map has %d,%v", step, key, ri, found, want, ok)
			}
			ref[key] = ri
		}
		if x.n != len(ref) {
			t.Fatalf("step %d: n = %d, map has %d", step, x.n, len(ref))
		}
	}
	for k, want := range ref {
		if got, ok := x.get(recs, k); !ok || got != want {
			t.Fatalf("get(%s) = %d,%v want %d", k, got, ok, want)
		}
	}
}
