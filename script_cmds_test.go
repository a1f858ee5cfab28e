package main

import (
	"errors"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

// scriptCmds are the commands scenarios may use beyond testscript's own.
var scriptCmds = map[string]func(ts *testscript.TestScript, neg bool, args []string){
	"cmpmode":   cmdCmpMode,
	"exitcode":  cmdExitCode,
	"mtime":     cmdMtime,
	"writefile": cmdWriteFile,
	"interrupt": cmdInterrupt,
	"waitfile":  cmdWaitFile,
	"converse":  cmdConverse,
}

// converse PROMPT REPLY PROG [ARGS...]: runs PROG with a pipe as standard input, waits
// until PROMPT has appeared on its standard output, and only then writes REPLY and a
// newline. A program whose prompt is held back (say, by a masking filter waiting for a
// newline) never gets its answer, and the command fails after 10 seconds. The output is
// kept as the file converse.stdout.
func cmdConverse(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 3 {
		ts.Fatalf("usage: converse PROMPT REPLY PROG [ARGS...]")
	}
	prompt, reply := args[0], args[1]
	path, err := exec.LookPath(args[2])
	ts.Check(err)
	cmd := exec.Command(path, args[3:]...)
	cmd.Dir = ts.Getenv("PWD")
	cmd.Env = scriptEnv(ts)
	stdin, err := cmd.StdinPipe()
	ts.Check(err)
	var out lockedBuffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	ts.Check(cmd.Start())
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(out.String(), prompt) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			cmd.Wait()
			ts.Fatalf("the prompt %q never appeared before the reply; output so far: %q", prompt, out.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	io.WriteString(stdin, reply+"\n")
	stdin.Close()
	ts.Check(cmd.Wait())
	ts.Check(os.WriteFile(ts.MkAbs("converse.stdout"), []byte(out.String()), 0o600))
}

// waitfile PATH: waits up to 10 seconds for PATH to exist (a background command's signal
// that it is ready).
func cmdWaitFile(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: waitfile PATH")
	}
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		if _, err := os.Stat(ts.MkAbs(args[0])); err == nil {
			return
		}
	}
	ts.Fatalf("%s did not appear within 10s", args[0])
}

// writefile [-repeat N] PATH TEXT: writes TEXT, a Go-quoted string (so NUL, CR and
// invalid UTF-8 can be written), N times to PATH with mode 0600.
func cmdWriteFile(ts *testscript.TestScript, neg bool, args []string) {
	n := 1
	if len(args) == 4 && args[0] == "-repeat" {
		var err error
		n, err = strconv.Atoi(args[1])
		ts.Check(err)
		args = args[2:]
	}
	if neg || len(args) != 2 {
		ts.Fatalf("usage: writefile [-repeat N] PATH GO-QUOTED-TEXT")
	}
	text, err := strconv.Unquote(args[1])
	ts.Check(err)
	ts.Check(os.WriteFile(ts.MkAbs(args[0]), []byte(strings.Repeat(text, n)), 0o600))
}

// cmpmode PERM PATH: the file's permission bits are exactly PERM (octal).
func cmdCmpMode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: cmpmode PERM PATH")
	}
	want, err := strconv.ParseUint(args[0], 8, 32)
	ts.Check(err)
	fi, err := os.Stat(ts.MkAbs(args[1]))
	ts.Check(err)
	if got := fi.Mode().Perm(); got != os.FileMode(want) {
		ts.Fatalf("%s has mode %04o, want %04o", args[1], got, want)
	}
}

// exitcode N PROG [ARGS...]: runs PROG like exec and requires exit status N; its output
// is kept for stdout and stderr assertions. `! exec` only says "not zero".
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exitcode N PROG [ARGS...]")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("%s: %v", args[1], err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// mtime set PATH gives PATH an old, fixed modification time; mtime same PATH checks that
// it still has it (nothing rewrote the file).
func cmdMtime(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: mtime set|same PATH")
	}
	old := time.Date(2001, 2, 3, 4, 5, 6, 0, time.UTC)
	path := ts.MkAbs(args[1])
	switch args[0] {
	case "set":
		ts.Check(os.Chtimes(path, old, old))
	case "same":
		fi, err := os.Stat(path)
		ts.Check(err)
		if !fi.ModTime().Equal(old) {
			ts.Fatalf("%s was rewritten (mtime %v)", args[1], fi.ModTime())
		}
	default:
		ts.Fatalf("usage: mtime set|same PATH")
	}
}
