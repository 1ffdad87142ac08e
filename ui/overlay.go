package ui

import (
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// overlay draws top centred over base (w×h, one line per row, none wider
// than w), splicing the dialog's lines into the rows it covers. A dialog
// is sized to fit the window, but one that does not is cut rather than
// allowed to stretch the frame past the window (which scrolls the
// terminal: garbage). Splicing touches only the covered rows; a cell
// compositor redrew the whole screen, several times the cost of the
// frame itself.
func overlay(base, top string, w, h int) string {
	tops := strings.Split(clip(top, w, h), "\n")
	tw, x, y := place(tops, w, h)
	lines := strings.Split(base, "\n")
	for i, l := range tops {
		if row := y + i; row < len(lines) {
			lines[row] = splice(lines[row], common.PadRight(l, tw), x, w)
		}
	}
	return strings.Join(lines, "\n")
}

// place is where overlay draws the block of lines tops in a w×h
// window: its width and top-left corner (centred above the bars).
func place(tops []string, w, h int) (tw, x, y int) {
	for _, l := range tops {
		tw = max(tw, ansi.StringWidth(l))
	}
	return tw, max(0, (w-tw)/2), max(0, (h-barRows-len(tops))/2)
}

// dialogOrigin is the top-left corner of dialog view on screen.
func dialogOrigin(view string, w, h int) (int, int) {
	_, x, y := place(strings.Split(clip(view, w, h), "\n"), w, h)
	return x, y
}

// splice puts mid (plain width columns) over line from column x, keeping
// line's text and style on both sides; a wide character cut by either
// edge becomes a space. The result is exactly w columns wide.
func splice(line, mid string, x, w int) string {
	end := x + ansi.StringWidth(mid)
	left := common.PadRight(ansi.Truncate(line, x, ""), x)
	// TruncateLeft keeps the styles set before the cut, so the right part
	// starts in the style its first cell had.
	right := ansi.TruncateLeft(line, end, "")
	if ansi.StringWidth(right) > w-end {
		right = ansi.TruncateLeft(line, end+1, " ")
	}
	return left + ansi.ResetStyle + mid + ansi.ResetStyle + common.PadRight(right, w-end)
}

// clip keeps the top-left w×h of a block.
func clip(block string, w, h int) string {
	lines := strings.Split(block, "\n")
	lines = lines[:min(len(lines), h)]
	for i, l := range lines {
		if ansi.StringWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	return strings.Join(lines, "\n")
}
