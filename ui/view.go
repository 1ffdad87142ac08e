package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// The smallest terminal ferry draws in; below it, a message says so.
const (
	MinWidth  = 40
	MinHeight = 10
)

// barRows is the status line plus the help line under the panes.
const barRows = 2

func (m *Model) tooSmall() bool {
	return m.ctx.Width < MinWidth || m.ctx.Height < MinHeight
}

// resize reflows everything for a new terminal size.
func (m *Model) resize(w, h int) {
	m.ctx.Width, m.ctx.Height = w, h
	if m.tooSmall() {
		return
	}
	for i, p := range m.panes {
		p.SetSize(m.paneWidth(i), m.paneHeight())
	}
	m.resizeTransfers()
	m.resizePreview()
	m.status.SetWidth(w)
	m.help.SetWidth(w)
	m.dialogs.SetSize(m.dialogArea())
}

func (m *Model) paneHeight() int { return m.ctx.Height - barRows - m.transfersHeight() }

// paneWidth splits the width left of the preview column evenly, the
// last pane taking the remainder.
func (m *Model) paneWidth(i int) int {
	n := len(m.panes)
	total := m.ctx.Width - m.previewWidth()
	w := total / n
	if i == n-1 {
		return total - w*(n-1)
	}
	return w
}

func (m *Model) dialogArea() (int, int) { return max(0, m.ctx.Width-4), max(0, m.ctx.Height-2) }

// View draws the whole screen in the alternate screen with the mouse on.
func (m *Model) View() tea.View {
	v := tea.NewView(m.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "ferry — " + common.Sanitize(m.Focused().Source().String())
	if s, ok := m.Focused().Source().(source.S3); ok && s.Conn != "" {
		v.WindowTitle = "ferry (" + common.Sanitize(s.Conn) + ") — " + common.Sanitize(s.String())
	} else if c := m.ctx.Connection; c != "" {
		v.WindowTitle = "ferry (" + common.Sanitize(c) + ") — " + common.Sanitize(m.Focused().Source().String())
	}
	return v
}

func (m *Model) render() string {
	switch {
	case m.ctx.Width == 0:
		return "" // no size yet
	case m.tooSmall():
		return m.tooSmallView()
	}
	views := make([]string, len(m.panes))
	for i, p := range m.panes {
		views[i] = p.View()
	}
	views = m.withPreview(views)
	screen := m.withTransfers(lipgloss.JoinHorizontal(lipgloss.Top, views...)) + "\n" +
		m.status.View(m.statusInfo()) + "\n" + m.helpLine()
	if d := m.dialogs.Top(); d != nil {
		screen = overlay(screen, d.View(), m.ctx.Width, m.ctx.Height)
	}
	return screen
}

// statusInfo describes the focused pane: location, position, marks.
func (m *Model) statusInfo() string {
	if m.tx.pane != nil && m.tx.pane.Focused() {
		return m.transfersInfo()
	}
	s := m.Focused().Summary()
	parts := []string{common.Sanitize(s.Location)}
	if m.cmp.on {
		parts[0] = m.compareInfo() // the panes' headers show where they are
	}
	switch {
	case s.Shown > 0:
		parts = append(parts, fmt.Sprintf("%s/%s", units.Count(m.Focused().CursorIndex()+1), units.Count(s.Shown)))
	case s.Loading:
		parts = append(parts, "loading")
	}
	if s.Following {
		parts = append(parts, "loading, following to the end")
	}
	if s.Shown != s.Total {
		parts = append(parts, fmt.Sprintf("%s hidden or filtered", units.Count(s.Total-s.Shown)))
	}
	if s.Marked > 0 {
		parts = append(parts, fmt.Sprintf("%s marked, %s", units.Count(s.Marked), common.HumanSize(s.MarkedBytes)))
	}
	return strings.Join(parts, " · ")
}
