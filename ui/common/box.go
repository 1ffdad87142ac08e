package common

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"
)

// Box draws a rounded frame around lines, each of which must already be
// exactly width columns wide. It is the pane's border, drawn by hand
// because lipgloss's border measures every line again on every frame,
// which dominated the cost of drawing a pane.
func Box(lines []string, width int, frame lipgloss.Style) string {
	return TitledBox(lines, width, frame, "")
}

// TitledBox is Box with title (plain text) set into its top edge, the way
// lazygit names its panels: "╭─ title ───╮". A title too long for the
// edge is cut; an empty one leaves the edge plain.
func TitledBox(lines []string, width int, frame lipgloss.Style, title string) string {
	bar := frame.Render("│")
	var b strings.Builder
	b.Grow((len(lines) + 2) * (width + 16))
	b.WriteString(frame.Render("╭" + topEdge(width, title) + "╮"))
	for _, l := range lines {
		b.WriteByte('\n')
		b.WriteString(bar)
		b.WriteString(l)
		b.WriteString(bar)
	}
	b.WriteByte('\n')
	b.WriteString(frame.Render("╰" + strings.Repeat("─", width) + "╯"))
	return b.String()
}

// topEdge is width columns of the top border with title in it, when it
// has room for one.
func topEdge(width int, title string) string {
	room := width - 4 // "─ " before the title, " ─" after it
	if title == "" || room < 3 {
		return strings.Repeat("─", width)
	}
	title = ansi.Truncate(title, room, Ellipsis)
	return "─ " + title + " " + strings.Repeat("─", width-3-ansi.StringWidth(title))
}

// ListDialog draws a list dialog at most h lines high (border included)
// and w columns of text wide: a title, a blank line, a column header,
// the rows (rows(n) gives the n that fit) and the footer. In a window
// too small for all of it the footer, which says what the keys do,
// keeps its place and the rows give way.
func ListDialog(st *Styles, w, h int, title, header string, rows func(n int) []string, foot []string) string {
	n := max(1, h-2-2-1-len(foot)) // border, title and gap, header
	lines := []string{st.DialogTitle.Render(Fit(title, w)), "", st.ColumnHeader.Render(Fit(header, w))}
	lines = append(lines, rows(n)...)
	if limit := max(1, h-2); len(lines)+len(foot) > limit {
		keep := min(limit-1, len(foot))
		lines = lines[:min(len(lines), limit-keep)]
		foot = foot[len(foot)-keep:]
	}
	lines = append(lines, foot...)
	for i, l := range lines {
		lines[i] = Fit(l, w)
	}
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

// ButtonAt finds the button under (x, y) in a drawn dialog (view, with
// (0, 0) its top-left corner): the index of the label among labels whose
// button (the label and its padding of two cells each side, as the
// Button style draws it) covers that cell on a row that shows every
// label and nothing else, or -1.
func ButtonAt(view string, x, y int, labels []string) int {
	lines := strings.Split(ansi.Strip(view), "\n")
	if y < 0 || y >= len(lines) {
		return -1
	}
	line, from := lines[y], 0
	spans := make([][2]int, len(labels))
	for i, l := range labels {
		at := strings.Index(line[from:], l)
		if at < 0 {
			return -1 // not the buttons' row
		}
		col := ansi.StringWidth(line[:from+at])
		spans[i] = [2]int{col - 2, col + ansi.StringWidth(l) + 2}
		from += at + len(l)
	}
	rest := line
	for _, l := range labels {
		rest = strings.Replace(rest, l, "", 1)
	}
	if strings.Trim(rest, " │‹›[]") != "" {
		return -1 // text that happens to hold the labels
	}
	for i, s := range spans {
		if x >= s[0] && x < s[1] {
			return i
		}
	}
	return -1
}
