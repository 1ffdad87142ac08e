package transfers

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// keyAction pairs a binding with what it does.
type keyAction struct {
	binding key.Binding
	run     func() tea.Cmd
}

func (m *Model) actions() []keyAction {
	k := m.ctx.Keys.Transfers
	step := func(n func() int) func() tea.Cmd { return func() tea.Cmd { m.moveBy(n()); return nil } }
	return []keyAction{
		{k.Up, step(func() int { return -1 })},
		{k.Down, step(func() int { return 1 })},
		{k.PageUp, step(func() int { return -m.pageRows() })},
		{k.PageDown, step(func() int { return m.pageRows() })},
		{k.Top, func() tea.Cmd { m.moveTo(0); return nil }},
		{k.Bottom, func() tea.Cmd { m.moveTo(len(m.table.jobs) - 1); return nil }},
		{k.Pause, m.togglePause},
		{k.PauseAll, m.PauseAll},
		{k.Cancel, m.cancelSelected},
		{k.Retry, m.retry},
		{k.Clear, m.ClearFinished},
		{k.Open, m.open},
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	for _, a := range m.actions() {
		if key.Matches(msg, a.binding) {
			return a.run()
		}
	}
	return nil
}

// pageRows is how far a page key moves: one screenful less one row.
func (m *Model) pageRows() int { return max(1, m.rowsHeight()-1) }

func (m *Model) moveBy(n int) { m.moveTo(m.cursor + n) }

func (m *Model) moveTo(i int) {
	m.cursor = i
	m.clampCursor()
}

// clampCursor keeps the cursor on a row and the row on screen.
func (m *Model) clampCursor() {
	m.cursor = max(0, min(m.cursor, len(m.table.jobs)-1))
	m.scrollToCursor()
}

// scrollToCursor moves the window just enough to show the cursor.
func (m *Model) scrollToCursor() {
	rows := m.rowsHeight()
	if m.cursor < m.offset {
		m.offset = m.cursor
	}
	if rows > 0 && m.cursor >= m.offset+rows {
		m.offset = m.cursor - rows + 1
	}
	m.offset = max(0, min(m.offset, len(m.table.jobs)-rows))
}

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
	row := y - 1 - titleRows
	if row >= 0 && row < m.rowsHeight() && m.offset+row < len(m.table.jobs) {
		m.moveTo(m.offset + row)
	}
}
