package pane

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// keyAction pairs a binding with what it does.
type keyAction struct {
	binding key.Binding
	run     func() tea.Cmd
}

func (m *Model) actions() []keyAction {
	k := m.keys
	step := func(n func() int) func() tea.Cmd { return func() tea.Cmd { m.moveBy(n()); return nil } }
	return []keyAction{
		{k.Up, step(func() int { return -1 })},
		{k.Down, step(func() int { return 1 })},
		{k.PageUp, step(func() int { return -m.pageRows() })},
		{k.PageDown, step(func() int { return m.pageRows() })},
		{k.Top, func() tea.Cmd { m.moveTo(0); return nil }},
		{k.Bottom, m.bottom},
		{k.Open, m.open},
		{k.Parent, m.parent},
		{k.Home, m.home},
		{k.Refresh, m.refresh},
		{k.Filter, m.startFilter},
		{k.ClearFilter, func() tea.Cmd { m.clearFilter(); return nil }},
		{k.SortNext, m.sortNext},
		{k.SortReverse, m.sortReverse},
		{k.ToggleHidden, m.toggleHidden},
		{k.Info, m.requestDetails},
		{k.Mark, m.markAndAdvance},
		{k.InvertMarks, m.invertMarks},
		{k.MarkAll, m.markAll},
		{k.UnmarkAll, func() tea.Cmd { m.marks.clear(); return nil }},
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.filtering {
		return m.handleFilterKey(msg)
	}
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

// bottom goes to the last row; while the listing is still arriving, the
// cursor stays on the last row as more arrive, until another move.
func (m *Model) bottom() tea.Cmd {
	m.moveTo(m.list.len() - 1)
	if !m.loading {
		return nil
	}
	m.follow = true
	return common.Status(common.LevelInfo, "still listing: the cursor follows to the last entry")
}

func (m *Model) moveTo(i int) {
	m.restore = nil // the user moved: do not jump when an old target arrives
	m.follow = false
	m.cursor = i
	m.clampCursor()
	m.scrollToCursor()
}

func (m *Model) clampCursor() {
	m.cursor = max(0, min(m.cursor, m.list.len()-1))
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
	m.offset = max(0, min(m.offset, m.list.len()-rows))
}

func (m *Model) open() tea.Cmd {
	e, ok := m.Current()
	if !ok {
		return nil
	}
	next, ok := m.src.Open(e)
	if !ok {
		return common.Status(common.LevelInfo, common.Sanitize(e.Name)+" is not a folder (i shows its details)")
	}
	return m.SetSource(next)
}

func (m *Model) parent() tea.Cmd {
	up, name, ok := m.src.Parent()
	if !ok {
		return nil
	}
	cmd := m.SetSource(up)
	m.restore = &restoreTarget{name: name, isDir: true, index: -1}
	return cmd
}

func (m *Model) home() tea.Cmd {
	home, ok := m.src.Home()
	if !ok {
		return nil
	}
	return m.SetSource(home)
}

// Refresh lists the location again, keeping marks, filter and cursor
// (the root calls it when transfers land where the pane is).
func (m *Model) Refresh() tea.Cmd { return m.refresh() }

// RefreshTo lists the location again and puts the cursor on the entry
// called name once it arrives (a folder just made, a file just renamed).
func (m *Model) RefreshTo(name string, isDir bool) tea.Cmd {
	cmd := m.refresh()
	m.restore = &restoreTarget{name: name, isDir: isDir, index: -1}
	return cmd
}

// refresh lists the location again, keeping marks, filter and cursor.
func (m *Model) refresh() tea.Cmd {
	var target *restoreTarget
	if e, ok := m.Current(); ok {
		target = &restoreTarget{name: e.Name, isDir: e.IsDir, index: m.cursor}
	}
	cmd := m.Load()
	m.restore = target
	return cmd
}

func (m *Model) sortNext() tea.Cmd {
	o := m.list.order
	o.Field = (o.Field + 1) % sortFields
	m.reorder(o)
	return common.Status(common.LevelInfo, "sorted by "+o.Field.String()+direction(o))
}

func (m *Model) sortReverse() tea.Cmd {
	o := m.list.order
	o.Desc = !o.Desc
	m.reorder(o)
	return common.Status(common.LevelInfo, "sorted by "+o.Field.String()+direction(o))
}

func direction(o Order) string {
	if o.Desc {
		return ", descending"
	}
	return ", ascending"
}

// SetOrder sorts the pane, keeping the cursor on the same entry.
func (m *Model) SetOrder(o Order) { m.reorder(o) }

// Order is the pane's current sort order.
func (m *Model) Order() Order { return m.list.order }

func (m *Model) reorder(o Order) {
	m.keepingCursor(func() { m.list.setOrder(o) })
}

func (m *Model) toggleHidden() tea.Cmd {
	m.showHidden = !m.showHidden
	m.keepingCursor(func() { m.list.setHideDots(!m.showHidden) })
	if m.list.hideDots {
		return common.Status(common.LevelInfo, "hiding dot-files")
	}
	return common.Status(common.LevelInfo, "showing dot-files")
}

// toggleDeleted lists the location again with or without the objects
// deleted in a versioned bucket.
// ToggleDeleted switches the listing of deleted objects (where the
// location has them) and lists it again; showing is the new setting. The
// root handles the key (keymap Pane.ToggleDeleted), so that its status
// line can say whether the bucket keeps deleted objects at all.
func (m *Model) ToggleDeleted() (showing bool, cmd tea.Cmd) {
	ds, ok := m.src.(source.DeletedShower)
	if !ok {
		return m.showDeleted, nil
	}
	m.showDeleted = !m.showDeleted
	m.src = ds.ShowingDeleted(m.showDeleted)
	return m.showDeleted, m.refresh()
}

// keepingCursor runs change (which rebuilds the view) and puts the
// cursor back on the entry it was on, or on the first row if that entry
// is no longer visible.
func (m *Model) keepingCursor(change func()) {
	cur, ok := m.Current()
	change()
	m.cursor = 0
	if ok {
		m.cursor = max(0, m.list.indexOf(cur.Key))
	}
	m.clampCursor()
	m.scrollToCursor()
}
