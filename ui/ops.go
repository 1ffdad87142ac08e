package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/ops"
	"github.com/ferry-s3/ferry/ui/source"
)

// The root's side of the file operations (package ui/ops): their keys,
// their results, the task rows they add to the transfers pane, and
// where each pane starts (--left, --right).

// opsState is the operations' part of the root model.
type opsState struct {
	mgr *ops.Manager
}

// initOps sets up the operations and connects their tasks to the
// transfers pane when there is one.
func (m *Model) initOps(o Options) {
	m.ops.mgr = ops.NewManager(m.ctx, ops.Options{Client: o.Client, S3Start: o.S3Start, LocalDir: o.LocalDir, Trash: o.Trash})
	if m.tx.pane != nil {
		m.ops.mgr.SetSink(taskSink{m})
		m.tx.pane.SetTaskHooks(m.ops.mgr)
	}
}

// Ops is the file operations' manager.
func (m *Model) Ops() *ops.Manager { return m.ops.mgr }

// taskSink puts task rows in the transfers pane.
type taskSink struct{ m *Model }

func (s taskSink) ApplyTasks(ss []transfer.JobStatus) {
	s.m.tx.pane.ApplyTasks(ss)
	s.m.syncSlot()
}

func (s taskSink) ShowTasks() { s.m.showTransfers(false) }

// opsPanes are the file panes as the operations see them.
func (m *Model) opsPanes() []ops.Pane {
	out := make([]ops.Pane, len(m.panes))
	for i, p := range m.panes {
		out[i] = p
	}
	return out
}

func (m *Model) otherPane() ops.Pane { return m.panes[(m.focus+1)%len(m.panes)] }

// handleOpsKey runs the operation keys in a file pane, and the copy key
// when both panes are of one kind (S3 to S3 is a server-side copy, local
// to local a file copy; the transfer queue does uploads and downloads).
func (m *Model) handleOpsKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.tx.pane != nil && m.tx.pane.Focused() {
		return nil, false
	}
	if key.Matches(msg, m.ctx.Keys.Transfers.Copy) {
		return m.ops.mgr.Copy(m.Focused(), m.otherPane())
	}
	return m.ops.mgr.HandleKey(msg, m.Focused(), m.otherPane())
}

// routeOps hands the operations their results.
func (m *Model) routeOps(msg tea.Msg) (tea.Cmd, bool) {
	if msg, ok := msg.(ops.Msg); ok {
		return m.ops.mgr.Update(msg, m.opsPanes()), true
	}
	return nil, false
}

// syncOps runs after every message: it asks newly shown buckets whether
// they keep versions.
func (m *Model) syncOps() tea.Cmd {
	return m.ops.mgr.SyncVersioning(m.opsPanes())
}

// opsHelp is the operation keys' column of the help.
func (m *Model) opsHelp() []key.Binding { return m.ops.mgr.Keys(m.Focused()) }

// opsShortHelp is the operation keys shown in the help bar.
func (m *Model) opsShortHelp() []key.Binding {
	keys := m.ops.mgr.Keys(m.Focused())
	return keys[:min(len(keys), 3)]
}

// startSource is where a pane starts: spec (a local path or an s3://
// URI) when given, else def.
func (m *Model) startSource(c *s3ops.Client, spec string, def source.Source) source.Source {
	if spec == "" {
		return def
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
