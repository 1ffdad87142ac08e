package pane

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

func (m *Model) actions() []common.KeyAction {
	k := m.keys
	return []common.KeyAction{
		{Binding: k.Bottom, Run: m.bottom},
		{Binding: k.Open, Run: m.open},
		{Binding: k.Parent, Run: m.parent},
		{Binding: k.Home, Run: m.home},
		{Binding: k.Refresh, Run: m.refresh},
		{Binding: k.Filter, Run: m.startFilter},
		{Binding: k.ClearFilter, Run: func() tea.Cmd { m.clearFilter(); return nil }},
		{Binding: k.SortNext, Run: m.sortNext},
		{Binding: k.SortReverse, Run: m.sortReverse},
		{Binding: k.ToggleHidden, Run: m.toggleHidden},
		{Binding: k.Info, Run: m.requestDetails},
		{Binding: k.Mark, Run: m.markAndAdvance},
		{Binding: k.InvertMarks, Run: m.invertMarks},
		{Binding: k.MarkAll, Run: m.markAll},
		{Binding: k.UnmarkAll, Run: func() tea.Cmd { m.marks.clear(); return nil }},
	}
}

func (m *Model) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if m.filtering {
		return m.handleFilterKey(msg)
	}
	k := m.keys
	moves := common.MoveKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top}
	return common.ListKey(msg, m.scroll, moves, m.rowsHeight(), m.moveTo, m.actions())
}

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

func (m *Model) moveBy(n int) { m.moveTo(m.scroll.Cursor + n) }

// moveTo is the user moving the cursor to row i.
func (m *Model) moveTo(i int) {
	m.restore = nil // the user moved: do not jump when an old target arrives
	m.follow = false
	m.show(i)
}

// show puts the cursor on row i (clamped) and scrolls to it.
func (m *Model) show(i int) { m.scroll.MoveTo(i, m.list.len(), m.rowsHeight()) }

func (m *Model) clampCursor() { m.scroll.Clamp(m.list.len()) }

// scrollToCursor moves the window just enough to show the cursor.
func (m *Model) scrollToCursor() { m.scroll.Follow(m.list.len(), m.rowsHeight()) }

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
		target = &restoreTarget{name: e.Name, isDir: e.IsDir, index: m.scroll.Cursor}
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
	i := 0
	if ok {
		i = max(0, m.list.indexOf(cur.Key))
	}
	m.show(i)
}
