package pane

import tea "charm.land/bubbletea/v2"

// UnmarkMsg takes the marks off entries of a pane once an operation on
// them has started (a copy the user confirmed), as file managers do: the
// marks served their purpose, and the next operation starts from a clean
// selection. Entries marked since stay marked.
type UnmarkMsg struct {
	Pane int
	Keys []string
}

// PaneID routes the message.
func (m UnmarkMsg) PaneID() int { return m.Pane }

// Unmark is the command that sends UnmarkMsg.
func Unmark(pane int, keys []string) tea.Cmd {
	return func() tea.Msg { return UnmarkMsg{Pane: pane, Keys: keys} }
}

func (m *Model) handleUnmark(msg UnmarkMsg) {
	for _, k := range msg.Keys {
		m.marks.remove(k)
	}
}
