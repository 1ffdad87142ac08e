package transfers

import (
	"image/color"

	"charm.land/bubbles/v2/progress"
	"charm.land/lipgloss/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// styles are the transfers pane's looks, derived from the shared styles
// (common.Styles is the one place colours are chosen) so light and dark
// terminals both work.
type styles struct {
	from *common.Styles // what these were built from

	frame, frameFocused lipgloss.Style
	title, titleFocused lipgloss.Style
	meta, hint, empty   lipgloss.Style
	cursor, cursorBlur  lipgloss.Style
	state               map[transfer.State]lipgloss.Style
	retrying, warn      lipgloss.Style
	bar                 map[transfer.State]progress.Model
}

func newStyles(st *common.Styles) *styles {
	s := &styles{from: st, frame: st.PaneFrame, frameFocused: st.PaneFrameFocused,
		title: st.Location, titleFocused: st.LocationFocused, meta: st.Meta, hint: st.Hint, empty: st.Empty,
		cursor: st.Cursor, cursorBlur: st.CursorBlurred}
	accent := st.LocationFocused.GetForeground()
	muted := st.Meta.GetForeground()
	good := st.StatusGood.GetForeground()
	bad := st.Error.GetForeground()
	warn := st.Marked.GetForeground()
	s.retrying = lipgloss.NewStyle().Foreground(warn)
	s.warn = s.retrying
	s.state = map[transfer.State]lipgloss.Style{
		transfer.Queued: st.Meta, transfer.Running: lipgloss.NewStyle().Foreground(accent),
		transfer.Paused: st.Meta, transfer.NeedsDecision: lipgloss.NewStyle().Foreground(warn).Bold(true),
		transfer.Done: lipgloss.NewStyle().Foreground(good), transfer.Failed: st.Error,
		transfer.Cancelled: st.Meta, transfer.Skipped: st.Meta,
	}
	empty := st.PaneFrame.GetForeground()
	s.bar = map[transfer.State]progress.Model{}
	for state, c := range map[transfer.State]color.Color{
		transfer.Queued: muted, transfer.Running: accent, transfer.Paused: muted, transfer.NeedsDecision: warn,
		transfer.Done: good, transfer.Failed: bad, transfer.Cancelled: muted, transfer.Skipped: muted,
	} {
		bar := progress.New(progress.WithFillCharacters('█', '░'), progress.WithColors(c))
		bar.EmptyColor = empty
		bar.PercentFormat = " %3.0f%%"
		s.bar[state] = bar
	}
	return s
}

// barView draws a static bar (with its percentage) width columns wide.
func (s *styles) barView(state transfer.State, f float64, width int) string {
	bar := s.bar[state]
	bar.SetWidth(width)
	// Whole percents, rounded down as percent() does for the header and
	// the status bar: the bar's own format rounds 24.9% up to 25%.
	return bar.ViewAs(float64(int(f*100)) / 100)
}
