//go:build linux || darwin

package tty

import "golang.org/x/sys/unix"

// setEcho turns echo off and keeps line editing and signals on, so the kernel handles
// backspace, Ctrl-C and Ctrl-D as it does at a shell prompt.
func setEcho(fd int, get, set uint) error {
	t, err := unix.IoctlGetTermios(fd, get)
	if err != nil {
		return err
	}
	t.Lflag &^= unix.ECHO
	t.Lflag |= unix.ICANON | unix.ISIG
	t.Iflag |= unix.ICRNL
	return unix.IoctlSetTermios(fd, set, t)
}
