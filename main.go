// Command ferry is a terminal file manager for S3: a local pane and an S3
// pane, with every byte moved over presigned URLs. Its commands (the
// browser, ls, cp, rm, share, serve, …) are one command tree, built and
// run by package cli.
package main

import (
	"os"

	"github.com/ferry-s3/ferry/cli"
)

// version is set at build time with -ldflags "-X main.version=v1.2.3".
var version = ""

func main() { os.Exit(run(os.Args[1:])) }

// run builds ferry's command tree and executes args with it.
func run(args []string) int {
	return cli.Execute(cli.NewRoot(cli.Deps{Version: version}), args)
}
