package common

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Scroller is a cursor over a list of n rows of which rows fit on
// screen, with the list's first row on screen (Offset). It owns the
// rules the file pane and the transfers pane share: a move keeps the
// cursor on a row and in view, a page is a screenful less one row, the
// wheel scrolls the window and drags the cursor along, a click picks the
// row under it, and the drawn window is padded to its height
// (PadRows). Only the visible rows are ever drawn, so a list of 100,000
// streamed rows costs no more than a short one (bubbles' list keeps and
// filters every item itself, which is why ferry has its own).
//
// The lengths are passed to each call rather than kept: the panes' lists
// grow while a listing streams in, and their heights change when a filter
// line opens, so the scroller never holds a stale one.
type Scroller struct {
	Cursor int // the row under the cursor
	Offset int // the first row on screen
}

// Clamp keeps the cursor on one of n rows (0 when there are none).
func (s *Scroller) Clamp(n int) { s.Cursor = max(0, min(s.Cursor, n-1)) }

// Follow moves the window just enough to show the cursor.
func (s *Scroller) Follow(n, rows int) {
	if s.Cursor < s.Offset {
		s.Offset = s.Cursor
	}
	if rows > 0 && s.Cursor >= s.Offset+rows {
		s.Offset = s.Cursor - rows + 1
	}
	s.Offset = max(0, min(s.Offset, n-rows))
}

// Keep clamps the cursor and scrolls to it.
func (s *Scroller) Keep(n, rows int) {
	s.Clamp(n)
	s.Follow(n, rows)
}

// MoveTo puts the cursor on row i (clamped) and scrolls to it.
func (s *Scroller) MoveTo(i, n, rows int) {
	s.Cursor = i
	s.Keep(n, rows)
}

// Page is how far a page key moves: a screenful less one row, so the
// row at the edge stays in sight.
func Page(rows int) int { return max(1, rows-1) }

// MoveKeys are the bindings that move a cursor over a list: a row, a
// page, to the top. The last row is each list's own (the file pane's
// cursor follows a listing still arriving).
type MoveKeys struct {
	Up, Down, PageUp, PageDown, Top key.Binding
}

// Target is the row a motion key sends the cursor to (unclamped; pass it
// to MoveTo or the list's own move), or false when msg moves nothing.
func (s Scroller) Target(msg tea.KeyPressMsg, k MoveKeys, rows int) (int, bool) {
	switch {
	case key.Matches(msg, k.Up):
		return s.Cursor - 1, true
	case key.Matches(msg, k.Down):
		return s.Cursor + 1, true
	case key.Matches(msg, k.PageUp):
		return s.Cursor - Page(rows), true
	case key.Matches(msg, k.PageDown):
		return s.Cursor + Page(rows), true
	case key.Matches(msg, k.Top):
		return 0, true
	}
	return 0, false
}

// Scroll moves the window by delta rows (negative: up), dragging the
// cursor along so it stays on screen (the mouse wheel).
func (s *Scroller) Scroll(delta, n, rows int) {
	s.Offset = max(0, min(s.Offset+delta, n-rows))
	if s.Cursor < s.Offset {
		s.Cursor = s.Offset
	}
	if rows > 0 && s.Cursor >= s.Offset+rows {
		s.Cursor = s.Offset + rows - 1
	}
	s.Clamp(n)
}

// Visible is the window of rows on screen: start to end (exclusive).
func (s Scroller) Visible(n, rows int) (start, end int) {
	return s.Offset, max(s.Offset, min(n, s.Offset+rows))
}

// At is the list row shown on screen row row, if there is one.
func (s Scroller) At(row, n, rows int) (int, bool) {
	i := s.Offset + row
	return i, row >= 0 && row < rows && i < n
}

// PadRows cuts lines to rows and pads them with blank lines width wide,
// so a pane's body is always its height.
func PadRows(lines []string, rows, width int) []string {
	if len(lines) > rows {
		lines = lines[:rows]
	}
	blank := strings.Repeat(" ", width)
	for len(lines) < rows {
		lines = append(lines, blank)
	}
	return lines
}
