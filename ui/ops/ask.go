package ops

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// ask is a yes/no question whose body may change while it is open (the
// delete confirmation fills in the size of folders as they are counted).
// The highlighted answer starts on Cancel for destructive questions, so
// a stray enter never deletes anything; y answers yes directly.
type ask struct {
	mgr    *Manager
	ctx    *common.Context
	id     int
	title  string
	body   func(width int) []string // styled lines
	yes    string                   // the yes button's label
	danger bool
	onYes  func() tea.Cmd
	onMsg  func(Msg) // takes the question's async results
	onEnd  func()    // runs when the question closes, however
	yesHi  bool
	// toggle, when set, is a key that changes what yes does (the body
	// shows it): the compare copy's "delete too". onToggle makes the
	// change.
	toggle   *key.Binding
	onToggle func()
	width    int
	height   int
}

// SetSize sets the space the dialog may use.
func (a *ask) SetSize(w, h int) { a.width, a.height = w, h }

// Update answers the question (once: keys that arrive before the
// dialog is gone are ignored, so "n" then a quick "y" cannot delete).
func (a *ask) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok || !a.mgr.isLive(a.id) {
		return nil
	}
	keys := a.ctx.Keys.Dialog
	switch {
	case a.toggle != nil && key.Matches(k, *a.toggle):
		a.onToggle()
	case key.Matches(k, keys.Confirm):
		return a.answer(true)
	case key.Matches(k, keys.Cancel):
		return a.answer(false)
	case key.Matches(k, keys.Select):
		return a.answer(a.yesHi)
	case key.Matches(k, keys.Switch):
		a.yesHi = !a.yesHi
	}
	return nil
}

// Click answers with the button clicked.
func (a *ask) Click(x, y int) tea.Cmd {
	if !a.mgr.isLive(a.id) {
		return nil
	}
	switch common.ButtonAt(a.View(), x, y, []string{a.yes, "Cancel"}) {
	case 0:
		return a.answer(true)
	case 1:
		return a.answer(false)
	}
	return nil
}

func (a *ask) answer(yes bool) tea.Cmd {
	closeCmd := a.mgr.closeView(a.id)
	if a.onEnd != nil {
		a.onEnd()
	}
	if yes {
		return tea.Batch(closeCmd, a.onYes())
	}
	return closeCmd
}

func (a *ask) handle(msg Msg) tea.Cmd {
	if a.onMsg != nil {
		a.onMsg(msg)
	}
	return nil
}

func (a *ask) inner() int { return max(10, min(a.width, 84)-4) }

// View draws the title, the body and the buttons; in a small window the
// end of the body is cut (the buttons always show).
func (a *ask) View() string {
	st := a.ctx.Styles
	inner := a.inner()
	title := st.DialogTitle
	if a.danger {
		title = st.Error
	}
	body := a.body(inner)
	yes, no := st.Button, st.ButtonActive
	if a.yesHi {
		yes, no = st.ButtonActive, st.Button
	}
	buttons := yes.Render(a.yes) + "  " + no.Render("Cancel")
	w := max(ansi.StringWidth(a.title), ansi.StringWidth(buttons))
	for _, l := range body {
		w = max(w, ansi.StringWidth(l))
	}
	w = min(max(w, 36), inner)
	pad := max(0, (w-ansi.StringWidth(buttons))/2)
	parts := fitSections([]section{
		{lines: []string{title.Render(common.Fit(common.Sanitize(a.title), w))}, min: 1},
		{lines: []string{""}, prio: 3}, {lines: body, prio: 1}, {lines: []string{""}, prio: 2},
		{lines: []string{strings.Repeat(" ", pad) + buttons}, min: 1},
	}, max(2, a.height-2))
	if cut := len(parts[2]); cut < len(body) && cut > 0 {
		parts[2] = append(parts[2][:cut-1:cut-1], st.Hint.Render("…"))
	}
	var lines []string
	for _, p := range parts {
		for _, l := range p {
			lines = append(lines, common.Fit(l, w))
		}
	}
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

// ShortHelp lists the dialog's keys.
func (a *ask) ShortHelp() []key.Binding {
	k := a.ctx.Keys.Dialog
	if a.toggle != nil {
		return []key.Binding{k.Confirm, *a.toggle, k.Cancel, k.Switch, k.Select}
	}
	return []key.Binding{k.Confirm, k.Cancel, k.Switch, k.Select}
}

// FullHelp lists the dialog's keys.
func (a *ask) FullHelp() [][]key.Binding { return [][]key.Binding{a.ShortHelp()} }
