package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/dialog"
)

// handleKey routes a key press: force-quit always works; then the top
// dialog, or the focused pane while it is typing, gets the key; else the
// global keys; else the focused pane.
func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	g := m.ctx.Keys.Global
	if key.Matches(msg, g.ForceQuit) {
		return m.quit()
	}
	if m.tooSmall() {
		if key.Matches(msg, g.Quit) {
			return m.quit()
		}
		return nil
	}
	if d := m.dialogs.Top(); d != nil {
		return d.Update(msg)
	}
	if m.Focused().Capturing() {
		return m.Focused().Update(msg)
	}
	if cmd, handled := m.handleGlobalKey(msg); handled {
		return cmd
	}
	if cmd, handled := m.guardDeleted(msg); handled {
		return cmd
	}
	if cmd, handled := m.toggleDeleted(msg); handled {
		return cmd
	}
	if cmd, handled := m.handleOpsKey(msg); handled {
		return cmd
	}
	if cmd, handled := m.handleTransferKey(msg); handled {
		return cmd
	}
	if cmd, handled := m.share.HandleKey(msg, m.Focused()); handled {
		return cmd
	}
	return m.Focused().Update(msg)
}

func (m *Model) handleGlobalKey(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	g := m.ctx.Keys.Global
	switch {
	case key.Matches(msg, g.Quit):
		return m.requestQuit(), true
	case key.Matches(msg, g.NextPane):
		m.cycleFocus(1)
	case key.Matches(msg, g.PrevPane):
		m.cycleFocus(-1)
	case key.Matches(msg, g.Help):
		return m.openHelp(), true
	default:
		return nil, false
	}
	return nil, true
}

// quit stops every listing in flight and ends the program.
func (m *Model) quit() tea.Cmd {
	m.ops.mgr.Close()
	for _, p := range m.panes {
		p.Close()
	}
	return tea.Quit
}

// openHelp shows every key of the focused pane and the global keys.
func (m *Model) openHelp() tea.Cmd {
	return common.OpenDialog(dialog.NewHelp(m.ctx, m.paneFullHelp(), m.ctx.Keys.Global.Help))
}

// paneFullHelp is the focused pane's key columns, then one column of the
// share keys and the global keys (a column more would not fit in 120).
func (m *Model) paneFullHelp() [][]key.Binding {
	if m.tx.pane != nil && m.tx.pane.Focused() {
		return append(m.tx.pane.FullHelp(), m.ctx.Keys.Global.FullHelp()...)
	}
	last := append(m.share.FullHelp(m.Focused()), m.transferPaneKeys()...)
	for _, col := range m.ctx.Keys.Global.FullHelp() {
		last = append(last, col...)
	}
	cols := m.Focused().FullHelp()
	// The operation keys share the marks' column (they act on the marks).
	cols[len(cols)-1] = append(cols[len(cols)-1], m.opsHelp()...)
	return append(cols, last)
}

// ShortHelp is what the help bar shows: the live dialog's keys, or the
// focused pane's followed by the global ones.
func (m *Model) ShortHelp() []key.Binding {
	if d := m.dialogs.Top(); d != nil {
		return d.ShortHelp()
	}
	if m.Focused().Capturing() {
		return m.Focused().ShortHelp()
	}
	if m.tx.pane != nil && m.tx.pane.Focused() {
		return append(m.tx.pane.ShortHelp(), m.ctx.Keys.Global.ShortHelp()...)
	}
	// Share keys last: "? help" must stay visible when the bar is cut.
	return append(append(append(append(m.Focused().ShortHelp(), m.transferShortHelp()...), m.ctx.Keys.Global.ShortHelp()...),
		m.opsShortHelp()...), m.share.ShortHelp(m.Focused())...)
}

// FullHelp is every binding that works right now.
func (m *Model) FullHelp() [][]key.Binding {
	if d := m.dialogs.Top(); d != nil {
		return d.FullHelp()
	}
	return m.paneFullHelp()
}
