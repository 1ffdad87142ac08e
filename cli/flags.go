package cli

import (
	"flag"
	"io"
)

// Exit codes of the headless commands.
const (
	exitOK    = 0
	exitFail  = 1 // the work failed (S3 error, missing object, clipboard)
	exitUsage = 2 // bad flags or arguments; nothing was done
	// exitInterrupted is the shell's code for a command stopped by Ctrl-C.
	exitInterrupted = 130
)

// parseInterspersed parses flags wherever they appear among the
// positional arguments (`ferry share s3://b/k --expires 1h`), as users
// expect; after "--" everything is positional.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var positional []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return positional, nil
		}
		if consumed := len(args) - len(rest); consumed > 0 && args[consumed-1] == "--" {
			return append(positional, rest...), nil
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
}

// newFlagSet makes a flag set that reports errors itself (to nowhere:
// the command prints its own message) instead of exiting.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}
