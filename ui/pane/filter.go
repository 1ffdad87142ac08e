package pane

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// startFilter opens the filter input, keeping any filter already applied.
func (m *Model) startFilter() tea.Cmd {
	m.filtering = true
	m.filter.SetStyles(m.ctx.Styles.Input)
	m.filter.SetValue(m.list.filter)
	m.filter.CursorEnd()
	return m.filter.Focus()
}

// handleFilterKey edits the filter; every keystroke narrows the rows.
func (m *Model) handleFilterKey(msg tea.KeyPressMsg) tea.Cmd {
	fk := m.ctx.Keys.Filter
	switch {
	case key.Matches(msg, fk.Accept):
		m.filtering = false
		m.filter.Blur()
		return nil
	case key.Matches(msg, fk.Cancel):
		m.clearFilter()
		return nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.applyFilter(m.filter.Value())
	return cmd
}

// handlePaste types a paste into the filter while it is open.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if !m.filtering {
		return nil
	}
	var cmd tea.Cmd
	m.filter, cmd = m.filter.Update(msg)
	m.applyFilter(m.filter.Value())
	return cmd
}

func (m *Model) clearFilter() {
	m.filtering = false
	m.filter.Blur()
	m.filter.Reset()
	m.applyFilter("")
}

func (m *Model) applyFilter(f string) {
	if f != m.list.filter {
		m.keepingCursor(func() { m.list.setFilter(f) })
	}
	m.syncKeys()
}

// FilterText is the filter applied to the rows ("" for none).
func (m *Model) FilterText() string { return m.list.filter }
