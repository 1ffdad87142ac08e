package ui

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
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

// toggleDeleted turns the listing of deleted objects on or off in the
// focused S3 pane, saying when the bucket has versioning off (then it
// keeps nothing deleted, and the listing shows nothing more).
func (m *Model) toggleDeleted(msg tea.KeyPressMsg) (tea.Cmd, bool) {
	if !key.Matches(msg, m.ctx.Keys.Pane.ToggleDeleted) || (m.tx.pane != nil && m.tx.pane.Focused()) {
		return nil, false
	}
	p := m.Focused()
	s, ok := p.Source().(source.S3)
	if !ok || s.Loc.Bucket == "" {
		return nil, false
	}
	showing, cmd := p.ToggleDeleted()
	text := "hiding deleted objects"
	if showing {
		text = "showing deleted objects: " + m.ctx.Keys.Ops.Versions.Help().Key + " on one lists its versions, " +
			m.ctx.Keys.Ops.VersionRestore.Help().Key + " there restores it"
		if st, known := m.ops.mgr.Versioning(s); known && !st.HasVersions() {
			text = "showing deleted objects, but bucket " + common.Sanitize(s.Loc.Bucket) +
				" has versioning off: it keeps nothing deleted"
		}
	}
	return tea.Batch(cmd, common.Status(common.LevelInfo, text)), true
}

// objectKeys are the keys that act on the selected objects' contents.
func (m *Model) objectKeys() []key.Binding {
	k := m.ctx.Keys
	return []key.Binding{k.Transfers.Copy, k.Ops.Delete, k.Ops.Move, k.Ops.EditMeta, k.Share.Share}
}
