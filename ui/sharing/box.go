package sharing

import (
	"slices"
	"strings"

	"charm.land/bubbles/v2/textinput"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// row is one line of a share form that can take the focus.
type row int

const (
	rowName       row = iota // upload: the object's name
	rowUploadType            // upload: the Content-Type signed in
	rowExpiry                // the expiry presets (and "custom")
	rowCustom                // the custom expiry field
	rowPolicy                // cap or warn when the credentials end first
	rowAttachment            // download: save as attachment
	rowType                  // download: Content-Type override
	rowQR                    // download: show the QR code
)

// isText reports whether the row is a text field, which takes every
// printable key while it has the focus.
func (r row) isText() bool {
	return r == rowName || r == rowUploadType || r == rowCustom || r == rowType
}

// step moves the focus delta rows through rows, wrapping around.
func step(rows []row, cur row, delta int) row {
	i := slices.Index(rows, cur)
	if i < 0 {
		return rows[0]
	}
	return rows[(i+delta+len(rows))%len(rows)]
}

// Layout of a form line: a focus marker, a label column, the value.
const (
	labelWidth = 13
	indent     = 2 + labelWidth + 1
	maxBoxW    = 88 // the widest a share dialog grows
	// maxField bounds a text field (in runes): an object name is at most
	// 1,024 bytes, and a content type is shorter still.
	maxField = 1024
)

// newField is a text field for a form: no prompt (the label says what it
// is), with the shared input styles.
func newField(st *common.Styles, placeholder string) textinput.Model {
	f := textinput.New()
	f.CharLimit = maxField
	f.Prompt = ""
	f.Placeholder = placeholder
	f.SetStyles(st.Input)
	return f
}

// form collects the lines of a dialog, inner columns wide.
type form struct {
	st    *common.Styles
	inner int
	lines []string
}

// field adds a labelled line; the focused one is marked.
func (f *form) field(label string, focused bool, value string) {
	mark, style := "  ", f.st.DialogLabel
	if focused {
		mark, style = "› ", f.st.DialogTitle
	}
	head := style.Render(mark + common.PadRight(label, labelWidth))
	f.lines = append(f.lines, common.Fit(head+" "+value, f.inner))
}

// note adds text wrapped under the value column.
func (f *form) note(text string, style lipgloss.Style) {
	for _, l := range wrap(text, f.inner-indent) {
		f.lines = append(f.lines, strings.Repeat(" ", indent)+style.Render(l))
	}
}

// text adds text wrapped to the full width.
func (f *form) text(text string, style lipgloss.Style) {
	for _, l := range wrap(text, f.inner) {
		f.lines = append(f.lines, style.Render(l))
	}
}

// hard adds text broken at exactly the width (for links, which have no
// spaces to break at), so it can be selected by hand line by line.
func (f *form) hard(text string, style lipgloss.Style) {
	for _, l := range strings.Split(ansi.Hardwrap(common.Sanitize(text), f.inner, false), "\n") {
		f.lines = append(f.lines, style.Render(l))
	}
}

func (f *form) blank() { f.lines = append(f.lines, "") }

// wrap breaks plain text at spaces (and inside words longer than width).
func wrap(text string, width int) []string {
	width = max(10, width)
	return strings.Split(ansi.Wrap(common.Sanitize(text), width, " -/"), "\n")
}

// choices draws options side by side, the chosen one in brackets (and
// highlighted when the row has the focus).
func choices(st *common.Styles, opts []string, chosen int, focused bool) string {
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

// check draws a toggle: "[x] label" or "[ ] label".
func check(st *common.Styles, on bool, label string) string {
	box := "[ ] "
	if on {
		box = "[x] "
	}
	return st.DialogValue.Render(box + label)
}

// box frames a dialog: title, body, and a footer (plain text, wrapped
// and dimmed), in at most width columns and height rows. When the body
// does not fit, tail (the link text, which is on the clipboard anyway) is
// cut first, then the body.
func box(st *common.Styles, width, height int, title string, body, tail []string, footer string) string {
	inner := width - 4
	foot := wrap(footer, inner)
	// In a short window the footer gives way too, down to nothing: the
	// box keeps one body line and never grows past height.
	foot = foot[:max(0, min(len(foot), height-2-3-1))]
	room := max(1, height-2-3-len(foot)) // border, title and gap, gap and footer
	if len(body)+len(tail) > room {
		keep := max(0, room-len(body)-1)
		if keep < len(tail) {
			tail = append(tail[:keep:keep], st.Hint.Render("… (cut to fit the window: the whole text is on the clipboard)"))
		}
	}
	all := append(slices.Clone(body), tail...)
	if len(all) > room {
		all = append(all[:room-1:room-1], st.Hint.Render("… (enlarge the window to see everything)"))
	}
	lines := []string{st.DialogTitle.Render(common.Fit(common.Sanitize(title), inner)), ""}
	for _, l := range all {
		lines = append(lines, common.Fit(l, inner))
	}
	lines = append(lines, "")
	for _, l := range foot {
		lines = append(lines, st.Hint.Render(common.Fit(l, inner)))
	}
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

// boxWidth is the width of a share dialog in an area w columns wide.
func boxWidth(w int) int { return max(30, min(w, maxBoxW)) }
