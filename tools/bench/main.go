// Command bench times reyn's commands against a Go hello-world built in the same run and
// prints each median as a ratio to it, with the targets of the performance issue.
//
// Run it from the module root: `go run ./tools/bench` (or `make bench`). The runs of
// every command are interleaved round by round, so a burst of load on a shared machine
// falls on all of them alike and the ratios stay meaningful.
package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/reyn-cli/reyn/internal/dotenv"
	"github.com/reyn-cli/reyn/internal/mask"
)

type target struct {
	name  string
	keys  int
	args  []string
	limit float64 // the largest acceptable ratio to hello-world
}

var targets = []target{
	{"reyn secret list", 100, []string{"secret", "list"}, 2},
	{"reyn secret set", 100, []string{"secret", "set", "KEY_5=rotated-value"}, 4},
	{"reyn secret list", 10_000, []string{"secret", "list"}, 8},
	{"reyn secret set", 10_000, []string{"secret", "set", "KEY_5=rotated-value"}, 12},
}

func main() {
	rounds := flag.Int("rounds", 200, "runs of each command")
	flag.Parse()
	dir, err := os.MkdirTemp("", "reyn-bench")
	check(err)
	defer os.RemoveAll(dir)

	reyn := filepath.Join(dir, "reyn")
	hello := filepath.Join(dir, "hello")
	check(run("go", "build", "-o", reyn, "."))
	check(os.WriteFile(filepath.Join(dir, "hello.go"), []byte("package main\n\nimport \"fmt\"\n\nfunc main() { fmt.Println(\"hello\") }\n"), 0o644))
	check(run("go", "build", "-o", hello, filepath.Join(dir, "hello.go")))

	homes := map[int]string{}
	for _, t := range targets {
		if homes[t.keys] == "" {
			homes[t.keys] = makeHome(dir, t.keys)
		}
	}

	base := make([]time.Duration, 0, *rounds)
	times := make([][]time.Duration, len(targets))
	for range *rounds {
		base = append(base, timeOne(hello, nil, ""))
		for i, t := range targets {
			times[i] = append(times[i], timeOne(reyn, t.args, homes[t.keys]))
		}
	}

	h := median(base)
	fmt.Printf("reyn bench, %s, %d runs each, interleaved\n\n", time.Now().UTC().Format(time.DateOnly), *rounds)
	fmt.Printf("| command | keys | median | ratio to hello-world | target | met |\n|---|---|---|---|---|---|\n")
	fmt.Printf("| hello-world (Go) | - | %s | 1.00x | - | - |\n", ms(h))
	allMet := true
	for i, t := range targets {
		m := median(times[i])
		ratio := float64(m) / float64(h)
		met := ratio <= t.limit
		allMet = allMet && met
		fmt.Printf("| %s | %d | %s | %.2fx | <= %.0fx | %s |\n", t.name, t.keys, ms(m), ratio, t.limit, yes(met))
	}
	fmt.Println()
	allMet = inProcess() && allMet
	if !allMet {
		fmt.Println("\nsome targets were not met")
		os.Exit(1)
	}
}

// inProcess measures the two targets that are not whole commands: the codec on a
// 100,000-entry file, and the masker's throughput with 100 values.
func inProcess() bool {
	fmt.Printf("| in-process | size | result | target | met |\n|---|---|---|---|---|\n")
	met := true
	var per [2]float64
	for i, n := range []int{10_000, 100_000} {
		src := []byte(envFile(n))
		r := testing.Benchmark(func(b *testing.B) {
			for b.Loop() {
				doc, _, err := dotenv.Parse(src)
				if err != nil {
					b.Fatal(err)
				}
				doc.Set("KEY_5", "rotated value")
				doc.Bytes()
			}
		})
		d := time.Duration(r.NsPerOp())
		per[i] = float64(d) / float64(n)
		if n == 100_000 {
			ok := d < 100*time.Millisecond
			met = met && ok
			fmt.Printf("| parse + edit + encode | %d entries | %s (%.0f ns/entry; %.0f at 10k) | < 100 ms, linear | %s |\n", n, ms(d), per[1], per[0], yes(ok))
		}
	}
	values := make([]string, 100)
	for i := range values {
		values[i] = fmt.Sprintf("sk-live-%02d-%s", i, strings.Repeat("abcdef0123456789"[i%16:i%16+1], 24))
	}
	var text strings.Builder
	for i := 0; text.Len() < 1<<20; i++ {
		fmt.Fprintf(&text, "2026-12-03T10:00:%02dZ INFO request id=%d path=/api/v1/items status=200 took=%dms\n", i%60, i, i%97)
	}
	data := []byte(text.String())
	m := mask.Compile(mask.Patterns(values))
	r := testing.Benchmark(func(b *testing.B) {
		b.SetBytes(int64(len(data)))
		for b.Loop() {
			w := m.NewWriter(io.Discard)
			for off := 0; off < len(data); off += 32 << 10 {
				w.Write(data[off:min(off+32<<10, len(data))])
			}
			w.Close()
		}
	})
	mbps := float64(r.Bytes) * float64(r.N) / r.T.Seconds() / 1e6
	ok := mbps >= 200
	fmt.Printf("| secret exec masker | 100 values | %.0f MB/s | >= 200 MB/s | %s |\n", mbps, yes(ok))
	return met && ok
}

func envFile(keys int) string {
	var b strings.Builder
	for i := range keys {
		fmt.Fprintf(&b, "KEY_%d=value-%d-abcdefghijklmnopqrstuvwxyz\n", i, i)
	}
	return b.String()
}

func makeHome(dir string, keys int) string {
	home := filepath.Join(dir, fmt.Sprintf("home-%d", keys))
	check(os.MkdirAll(filepath.Join(home, ".reyn"), 0o700))
	check(os.WriteFile(filepath.Join(home, ".reyn", "secrets.env"), []byte(envFile(keys)), 0o600))
	return home
}

func timeOne(bin string, args []string, home string) time.Duration {
	cmd := exec.Command(bin, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + home}
	start := time.Now()
	if err := cmd.Run(); err != nil {
		fmt.Fprintf(os.Stderr, "bench: %s %v: %v\n", bin, args, err)
		os.Exit(1)
	}
	return time.Since(start)
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d.Microseconds())/1000) }

func yes(b bool) string {
	if b {
		return "yes"
	}
	return "NO"
}

func run(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	return cmd.Run()
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}
