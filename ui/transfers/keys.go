package transfers

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
)

func (m *Model) actions() []common.KeyAction {
	k := m.ctx.Keys.Transfers
	return []common.KeyAction{
		{Binding: k.Bottom, Run: func() tea.Cmd { m.moveTo(len(m.table.jobs) - 1); return nil }},
		{Binding: k.Pause, Run: m.togglePause},
		{Binding: k.PauseAll, Run: m.PauseAll},
		{Binding: k.Cancel, Run: m.cancelSelected},
		{Binding: k.Retry, Run: m.retry},
		{Binding: k.Clear, Run: m.ClearFinished},
		{Binding: k.Open, Run: m.open},
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := m.ctx.Keys.Transfers
	moves := common.MoveKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top}
	return common.ListKey(msg, m.scroll, moves, m.rowsHeight(), m.moveTo, m.actions())
}

func (m *Model) moveBy(n int) { m.moveTo(m.scroll.Cursor + n) }

func (m *Model) moveTo(i int) { m.scroll.MoveTo(i, len(m.table.jobs), m.rowsHeight()) }

// clampCursor keeps the cursor on a row and the row on screen.
func (m *Model) clampCursor() { m.scroll.Keep(len(m.table.jobs), m.rowsHeight()) }

// scrollToCursor moves the window just enough to show the cursor.
func (m *Model) scrollToCursor() { m.scroll.Follow(len(m.table.jobs), m.rowsHeight()) }

func (m *Model) wheel(msg tea.MouseWheelMsg) {
	switch msg.Mouse().Button {
	case tea.MouseWheelUp:
		m.moveBy(-1)
	case tea.MouseWheelDown:
		m.moveBy(1)
	}
}

// Click puts the cursor on the row at y (0 is the pane's top border).
func (m *Model) Click(y int) {
	if i, ok := m.scroll.At(y-1-titleRows, len(m.table.jobs), m.rowsHeight()); ok {
		m.moveTo(i)
	}
}
