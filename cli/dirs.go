package cli

import (
	"context"

	"github.com/ferry-s3/ferry/xdg"
)

// dirsKey holds, in a command's context, the directories its own files
// (config, journals, the uploads ledger, sync's hash cache) go under.
// Nothing sets it when ferry runs: the zero xdg.Dirs is the environment's
// XDG directories. The tests give each test its own, so they can run in
// parallel without setting the process's environment.
type dirsKey struct{}

// withDirs is ctx whose commands keep their files under d.
func withDirs(ctx context.Context, d xdg.Dirs) context.Context {
	return context.WithValue(ctx, dirsKey{}, d)
}

// dirsOf is the directories of ctx's command (see dirsKey).
func dirsOf(ctx context.Context) xdg.Dirs {
	d, _ := ctx.Value(dirsKey{}).(xdg.Dirs)
	return d
}
