//go:build !linux && !darwin

package tty

import "errors"

func echoOff(int) error {
	return errors.New("hidden input is not supported on this system; give the value on standard input")
}
