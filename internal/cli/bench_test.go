package cli

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// benchHome makes a HOME whose secrets.env holds n keys.
func benchHome(b *testing.B, n int) string {
	home := b.TempDir()
	os.Mkdir(filepath.Join(home, ".reyn"), 0o700)
	var sb strings.Builder
	for i := range n {
		fmt.Fprintf(&sb, "KEY_%d=value-%d-abcdefghijklmnop\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(home, ".reyn", "secrets.env"), []byte(sb.String()), 0o600); err != nil {
		b.Fatal(err)
	}
	return home
}

func benchSystem(home string) System {
	return System{
		Stdin: strings.NewReader(""), Stdout: io.Discard, Stderr: io.Discard,
		Environ:  []string{"HOME=" + home, "KEY_1=value-1-abcdefghijklmnop"},
		Setenv:   func(string, string) error { return nil },
		Now:      time.Now,
		Hostname: func() (string, error) { return "bench", nil },
	}
}

// BenchmarkList is `reyn secret list` in-process: the startup load, statuses and table.
func BenchmarkList(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			sys := benchSystem(benchHome(b, n))
			b.ReportAllocs()
			for b.Loop() {
				if Main([]string{"secret", "list"}, sys) != 0 {
					b.Fatal("list failed")
				}
			}
		})
	}
}

// BenchmarkSet is `reyn secret set` in-process: load, lock, atomic write with fsync,
// and the audit append.
func BenchmarkSet(b *testing.B) {
	for _, n := range []int{100, 10_000} {
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			sys := benchSystem(benchHome(b, n))
			b.ReportAllocs()
			for b.Loop() {
				if Main([]string{"secret", "set", "KEY_5=new-value"}, sys) != 0 {
					b.Fatal("set failed")
				}
			}
		})
	}
}
