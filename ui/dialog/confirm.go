package dialog

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// Confirm asks a yes/no question. Yes runs OnYes (then closes), No or
// cancel runs OnNo (then closes). The highlighted button starts on No,
// so a stray enter never confirms something destructive.
type Confirm struct {
	ctx   *common.Context
	title string
	body  string
	onYes tea.Cmd
	onNo  tea.Cmd
	yes   bool // the highlighted button
	// answered is set by the first answer: keys that arrive before the
	// root takes the dialog down are ignored, so "n" then a quick "y"
	// cannot run OnYes too.
	answered bool
	width    int
	height   int
}

// NewConfirm returns a confirm dialog; onYes/onNo may be nil.
func NewConfirm(ctx *common.Context, title, body string, onYes, onNo tea.Cmd) *Confirm {
	return &Confirm{ctx: ctx, title: title, body: body, onYes: onYes, onNo: onNo}
}

// SetSize sets the space the dialog may use.
func (d *Confirm) SetSize(w, h int) { d.width, d.height = w, h }

// Update answers the question, once.
func (d *Confirm) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || d.answered {
		return nil
	}
	keys := d.ctx.Keys.Dialog
	switch {
	case key.Matches(k, keys.Confirm):
		return d.answer(true)
	case key.Matches(k, keys.Cancel):
		return d.answer(false)
	case key.Matches(k, keys.Select):
		return d.answer(d.yes)
	case key.Matches(k, keys.Switch):
		d.yes = !d.yes
	}
	return nil
}

// Click answers with the button clicked (Yes or No).
func (d *Confirm) Click(x, y int) tea.Cmd {
	if d.answered {
		return nil
	}
	switch common.ButtonAt(d.View(), x, y, []string{"Yes", "No"}) {
	case 0:
		return d.answer(true)
	case 1:
		return d.answer(false)
	}
	return nil
}

func (d *Confirm) answer(yes bool) tea.Cmd {
	d.answered = true
	if yes {
		return tea.Batch(common.CloseDialogOf(d), d.onYes)
	}
	return tea.Batch(common.CloseDialogOf(d), d.onNo)
}

// View draws the question and the two buttons.
func (d *Confirm) View() string {
	st := d.ctx.Styles
	limit := max(20, min(d.width, 72)) - 4
	body := strings.Split(ansi.Wrap(common.Sanitize(d.body), limit, " "), "\n")
	yes, no := st.Button, st.ButtonActive
	if d.yes {
		yes, no = st.ButtonActive, st.Button
	}
	buttons := yes.Render("Yes") + "  " + no.Render("No")
	w := contentWidth(append(body, buttons, d.title), limit)
	return frame(st, d.title, body, center(buttons, w), w+4)
}

// ShortHelp lists the dialog's keys.
func (d *Confirm) ShortHelp() []key.Binding {
	k := d.ctx.Keys.Dialog
	return []key.Binding{k.Confirm, k.Cancel, k.Switch, k.Select}
}

// FullHelp lists the dialog's keys.
func (d *Confirm) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
