package pane

import (
	"charm.land/lipgloss/v2"

	"github.com/ferry-s3/ferry/ui/source"
)

// VerdictKind is what a comparison of the two panes says of a row, for
// its colour.
type VerdictKind int

// The kinds of verdict.
const (
	VerdictSame    VerdictKind = iota // the same on both sides
	VerdictDiffers                    // on both sides, different (a folder: something below differs)
	VerdictOnly                       // only in this pane
	VerdictUnsure                     // could not be told
)

// Verdict is a row's mark in the compare view.
type Verdict struct {
	// Word is what the compare column says ("= same", "≠ size",
	// "+ only here"), at most cmpWidth cells; Glyph its first cell,
	// shown alone where the pane is too narrow for the word.
	Word, Glyph string
	Kind        VerdictKind
}

// Judge gives the verdict on an entry of the pane; false when the
// comparison says nothing of it (an empty folder, a link left out).
type Judge func(e source.Entry) (Verdict, bool)

// cmpWidth is the compare column's width where it fits.
const cmpWidth = 11

// SetCompare shows judge's verdicts in a column of their own (nil
// leaves the compare view); onlyDiffs shows only the rows that are not
// the same. The cursor stays on its entry when it is still shown.
func (m *Model) SetCompare(judge Judge, onlyDiffs bool) {
	m.judge = judge
	keep := func(*source.Entry) bool { return true }
	if judge != nil && onlyDiffs {
		keep = func(e *source.Entry) bool {
			v, ok := judge(*e)
			return ok && v.Kind != VerdictSame
		}
	}
	if judge == nil {
		keep = nil
	}
	m.keepingCursor(func() { m.list.setKeep(keep) })
}

// Comparing reports whether the pane shows a comparison's verdicts.
func (m *Model) Comparing() bool { return m.judge != nil }

// verdictCell is entry e's compare column at width w (0: none).
func (m *Model) verdictCell(e *source.Entry, w int) (string, lipgloss.Style) {
	st := m.ctx.Styles
	if w == 0 || m.judge == nil {
		return "", st.Meta
	}
	v, ok := m.judge(*e)
	if !ok {
		return "", st.Meta
	}
	text := v.Word
	if w < cmpWidth {
		text = v.Glyph
	}
	switch v.Kind {
	case VerdictSame:
		return text, st.CompareSame
	case VerdictOnly:
		return text, st.CompareOnly
	}
	return text, st.CompareDiffers
}
