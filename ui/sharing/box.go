package sharing

import (
	"slices"
	"strings"

	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// Layout of a share dialog.
const (
	labelWidth = 13 // the label column, after the focus marker
	maxBoxW    = 88 // the widest a share dialog grows
	// maxField bounds a text field (in runes): an object name is at most
	// 1,024 bytes, and a content type is shorter still.
	maxField = 1024
)

// newLines starts the body of a share dialog inner columns wide.
func newLines(st *common.Styles, inner int) *form.Lines {
	return &form.Lines{St: st, Inner: inner, LabelW: labelWidth}
}

// newText is a text field of a share dialog.
func newText(st *common.Styles, placeholder string) *form.Text {
	t := form.NewText(st, placeholder)
	t.CharLimit = maxField
	return t
}

// wrap breaks plain text at spaces (and inside long words).
func wrap(text string, width int) []string { return form.Wrap(text, width) }

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
