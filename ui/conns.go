package ui

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/connpick"
	"github.com/ferry-s3/ferry/ui/source"
)

// The root's side of connections: each S3 pane is on one (its source
// carries the client and the name), the picker key opens the
// connections picker for the focused pane, and a connection made for a
// pane becomes its bucket list. Panes started on NAME:s3://… (--left,
// --right) connect before the program starts.

// openPicker opens the connections picker for the focused pane.
func (m *Model) openPicker() tea.Cmd {
	if !m.conns.Available() {
		return common.Status(common.LevelInfo, "no other connections in this session")
	}
	current := ""
	if s, ok := m.Focused().Source().(source.S3); ok {
		current = s.Conn
	}
	return m.conns.Open(m.Focused().ID(), current)
}

// connected shows what connecting gave in its pane: the bucket list, or
// (when it failed) why, in the pane itself.
func (m *Model) connected(msg connpick.ConnectedMsg) tea.Cmd {
	if msg.Pane < 0 || msg.Pane >= len(m.panes) {
		return nil
	}
	var src source.S3
	if msg.Err != nil || msg.Client == nil {
		src = source.Unreachable(msg.Name, msg.Err)
	} else {
		src = source.NewS3On(msg.Client, m.conns.ConnName(msg.Name, msg.Client), s3ops.Location{})
	}
	status := common.Status(common.LevelInfo, "this pane now shows "+common.Sanitize(source.Label(src)))
	if msg.Err != nil {
		status = common.Status(common.LevelError, "could not connect to "+source.ConnName(msg.Name)+": "+common.Sanitize(msg.Err.Error()))
	}
	return tea.Batch(m.panes[msg.Pane].SetSource(src), status)
}

// connectionsKey is the picker's key, enabled when there is a picker.
func (m *Model) connectionsKey() key.Binding {
	k := m.ctx.Keys.Ops.Connections
	k.SetEnabled(k.Enabled() && m.conns.Available())
	return k
}

// switchNote follows the status line of the local ⇄ S3 switch when it
// shows S3: with connections to pick from, it offers the picker.
func (m *Model) switchNote() string {
	if !m.conns.Available() {
		return ""
	}
	return " · " + m.connectionsKey().Help().Key + " picks another connection"
}

// startOn is spec's location when it names a connection
// (NAME:s3://bucket/prefix/), connected now; ok is false for other specs.
func startOn(base context.Context, p connpick.Provider, conns *connpick.Manager, spec string) (source.Source, bool) {
	name, uri, named := connections.SplitLocation(spec)
	if !named || p == nil {
		return nil, false
	}
	loc, err := s3ops.ParseURI(uri)
	if err != nil {
		return source.Unreachable(name, err), true
	}
	c, err := p.Connect(base, name)
	if err != nil {
		return source.Unreachable(name, err), true
	}
	if loc.Key != "" && !strings.HasSuffix(loc.Key, "/") {
		loc.Key += "/"
	}
	return source.NewS3On(c, conns.ConnName(name, c), loc), true
}

// refuseBetween is the status bar's refusal when bytes cannot go from
// src to dst with the panes' clients (see source.Between), nil when they
// can. Every copy, move of the differences and drop asks it first.
func refuseBetween(src, dst source.Source) tea.Cmd {
	if why := source.Between(src, dst); why != "" {
		return common.Status(common.LevelWarn, common.Sanitize(why))
	}
	return nil
}

// startSource is where a pane starts: spec (a local path or an s3://
// URI) when given, else def.
func (m *Model) startSource(c *s3ops.Client, p connpick.Provider, spec string, def source.Source) source.Source {
	if spec == "" {
		return def
	}
	if src, ok := startOn(m.ctx.Base, p, m.conns, spec); ok {
		return src
	}
	src, err := ParseLocation(c, spec)
	if err != nil {
		return def // Run checks the specs first; a bad one in tests falls back
	}
	return src
}

// ParseLocation reads a pane's start location: an s3:// URI (bucket
// list, bucket or prefix) or a local directory (~ is the home folder).
func ParseLocation(c *s3ops.Client, spec string) (source.Source, error) {
	if strings.HasPrefix(spec, "s3://") {
		loc, err := s3ops.ParseURI(spec)
		if err != nil {
			return nil, fmt.Errorf("%w (expected s3://bucket/prefix/)", err)
		}
		return source.NewS3(c, loc), nil
	}
	if rest, ok := strings.CutPrefix(spec, "~"); ok && (rest == "" || rest[0] == '/') {
		if home, err := os.UserHomeDir(); err == nil {
			spec = home + rest
		}
	}
	abs, err := filepath.Abs(spec)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", spec, err)
	}
	fi, err := os.Stat(abs)
	switch {
	case err != nil:
		return nil, fmt.Errorf("%s: no such folder", abs)
	case !fi.IsDir():
		return nil, fmt.Errorf("%s is not a folder", abs)
	}
	return source.NewLocal(abs), nil
}

// s3Conn is the connection of the S3 side of a copy between a and b
// (both S3 sides are on one, once source.Between allowed the copy).
func s3Conn(a, b source.Source) string {
	for _, src := range []source.Source{a, b} {
		if s, ok := src.(source.S3); ok {
			return s.Conn
		}
	}
	return ""
}
