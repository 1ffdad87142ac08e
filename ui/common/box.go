package common

import (
	"strings"

	"charm.land/lipgloss/v2"
)

// Box draws a rounded frame around lines, each of which must already be
// exactly width columns wide. It is the pane's border, drawn by hand
// because lipgloss's border measures every line again on every frame,
// which dominated the cost of drawing a pane.
func Box(lines []string, width int, frame lipgloss.Style) string {
	bar := frame.Render("│")
	var b strings.Builder
	b.Grow((len(lines) + 2) * (width + 16))
	b.WriteString(frame.Render("╭" + strings.Repeat("─", width) + "╮"))
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
