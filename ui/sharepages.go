package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// The root's side of share pages: the links view asks which S3 locations
// are on show (it looks for expired pages in their buckets) and asks to
// show a page's folder in an S3 pane.

// s3InView lists the S3 locations the panes show.
func (m *Model) s3InView() []source.S3 {
	var out []source.S3
	for _, p := range m.panes {
		if s, ok := p.Source().(source.S3); ok && s.Client != nil {
			out = append(out, s)
		}
	}
	return out
}

// openShared shows src in the focused pane when it shows S3, else in the
// other pane when that one does, else in the focused pane, and focuses
// that pane.
func (m *Model) openShared(src source.S3) tea.Cmd {
	target := m.focus
	if _, ok := m.Focused().Source().(source.S3); !ok {
		other := 1 - m.focus
		if _, ok := m.panes[other].Source().(source.S3); ok {
			target = other
		}
	}
	m.focusPane(target)
	status := common.Status(common.LevelInfo, "showing "+common.Sanitize(source.Label(src)))
	return tea.Batch(m.panes[target].SetSource(src), status)
}
