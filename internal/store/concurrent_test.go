package store

import (
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gofrs/flock"

	"github.com/reyn-cli/reyn/internal/audit"
	"github.com/reyn-cli/reyn/internal/dotenv"
)

// flock(2) locks belong to an open file description, not to a process: two flock.Flock
// values open the lock file twice, so they exclude each other within one process too.
func TestFlockExcludesWithinProcess(t *testing.T) {
	path := t.TempDir() + "/.lock"
	a, b := flock.New(path), flock.New(path)
	if err := a.Lock(); err != nil {
		t.Fatal(err)
	}
	if ok, err := b.TryLock(); ok || err != nil {
		t.Fatalf("second lock in the same process: ok %v err %v", ok, err)
	}
	a.Unlock()
	if ok, err := b.TryLock(); !ok || err != nil {
		t.Fatalf("after unlock: ok %v err %v", ok, err)
	}
	b.Unlock()
}

// 32 goroutines each set a key of their own and one shared key. Every update survives,
// the shared key has one entry, the log has one event per write in an intact chain, and
// no two changes ever run at the same time.
func TestConcurrentUpdatesInProcess(t *testing.T) {
	const n = 32
	s, _ := newStore(t)
	var inside, maxInside atomic.Int32
	update := func(key, value string) error {
		_, err := s.Update(func(d *dotenv.Doc) (bool, error) {
			if k := inside.Add(1); k > maxInside.Load() {
				maxInside.Store(k)
			}
			defer inside.Add(-1)
			d.Set(key, value)
			return true, nil
		}, func() error {
			return audit.Append(s.EventsPath(), audit.SecretSet, key, testNow, func() string { return "reyn/testhost" })
		})
		return err
	}
	var wg sync.WaitGroup
	errs := make(chan error, 2*n)
	start := make(chan struct{})
	for i := range n {
		wg.Go(func() {
			<-start
			if i%2 == 0 {
				errs <- update(fmt.Sprintf("K%d", i), fmt.Sprintf("value-%d", i))
				errs <- update("SHARED", fmt.Sprintf("shared-%d", i))
			} else {
				errs <- update("SHARED", fmt.Sprintf("shared-%d", i))
				errs <- update(fmt.Sprintf("K%d", i), fmt.Sprintf("value-%d", i))
			}
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	if m := maxInside.Load(); m != 1 {
		t.Errorf("%d changes ran at once", m)
	}

	l, err := s.Load()
	if err != nil || len(l.Warnings) != 0 {
		t.Fatalf("Load: %v %v", err, l.Warnings)
	}
	for i := range n {
		if v, ok := l.Doc.Lookup(fmt.Sprintf("K%d", i)); !ok || v != fmt.Sprintf("value-%d", i) {
			t.Errorf("K%d = %q, %v", i, v, ok)
		}
	}
	raw := readFile(t, s.Path())
	if c := strings.Count("\n"+raw, "\nSHARED="); c != 1 {
		t.Errorf("%d SHARED entries", c)
	}
	v, _ := l.Doc.Lookup("SHARED")
	if !strings.HasPrefix(v, "shared-") {
		t.Errorf("SHARED = %q", v)
	}
	if l.Doc.Len() != n+1 {
		t.Errorf("%d keys", l.Doc.Len())
	}
	res, err := audit.Verify(s.EventsPath())
	if err != nil || res.Break != nil || res.Events != 2*n || len(res.Truncated) != 0 {
		t.Errorf("Verify: %+v %v", res, err)
	}
	wantMode(t, s.Path(), 0o600)
	wantNoTemps(t, s.Dir)
}

func BenchmarkLoad100k(b *testing.B) {
	s, _ := newStore(b)
	var sb strings.Builder
	for i := range 100_000 {
		fmt.Fprintf(&sb, "KEY_%06d=value-%06d\n", i, i)
	}
	writeFile(b, s.Path(), sb.String(), 0o600)
	b.SetBytes(int64(sb.Len()))
	b.ReportAllocs()
	for b.Loop() {
		l, err := s.Load()
		if err != nil || l.Doc.Len() != 100_000 {
			b.Fatal(err)
		}
	}
}
