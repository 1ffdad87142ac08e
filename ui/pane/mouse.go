package pane

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
)

// doubleClick is the longest gap between two clicks on one row that
// opens it.
const doubleClick = 400 * time.Millisecond

// wheelStep is how many rows one wheel notch scrolls.
const wheelStep = 3

type lastClick struct {
	row int
	at  time.Time
}

// firstRowY is the y (inside the pane's outer box) of the first entry row.
const firstRowY = 1 + chromeRows

// Click handles a left click at (x, y) relative to the pane's top-left
// corner: it selects the row there, and opens it on a double click.
func (m *Model) Click(x, y int) tea.Cmd {
	if y == firstRowY-1 && m.err == nil {
		return m.clickHeader(x - 1)
	}
	i, ok := m.scroll.At(y-firstRowY, m.list.len(), m.rowsHeight())
	if !ok || m.err != nil {
		return nil
	}
	now := m.ctx.Clock.Now()
	double := m.click.row == i && now.Sub(m.click.at) <= doubleClick && m.scroll.Cursor == i
	m.click = lastClick{row: i, at: now}
	m.moveTo(i)
	if double {
		m.click = lastClick{row: -1}
		return m.open()
	}
	return nil
}

// clickHeader sorts by the column whose title is at x (inside the
// border); clicking the column already sorted by reverses it.
func (m *Model) clickHeader(x int) tea.Cmd {
	c := m.columns(m.innerWidth())
	sizeAt := gutter + c.name + 1
	field := ByName
	switch {
	case c.size > 0 && x >= sizeAt && x < sizeAt+c.size:
		field = BySize
	case c.time > 0 && x >= sizeAt+spaced(c.size) && x < sizeAt+spaced(c.size)+c.time:
		field = ByTime
	case x < 0:
		return nil
	}
	o := Order{Field: field}
	if cur := m.list.order; cur.Field == field {
		o.Desc = !cur.Desc
	}
	m.reorder(o)
	return common.Status(common.LevelInfo, "sorted by "+o.Field.String()+direction(o))
}

// Wheel scrolls the rows by one notch (negative = up), keeping the
// cursor on screen.
func (m *Model) Wheel(notches int) {
	m.follow = false
	m.scroll.Scroll(notches*wheelStep, m.list.len(), m.rowsHeight())
}
