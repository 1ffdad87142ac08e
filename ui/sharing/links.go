package sharing

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
)

// Links is the links view: every link and share page made in this run,
// newest first, with the time each has left (or "expired"). Enter copies
// a link again (a page's is signed anew: the history keeps no URL); on a
// page, o shows its folder in an S3 pane and d deletes it. The view also
// looks for expired pages in the buckets on show and offers to delete
// them (links_pages.go).
type Links struct {
	mgr    *Manager
	ctx    *common.Context
	id     int
	cursor int
	offset int
	width  int
	height int

	scan   expiredScan
	notice string // what the last delete did, and what it did not revoke
	busy   bool   // a page is being deleted or signed
}

func (m *Manager) openLinks() tea.Cmd {
	id := m.newID()
	v := &Links{mgr: m, ctx: m.ctx, id: id}
	return m.show(id, v, v.scanExpired())
}

// SetSize sets the space the view may use.
func (v *Links) SetSize(w, h int) { v.width, v.height = w, h; v.clamp() }

// Update moves, copies, opens, deletes and closes.
func (v *Links) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys, sk := v.ctx.Keys.Dialog, v.ctx.Keys.Share
	var cmd tea.Cmd
	switch {
	case key.Matches(k, sk.Close, keys.Cancel):
		return v.mgr.closeView(v.id)
	case key.Matches(k, keys.Select, sk.Copy):
		cmd = v.copyAgain()
	case key.Matches(k, sk.OpenPage):
		cmd = v.openFolder()
	case key.Matches(k, sk.DeletePage):
		cmd = v.askDelete()
	case key.Matches(k, sk.CleanUp):
		cmd = v.askCleanUp()
	case key.Matches(k, keys.Up):
		v.cursor--
	case key.Matches(k, keys.Down):
		v.cursor++
	}
	v.clamp()
	return cmd
}

// handle takes the view's async results.
func (v *Links) handle(msg Msg) tea.Cmd {
	switch msg := msg.(type) {
	case expiredMsg:
		v.scanned(msg)
	case relinkedMsg:
		return v.relinked(msg)
	case deleteMsg:
		return v.deletePages(msg)
	case deletedMsg:
		return v.deleted(msg)
	}
	return nil
}

// rowsRoom is how many rows fit: the box has a border (2), title and gap
// (2), the notices, and a footer with its gap (2 or more).
func (v *Links) rowsRoom() int { return max(1, v.height-6-len(v.noticeLines(boxWidth(v.width)-4))) }

func (v *Links) clamp() {
	n := len(v.rows())
	v.cursor = max(0, min(v.cursor, n-1))
	room := v.rowsRoom()
	if v.cursor < v.offset {
		v.offset = v.cursor
	}
	if v.cursor >= v.offset+room {
		v.offset = v.cursor - room + 1
	}
	v.offset = max(0, min(v.offset, n-room))
}

// selected is the row under the cursor (ok false when there is none).
func (v *Links) selected() (row, bool) {
	rows := v.rows()
	if len(rows) == 0 {
		return row{}, false
	}
	return rows[min(v.cursor, len(rows)-1)], true
}

// copyAgain copies the link under the cursor (or signs its page's link
// anew), unless it no longer works.
func (v *Links) copyAgain() tea.Cmd {
	r, ok := v.selected()
	switch {
	case !ok:
		return nil
	case r.page != nil:
		return v.relink(*r.page)
	case r.link.Expired:
		return status(common.LevelWarn, "that link has expired: make a new one with "+v.ctx.Keys.Share.Share.Help().Key)
	case r.link.Kind == share.Upload:
		return copyText(v.id, uploadText(r.link.Link), copyWhat{subject: "upload link and curl command", end: r.link.Expires()})
	}
	return copyText(v.id, r.link.URL, copyWhat{subject: "link", end: r.link.Expires()})
}

// ShortHelp lists the view's keys, those for pages only on a page row.
func (v *Links) ShortHelp() []key.Binding {
	k, sk := v.ctx.Keys.Dialog, v.ctx.Keys.Share
	copyKey := k.Select
	copyKey.SetHelp(copyKey.Help().Key, "copy again")
	r, _ := v.selected()
	open, del, clean := sk.OpenPage, sk.DeletePage, sk.CleanUp
	open.SetEnabled(open.Enabled() && r.page != nil)
	del.SetEnabled(del.Enabled() && r.page != nil)
	clean.SetEnabled(clean.Enabled() && len(v.scan.found) > 0)
	return []key.Binding{copyKey, open, del, clean, k.Up, k.Down, sk.Close}
}

// FullHelp lists the view's keys.
func (v *Links) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }

// footer names the keys that work on the row under the cursor.
func (v *Links) footer(shown, all, end int) string {
	text := v.ctx.Keys.Dialog.Select.Help().Key + " copy again"
	for _, b := range v.ShortHelp()[1:4] { // open, delete, clean up: where they work
		if b.Enabled() {
			text += " · " + b.Help().Key + " " + b.Help().Desc
		}
	}
	text += " · ↑/↓ move · " + v.ctx.Keys.Share.Close.Help().Key + " close"
	if all > shown {
		text = fmt.Sprintf("%d–%d of %d · ", v.offset+1, end, all) + text
	}
	return text
}

var (
	_ common.Component = (*Download)(nil)
	_ common.Component = (*Upload)(nil)
	_ common.Component = (*Links)(nil)
	_ common.TextInput = (*Download)(nil)
	_ common.TextInput = (*Upload)(nil)
)
