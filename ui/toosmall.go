package ui

import (
	"fmt"

	"charm.land/lipgloss/v2"
)

// tooSmallView says the window is too small, in the longest wording that
// fits it: the full sentence, a short one, the sizes alone, and in the
// last resort whatever of the short one fits (a 1×1 window shows one
// letter). It always fills exactly the window.
func (m *Model) tooSmallView() string {
	w, h := m.ctx.Width, m.ctx.Height
	quit := m.ctx.Keys.Global.Quit.Help().Key
	wordings := []string{
		fmt.Sprintf("Terminal too small: %d×%d.\nferry needs at least %d×%d.\nEnlarge the window, or press %s to quit.",
			w, h, MinWidth, MinHeight, quit),
		fmt.Sprintf("Too small: %d×%d\nneeds %d×%d\n%s quits", w, h, MinWidth, MinHeight, quit),
		fmt.Sprintf("Too small\nneeds %d×%d", MinWidth, MinHeight),
		"Too small",
	}
	var block string
	for _, text := range wordings {
		block = m.ctx.Styles.TooSmall.Width(min(w, 44)).Align(lipgloss.Center).Render(text)
		if lipgloss.Height(block) <= h && lipgloss.Width(block) <= w {
			break
		}
	}
	return lipgloss.Place(w, h, lipgloss.Center, lipgloss.Center, clip(block, w, h))
}
