// Command reyn is the universal secret store of the reyn tool family.
package main

//go:generate go run ./tools/gen

import (
	"os"

	"github.com/reyn-cli/reyn/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args[1:], cli.OS()))
}
