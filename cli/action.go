package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/s3ops"
)

// session is one run of a command: its context, its streams and, for
// the commands that talk to S3, its connection. stdout and stderr pass
// the sanitizer (package safetext), so nothing a command prints (keys,
// metadata, server messages) can reach the terminal raw; machine formats
// and the progress bars write to safetext.Raw and make their own data
// safe.
type session struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	conn   *connection // nil for commands that do not talk to S3
	flags  *connFlags  // the connection flags, nil with conn
	// named are the connections NAME:s3:// locations named (named.go).
	named map[string]*connection
}

// connect makes the command's S3 client.
func (s *session) connect() (*s3ops.Client, error) {
	if s.conn == nil {
		return nil, errors.New("this command has no S3 connection")
	}
	return s.conn.client(s.ctx)
}

// body is the work of a command, run by action.
type body func(s *session, args []string) error

// action turns a body into a command's RunE: it is the one place where
// the output streams get their sanitizer, the connection flags are
// checked (--insecure says so on stderr), a --demo gateway is stopped
// whatever happens, and the body's result becomes an exit code (an
// error to show goes back to fang, which calls showError).
func (a *app) action(do body) func(*cobra.Command, []string) error {
	return func(cmd *cobra.Command, args []string) error {
		s := &session{ctx: cmd.Context(), stdin: cmd.InOrStdin(),
			stdout: safetext.NewWriter(cmd.OutOrStdout()), stderr: safetext.NewWriter(cmd.ErrOrStderr())}
		if cmd.Flags().Lookup("endpoint-url") != nil { // a command with the connection flags talks to S3
			if err := a.conn.check(); err != nil {
				return a.ended(cmd, usageError(err))
			}
			if a.conn.settings.Insecure {
				fmt.Fprintln(s.stderr, "ferry: warning:", insecureWarning)
			}
			s.conn = &connection{flags: &a.conn, connect: a.deps.Connect}
			s.flags = &a.conn
			defer s.closeConnections()
		}
		return a.ended(cmd, do(s, args))
	}
}

// ended gives the body's error to fang to show, naming the command, or
// records an exit code already explained and returns nil. An error of
// no exit kind is a failure of the work.
func (a *app) ended(cmd *cobra.Command, err error) error {
	if err == nil {
		return nil
	}
	var e *exitError
	if !errors.As(err, &e) {
		errors.As(failure(cmd.Context(), err), &e)
	}
	if e.cmd == "" {
		e.cmd = cmd.CommandPath()
	}
	if e.err == nil {
		setCode(cmd.Context(), e.code)
		return nil
	}
	return e
}

// positional makes a command's Args check: check looks at the
// positional arguments (the flags are parsed by then) and its errors are
// usage errors of cmd.
func positional(check func(args []string) error) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		err := check(args)
		if err == nil {
			return nil
		}
		var e *exitError
		if !errors.As(err, &e) {
			e = usageError(err).(*exitError)
		}
		e.cmd = cmd.CommandPath()
		return e
	}
}

// noArgs is the Args check of commands that take no arguments.
var noArgs = positional(func(args []string) error {
	if len(args) > 0 {
		return fmt.Errorf("unexpected argument %q", args[0])
	}
	return nil
})
