// Package dialog has ferry's modal dialogs and the stack that holds them.
// A dialog is a common.Component; the root shows the top one over the
// panes and sends it every key first. Dialogs close themselves by
// returning common.CloseDialogOf(itself). Later features (share links, transfer
// details) add dialogs the same way: build a Component, return
// common.OpenDialog(d) from any Update.
package dialog

import (
	"slices"
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// Stack is the root's pile of open dialogs; only the top one is live.
type Stack struct{ items []common.Component }

// Push opens d on top.
func (s *Stack) Push(d common.Component) { s.items = append(s.items, d) }

// Remove closes d wherever it is in the pile (nothing when it is not
// open).
func (s *Stack) Remove(d common.Component) {
	if i := slices.Index(s.items, d); i >= 0 {
		s.items = slices.Delete(s.items, i, i+1)
	}
}

// Top is the live dialog, or nil.
func (s *Stack) Top() common.Component {
	if len(s.items) == 0 {
		return nil
	}
	return s.items[len(s.items)-1]
}

// Len is the number of open dialogs.
func (s *Stack) Len() int { return len(s.items) }

// SetSize passes the space available for dialogs to each of them.
func (s *Stack) SetSize(w, h int) {
	for _, d := range s.items {
		d.SetSize(w, h)
	}
}

// frame draws a dialog box: title, body lines and an optional footer,
// inside the dialog border, at most maxW wide.
func frame(st *common.Styles, title string, body []string, footer string, maxW int) string {
	inner := max(0, maxW-4) // border and padding
	lines := []string{st.DialogTitle.Render(common.Fit(common.Sanitize(title), inner)), ""}
	for _, l := range body {
		lines = append(lines, common.Fit(l, inner))
	}
	if footer != "" {
		lines = append(lines, "", common.Fit(footer, inner))
	}
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

// contentWidth is the widest of lines, at most limit.
func contentWidth(lines []string, limit int) int {
	w := 0
	for _, l := range lines {
		w = max(w, ansi.StringWidth(l))
	}
	return min(w, limit)
}

// center places a footer line in the middle of width.
func center(s string, width int) string {
	return lipgloss.PlaceHorizontal(width, lipgloss.Center, s)
}

var (
	_ common.Component = (*Info)(nil)
	_ common.Component = (*Confirm)(nil)
	_ common.Component = (*Help)(nil)
)
