// Package incomplete is the incomplete uploads dialog of ferry's TUI:
// the unfinished multipart uploads under a bucket or folder (they cost
// storage and no listing of objects shows them), each with when it
// started, its parts and bytes stored, and what ferry can do with it
// (resumable by copying the same file again, stale, source changed or
// gone, or not started by ferry); the one under the cursor, or all of
// them, can be aborted. The engine is s3ops/transfer (ListIncomplete,
// AbortIncomplete and the upload ledger).
//
// The root owns one Manager and hands it every Msg; results carry the
// id of the dialog they belong to and are dropped once it has closed.
package incomplete

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
)

// Options configure the dialogs.
type Options struct {
	// LedgerPath is the upload ledger ("" when there is none: no upload
	// is then known as ferry's).
	LedgerPath string
}

// Msg is a result of an incomplete uploads dialog.
type Msg interface{ dialogID() int }

// Manager opens the dialogs and routes their results.
type Manager struct {
	ctx  *common.Context
	o    Options
	open common.OpenSet[*Dialog]
}

// NewManager returns the incomplete uploads dialogs of one session.
func NewManager(ctx *common.Context, o Options) *Manager {
	return &Manager{ctx: ctx, o: o}
}

// Open lists the unfinished uploads whose keys start with loc.Key in
// loc.Bucket, through c (the client of the pane it is about).
func (m *Manager) Open(c *s3ops.Client, loc s3ops.Location) tea.Cmd {
	d := &Dialog{mgr: m, ctx: m.ctx, id: m.open.NewID(), client: c, loc: loc}
	return m.open.Show(d.id, d, d.list())
}

// Update hands a result to its dialog (dropped when it has closed).
func (m *Manager) Update(msg Msg) tea.Cmd {
	d, ok := m.open.Get(msg.dialogID())
	if !ok {
		return nil
	}
	return d.handle(msg)
}

func (m *Manager) closeDialog(id int) tea.Cmd { return m.open.Close(id) }

// OpenDialogs is the number of these dialogs open.
func (m *Manager) OpenDialogs() int { return m.open.Len() }
