package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
)

// handleMouse sends wheel and click events to the pane under the pointer;
// a click also focuses that pane. With a dialog open, the dialog gets them.
func (m *Model) handleMouse(msg tea.MouseMsg) tea.Cmd {
	if m.tooSmall() {
		return nil
	}
	if d := m.dialogs.Top(); d != nil {
		return m.dialogMouse(d, msg)
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

// dialogMouse hands a left click to a dialog with buttons, in its own
// coordinates; the wheel and the rest go to the dialog as they are.
func (m *Model) dialogMouse(d common.Component, msg tea.MouseMsg) tea.Cmd {
	c, ok := msg.(tea.MouseClickMsg)
	cl, clickable := d.(common.Clickable)
	if !ok || !clickable {
		return d.Update(msg)
	}
	if c.Button != tea.MouseLeft {
		return nil
	}
	x, y := dialogOrigin(d.View(), m.ctx.Width, m.ctx.Height)
	return cl.Click(c.X-x, c.Y-y)
}
