package pane

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Layout inside the border: a location line, a column header, the rows,
// and a filter line while a filter is open or applied.
const (
	chromeRows = 2 // location + column header
	gutter     = 2 // mark column
	sizeWidth  = 8
	timeWidth  = len(common.TimeLayout)
	markGlyph  = "✓ "
	// cursorGlyph points at the cursor row where no colour shows it.
	cursorGlyph = "› "
	// deletedGlyph sets off objects deleted in a versioned bucket.
	deletedGlyph = "✗ "
)

// columns are the widths of the row columns (0 = column hidden); cmp
// is the compare view's.
type columns struct{ name, size, time, cmp int }

// layoutColumns fits the columns in width; comparing adds the compare
// column (its word where there is room, else its glyph), which takes
// the time column's place first.
func layoutColumns(width int, comparing bool) columns {
	c := columns{size: sizeWidth, time: timeWidth}
	if comparing {
		c.cmp = cmpWidth
		if width < 34 {
			c.cmp = 1
		}
	}
	if width < 48+spaced(c.cmp) {
		c.time = 0
	}
	if width < 28 {
		c.size = 0
	}
	c.name = width - gutter - spaced(c.size) - spaced(c.time) - spaced(c.cmp)
	return c
}

func (m *Model) columns(w int) columns { return layoutColumns(w, m.judge != nil) }

func spaced(w int) int {
	if w == 0 {
		return 0
	}
	return w + 1
}

func (m *Model) innerWidth() int { return max(0, m.width-2) }

func (m *Model) showFilterLine() bool { return m.filtering || m.list.filter != "" }

// rowsHeight is the number of entry rows on screen.
func (m *Model) rowsHeight() int {
	h := m.height - 2 - chromeRows
	if m.showFilterLine() {
		h--
	}
	return max(0, h)
}

// View draws the pane at exactly its size; only visible rows are drawn.
func (m *Model) View() string {
	w := m.innerWidth()
	if w < 4 || m.height < 2+chromeRows+1 {
		return ""
	}
	lines := make([]string, 0, m.height-2)
	lines = append(lines, m.headerLine(w), m.columnsLine(w))
	lines = append(lines, m.body(w, m.rowsHeight())...)
	if m.showFilterLine() {
		lines = append(lines, m.filterLine(w))
	}
	frame := m.ctx.Styles.PaneFrame
	if m.focused {
		frame = m.ctx.Styles.PaneFrameFocused
	}
	return common.TitledBox(lines, w, frame, m.title())
}

// title is what the pane's top edge says: for S3, which store it shows
// (the connection), the way lazygit and gh-dash name their context.
// A pane on a named connection says its name there (its header line
// starts with it too: see source.Label).
func (m *Model) title() string {
	s, ok := m.src.(source.S3)
	switch {
	case !ok:
		return ""
	case s.Conn != "":
		return "ferry · " + common.Sanitize(s.Conn)
	case m.ctx.Connection == "":
		return ""
	}
	return "ferry · " + common.Sanitize(m.ctx.Connection)
}

func (m *Model) headerLine(w int) string {
	st := m.ctx.Styles
	right := m.countText()
	if m.err != nil {
		right = "failed"
	}
	if m.loading {
		right = m.spin.View() + " loading… " + m.countText() // what the status bar counts too
	}
	right = common.Sanitize(right)
	locW := max(1, w-ansi.StringWidth(right)-1)
	if locW < 8 {
		right, locW = "", w
	}
	loc := st.Location
	if m.focused {
		loc = st.LocationFocused
	}
	return loc.Render(common.FitLeft(common.Sanitize(source.Label(m.src)), locW)) +
		common.PadLeft(st.Loading.Render(right), w-locW)
}

func (m *Model) countText() string {
	total, shown := len(m.list.all), m.list.len()
	if shown == total {
		return units.Plural(total, "item")
	}
	return fmt.Sprintf("%s of %s", units.Count(shown), units.Plural(total, "item"))
}

func (m *Model) columnsLine(w int) string {
	c := m.columns(w)
	arrow := "↑"
	if m.list.order.Desc {
		arrow = "↓"
	}
	label := func(f SortField, s string) string {
		if m.list.order.Field == f {
			return s + " " + arrow
		}
		return s
	}
	line := strings.Repeat(" ", gutter) + common.Fit(label(ByName, "Name"), c.name)
	if c.size > 0 {
		line += " " + common.PadLeft(label(BySize, "Size"), c.size)
	}
	if c.time > 0 {
		line += " " + common.Fit(label(ByTime, "Modified"), c.time)
	}
	if c.cmp >= cmpWidth {
		line += " " + common.Fit("Compare", c.cmp)
	} else if c.cmp > 0 {
		line += " " + common.Fit("≠", c.cmp)
	}
	return m.ctx.Styles.ColumnHeader.Render(common.Fit(line, w))
}

// body is the rows, or the state message (loading, empty, error).
func (m *Model) body(w, rows int) []string {
	var lines []string
	switch {
	case m.err != nil:
		lines = m.errorLines(w)
	case m.list.len() == 0:
		lines = []string{m.ctx.Styles.Empty.Render(common.Fit("  "+m.emptyText(), w))}
	default:
		c := m.columns(w)
		start, end := m.scroll.Visible(m.list.len(), rows)
		for i := start; i < end; i++ {
			lines = append(lines, m.row(i, c))
		}
	}
	return common.PadRows(lines, rows, w)
}

func (m *Model) emptyText() string {
	switch {
	case m.loading:
		return m.spin.View() + " loading…"
	case m.list.filter != "":
		return "no entries match “" + common.Sanitize(m.list.filter) + "”"
	case len(m.list.all) > 0:
		return "only hidden files (" + m.keys.ToggleHidden.Help().Key + " shows them)"
	}
	return "(empty)"
}

func (m *Model) errorLines(w int) []string {
	st := m.ctx.Styles
	msg := ansi.Wrap(common.Sanitize(m.err.Error()), max(1, w-gutter), " /")
	var lines []string
	for _, l := range strings.Split(msg, "\n") {
		lines = append(lines, st.Error.Render(common.Fit("  "+l, w)))
	}
	hint := m.keys.Refresh.Help().Key + " retries"
	if _, _, ok := m.src.Parent(); ok {
		hint = m.keys.Parent.Help().Key + " goes back · " + hint
	}
	return append(lines, strings.Repeat(" ", w), st.Hint.Render(common.Fit("  "+hint, w)))
}

func (m *Model) filterLine(w int) string {
	if m.filtering {
		return common.Fit(m.filter.View(), w)
	}
	st := m.ctx.Styles
	text := "filter: " + common.Sanitize(m.list.filter)
	hint := "  (" + m.keys.ClearFilter.Help().Key + " clears)"
	return st.FilterPrompt.Render(common.Fit(text, max(0, w-ansi.StringWidth(hint)))) +
		st.Hint.Render(common.Fit(hint, w-max(0, w-ansi.StringWidth(hint))))
}
