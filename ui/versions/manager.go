// Package versions is the versions dialog of ferry's TUI: the versions
// of one object in a versioned bucket (id, size, time, which is the
// latest, delete markers), and for the one under the cursor: download
// it (through the transfer queue, into the local pane's folder), copy a
// presigned link to it (with the chosen expiry), or restore it as the
// latest version. The engines are s3ops, share and s3ops/transfer.
//
// The root owns one Manager and hands it every Msg; results carry the
// id of the dialog they belong to and are dropped once it has closed.
package versions

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Options configure the versions dialogs.
type Options struct {
	// Engine downloads versions (nil: downloading is not offered).
	Engine *transfer.Engine
	// WithEngine runs then with the engine of connection conn, once it
	// is made (nil: Engine downloads on every connection).
	WithEngine func(conn string, then func(*transfer.Engine) tea.Cmd) tea.Cmd
	// DownloadDir says where a downloaded version goes (the local pane's
	// folder, or the working directory).
	DownloadDir func() string
	// Share opens the share dialog on one version of an object, signed
	// by client c (nil: links are not offered).
	Share func(c *s3ops.Client, loc s3ops.Location, versionID string) tea.Cmd
}

// Msg is a result of a versions dialog.
type Msg interface{ dialogID() int }

// ChangedMsg says an object's versions changed (a restore): panes
// showing Bucket should be listed again.
type ChangedMsg struct{ Bucket string }

// Manager opens versions dialogs and routes their results.
type Manager struct {
	ctx  *common.Context
	o    Options
	open common.OpenSet[*Dialog]
}

// NewManager returns the versions dialogs of one session.
func NewManager(ctx *common.Context, o Options) *Manager {
	return &Manager{ctx: ctx, o: o}
}

// Open shows the versions of the object at loc, in the pane showing src
// (whose client and connection the dialog uses).
func (m *Manager) Open(src source.S3, loc s3ops.Location) tea.Cmd {
	d := newDialog(m, m.open.NewID(), src, loc)
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

// Open is the number of versions dialogs open.
func (m *Manager) OpenDialogs() int { return m.open.Len() }
