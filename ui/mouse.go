package ui

import (
	tea "charm.land/bubbletea/v2"
)

// handleMouse sends wheel and click events to the pane under the pointer;
// a click also focuses that pane. With a dialog open, the dialog gets them.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.tooSmall() {
		return nil
	}
	if d := m.dialogs.Top(); d != nil {
		return d.Update(msg)
	}
	mouse := msg.Mouse()
	if mouse.Y >= m.paneHeight() {
		return m.transfersMouse(msg)
	}
	i, x := m.paneAt(mouse.X)
	if i < 0 || mouse.Y >= m.paneHeight() {
		return nil
	}
	p := m.panes[i]
	switch msg.(type) {
	case tea.MouseWheelMsg:
		switch mouse.Button {
		case tea.MouseWheelUp:
			p.Wheel(-1)
		case tea.MouseWheelDown:
			p.Wheel(1)
		}
	case tea.MouseClickMsg:
		if mouse.Button != tea.MouseLeft {
			return nil
		}
		m.focusPane(i)
		return p.Click(x, mouse.Y)
	}
	return nil
}

// paneAt finds the pane covering column x and x relative to its left edge.
func (m *Model) paneAt(x int) (int, int) {
	left := 0
	for i := range m.panes {
		w := m.paneWidth(i)
		if x >= left && x < left+w {
			return i, x - left
		}
		left += w
	}
	return -1, 0
}
