package form

import (
	"strings"

	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// Label is a row's label in a column width wide after the focus marker:
// "› " and the title style on the focused row.
func Label(st *common.Styles, label string, width int, focused bool) string {
	mark, style := "  ", st.DialogLabel
	if focused {
		mark, style = "› ", st.DialogTitle
	}
	return style.Render(mark + common.Fit(label, width))
}

// Buttons draws options as buttons, the chosen one lit, between ‹ › on
// the focused row (the operation forms' look).
func Buttons(st *common.Styles, opts []string, chosen int, focused bool) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		s := st.Button
		if i == chosen {
			s = st.ButtonActive
		}
		parts[i] = s.Render(o)
	}
	text := strings.Join(parts, " ")
	if focused {
		text = "‹ " + text + " ›"
	}
	return text
}

// Brackets draws options side by side, the chosen one in brackets (and
// highlighted when the row has the focus): the share dialogs' look.
func Brackets(st *common.Styles, opts []string, chosen int, focused bool) string {
	parts := make([]string, len(opts))
	for i, o := range opts {
		switch {
		case i == chosen && focused:
			parts[i] = st.ButtonActive.Padding(0).Render("[" + o + "]")
		case i == chosen:
			parts[i] = st.DialogValue.Bold(true).Render("[" + o + "]")
		default:
			parts[i] = st.DialogLabel.Render(" " + o + " ")
		}
	}
	return strings.Join(parts, " ")
}

// Check draws a toggle: "[x] label" or "[ ] label".
func Check(st *common.Styles, on bool, label string) string {
	box := "[ ] "
	if on {
		box = "[x] "
	}
	return st.DialogValue.Render(box + label)
}

// Lines collects the lines of a dialog's body, Inner columns wide, with
// a label column LabelW wide (after the focus marker) and a space before
// the values.
type Lines struct {
	St     *common.Styles
	Inner  int
	LabelW int
	Lines  []string
}

// indent is where the values start.
func (l *Lines) indent() int { return 2 + l.LabelW + 1 }

// ValueWidth is the room a text field has in the value column (its
// cursor takes a column more).
func (l *Lines) ValueWidth() int { return l.Inner - l.indent() - 2 }

// Field adds a labelled row; the focused one is marked.
func (l *Lines) Field(label string, focused bool, value string) {
	l.Lines = append(l.Lines, common.Fit(Label(l.St, label, l.LabelW, focused)+" "+value, l.Inner))
}

// Note adds text wrapped under the value column.
func (l *Lines) Note(text string, style lipgloss.Style) {
	for _, s := range Wrap(text, l.Inner-l.indent()) {
		l.Lines = append(l.Lines, strings.Repeat(" ", l.indent())+style.Render(s))
	}
}

// Text adds text wrapped to the full width.
func (l *Lines) Text(text string, style lipgloss.Style) {
	for _, s := range Wrap(text, l.Inner) {
		l.Lines = append(l.Lines, style.Render(s))
	}
}

// Hard adds text broken at exactly the width (for links, which have no
// spaces to break at), so it can be selected by hand line by line.
func (l *Lines) Hard(text string, style lipgloss.Style) {
	for _, s := range strings.Split(ansi.Hardwrap(common.Sanitize(text), l.Inner, false), "\n") {
		l.Lines = append(l.Lines, style.Render(s))
	}
}

// Blank adds an empty line.
func (l *Lines) Blank() { l.Lines = append(l.Lines, "") }

// Wrap breaks plain text at spaces (and inside words longer than
// width, which is at least 10).
func Wrap(text string, width int) []string {
	width = max(10, width)
	return strings.Split(ansi.Wrap(common.Sanitize(text), width, " -/"), "\n")
}
