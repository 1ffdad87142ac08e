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
