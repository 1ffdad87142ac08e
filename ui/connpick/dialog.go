package connpick

import (
	"context"
	"fmt"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/ui/common"
)

// Dialog lists the connections; enter shows the one under the cursor in
// the pane the picker was opened for.
type Dialog struct {
	mgr     *Manager
	ctx     *common.Context
	id      int
	pane    int
	current string

	entries []Entry
	creds   map[string]connections.Credentials // by name, once checked
	loaded  bool
	err     string
	cursor  int
	offset  int
	width   int
	height  int
}

type (
	listedMsg struct {
		id      int
		entries []Entry
		err     error
	}
	checkedMsg struct {
		id    int
		name  string
		creds connections.Credentials
	}
)

func (m listedMsg) dialogID() int  { return m.id }
func (m checkedMsg) dialogID() int { return m.id }

// list asks the provider for the connections.
func (d *Dialog) list() tea.Cmd {
	id, p, base := d.id, d.mgr.p, d.ctx.Base
	return func() tea.Msg {
		es, err := p.Entries(base)
		return listedMsg{id: id, entries: es, err: err}
	}
}

// check resolves every connection's credentials, each in a command of
// its own, so a slow one (SSO, a far endpoint) holds up only its row.
func (d *Dialog) check() tea.Cmd {
	cmds := make([]tea.Cmd, len(d.entries))
	for i, e := range d.entries {
		id, p, base, name := d.id, d.mgr.p, d.ctx.Base, e.Name
		cmds[i] = func() tea.Msg {
			ctx, cancel := context.WithTimeout(base, connections.CheckTimeout+time.Second)
			defer cancel()
			return checkedMsg{id: id, name: name, creds: p.Check(ctx, name)}
		}
	}
	return tea.Batch(cmds...)
}

func (d *Dialog) handle(msg Msg) tea.Cmd {
	switch msg := msg.(type) {
	case listedMsg:
		d.loaded = true
		if msg.err != nil {
			d.err = "could not read the connections: " + msg.err.Error()
			return nil
		}
		d.entries = msg.entries
		for i, e := range d.entries {
			if e.Name == d.current {
				d.cursor = i
			}
		}
		return d.check()
	case checkedMsg:
		d.creds[msg.name] = msg.creds
	}
	return nil
}

// Entries are the connections listed (none until they are read).
func (d *Dialog) Entries() []Entry { return d.entries }

// Credentials is what the check of connection name found, once done.
func (d *Dialog) Credentials(name string) (connections.Credentials, bool) {
	c, ok := d.creds[name]
	return c, ok
}

// SetSize sets the space the dialog may use.
func (d *Dialog) SetSize(w, h int) { d.width, d.height = w, h }

// Update handles keys (none once the dialog has closed).
func (d *Dialog) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if _, open := d.mgr.open.Get(d.id); !ok || !open {
		return nil
	}
	dk := d.ctx.Keys.Dialog
	switch {
	case key.Matches(k, dk.Cancel):
		return d.mgr.closeDialog(d.id)
	case key.Matches(k, dk.Up):
		d.move(-1)
	case key.Matches(k, dk.Down):
		d.move(1)
	case key.Matches(k, dk.PageUp):
		d.move(-10)
	case key.Matches(k, dk.PageDown):
		d.move(10)
	case key.Matches(k, dk.Select) && d.cursor < len(d.entries):
		e := d.entries[d.cursor]
		return tea.Batch(d.mgr.closeDialog(d.id), d.mgr.connect(d.pane, e.Name),
			common.Status(common.LevelInfo, "connecting to "+common.Sanitize(entryName(e))+"…"))
	}
	return nil
}

func (d *Dialog) move(n int) {
	d.cursor = max(0, min(len(d.entries)-1, d.cursor+n))
}

// ShortHelp lists the keys that work in the picker.
func (d *Dialog) ShortHelp() []key.Binding {
	dk := d.ctx.Keys.Dialog
	return []key.Binding{dk.Up, dk.Down, dk.Select, dk.Cancel}
}

// FullHelp is ShortHelp in one column.
func (d *Dialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

// entryName is how a connection is named in the list.
func entryName(e Entry) string {
	if e.Name == "" {
		return "default"
	}
	return e.Name
}

// credText is the credentials column: "checking…", "resolved (SSO)",
// "expiring in 4m", "expired", or "failed: why".
func credText(c connections.Credentials, checked bool, now time.Time) (text string, bad bool) {
	switch {
	case !checked:
		return "checking…", false
	case !c.OK:
		return "failed: " + c.Problem, true
	case c.Expires.IsZero():
		return "resolved" + kindText(c), false
	}
	left := c.Expires.Sub(now)
	switch {
	case left <= 0:
		return "expired at " + c.Expires.Local().Format("15:04"), true
	case left < expiringSoon:
		return fmt.Sprintf("expiring in %s", left.Round(time.Second)), true
	}
	return fmt.Sprintf("resolved%s, until %s", kindText(c), c.Expires.Local().Format("15:04")), false
}

// expiringSoon is when credentials are shown as expiring.
const expiringSoon = 15 * time.Minute

func kindText(c connections.Credentials) string {
	if c.Kind == "" {
		return ""
	}
	return " (" + c.Kind + ")"
}
