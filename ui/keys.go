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
	if cmd, handled := m.handleCompareKey(msg); handled {
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
	m.stopCompare()
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
