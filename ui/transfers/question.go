package transfers

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// Question is a dialog whose body is several lines (a list of files, a
// from/to pair), which dialog.Confirm's one paragraph cannot show, with
// a row of answers. A copy's question is "Upload" or "Cancel", starting
// on the first: the user asked for the copy a key press ago, and y, n
// and esc answer directly. An upload's conflicts are asked with three
// answers, each with its own key.
type Question struct {
	ctx     *common.Context
	title   string
	lines   []string // styled, sanitized, one row each
	answers []answer
	pick    int     // the highlighted answer
	cancel  tea.Cmd // what esc does besides closing
	onClose func()  // runs when the question is answered, however
	// answered ignores keys after the first answer (a quick second "y"
	// would queue the copy twice).
	answered bool
	width    int
	height   int
}

// answer is one button of a Question: its label, the key that picks it
// directly (none for Cancel, which the dialog's cancel key answers) and
// what it does.
type answer struct {
	label string
	key   *key.Binding
	run   tea.Cmd
}

// newQuestion returns a yes/cancel question; lines must be sanitized
// already.
func newQuestion(ctx *common.Context, title string, lines []string, yes string, onYes tea.Cmd) *Question {
	return &Question{ctx: ctx, title: title, lines: lines,
		answers: []answer{{label: yes, key: &ctx.Keys.Dialog.Confirm, run: onYes}, {label: "Cancel"}}}
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
	for _, a := range d.answers {
		if a.key != nil && key.Matches(k, *a.key) {
			return d.answer(a.run)
		}
	}
	switch {
	case key.Matches(k, keys.Cancel):
		return d.answer(d.cancel)
	case key.Matches(k, keys.Select):
		return d.answer(d.answers[d.pick].run)
	case key.Matches(k, keys.Switch):
		d.pick = (d.pick + 1) % len(d.answers)
	}
	return nil
}

// Click answers with the button clicked.
func (d *Question) Click(x, y int) tea.Cmd {
	labels := make([]string, len(d.answers))
	for i, a := range d.answers {
		labels[i] = a.label
	}
	if i := common.ButtonAt(d.View(), x, y, labels); i >= 0 && !d.answered {
		return d.answer(d.answers[i].run)
	}
	return nil
}

func (d *Question) answer(run tea.Cmd) tea.Cmd {
	d.answered = true
	if d.onClose != nil {
		d.onClose()
	}
	return tea.Batch(common.CloseDialogOf(d), run)
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
	buttons := d.buttons()
	out := []string{st.DialogTitle.Render(common.Fit(common.Sanitize(d.title), w)), ""}
	for _, l := range body {
		out = append(out, common.Fit(l, w))
	}
	out = append(out, "", common.PadRight(centered(buttons, w), w))
	return st.Dialog.Render(strings.Join(out, "\n"))
}

// buttons draws the answers, the highlighted one set off.
func (d *Question) buttons() string {
	st := d.ctx.Styles
	parts := make([]string, len(d.answers))
	for i, a := range d.answers {
		style := st.Button
		if i == d.pick {
			style = st.ButtonActive
		}
		parts[i] = style.Render(a.label)
	}
	return strings.Join(parts, "  ")
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
	var out []key.Binding
	for _, a := range d.answers {
		if a.key != nil {
			out = append(out, *a.key)
		}
	}
	return append(out, k.Cancel, k.Switch, k.Select)
}

// FullHelp lists the dialog's keys.
func (d *Question) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }

var _ common.Component = (*Question)(nil)
