package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/reyn-cli/reyn/internal/cli"
)

var update = flag.Bool("update", false, "rewrite the expected files of failing cmp commands in testdata/script")

// record is one observation of a reyn process in a scenario, appended to
// $REYN_TEST_LOG/records as a JSON line (O_APPEND keeps concurrent processes' lines whole).
type record struct {
	Kind string `json:"kind"` // message, value, exit, output
	Data string `json:"data"`
}

type recorder struct{ dir string }

func (r *recorder) add(rec record) {
	b, _ := json.Marshal(rec)
	f, err := os.OpenFile(filepath.Join(r.dir, "records"), os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		panic(err)
	}
	f.Write(append(b, '\n'))
	f.Close()
}

// tee records everything reyn writes to a stream, for the leak check.
func (r *recorder) tee(w io.Writer) io.Writer {
	return writerFunc(func(p []byte) (int, error) {
		r.add(record{Kind: "output", Data: string(p)})
		return w.Write(p)
	})
}

type writerFunc func([]byte) (int, error)

func (f writerFunc) Write(p []byte) (int, error) { return f(p) }

func readRecords(t testscript.T, dir string) []record {
	f, err := os.Open(filepath.Join(dir, "records"))
	if os.IsNotExist(err) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var recs []record
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 64<<20)
	for sc.Scan() {
		var r record
		if err := json.Unmarshal(sc.Bytes(), &r); err != nil {
			t.Fatal("bad record: ", err)
		}
		recs = append(recs, r)
	}
	return recs
}

// checkLeaks fails a scenario when anything reyn printed, or the audit log, holds a value
// that the scenario stored. Values shorter than 4 bytes are skipped: they match by chance.
func checkLeaks(t testscript.T, recs []record, events string) {
	var out bytes.Buffer
	for _, r := range recs {
		if r.Kind == "output" {
			out.WriteString(r.Data)
		}
	}
	log, _ := os.ReadFile(events)
	for _, r := range recs {
		if r.Kind != "value" || len(r.Data) < 4 {
			continue
		}
		if bytes.Contains(out.Bytes(), []byte(r.Data)) {
			t.Fatal("LEAK: reyn printed a stored value: " + strconv.Quote(r.Data))
		}
		if bytes.Contains(log, []byte(r.Data)) {
			t.Fatal("LEAK: the audit log holds a stored value: " + strconv.Quote(r.Data))
		}
	}
}

// coverage gathers the messages and exit codes that the scenarios produced.
type coverage struct {
	mu       sync.Mutex
	messages map[string]bool
	codes    map[int]bool
}

func newCoverage() *coverage {
	return &coverage{messages: map[string]bool{}, codes: map[int]bool{}}
}

func (c *coverage) add(recs []record) {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, r := range recs {
		switch r.Kind {
		case "message":
			c.messages[r.Data] = true
		case "exit":
			n, _ := strconv.Atoi(r.Data)
			c.codes[n] = true
		}
	}
}

func (c *coverage) check(t *testing.T) {
	for _, id := range cli.MessageIDs {
		if !c.messages[id] {
			t.Errorf("message %s is declared in spec/reyn.yaml but no scenario in testdata/script produces it", id)
		}
	}
	codes := make([]int, 0, len(cli.ExitCodes))
	for code := range cli.ExitCodes {
		codes = append(codes, code)
	}
	slices.Sort(codes)
	for _, code := range codes {
		if !c.codes[code] {
			t.Errorf("exit code %d is declared in spec/reyn.yaml but no scenario in testdata/script ends with it", code)
		}
	}
}

// fullRun reports whether every scenario ran: coverage means nothing under -run.
func fullRun() bool {
	f := flag.Lookup("test.run")
	return f == nil || f.Value.String() == ""
}
