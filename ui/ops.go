package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/connpick"
	"github.com/ferry-s3/ferry/ui/incomplete"
	"github.com/ferry-s3/ferry/ui/ops"
	"github.com/ferry-s3/ferry/ui/pane"
	"github.com/ferry-s3/ferry/ui/peek"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/ui/versions"
)

// The root's side of the file operations (package ui/ops): their keys,
// their results, the task rows they add to the transfers pane, and
// where each pane starts (--left, --right).

// opsState is the operations' part of the root model.
type opsState struct {
	mgr        *ops.Manager
	preview    *peek.Column
	versions   *versions.Manager
	incomplete *incomplete.Manager
}

// initOps sets up the operations and connects their tasks to the
// transfers pane when there is one.
func (m *Model) initOps(o Options) {
	m.ops.mgr = ops.NewManager(m.ctx, ops.Options{Client: o.Client, S3Start: o.S3Start, LocalDir: o.LocalDir, Trash: o.Trash,
		SwitchNote: m.switchNote()})
	m.ops.preview = peek.New(m.ctx)
	var with func(string, func(*transfer.Engine) tea.Cmd) tea.Cmd
	if m.tx.pane != nil {
		with = m.tx.pane.WithEngine
	}
	m.ops.versions = versions.NewManager(m.ctx, versions.Options{Engine: o.Transfers, WithEngine: with,
		DownloadDir: m.downloadDir, Share: func(c *s3ops.Client, loc s3ops.Location, versionID string) tea.Cmd {
			return m.share.ShareVersion(c, loc, versionID)
		}})
	ledger := ""
	if o.Transfers != nil {
		ledger = o.Transfers.Options().UploadsPath
	}
	m.ops.incomplete = incomplete.NewManager(m.ctx, incomplete.Options{LedgerPath: ledger})
	if m.tx.pane != nil {
		m.ops.mgr.SetSink(taskSink{m})
		m.tx.pane.SetTasks(m.ops.mgr.Tasks(), m.ops.mgr)
	}
}

// taskSink puts task rows in the transfers pane.
type taskSink struct{ m *Model }

func (s taskSink) ApplyTasks(js []jobs.Job) {
	s.m.tx.pane.ApplyTasks(js)
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
	if cmd, ok := m.handlePreviewKey(msg); ok {
		return cmd, true
	}
	if key.Matches(msg, m.ctx.Keys.Transfers.Copy) {
		if cmd := refuseBetween(m.Focused().Source(), m.otherPane().Source()); cmd != nil {
			return cmd, true
		}
		if source.Streamed(m.Focused().Source(), m.otherPane().Source()) {
			return m.copySelection(), true // the destination's engine streams it
		}
		return m.ops.mgr.Copy(m.Focused(), m.otherPane())
	}
	if key.Matches(msg, m.ctx.Keys.Ops.Versions) {
		return m.openVersions(), true
	}
	if key.Matches(msg, m.ctx.Keys.Ops.Incomplete) {
		return m.openIncomplete(), true
	}
	if key.Matches(msg, m.ctx.Keys.Ops.Connections) {
		return m.openPicker(), true
	}
	if s, ok := m.Focused().Source().(source.S3); ok && s.Client == nil && key.Matches(msg, m.ctx.Keys.Pane.Refresh) {
		return m.conns.Connect(m.Focused().ID(), s.Conn), true // refreshing a failed connection tries it again
	}
	return m.ops.mgr.HandleKey(msg, m.Focused(), m.otherPane())
}

// routeOps hands the operations their results.
func (m *Model) routeOps(msg tea.Msg) (tea.Cmd, bool) {
	switch msg := msg.(type) {
	case ops.Msg:
		return m.ops.mgr.Update(msg, m.opsPanes()), true
	case peek.Msg:
		return m.ops.preview.Update(msg), true
	case versions.Msg:
		return m.ops.versions.Update(msg), true
	case incomplete.Msg:
		return m.ops.incomplete.Update(msg), true
	case connpick.Msg:
		return m.conns.Update(msg), true
	case connpick.ConnectedMsg:
		return m.connected(msg), true
	case versions.ChangedMsg:
		return m.ops.mgr.ChangedBucket(m.opsPanes(), msg.Bucket), true
	}
	return nil, false
}

// syncOps runs after every message: it asks newly shown buckets whether
// they keep versions, points the preview at the focused pane's cursor
// and starts its load once the cursor has settled.
func (m *Model) syncOps() tea.Cmd {
	cur, ok := m.Focused().Current()
	m.ops.preview.Follow(m.Focused().Source(), cur, ok)
	return tea.Batch(m.ops.mgr.SyncVersioning(m.opsPanes()), m.ops.preview.Due())
}

// opsBusy keeps the heartbeat going while the preview waits for the
// cursor to settle or for its load.
func (m *Model) opsBusy() bool { return m.ops.preview.Busy() }

// opsHelp is the operation and preview keys that work in the focused
// pane, for the help.
func (m *Model) opsHelp() []key.Binding {
	return append(append(m.ops.mgr.Keys(m.Focused()), m.connectionsKey()), m.previewKeys()...)
}

// previewKeys are the preview column's keys; scrolling only while it is on.
func (m *Model) previewKeys() []key.Binding {
	k := m.ctx.Keys.Ops
	down, up, wrap := k.PreviewDown, k.PreviewUp, k.PreviewWrap
	on := m.ops.preview.Visible()
	for _, b := range []*key.Binding{&down, &up, &wrap} {
		b.SetEnabled(b.Enabled() && on)
	}
	return []key.Binding{k.Preview, down, up, wrap}
}

// Preview is the preview column.
func (m *Model) Preview() *peek.Column { return m.ops.preview }

// handlePreviewKey shows or hides the preview column, and scrolls it.
func (m *Model) handlePreviewKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	k := m.ctx.Keys.Ops
	switch {
	case key.Matches(msg, k.Preview):
		m.ops.preview.Toggle()
		m.resize(m.ctx.Width, m.ctx.Height)
		return nil, true
	case !m.ops.preview.Visible():
		return nil, false
	case key.Matches(msg, k.PreviewDown):
		m.ops.preview.Scroll(previewStep)
		return nil, true
	case key.Matches(msg, k.PreviewUp):
		m.ops.preview.Scroll(-previewStep)
		return nil, true
	case key.Matches(msg, k.PreviewWrap):
		m.ops.preview.ToggleWrap()
		if m.ops.preview.Wrapping() {
			return common.Status(common.LevelInfo, "preview: long lines wrap"), true
		}
		return common.Status(common.LevelInfo, "preview: long lines are cut (…)"), true
	}
	return nil, false
}

// previewStep is how many lines the preview scroll keys move.
const previewStep = 3

// previewWidth is the preview column's share of the width: a third, or
// nothing when it is off or the panes would get too narrow.
func (m *Model) previewWidth() int {
	if !m.ops.preview.Visible() {
		return 0
	}
	w := max(24, m.ctx.Width/3)
	if m.ctx.Width-w < 2*minPreviewPane {
		return 0
	}
	return w
}

// minPreviewPane is the narrowest a file pane gets for the preview.
const minPreviewPane = 24

func (m *Model) resizePreview() { m.ops.preview.SetSize(m.previewWidth(), m.paneHeight()) }

// withPreview adds the preview column right of the panes.
func (m *Model) withPreview(views []string) []string {
	if m.previewWidth() == 0 {
		return views
	}
	return append(views, m.ops.preview.View())
}

// openVersions lists the versions of the object under the cursor, or
// says why there are none to list.
func (m *Model) openVersions() tea.Cmd {
	loc, why := m.ops.mgr.VersionsTarget(m.Focused())
	if why != "" {
		return common.Status(common.LevelInfo, why)
	}
	src, _ := m.Focused().Source().(source.S3) // VersionsTarget found an S3 object
	return m.ops.versions.Open(src, loc)
}

// openIncomplete lists the unfinished uploads in the focused S3 pane's
// folder, or of the bucket under the cursor in the bucket list.
func (m *Model) openIncomplete() tea.Cmd {
	s, ok := m.Focused().Source().(source.S3)
	if !ok {
		return common.Status(common.LevelInfo, "incomplete uploads are kept by S3: use "+
			m.ctx.Keys.Ops.Incomplete.Help().Key+" in an S3 pane (a bucket, a folder, or on a bucket in the list)")
	}
	if s.Client == nil {
		return common.Status(common.LevelWarn, common.Sanitize(s.Err.Error()))
	}
	loc := s.Loc
	if loc.Bucket == "" {
		cur, ok := m.Focused().Current()
		if !ok {
			return common.Status(common.LevelInfo, "no bucket here to look into")
		}
		loc = s3ops.Location{Bucket: cur.Key}
	}
	return m.ops.incomplete.Open(s.Client, loc)
}

// Versions is the versions dialogs' manager.
func (m *Model) Versions() *versions.Manager { return m.ops.versions }

// downloadDir is where a downloaded version goes: the folder of the
// focused pane if it is local, else of the other pane, else the working
// directory.
func (m *Model) downloadDir() string {
	for _, p := range []*pane.Model{m.Focused(), m.panes[(m.focus+1)%len(m.panes)]} {
		if l, ok := p.Source().(source.Local); ok {
			return l.Dir
		}
	}
	return WorkingDir()
}
