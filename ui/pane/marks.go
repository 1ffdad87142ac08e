package pane

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/source"
)

// marks are the entries the user picked (by key), with their total size.
// They survive filtering, sorting and refreshes, and are dropped when the
// pane moves to another location.
type marks struct {
	set   map[string]int64
	bytes int64
}

func (m *marks) has(key string) bool { _, ok := m.set[key]; return ok }

func (m *marks) count() int { return len(m.set) }

// add marks e; a deleted object cannot be marked (nothing but its
// versions can be acted on).
func (m *marks) add(e *source.Entry) {
	if e.Deleted {
		return
	}
	if m.set == nil {
		m.set = map[string]int64{}
	}
	if !m.has(e.Key) {
		m.set[e.Key] = e.Size
		m.bytes += e.Size
	}
}

func (m *marks) remove(key string) {
	if size, ok := m.set[key]; ok {
		delete(m.set, key)
		m.bytes -= size
	}
}

func (m *marks) toggle(e *source.Entry) {
	if m.has(e.Key) {
		m.remove(e.Key)
		return
	}
	m.add(e)
}

func (m *marks) clear() { m.set, m.bytes = nil, 0 }

// keepOnly drops marks whose entries are gone (after a refresh).
func (m *marks) keepOnly(all []source.Entry) {
	if m.count() == 0 {
		return
	}
	present := make(map[string]bool, m.count())
	for i := range all {
		if m.has(all[i].Key) {
			present[all[i].Key] = true
		}
	}
	for key := range m.set {
		if !present[key] {
			m.remove(key)
		}
	}
}

// markAndAdvance toggles the mark under the cursor and moves down.
func (m *Model) markAndAdvance() tea.Cmd {
	if m.scroll.Cursor < m.list.len() {
		m.marks.toggle(m.list.at(m.scroll.Cursor))
		m.moveBy(1)
	}
	return nil
}

// invertMarks toggles the mark of every visible entry.
func (m *Model) invertMarks() tea.Cmd {
	for i := range m.list.len() {
		m.marks.toggle(m.list.at(i))
	}
	return nil
}

// markAll marks every visible entry.
func (m *Model) markAll() tea.Cmd {
	for i := range m.list.len() {
		m.marks.add(m.list.at(i))
	}
	return nil
}
