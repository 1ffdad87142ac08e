package source

import (
	"errors"
	"fmt"

	"github.com/ferry-s3/ferry/s3ops"
)

// A pane in S3 is on one connection: the default one (what the flags and
// the environment give; Conn "") or a named one (see package
// connections). Everything a pane does in S3 uses its own source's
// Client; what moves bytes between two places asks Between first.

// NewS3On is the S3 location loc on the connection called conn, reached
// through c.
func NewS3On(c *s3ops.Client, conn string, loc s3ops.Location) S3 {
	s := NewS3(c, loc)
	s.Conn = conn
	return s
}

// Unreachable is the bucket list of the connection conn, which could not
// be connected: listing it shows err.
func Unreachable(conn string, err error) S3 {
	if err == nil {
		err = errors.New("not connected")
	}
	return S3{Conn: conn, Err: err}
}

// at is loc on the same connection as s.
func (s S3) at(loc s3ops.Location) S3 {
	return S3{Client: s.Client, Loc: loc, Conn: s.Conn, Err: s.Err}
}

// unreachable is the error of a location whose connection failed.
func (s S3) unreachable() error {
	err := s.Err
	if err == nil {
		err = errors.New("not connected")
	}
	return fmt.Errorf("connection %s: %w", ConnName(s.Conn), err)
}

// ConnName is how a connection is named to the user: its name, or
// "default" for the default one.
func ConnName(conn string) string {
	if conn == "" {
		return "default"
	}
	return conn
}

// Label is src as a pane's header shows it: a location on a named
// connection starts with the name ("work · s3://logs/2024/"); the
// default connection's and local folders are just their String.
func Label(src Source) string {
	if s, ok := src.(S3); ok && s.Conn != "" {
		return s.Conn + " · " + s.String()
	}
	return src.String()
}

// Between is the one place that decides whether bytes can move from src
// to dst with the clients the panes have: "" when they can, else a
// sentence for the status bar. An upload or a download goes through the
// transfer engine of the S3 side's connection; two S3 locations on one
// connection copy on the server, on two the destination's engine streams
// the copy. What cannot move is a side whose connection failed. A nil src
// or dst is a local one (dropped files, a download folder).
func Between(src, dst Source) string {
	for _, side := range []Source{src, dst} {
		if s, ok := side.(S3); ok && s.Client == nil {
			return fmt.Sprintf("connection %s is not connected: choose it again with the connections picker", ConnName(s.Conn))
		}
	}
	return ""
}

// Streamed reports whether a copy from src to dst streams between two
// connections (S3 to S3 on different ones) rather than copying on the
// server or moving through one engine.
func Streamed(src, dst Source) bool {
	s, ok1 := src.(S3)
	d, ok2 := dst.(S3)
	return ok1 && ok2 && s.Conn != d.Conn
}
