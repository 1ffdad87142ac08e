package sharing

import (
	"fmt"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
)

// Links is the links view: every link made in this run, newest first,
// with the time each has left (or "expired"); enter copies one again.
type Links struct {
	mgr    *Manager
	ctx    *common.Context
	id     int
	cursor int
	offset int
	width  int
	height int
}

func (m *Manager) openLinks() tea.Cmd {
	id := m.newID()
	return m.show(id, &Links{mgr: m, ctx: m.ctx, id: id}, nil)
}

// SetSize sets the space the view may use.
func (v *Links) SetSize(w, h int) { v.width, v.height = w, h; v.clamp() }

// Update moves, copies and closes.
func (v *Links) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	keys := v.ctx.Keys.Dialog
	switch {
	case key.Matches(k, v.ctx.Keys.Share.Close, keys.Cancel):
		return v.mgr.closeView(v.id)
	case key.Matches(k, keys.Select, v.ctx.Keys.Share.Copy):
		return v.copyAgain()
	case key.Matches(k, keys.Up):
		v.cursor--
	case key.Matches(k, keys.Down):
		v.cursor++
	}
	v.clamp()
	return nil
}

func (v *Links) handle(Msg) tea.Cmd { return nil }

// rowsRoom is how many links fit: the box has a border (2), title and gap
// (2), and a footer with its gap (2).
func (v *Links) rowsRoom() int { return max(1, v.height-6) }

func (v *Links) clamp() {
	n := v.mgr.history.Len()
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

// copyAgain copies the link under the cursor, unless it no longer works.
func (v *Links) copyAgain() tea.Cmd {
	items := v.mgr.history.List()
	if len(items) == 0 {
		return nil
	}
	it := items[v.cursor]
	if it.Expired {
		return status(common.LevelWarn, "that link has expired: make a new one with "+v.ctx.Keys.Share.Share.Help().Key)
	}
	if it.Kind == share.Upload {
		return copyText(v.id, uploadText(it.Link), copyWhat{subject: "upload link and curl command", end: it.Expires()})
	}
	return copyText(v.id, it.URL, copyWhat{subject: "link", end: it.Expires()})
}

// View lists the links with their countdowns.
func (v *Links) View() string {
	st := v.ctx.Styles
	w := boxWidth(v.width)
	inner := w - 4
	items := v.mgr.history.List()
	title := fmt.Sprintf("Links made in this run (%d)", len(items))
	if len(items) == 0 {
		body := wrap(fmt.Sprintf("No links yet. On an S3 object, %s makes a download link; in a bucket, %s makes an upload link. "+
			"They are listed here until ferry quits (they are never saved).",
			v.ctx.Keys.Share.Share.Help().Key, v.ctx.Keys.Share.UploadLink.Help().Key), inner)
		return box(st, w, v.height, title, body, nil, "esc closes")
	}
	end := min(len(items), v.offset+v.rowsRoom())
	body := make([]string, 0, end-v.offset)
	leftW := 0 // the countdown column fits the longest one shown
	for i := v.offset; i < end; i++ {
		leftW = max(leftW, len(v.leftText(items[i])))
	}
	for i := v.offset; i < end; i++ {
		body = append(body, v.line(items[i], i == v.cursor, inner, leftW))
	}
	footer := fmt.Sprintf("%s copy again · ↑/↓ move · esc close", v.ctx.Keys.Dialog.Select.Help().Key)
	if len(items) > len(body) {
		footer = fmt.Sprintf("%d–%d of %d · ", v.offset+1, end, len(items)) + footer
	}
	return box(st, w, v.height, title, body, nil, footer)
}

// line is one link: kind, object, time left and end; the cursor row is
// highlighted, expired links are dimmed.
func (v *Links) line(it share.HistoryItem, selected bool, inner, leftW int) string {
	st := v.ctx.Styles
	now := v.ctx.Clock.Now()
	when := share.FormatWhen(it.Expires(), now, v.ctx.TimeZone)
	right := fmt.Sprintf("  %-*s %s", leftW, v.leftText(it), when)
	nameW := max(8, inner-2-9-ansi.StringWidth(right))
	name := it.Location.String()
	if it.VersionID != "" {
		name += " (version " + shortVersion(it.VersionID) + ")"
	}
	text := fmt.Sprintf("%-8s %s%s", it.Kind, common.Fit(common.Sanitize(name), nameW), right)
	switch {
	case selected:
		return st.Cursor.Render(common.Fit("› "+text, inner))
	case it.Expired:
		return st.Hint.Render(common.Fit("  "+text, inner))
	}
	return st.DialogValue.Render(common.Fit("  "+text, inner))
}

// leftText is how long a link has left, or since when it is expired.
func (v *Links) leftText(it share.HistoryItem) string {
	if it.Expired {
		return "expired " + share.FormatRemaining(-it.Expires().Sub(v.ctx.Clock.Now())) + " ago"
	}
	return "in " + share.FormatRemaining(it.Left)
}

// shortVersion is a version id cut to what tells versions apart on screen.
func shortVersion(id string) string {
	if r := []rune(id); len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return id
}

// ShortHelp lists the view's keys.
func (v *Links) ShortHelp() []key.Binding {
	k := v.ctx.Keys.Dialog
	copyKey := k.Select
	copyKey.SetHelp(copyKey.Help().Key, "copy again")
	return []key.Binding{copyKey, k.Up, k.Down, v.ctx.Keys.Share.Close}
}

// FullHelp lists the view's keys.
func (v *Links) FullHelp() [][]key.Binding { return [][]key.Binding{v.ShortHelp()} }

var (
	_ common.Component = (*Download)(nil)
	_ common.Component = (*Upload)(nil)
	_ common.Component = (*Links)(nil)
	_ common.TextInput = (*Download)(nil)
	_ common.TextInput = (*Upload)(nil)
)
