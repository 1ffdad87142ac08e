package ui

import (
	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// The help bar and the help screen's groups. The bar has one line for a
// dozen keys that matter: it always keeps "? help" and "q quit" (the way
// to everything else, and out), and gives the rest of its width to the
// keys most useful where the cursor is — on an object, share and copy
// before sorting; on a folder, open; in the bucket list, new bucket.

// barSep is the width of the help bar's separator (" • ").
const barSep = 3

// barKeys is the help bar's content: keys to choose from, most useful
// first, and the pinned ones that always stay, last on the line.
type barKeys struct {
	keys   []key.Binding
	pinned []key.Binding
}

// bar is what the help bar offers right now.
func (m *Model) bar() barKeys {
	if d := m.dialogs.Top(); d != nil {
		return barKeys{keys: d.ShortHelp()}
	}
	if m.Focused().Capturing() {
		return barKeys{keys: m.Focused().ShortHelp()}
	}
	g := m.ctx.Keys.Global
	pinned := []key.Binding{g.Help, g.Quit}
	if m.tx.pane != nil && m.tx.pane.Focused() {
		return barKeys{keys: append(m.tx.pane.ShortHelp(), g.NextPane, m.ctx.Keys.Transfers.Toggle), pinned: pinned}
	}
	return barKeys{keys: m.paneBarKeys(), pinned: pinned}
}

// ShortHelp is every key the help bar may show, most useful first and
// the pinned ones last (the bar draws as many as fit).
func (m *Model) ShortHelp() []key.Binding {
	b := m.bar()
	return append(b.keys, b.pinned...)
}

// helpLine draws the help bar at the window's width.
func (m *Model) helpLine() string {
	m.help.Styles = m.ctx.Styles.Help
	b := m.bar()
	if len(b.pinned) == 0 {
		return common.Fit(m.help.ShortHelpView(b.keys), m.ctx.Width)
	}
	return common.Fit(m.help.ShortHelpView(fitBar(m.ctx.Width, b.keys, b.pinned)), m.ctx.Width)
}

// fitBar picks the keys to draw in width columns: every pinned key, then
// the others in their order of use while they fit, each key once.
func fitBar(width int, keys, pinned []key.Binding) []key.Binding {
	used := 0
	for _, b := range pinned {
		if b.Enabled() {
			used += barWidth(b) + barSep
		}
	}
	seen := map[string]bool{}
	var out []key.Binding
	for _, b := range keys {
		label := b.Help().Key
		if !b.Enabled() || seen[label] {
			continue
		}
		if w := barWidth(b) + barSep; used+w <= width+barSep {
			seen[label] = true
			used += w
			out = append(out, b)
		}
	}
	return append(out, pinned...)
}

// barWidth is the columns one key takes in the bar: "key desc".
func barWidth(b key.Binding) int {
	return ansi.StringWidth(b.Help().Key) + 1 + ansi.StringWidth(b.Help().Desc)
}

// paneBarKeys orders the keys of the focused file pane by use where its
// cursor is: on marked entries, an object, a folder, a bucket, or
// nothing at all.
func (m *Model) paneBarKeys() []key.Binding {
	p := m.Focused()
	pk, ops := p.Keys(), m.ops.mgr.KeysIn(p)
	sk := m.share.ShortHelp(p) // share, upload link: each enabled where it works
	share, upload := sk[0], sk[1]
	cp, tab := m.ctx.Keys.Transfers.Copy, m.ctx.Keys.Global.NextPane
	cur, ok := p.Current()
	// Open works on folders and buckets; on a file it only says so.
	pk.Open.SetEnabled(pk.Open.Enabled() && ok && cur.IsDir)
	var first []key.Binding
	switch {
	case ops.BucketList:
		first = []key.Binding{pk.Open, ops.NewBucket, ops.DeleteBucket, pk.ClearFilter, pk.Info, pk.Filter, tab}
	case p.Summary().Marked > 0:
		first = []key.Binding{cp, ops.Delete, share, pk.ClearFilter, pk.Mark, pk.UnmarkAll, ops.Move, tab}
	case ok && cur.IsDir:
		first = []key.Binding{pk.Open, pk.Parent, cp, pk.ClearFilter, pk.Mark, ops.Delete, ops.Move, tab, pk.Info, pk.Filter, share}
	case ok:
		first = []key.Binding{share, cp, pk.Info, pk.ClearFilter, m.ctx.Keys.Ops.Preview, pk.Mark, ops.Delete, ops.Move,
			ops.Versions, ops.EditMeta, tab, pk.Parent, pk.Filter}
	default: // an empty folder, or one that failed to list
		first = []key.Binding{pk.Parent, pk.Refresh, ops.Mkdir, upload, pk.ClearFilter, tab}
	}
	rest := []key.Binding{pk.Open, pk.Parent, pk.Filter, tab, pk.Info, pk.Mark, pk.SortNext, ops.Mkdir, upload,
		m.ctx.Keys.Ops.Preview, ops.SwitchKind, m.ctx.Keys.Compare.Toggle, m.ctx.Keys.Transfers.Toggle, m.ctx.Keys.Share.Links, pk.Refresh}
	if m.cmp.on {
		first = append(m.compareHelp(), first...)
	}
	return append(first, rest...)
}

// paneFullHelp is the help screen's groups for what has the keyboard:
// the pane's own groups, then the file operations, sharing, transfers
// and the global keys, each a group of its own (the screen flows them
// into as many columns as fit).
func (m *Model) paneFullHelp() [][]key.Binding {
	if m.tx.pane != nil && m.tx.pane.Focused() {
		return append(m.tx.pane.FullHelp(), m.ctx.Keys.Global.FullHelp()...)
	}
	groups := m.Focused().FullHelp()
	groups = append(groups, append(m.opsHelp(), m.incompleteKey()), m.share.FullHelp(m.Focused()), m.compareHelp())
	if t := m.transferPaneKeys(); len(t) > 0 {
		groups = append(groups, t)
	}
	return append(groups, m.ctx.Keys.Global.FullHelp()...)
}

// incompleteKey is the key that lists unfinished uploads, on in S3 panes.
func (m *Model) incompleteKey() key.Binding {
	k := m.ctx.Keys.Ops.Incomplete
	_, s3 := m.Focused().Source().(source.S3)
	k.SetEnabled(k.Enabled() && s3)
	return k
}

// FullHelp is every binding that works right now.
func (m *Model) FullHelp() [][]key.Binding {
	if d := m.dialogs.Top(); d != nil {
		return d.FullHelp()
	}
	return m.paneFullHelp()
}
