package common

import (
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// KeyAction pairs a binding with what it does: a component lists its keys
// as KeyActions and the first that matches runs.
type KeyAction struct {
	Binding key.Binding
	Run     func() tea.Cmd
}

// ListKey handles a key in a scrolled list (the file pane, the transfers
// pane): a motion key moves the cursor through moveTo, the list's own
// move; any other key runs the first action whose binding matches.
func ListKey(msg tea.KeyPressMsg, s Scroller, k MoveKeys, rows int, moveTo func(int), actions []KeyAction) tea.Cmd {
	if i, ok := s.Target(msg, k, rows); ok {
		moveTo(i)
		return nil
	}
	for _, a := range actions {
		if key.Matches(msg, a.Binding) {
			return a.Run()
		}
	}
	return nil
}
