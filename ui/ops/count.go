package ops

import (
	"context"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/source"
)

// countMsg carries the tally of a selection's folders to the dialog
// that asked.
type countMsg struct {
	id int
	t  source.Tally
}

func (m countMsg) viewID() int { return m.id }

// countCmd counts everything in the selection, folders included, for
// the question id.
func countCmd(ctx context.Context, id int, src source.Source, entries []source.Entry) tea.Cmd {
	return func() tea.Msg { return countMsg{id: id, t: source.Count(ctx, src, entries)} }
}
