package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
)

// guardDeleted answers the keys that act on objects when the cursor is on
// a deleted object (listed with the deleted-objects toggle) and nothing
// is marked: a deleted object has no bytes to copy, share, rename or
// delete again, only versions, so the status line says how to reach them
// instead of the operation failing with "not found".
func (m *Model) guardDeleted(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if m.tx.pane != nil && m.tx.pane.Focused() {
		return nil, false
	}
	p := m.Focused()
	e, ok := p.Current()
	if !ok || !e.Deleted || len(p.Marked()) > 0 || !key.Matches(msg, m.objectKeys()...) {
		return nil, false
	}
	what := common.Sanitize(e.Name) + " was deleted"
	if e.IsDir {
		return common.Status(common.LevelInfo, what+": only deleted objects are left in it; open it to see them"), true
	}
	return common.Status(common.LevelInfo, what+": "+m.ctx.Keys.Ops.Versions.Help().Key+
		" lists its versions, and "+m.ctx.Keys.Ops.VersionRestore.Help().Key+" there restores one"), true
}

// objectKeys are the keys that act on the selected objects' contents.
func (m *Model) objectKeys() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Transfers.Copy, k.Ops.Delete, k.Ops.Move, k.Ops.EditMeta, k.Share.Share}
}
