package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"

	"charm.land/fang/v2"
	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/internal/safetext"
)

// Execute runs the command line args (without the program name) through
// root, on the process's own streams, and returns the exit code: 0 ok,
// 1 failed, 2 usage, 130 interrupted. SIGINT and SIGTERM cancel the
// command's context, so it can stop cleanly and say what is left.
func Execute(root *cobra.Command, args []string) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return execute(ctx, root, args, os.Stdin, os.Stdout, os.Stderr)
}

// codeKey holds, in a command's context, where the command leaves an
// exit code it has already explained (see action).
type codeKey struct{}

// execute is Execute on any streams. stdout and stderr are given raw:
// fang draws help and errors on them with its own styling, and each
// command's action wraps them in the sanitizer for what it prints.
func execute(ctx context.Context, root *cobra.Command, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(safetext.NewWriter(stderr), "ferry: internal error: %v\n", r)
			stderr.Write(debug.Stack()) // tab-indented, names of functions only
			code = exitUsage
		}
	}()
	root.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	root.SetIn(stdin)
	root.SetOut(stdout)
	root.SetErr(stderr)
	ctx = context.WithValue(ctx, codeKey{}, &code)
	err := fang.Execute(ctx, root, fang.WithVersion(root.Version), fang.WithErrorHandler(showError))
	if err != nil {
		return asExit(err, root.Name()).code
	}
	return code
}

// setCode records the exit code of a command that ends without an error
// to show.
func setCode(ctx context.Context, code int) {
	if p, ok := ctx.Value(codeKey{}).(*int); ok {
		*p = code
	}
}
