package tty

import "golang.org/x/sys/unix"

func echoOff(fd int) error { return setEcho(fd, unix.TCGETS, unix.TCSETS) }
