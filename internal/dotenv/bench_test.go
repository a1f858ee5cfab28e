package dotenv

import (
	"fmt"
	"strings"
	"testing"
)

// benchFile builds a file of n entries KEY_0..KEY_{n-1} shaped like real
// ones: mostly bare values, some quoted, a comment every ten entries.
func benchFile(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		if i%10 == 0 {
			fmt.Fprintf(&b, "# section %d\n", i/10)
		}
		switch i % 4 {
		case 0:
			fmt.Fprintf(&b, "KEY_%d=value-%d-abcdefghijklmnop\n", i, i)
		case 1:
			fmt.Fprintf(&b, "KEY_%d=\"quoted value %d with \\\"escapes\\\"\"\n", i, i)
		case 2:
			fmt.Fprintf(&b, "export KEY_%d='single $%d' # note\n", i, i)
		default:
			fmt.Fprintf(&b, "KEY_%d = spaced value %d\n", i, i)
		}
	}
	return b.String()
}

var benchSizes = []struct {
	name string
	n    int
}{{"100", 100}, {"10k", 10_000}, {"100k", 100_000}}

func BenchmarkParse(b *testing.B) {
	for _, sz := range benchSizes {
		src := []byte(benchFile(sz.n))
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				if _, _, err := Parse(src); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkBytes measures an edited Doc, where Bytes has to join spans; an
// unedited one only copies its input.
func BenchmarkBytes(b *testing.B) {
	for _, sz := range benchSizes {
		d, _, _ := Parse([]byte(benchFile(sz.n)))
		d.Set("KEY_0", "rotated")
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = d.Bytes()
			}
		})
	}
}

func BenchmarkSet(b *testing.B) {
	for _, sz := range benchSizes {
		d, _, _ := Parse([]byte(benchFile(sz.n)))
		keys := make([]string, sz.n)
		for i := range keys {
			keys[i] = fmt.Sprintf("KEY_%d", i)
		}
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				d.Set(keys[i%sz.n], "new value $x")
				i++
			}
		})
	}
}

func BenchmarkDelete(b *testing.B) {
	for _, sz := range benchSizes {
		src := []byte(benchFile(sz.n))
		keys := make([]string, sz.n)
		for i := range keys {
			keys[i] = fmt.Sprintf("KEY_%d", i)
		}
		b.Run(sz.name, func(b *testing.B) {
			b.ReportAllocs()
			var d *Doc
			for i := 0; i < b.N; i++ {
				if i%sz.n == 0 {
					b.StopTimer()
					d, _, _ = Parse(src)
					b.StartTimer()
				}
				if !d.Delete(keys[i%sz.n]) {
					b.Fatal("missing key")
				}
			}
		})
	}
}

// BenchmarkParseBytes is the design's budget: read and write back a
// 100,000-entry file in well under 100 ms.
func BenchmarkParseBytes100k(b *testing.B) {
	src := []byte(benchFile(100_000))
	b.ReportAllocs()
	for b.Loop() {
		d, _, _ := Parse(src)
		_ = d.Bytes()
	}
}
