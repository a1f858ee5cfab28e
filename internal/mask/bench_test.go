package mask

import (
	"fmt"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

const keyChars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

// benchPatterns makes n API-key-like secrets of 20..60 bytes. Some share the
// well-known prefixes real tokens have, which gives the automaton shared
// paths that ordinary text can wander into.
func benchPatterns(r *rand.Rand, n int) [][]byte {
	prefixes := []string{"", "", "", "ghp_", "sk_live_", "AKIA", "xoxb-"}
	out := make([][]byte, n)
	for i := range out {
		p := []byte(prefixes[r.IntN(len(prefixes))])
		for l := 20 + r.IntN(41); len(p) < l; {
			p = append(p, keyChars[r.IntN(len(keyChars))])
		}
		out[i] = p
	}
	return out
}

// benchText makes about 1 MB of log lines, with a secret leaked in roughly
// one line in 500.
func benchText(r *rand.Rand, secrets [][]byte) []byte {
	levels := []string{"INFO ", "DEBUG", "WARN ", "ERROR"}
	paths := []string{"/api/v1/items", "/api/v1/users/me", "/healthz", "/api/v2/search?q=shoes&page=2", "/static/app.js"}
	users := []string{"alice@example.com", "bob", "svc-deploy", "carol.smith@corp.internal"}
	var b strings.Builder
	for b.Len() < 1<<20 {
		fmt.Fprintf(&b, "2025-03-%02dT%02d:%02d:%02d.%03dZ %s http: %s %s status=%d bytes=%d duration=%.1fms user=%s req=%016x",
			1+r.IntN(28), r.IntN(24), r.IntN(60), r.IntN(60), r.IntN(1000),
			levels[r.IntN(len(levels))], []string{"GET", "POST", "PUT"}[r.IntN(3)], paths[r.IntN(len(paths))],
			[]int{200, 200, 200, 201, 304, 404, 500}[r.IntN(7)], r.IntN(100000), r.Float64()*300,
			users[r.IntN(len(users))], r.Uint64())
		if r.IntN(500) == 0 {
			fmt.Fprintf(&b, " auth=Bearer %s", secrets[r.IntN(len(secrets))])
		}
		b.WriteByte('\n')
	}
	return []byte(b.String())
}

func BenchmarkWriter(b *testing.B) {
	for _, n := range []int{1, 10, 100} {
		b.Run(fmt.Sprintf("patterns=%d", n), func(b *testing.B) {
			r := rand.New(rand.NewPCG(uint64(n), 42))
			p := benchPatterns(r, n)
			text := benchText(r, p)
			m := Compile(p)
			b.SetBytes(int64(len(text)))
			b.ReportAllocs()
			for b.Loop() {
				w := m.NewWriter(io.Discard)
				// 32 KiB is the chunk size os/exec copies a child's output in.
				for rest := text; len(rest) > 0; {
					k := min(32<<10, len(rest))
					w.Write(rest[:k])
					rest = rest[k:]
				}
				w.Close()
			}
		})
	}
}

func BenchmarkCompile100(b *testing.B) {
	p := benchPatterns(rand.New(rand.NewPCG(7, 7)), 100)
	b.ReportAllocs()
	for b.Loop() {
		Compile(p)
	}
}
