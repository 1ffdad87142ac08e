package sharing

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// qrView is the QR code of a dialog's link: whether it is on, and the
// code drawn for the last link and background (encoding is too slow to
// redo on every once-a-second redraw).
type qrView struct {
	form.Fixed // the QR code row of the form
	on         bool
	url        string
	dark       bool
	lines      []string
	err        error
}

// Step shows or hides the code.
func (q *qrView) Step(int) { q.on = !q.on }

// draw returns the code of url in half blocks for a dark or light
// terminal background, one string per terminal row.
func (q *qrView) draw(url string, dark bool) ([]string, error) {
	if q.url != url || q.dark != dark || (q.lines == nil && q.err == nil) {
		q.url, q.dark = url, dark
		code, err := share.QRWith(url, share.QROptions{LightBackground: !dark})
		q.lines, q.err = strings.Split(strings.TrimSuffix(code, "\n"), "\n"), err
	}
	return q.lines, q.err
}

// qrScreen is the dialog showing a link's QR code under a one-line
// title, or a message when the window is too small to draw it whole (a
// cut code cannot be scanned). The title is all the chrome there is: a
// typical link's code is 35 rows, and the dialog must fit in 40.
func qrScreen(ctx *common.Context, q *qrView, l share.Link, width, height int, title string) string {
	st := ctx.Styles
	lines, err := q.draw(l.URL, st.Dark)
	w := boxWidth(width)
	back := ctx.Keys.Share.QR.Help().Key
	if err != nil {
		return box(st, w, height, "QR code", wrap(err.Error(), w-4), nil, back+" shows the link")
	}
	codeW := ansi.StringWidth(lines[0])
	// A border with a column of padding each side, and the title row; the
	// root keeps 4 columns and 2 rows of the window for itself.
	boxW, boxH := codeW+4, len(lines)+3
	if boxW > width || boxH > height {
		msg := fmt.Sprintf("The window is too small for the QR code: it needs %d×%d, this one is %d×%d. "+
			"Enlarge the window or make the font smaller, or press %s to hide the code.",
			boxW+4, boxH+2, ctx.Width, ctx.Height, back)
		return box(st, w, height, "QR code", wrap(msg, w-4), nil, title)
	}
	body := append([]string{st.DialogTitle.Render(common.Fit(title, codeW))}, lines...)
	return st.Dialog.Render(strings.Join(body, "\n"))
}
