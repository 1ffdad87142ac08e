// Package pane is ferry's file pane: a scrolling, sortable, filterable
// list of the entries of one source.Source (a local directory or an S3
// location; the pane does not care which) with marks, streamed loading,
// and an info dialog for the entry under the cursor.
package pane

import (
	"context"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/spinner"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// maxFilter bounds the filter (in runes): it matches names, and none is
// longer than an S3 key (1,024 bytes).
const maxFilter = 1024

// Msg is a message addressed to one pane; the root routes it by PaneID.
type Msg interface{ PaneID() int }

// Model is one file pane. Create it with New; it is used by pointer.
type Model struct {
	ctx     *common.Context
	id      int
	src     source.Source
	keys    keymap.PaneKeys
	list    list
	marks   marks
	scroll  common.Scroller // cursor and window over the rows
	width   int
	height  int
	focused bool

	// Listing state: seq identifies the current listing; results carrying
	// another seq are stale and dropped.
	seq     int
	cancel  context.CancelFunc
	loading bool
	err     error
	restore *restoreTarget
	// follow keeps the cursor on the last row while the listing streams
	// in (end/G pressed before it ended); any other move stops it.
	follow bool

	filter     textinput.Model
	filtering  bool
	showHidden bool // the user asked to see dot-files (kept across folders)
	// showDeleted lists deleted objects too, in S3 (kept across folders).
	showDeleted bool
	spin        spinner.Model
	click       lastClick
	// judge marks the rows in the compare view (nil: not comparing).
	judge Judge
}

// restoreTarget is the entry to put the cursor on once it arrives. When
// it does not (it was just deleted or moved away), the cursor goes back
// to row index once the listing ends: the row after it has moved up
// into its place. index is -1 where no row is to be kept.
type restoreTarget struct {
	name  string
	isDir bool
	index int
}

// New returns a pane with id (unique among panes) showing src; call Load
// (or SetSource) to start listing.
func New(ctx *common.Context, id int, src source.Source) *Model {
	m := &Model{ctx: ctx, id: id, spin: spinner.New(spinner.WithSpinner(spinner.MiniDot))}
	m.filter = textinput.New()
	m.filter.Prompt = "/"
	m.filter.Placeholder = "type to filter"
	m.filter.CharLimit = maxFilter
	m.list.order = Order{Field: ByName}
	m.setSource(src)
	return m
}

// ID is the pane's id, carried by its async results.
func (m *Model) ID() int { return m.id }

// Source is the location the pane shows.
func (m *Model) Source() source.Source { return m.src }

// SetSource moves the pane to src (of any kind) and starts listing it.
func (m *Model) SetSource(src source.Source) tea.Cmd {
	m.setSource(src)
	return m.Load()
}

func (m *Model) setSource(src source.Source) {
	if ds, ok := src.(source.DeletedShower); ok {
		src = ds.ShowingDeleted(m.showDeleted)
	}
	m.src = src
	m.judge = nil // a comparison is of the folder the pane showed
	m.list.keep = nil
	m.marks.clear()
	m.scroll.Cursor, m.scroll.Offset = 0, 0
	m.clearFilter()
	m.list.hideDots = src.Caps().Hidden && !m.showHidden
	m.syncKeys()
}

// syncKeys copies the pane bindings and disables those that do nothing
// here, so the help only shows what works.
func (m *Model) syncKeys() {
	m.keys = m.ctx.Keys.Pane
	caps := m.src.Caps()
	m.keys.Home.SetEnabled(caps.Home && m.keys.Home.Enabled())
	m.keys.ToggleHidden.SetEnabled(caps.Hidden && m.keys.ToggleHidden.Enabled())
	m.keys.ToggleDeleted.SetEnabled(caps.Deleted && m.keys.ToggleDeleted.Enabled())
	m.keys.ClearFilter.SetEnabled(m.list.filter != "" && m.keys.ClearFilter.Enabled())
}

// SetFocused tells the pane whether it has the keyboard. Losing it (a
// click elsewhere) ends typing in the filter, which stays applied: an
// unfocused pane must not keep taking keys.
func (m *Model) SetFocused(f bool) {
	m.focused = f
	if !f && m.filtering {
		m.filtering = false
		m.filter.Blur()
		m.syncKeys()
	}
}

// Focused reports whether the pane has the keyboard.
func (m *Model) Focused() bool { return m.focused }

// SetSize sets the pane's outer size (border included).
func (m *Model) SetSize(width, height int) {
	m.width, m.height = width, height
	m.filter.SetWidth(max(1, width-6))
	m.scrollToCursor()
}

// Capturing reports whether the filter input is taking keys.
func (m *Model) Capturing() bool { return m.filtering }

// Busy reports whether the pane is animating (loading).
func (m *Model) Busy() bool { return m.loading }

// Animate advances the loading spinner one frame (driven by the root's tick).
func (m *Model) Animate() { m.spin, _ = m.spin.Update(m.spin.Tick()) }

// Update handles keys, mouse, paste and the pane's own async results.
func (m *Model) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return m.handleKey(msg)
	case tea.PasteMsg:
		return m.handlePaste(msg)
	case ListMsg:
		return m.handleList(msg)
	case DetailsMsg:
		return m.handleDetails(msg)
	case UnmarkMsg:
		m.handleUnmark(msg)
	}
	return nil
}

// Keys are the pane's bindings as they stand here: those that do nothing
// in this location disabled (for the help bar to choose from).
func (m *Model) Keys() keymap.PaneKeys { return m.keys }

// ShortHelp is the pane's part of the help bar.
func (m *Model) ShortHelp() []key.Binding {
	if m.filtering {
		return []key.Binding{m.ctx.Keys.Filter.Accept, m.ctx.Keys.Filter.Cancel}
	}
	k := m.keys
	return []key.Binding{k.Open, k.Parent, k.Filter, k.ClearFilter, k.Mark, k.Info, k.SortNext}
}

// FullHelp lists every pane binding in columns.
func (m *Model) FullHelp() [][]key.Binding {
	k := m.keys
	return [][]key.Binding{
		{k.Up, k.Down, k.PageUp, k.PageDown, k.Top, k.Bottom},
		{k.Open, k.Parent, k.Home, k.Refresh, k.Info},
		{k.Filter, k.ClearFilter, k.SortNext, k.SortReverse, k.ToggleHidden, k.ToggleDeleted},
		{k.Mark, k.InvertMarks, k.MarkAll, k.UnmarkAll},
	}
}

// Current returns the entry under the cursor.
func (m *Model) Current() (source.Entry, bool) {
	if m.scroll.Cursor < 0 || m.scroll.Cursor >= m.list.len() {
		return source.Entry{}, false
	}
	return *m.list.at(m.scroll.Cursor), true
}

// Marked returns the marked entries in display order.
func (m *Model) Marked() []source.Entry {
	if m.marks.count() == 0 {
		return nil
	}
	out := make([]source.Entry, 0, m.marks.count())
	for _, e := range m.list.all {
		if m.marks.has(e.Key) {
			out = append(out, e)
		}
	}
	return out
}

// Selection is what an action applies to: the marked entries, or else the
// entry under the cursor (or nothing in an empty pane).
func (m *Model) Selection() []source.Entry {
	if marked := m.Marked(); len(marked) > 0 {
		return marked
	}
	if e, ok := m.Current(); ok {
		return []source.Entry{e}
	}
	return nil
}

// Summary is what the status bar says about a pane.
type Summary struct {
	Location    string
	Total       int // entries loaded
	Shown       int // entries visible after the filter and hidden rule
	Marked      int
	MarkedBytes int64
	Loading     bool
	Filter      string
	// Following: the cursor rides the listing to its last row.
	Following bool
}

// Summary describes the pane for the status bar.
func (m *Model) Summary() Summary {
	return Summary{Location: m.src.String(), Total: len(m.list.all), Shown: m.list.len(),
		Marked: m.marks.count(), MarkedBytes: m.marks.bytes, Loading: m.loading, Filter: m.list.filter,
		Following: m.follow && m.loading}
}

// Close stops any listing in flight.
func (m *Model) Close() {
	if m.cancel != nil {
		m.cancel()
	}
}

// Restyle picks up new styles (after the terminal reported its background).
func (m *Model) Restyle() { m.filter.SetStyles(m.ctx.Styles.Input) }

// CursorIndex is the cursor's position among the visible rows.
func (m *Model) CursorIndex() int { return m.scroll.Cursor }

var _ common.Component = (*Model)(nil)
