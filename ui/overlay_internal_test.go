package ui

import (
	"math/rand/v2"
	"strings"
	"testing"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// TestOverlaySplicesTheDialogOverTheScreen draws random dialogs over
// random styled screens full of wide characters: every row stays exactly
// the window's width, the rows the dialog does not cover are untouched,
// and a covered row shows the screen's text left and right of the dialog
// (a wide character cut by an edge turned into a space) and the
// dialog's text in between.
func TestOverlaySplicesTheDialogOverTheScreen(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(9, 9))
	styles := []lipgloss.Style{lipgloss.NewStyle(), lipgloss.NewStyle().Bold(true),
		lipgloss.NewStyle().Foreground(lipgloss.Color("#ff0000")).Background(lipgloss.Color("#0000ff"))}
	cells := []string{"a", "b", " ", "日", "本", "│", "é", "─"}
	for range 200 {
		w, h := 1+rng.IntN(120), 1+rng.IntN(40)
		row := func(width int) string {
			var b strings.Builder
			for cw := 0; cw < width; {
				c := cells[rng.IntN(len(cells))]
				if cw+ansi.StringWidth(c) > width {
					c = " "
				}
				b.WriteString(styles[rng.IntN(len(styles))].Render(c))
				cw += ansi.StringWidth(c)
			}
			return b.String()
		}
		base := make([]string, h)
		for i := range base {
			base[i] = row(w)
		}
		top := make([]string, 1+rng.IntN(h+3))
		tw := 1 + rng.IntN(w+5)
		for i := range top {
			top[i] = row(tw)
		}
		out := strings.Split(overlay(strings.Join(base, "\n"), strings.Join(top, "\n"), w, h), "\n")
		wantOverlay(t, base, top, out, w, h)
	}
}

func wantOverlay(t *testing.T, base, top, out []string, w, h int) {
	t.Helper()
	top = strings.Split(clip(strings.Join(top, "\n"), w, h), "\n")
	tw := 0
	for _, l := range top {
		tw = max(tw, ansi.StringWidth(l))
	}
	x, y := max(0, (w-tw)/2), max(0, (h-barRows-len(top))/2)
	if len(out) != h {
		t.Fatalf("%d×%d: %d rows", w, h, len(out))
	}
	for i, l := range out {
		if ansi.StringWidth(l) != w {
			t.Fatalf("%d×%d: row %d is %d wide: %q", w, h, i, ansi.StringWidth(l), ansi.Strip(l))
		}
		if i < y || i >= y+len(top) {
			if l != base[i] {
				t.Fatalf("%d×%d: row %d outside the dialog changed", w, h, i)
			}
			continue
		}
		want := spliced(ansi.Strip(base[i]), common.PadRight(ansi.Strip(top[i-y]), tw), x)
		if got := ansi.Strip(l); got != want {
			t.Fatalf("%d×%d: row %d is\n%q, want\n%q", w, h, i, got, want)
		}
	}
}

// cont marks the second cell of a wide character.
const cont = "\x00"

// cellsOf lays plain text out in cells.
func cellsOf(s string) []string {
	var cells []string
	for s != "" {
		g, width := ansi.FirstGraphemeCluster(s, ansi.GraphemeWidth)
		cells = append(cells, g)
		if width == 2 {
			cells = append(cells, cont)
		}
		s = s[len(g):]
	}
	return cells
}

// spliced is what a row should read: mid's cells over under's from
// column x, half-covered wide characters turned into spaces.
func spliced(under, mid string, x int) string {
	cells := cellsOf(under)
	copy(cells[x:], cellsOf(mid))
	for i, c := range cells {
		switch {
		case c == cont && (i == 0 || ansi.StringWidth(cells[i-1]) != 2):
			cells[i] = " "
		case ansi.StringWidth(c) == 2 && (i+1 == len(cells) || cells[i+1] != cont):
			cells[i] = " "
		}
	}
	return strings.ReplaceAll(strings.Join(cells, ""), cont, "")
}
