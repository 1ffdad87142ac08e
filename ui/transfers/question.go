package transfers

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// Question is a yes/no dialog whose body is several lines (a list of
// files, a from/to pair), which dialog.Confirm's one paragraph cannot
// show. The highlighted answer starts on yes: the user asked for the
// copy a key press ago, and y, n and esc answer directly.
type Question struct {
	ctx   *common.Context
	title string
	lines []string // styled, sanitized, one row each
	yes   string
	onYes tea.Cmd
	no    bool // the highlighted button is "Cancel"
	// answered ignores keys after the first answer (a quick second "y"
	// would queue the copy twice).
	answered bool
	width    int
	height   int
}

// newQuestion returns a question; lines must be sanitized already.
func newQuestion(ctx *common.Context, title string, lines []string, yes string, onYes tea.Cmd) *Question {
	return &Question{ctx: ctx, title: title, lines: lines, yes: yes, onYes: onYes}
}

// SetSize sets the space the dialog may use.
func (d *Question) SetSize(w, h int) { d.width, d.height = w, h }

// Update answers the question, once.
func (d *Question) Update(msg tea.Msg) tea.Cmd {
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
		return d.answer(!d.no)
	case key.Matches(k, keys.Switch):
		d.no = !d.no
	}
	return nil
}

func (d *Question) answer(yes bool) tea.Cmd {
	d.answered = true
	if yes {
		return tea.Batch(common.CloseDialog, d.onYes)
	}
	return common.CloseDialog
}

// View draws the title, the lines (as many as fit) and the buttons.
func (d *Question) View() string {
	st := d.ctx.Styles
	inner := max(30, min(d.width, 84)) - 4
	w := ansi.StringWidth(d.title)
	for _, l := range d.lines {
		w = max(w, ansi.StringWidth(l))
	}
	w = min(max(w, 30), inner)
	body := d.lines
	if limit := d.height - 7; limit > 0 && len(body) > limit {
		body = append(body[:limit-1:limit-1], st.Hint.Render("…"))
	}
	yes, no := st.ButtonActive, st.Button
	if d.no {
		yes, no = st.Button, st.ButtonActive
	}
	buttons := yes.Render(d.yes) + "  " + no.Render("Cancel")
	out := []string{st.DialogTitle.Render(common.Fit(common.Sanitize(d.title), w)), ""}
	for _, l := range body {
		out = append(out, common.Fit(l, w))
	}
	out = append(out, "", common.PadRight(centered(buttons, w), w))
	return st.Dialog.Render(strings.Join(out, "\n"))
}

func centered(s string, w int) string {
	pad := max(0, (w-ansi.StringWidth(s))/2)
	return strings.Repeat(" ", pad) + s
}

// Lines is the dialog's body as plain text (for tests and the log).
func (d *Question) Lines() []string {
	out := make([]string, len(d.lines))
	for i, l := range d.lines {
		out[i] = ansi.Strip(l)
	}
	return out
}

// ShortHelp lists the dialog's keys.
func (d *Question) ShortHelp() []key.Binding {
	k := d.ctx.Keys.Dialog
	return []key.Binding{k.Confirm, k.Cancel, k.Switch, k.Select}
}

// FullHelp lists the dialog's keys.
func (d *Question) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

var _ common.Component = (*Question)(nil)
