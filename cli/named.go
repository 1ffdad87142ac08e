package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/s3ops"
)

// A location can name its connection: work:s3://logs/ (see package
// connections). Plain s3:// locations use the connection the flags and
// the environment give, as they always did; a named one uses its own
// profile, endpoint and region, and the connection flags do not apply
// to it. A command that takes several S3 locations (rm, share, the
// sources of cp) takes them on one connection.

// splitS3 reads an s3:// argument, with or without a connection name.
func splitS3(arg string) (name string, loc s3ops.Location, err error) {
	name, uri, _ := connections.SplitLocation(arg)
	loc, err = s3ops.ParseURI(uri)
	return name, loc, err
}

// isS3Arg reports whether arg is an S3 location: s3://… or NAME:s3://….
func isS3Arg(arg string) bool {
	_, _, named := connections.SplitLocation(arg)
	return named || strings.HasPrefix(arg, "s3://")
}

// oneConnection is the connection all of names use ("" for plain s3://),
// or an error when they name more than one.
func oneConnection(names []string) (string, error) {
	for _, n := range names[min(1, len(names)):] {
		if n != names[0] {
			return "", fmt.Errorf("name one connection per command: got %s and %s", shownName(names[0]), shownName(n))
		}
	}
	if len(names) == 0 {
		return "", nil
	}
	return names[0], nil
}

func shownName(name string) string {
	if name == "" {
		return "plain s3:// (the default connection)"
	}
	return name
}

// connectionSet is every known connection: ferry's config tables, the
// AWS profiles, the demo.
func connectionSet(ctx context.Context) (*connections.Set, error) {
	cfg, err := config.LoadIn(dirsOf(ctx))
	if err != nil {
		return nil, settingError(err)
	}
	ferry, err := cfg.Connections()
	if err != nil {
		return nil, settingError(err)
	}
	return connections.NewSet(ferry, connections.AWSProfiles(ctx)), nil
}

// connectNamed connects to the connection called name; "" is the one the
// flags give.
func (s *session) connectNamed(name string) (*s3ops.Client, error) {
	if name == "" {
		return s.connect()
	}
	if c, ok := s.named[name]; ok {
		return c.client(s.ctx)
	}
	if s.flags.demo || s.flags.settings.Profile != "" || s.flags.settings.EndpointURL != "" {
		return nil, usageError(fmt.Errorf("%s:s3://… names its own connection: --profile, --endpoint-url and --demo are for plain s3:// locations", name))
	}
	set, err := connectionSet(s.ctx)
	if err != nil {
		return nil, err
	}
	conn, err := set.Lookup(name)
	if err != nil {
		return nil, usageError(err)
	}
	if conn.Insecure {
		fmt.Fprintf(s.stderr, "ferry: warning: connection %s: %s\n", name, insecureWarning)
	}
	flags := &connFlags{settings: conn.Settings(), pathStyle: pathStyle{on: conn.PathStyle}, demo: conn.Demo}
	c := &connection{flags: flags, connect: s.conn.connect}
	if s.named == nil {
		s.named = map[string]*connection{}
	}
	s.named[name] = c
	return c.client(s.ctx)
}

// connection is the connection called name, once connected ("" is the
// flags').
func (s *session) connection(name string) *connection {
	if name == "" {
		return s.conn
	}
	return s.named[name]
}

// connectFailure is how a command ends when it cannot connect: usage
// errors (an unknown connection) stay usage errors.
func connectFailure(s *session, err error) error {
	var e *exitError
	if errors.As(err, &e) {
		return err
	}
	return failure(s.ctx, err)
}

// closeConnections stops what the session's connections started (demo
// gateways).
func (s *session) closeConnections() {
	if s.conn != nil {
		s.conn.close()
	}
	for _, c := range s.named {
		c.close()
	}
}
