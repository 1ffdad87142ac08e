// Package connpick is the connections picker of ferry's TUI: the
// connections a pane can show (the default one, every AWS profile, the
// [connections.NAME] tables of ferry's config, demo), each with its
// endpoint and whether its credentials resolve, checked in the
// background (resolved, expiring soon, or failed and why). Choosing one
// connects to it (clients are made on first use, the demo gateway
// starts only when chosen) and shows its bucket list in the pane.
//
// The root owns one Manager and hands it every Msg; results carry the id
// of the dialog they belong to and are dropped once it has closed. What
// connecting gives arrives as ConnectedMsg, which the root turns into
// the pane's new location.
package connpick

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
)

// Entry is one connection the picker offers. Name "" is the default
// connection (what the flags and the environment give).
type Entry struct {
	Name     string
	From     string // where it is defined (see connections.From…)
	Endpoint string // "" for AWS
	Region   string
	Demo     bool
}

// Provider knows the session's connections and connects them. Its
// methods are called off the UI thread, several at once.
type Provider interface {
	// Entries are the connections, the default one first.
	Entries(ctx context.Context) ([]Entry, error)
	// Connect gives the client of connection name, made on first use
	// (the same client after that).
	Connect(ctx context.Context, name string) (*s3ops.Client, error)
	// Check says whether connection name's credentials resolve (without
	// starting the demo gateway).
	Check(ctx context.Context, name string) connections.Credentials
}

// Msg is a result of a picker.
type Msg interface{ dialogID() int }

// ConnectedMsg is connection Name made for pane Pane: Client, or Err.
type ConnectedMsg struct {
	Pane   int
	Name   string
	Client *s3ops.Client
	Err    error
}

// Manager opens pickers and routes their results.
type Manager struct {
	ctx  *common.Context
	p    Provider
	def  *s3ops.Client // the default connection's client
	open common.OpenSet[*Dialog]
}

// NewManager returns the pickers of one session whose default connection
// is def (p nil: there is no picker, see Available).
func NewManager(ctx *common.Context, p Provider, def *s3ops.Client) *Manager {
	return &Manager{ctx: ctx, p: p, def: def}
}

// ConnName is the name a pane on connection name, reached through c,
// goes by: "" when c is the default connection's own client (a name
// for the same connection, such as demo in a --demo session), so the
// two count as one for copies and transfers.
func (m *Manager) ConnName(name string, c *s3ops.Client) string {
	if c != nil && c == m.def {
		return ""
	}
	return name
}

// Available reports whether the session has connections to pick from.
func (m *Manager) Available() bool { return m.p != nil }

// Open shows the picker for pane; current is the connection it is on
// (the cursor starts there).
func (m *Manager) Open(pane int, current string) tea.Cmd {
	if m.p == nil {
		return nil
	}
	d := &Dialog{mgr: m, ctx: m.ctx, id: m.open.NewID(), pane: pane, current: current, creds: map[string]connections.Credentials{}}
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

// OpenDialogs is the number of pickers open.
func (m *Manager) OpenDialogs() int { return m.open.Len() }

func (m *Manager) closeDialog(id int) tea.Cmd { return m.open.Close(id) }

// Connect makes connection name for pane again (a retry after it
// failed); the result arrives as ConnectedMsg.
func (m *Manager) Connect(pane int, name string) tea.Cmd {
	if m.p == nil {
		return nil
	}
	return tea.Batch(m.connect(pane, name), common.Status(common.LevelInfo, "connecting to "+common.Sanitize(name)+"…"))
}

// connect makes connection name for pane, off the UI thread.
func (m *Manager) connect(pane int, name string) tea.Cmd {
	p, base := m.p, m.ctx.Base
	return func() tea.Msg {
		c, err := p.Connect(base, name)
		return ConnectedMsg{Pane: pane, Name: name, Client: c, Err: err}
	}
}
