package cli

import (
	"context"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/s3ops"
)

// Deps are what the command tree takes from outside; tests replace them.
type Deps struct {
	// Version is ferry's version as set at build time ("": the one the
	// build recorded).
	Version string
	// Connect makes the S3 client of a command (nil: s3ops.Connect).
	Connect func(context.Context, s3ops.Settings) (*s3ops.Client, error)
}

// app is one command tree: its dependencies and the connection flags
// its commands share.
type app struct {
	deps Deps
	conn connFlags
}

// NewRoot builds ferry's command tree: plain `ferry` opens the browser,
// and ls, cp, rm, share, demo, serve and version run without it (cobra adds
// help and completion, fang the man page and --version when it runs the
// tree; see Execute).
func NewRoot(d Deps) *cobra.Command {
	if d.Connect == nil {
		d.Connect = s3ops.Connect
	}
	a := &app{deps: d}
	root := a.tuiCommand()
	root.Version = versionLine(d.Version)
	root.SetFlagErrorFunc(flagError)
	root.SuggestionsMinimumDistance = 2
	root.AddGroup(&cobra.Group{ID: groupS3, Title: "s3 commands"}, &cobra.Group{ID: groupMore, Title: "more commands"})
	root.SetHelpCommandGroupID(groupMore)
	root.SetCompletionCommandGroupID(groupMore)
	for _, c := range []*cobra.Command{a.lsCommand(), a.cpCommand(), a.syncCommand(), a.rmCommand(), a.shareCommand()} {
		c.GroupID = groupS3
		root.AddCommand(c)
	}
	for _, c := range []*cobra.Command{a.connectionsCommand(), a.demoCommand(), a.serveCommand(), versionCommand()} {
		c.GroupID = groupMore
		root.AddCommand(c)
	}
	return root
}

// The groups of commands in `ferry --help`.
const (
	groupS3   = "s3"
	groupMore = "more"
)

const rootLong = `ferry is a terminal file manager for S3 and S3-compatible stores: two panes,
local files and S3, browsed with the keyboard or the mouse, with uploads and
downloads in a background queue, share links with an exact expiry, and
drag-and-drop uploads. Press ? inside for every key.

The commands below run without the panes, for scripts. The connection flags
(--profile, --region, --endpoint-url, --path-style, --insecure, --demo) go
before or after the command's name. Before the panes open, ferry makes one
quick request: an endpoint that does not answer, or credentials it rejects,
ends ferry with exit 1.

Exit status, for every command: 0 done, 1 failed, 2 bad usage, 130
interrupted.`

const rootExamples = `
# open the browser on the default profile
ferry
# start inside a prefix, with another profile
ferry --profile work s3://my-bucket/logs/
ferry --left ~/photos --right s3://backup/photos/
# a local demo store, no AWS account needed
ferry --demo
# MinIO and other S3-compatible stores
ferry --endpoint-url http://localhost:9000 ls
`

// tuiCommand is the root: the browser.
func (a *app) tuiCommand() *cobra.Command {
	var t tuiArgs
	cmd := &cobra.Command{
		Use:               "ferry [s3://bucket/prefix/]",
		Short:             "A terminal file manager for S3",
		Long:              prose(rootLong),
		Example:           rootExamples,
		ValidArgsFunction: a.completeS3(s3Only, 1),
		RunE:              a.action(func(s *session, _ []string) error { return runTUI(s, &t) }),
	}
	cmd.Args = positional(func(args []string) error { return t.check(cmd, args) })
	t.register(cmd)
	a.conn.register(cmd)
	return cmd
}
