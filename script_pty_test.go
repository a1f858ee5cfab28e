package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
	"golang.org/x/sys/unix"
)

// interrupt [-eof] PROG [ARGS...]: runs PROG with a new pseudo-terminal as its
// controlling terminal and standard input, waits until it has turned echo off to read
// hidden input, types Ctrl-C (with -eof, Ctrl-D), and requires that PROG exits 1 with "Aborted." as the last line of its
// standard error and that the terminal echoes again. testscript's ttyin cannot do this:
// it types its input before the program is ready. Its stderr is kept as the file
// interrupt.stderr for further assertions.
func cmdInterrupt(ts *testscript.TestScript, neg bool, args []string) {
	key := byte(3) // Ctrl-C: the line discipline sends SIGINT
	if len(args) > 0 && args[0] == "-eof" {
		key, args = 4, args[1:] // Ctrl-D: end of input on an empty line
	}
	if neg || len(args) < 1 {
		ts.Fatalf("usage: interrupt [-eof] PROG [ARGS...]")
	}
	ptm, pts, err := openPTY()
	ts.Check(err)
	defer ptm.Close()
	defer pts.Close()

	path, err := exec.LookPath(args[0])
	ts.Check(err)
	cmd := exec.Command(path, args[1:]...)
	cmd.Dir = ts.Getenv("PWD")
	cmd.Env = scriptEnv(ts)
	cmd.Stdin = pts
	var stderr lockedBuffer
	cmd.Stdout = &stderr
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setsid: true, Setctty: true, Ctty: 0}
	ts.Check(cmd.Start())
	go func() { // drain what the terminal echoes, so the child never blocks on it
		buf := make([]byte, 4096)
		for {
			if _, err := ptm.Read(buf); err != nil {
				return
			}
		}
	}()

	deadline := time.Now().Add(10 * time.Second)
	for echoOn(ts, pts) {
		if time.Now().After(deadline) {
			cmd.Process.Kill()
			ts.Fatalf("%s never turned echo off; output: %q", args[0], stderr.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	_, err = ptm.Write([]byte{key})
	ts.Check(err)
	err = cmd.Wait()
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 1 {
		ts.Fatalf("%s: want exit status 1 after the key, got %v", args[0], err)
	}
	if !echoOn(ts, pts) {
		ts.Fatalf("the terminal was left with echo off")
	}
	out := stderr.String()
	if !strings.HasSuffix(out, "Aborted.\n") {
		ts.Fatalf("output does not end with Aborted.: %q", out)
	}
	ts.Check(os.WriteFile(ts.MkAbs("interrupt.stderr"), []byte(out), 0o600))
}

func echoOn(ts *testscript.TestScript, tty *os.File) bool {
	t, err := unix.IoctlGetTermios(int(tty.Fd()), unix.TCGETS)
	ts.Check(err)
	return t.Lflag&unix.ECHO != 0
}

func openPTY() (ptm, pts *os.File, err error) {
	ptm, err = os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		return nil, nil, err
	}
	fd := int(ptm.Fd())
	if err := unix.IoctlSetPointerInt(fd, unix.TIOCSPTLCK, 0); err != nil {
		ptm.Close()
		return nil, nil, err
	}
	n, err := unix.IoctlGetInt(fd, unix.TIOCGPTN)
	if err != nil {
		ptm.Close()
		return nil, nil, err
	}
	pts, err = os.OpenFile("/dev/pts/"+strconv.Itoa(n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		ptm.Close()
		return nil, nil, err
	}
	return ptm, pts, nil
}

// scriptEnv is the scenario's environment, for commands started outside ts.Exec.
func scriptEnv(ts *testscript.TestScript) []string {
	var env []string
	for _, k := range []string{"PATH", "HOME", "TMPDIR", "REYN_TEST_LOG", "REYN_TEST_NOW", "GOCOVERDIR", "GORACE"} {
		if v := ts.Getenv(k); v != "" {
			env = append(env, k+"="+v)
		}
	}
	return env
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
