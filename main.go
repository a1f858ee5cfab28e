// Command reyn is the universal secret store of the reyn tool family.
package main

//go:generate go run ./tools/gen

import (
	"os"
	"runtime/debug"

	"github.com/reyn-cli/reyn/internal/cli"
)

func main() {
	// reyn lives for milliseconds, and collecting garbage it is about to drop on exit
	// was a third of `secret list` on a large file. The limit keeps collection for the
	// rare process that grows: a huge file, or a long secret exec.
	debug.SetGCPercent(-1)
	debug.SetMemoryLimit(256 << 20)
	os.Exit(cli.Main(os.Args[1:], cli.OS()))
}
