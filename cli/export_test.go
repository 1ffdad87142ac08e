package cli

import (
	"context"
	"errors"
	"io"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/connpick"
	"github.com/ferry-s3/ferry/xdg"
)

// Connector gives the tests' commands their S3 client.
type Connector func(context.Context) (*s3ops.Client, error)

// The tests of each command run it through the whole command tree
// (`ferry ls args...`), on their own streams, with connect for every
// connection.

func LsMain(ctx context.Context, connect Connector, args []string, stdout, stderr io.Writer) int {
	return RunTree(ctx, connect, append([]string{"ls"}, args...), stdout, stderr)
}

func CpMain(ctx context.Context, connect Connector, args []string, stdout, stderr io.Writer) int {
	return RunTree(ctx, connect, append([]string{"cp"}, args...), stdout, stderr)
}

func RmMain(ctx context.Context, connect Connector, args []string, stdout, stderr io.Writer) int {
	return RunTree(ctx, connect, append([]string{"rm"}, args...), stdout, stderr)
}

// ShareMain runs `ferry share args...` with c as its client (nil: any
// connection fails).
func ShareMain(ctx context.Context, c *s3ops.Client, args []string, stdout, stderr io.Writer) int {
	connect := func(context.Context) (*s3ops.Client, error) {
		if c == nil {
			return nil, errors.New("no S3 connection")
		}
		return c, nil
	}
	return RunTree(ctx, connect, append([]string{"share"}, args...), stdout, stderr)
}

// RunTree runs the command line args (without "ferry") through a new
// tree whose commands connect with connect, and returns the exit code.
func RunTree(ctx context.Context, connect Connector, args []string, stdout, stderr io.Writer) int {
	root := NewRoot(Deps{Connect: func(ctx context.Context, _ s3ops.Settings) (*s3ops.Client, error) {
		if connect == nil {
			return nil, errors.New("no S3 connection")
		}
		return connect(ctx)
	}})
	return execute(ctx, root, args, strings.NewReader(""), stdout, stderr)
}

// RunDeps runs the command line args through a new tree built on deps.
func RunDeps(ctx context.Context, deps Deps, args []string, stdout, stderr io.Writer) int {
	return execute(ctx, NewRoot(deps), args, strings.NewReader(""), stdout, stderr)
}

// NewTUIConnections is the browser's connections provider over the
// connections the environment defines, with def as the default client,
// and its maker of transfer engines; stop closes and stops what they
// made.
func NewTUIConnections(ctx context.Context, def *s3ops.Client) (p connpick.Provider, engines func(string) (*transfer.Engine, error), stop func() error, err error) {
	set, err := connectionSet(ctx)
	if err != nil {
		return nil, nil, nil, err
	}
	s := &session{ctx: ctx, flags: &connFlags{}, conn: &connection{flags: &connFlags{}, connect: s3ops.Connect}}
	t := newTUIConnections(s, set, def)
	t.txOpts.UploadsPath, _ = transfer.LedgerPathIn(dirsOf(ctx))
	return t, t.engine, func() error { defer t.close(); return t.closeEngines() }, nil
}

// WithDirs is ctx whose commands keep ferry's own files under d instead
// of the environment's XDG directories.
func WithDirs(ctx context.Context, d xdg.Dirs) context.Context { return withDirs(ctx, d) }
