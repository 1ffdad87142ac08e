package ops

import (
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
	formkit "github.com/ferry-s3/ferry/ui/form"
)

// field is one row of a form: a text field, or a choice among fixed
// values (when choice is set).
type field struct {
	label   string
	section string // a heading drawn above the row
	group   string // rows of one list (the metadata form's key=value rows)
	input   *formkit.Text
	choice  *formkit.Choice
}

// kit is the row as the form kit sees it.
func (fl *field) kit() formkit.Field {
	if fl.choice != nil {
		return fl.choice
	}
	return fl.input
}

func (fl *field) value() string {
	if fl.choice != nil {
		return fl.choice.Value()
	}
	return fl.input.Trimmed()
}

// form is a dialog of text fields and choices: new folder, new bucket,
// rename/move, the metadata editor and the typed confirmation, on the
// form kit (package ui/form) with the form.* keys. Enter moves to the
// next field and submits on the last; the submit function checks the
// values and returns the command that does the work, whose result comes
// back as a resultMsg: an error is shown in the form, which stays open
// to be corrected; success closes it.
type form struct {
	mgr    *Manager
	ctx    *common.Context
	id     int
	title  string
	danger bool     // a destructive question: the title is drawn as an error
	intro  []string // plain lines above the fields
	note   string   // a hint under the fields
	fields []*field
	ring   formkit.Form // the focus, over the fields' kit rows

	// suggest, when set, are values tab cycles the first field through
	// (e.g. a new name, or the other pane's folder).
	suggest []string
	sugg    int
	// submit checks the values and starts the work (nil: nothing to do;
	// it may set err instead).
	submit func(f *form) tea.Cmd
	// edited runs after every change (the metadata form grows rows).
	edited func(f *form)

	err     string
	busy    string // what the form is waiting for ("saving…")
	width   int
	height  int
	loading bool // the values are still being fetched
}

// newText is a text field holding value; typing in it clears the error
// and tells edited.
func (f *form) newText(value, placeholder string) *formkit.Text {
	in := formkit.NewText(f.ctx.Styles, placeholder)
	in.Set(value)
	in.OnEdit = f.changed
	return in
}

func (f *form) addText(label, value, placeholder string) *field {
	fl := &field{label: label, input: f.newText(value, placeholder)}
	f.fields = append(f.fields, fl)
	f.sync()
	return fl
}

func (f *form) addChoice(label string, choices []string) *field {
	fl := &field{label: label, choice: &formkit.Choice{Options: choices}}
	f.fields = append(f.fields, fl)
	f.sync()
	return fl
}

// sync hands the kit the rows after they changed.
func (f *form) sync() {
	rows := make([]formkit.Field, len(f.fields))
	for i, fl := range f.fields {
		rows[i] = fl.kit()
	}
	f.ring.SetFields(rows...)
}

// start focuses the first field; call it once the fields are added.
func (f *form) start() tea.Cmd { return f.setFocus(0) }

func (f *form) setFocus(i int) tea.Cmd { return f.ring.FocusAt(i) }

// focused is the row with the focus.
func (f *form) focused() *field { return f.fields[f.ring.Index()] }

// Capturing: the form always has a field taking the keys.
func (f *form) Capturing() bool { return true }

// SetSize sets the space the dialog may use.
func (f *form) SetSize(w, h int) {
	f.width, f.height = w, h
	for _, fl := range f.fields {
		if fl.input != nil {
			fl.input.SetWidth(max(4, f.inner()-f.labelCols()-1))
		}
	}
}

func (f *form) inner() int { return max(10, min(f.width, 80)-4) }

// labelCols is the width of the label column: 22, less in a narrow window.
func (f *form) labelCols() int { return min(22, max(8, f.inner()/3)) }

// Update handles keys and pastes (none once the form has closed and
// waits to be taken off the screen).
func (f *form) Update(msg tea.Msg) tea.Cmd {
	if !f.mgr.isLive(f.id) {
		return nil
	}
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return f.handleKey(msg)
	case tea.PasteMsg:
		return f.ring.Paste(msg, f.busy != "")
	}
	return nil
}

func (f *form) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := formkit.OpsKeys(&f.ctx.Keys.Ops)
	busy := f.busy != "" || f.loading
	if !busy && f.suggest != nil && key.Matches(msg, k.Next) {
		f.cycleSuggestion()
		return nil
	}
	out, cmd := f.ring.Key(msg, k, busy)
	switch out {
	case formkit.Cancel:
		return f.mgr.closeView(f.id)
	case formkit.Submit:
		return f.doSubmit()
	}
	return cmd
}

func (f *form) cycleSuggestion() {
	f.sugg = (f.sugg + 1) % len(f.suggest)
	f.fields[0].input.Set(f.suggest[f.sugg])
	f.err = ""
}

// changed runs after a key or paste in a text field: a change clears
// the error and may grow the form (edited).
func (f *form) changed(changed bool) {
	if !changed {
		return
	}
	f.err = ""
	if f.edited != nil {
		f.edited(f)
		f.sync()
	}
}

func (f *form) doSubmit() tea.Cmd {
	f.err = ""
	cmd := f.submit(f)
	if cmd != nil {
		f.busy = "working…"
	}
	return cmd
}

// handle takes the result of the work: an error keeps the form open.
func (f *form) handle(msg Msg) tea.Cmd {
	if r, ok := msg.(resultMsg); ok {
		f.busy = ""
		if r.err != nil {
			f.err = r.err.Error()
		}
	}
	return nil
}

// View draws the title, the intro, the fields (scrolled to keep the
// focused one on screen), the error or note, and the keys, leaving out
// the least needed lines when the window is small.
func (f *form) View() string {
	st := f.ctx.Styles
	inner := f.inner()
	title := st.DialogTitle
	if f.danger {
		title = st.Error
	}
	var intro []string
	for _, l := range f.intro {
		intro = append(intro, common.Wrapped(l, inner, st.DialogValue.Render)...)
	}
	var msg []string
	msgPrio := 2
	switch {
	case f.err != "":
		msg = common.Wrapped(f.err, inner, st.Error.Render)
	case f.note != "":
		msg, msgPrio = common.Wrapped(f.note, inner, st.Hint.Render), 5
	}
	var busy []string
	if f.busy != "" {
		busy = []string{st.Loading.Render(f.busy)}
	}
	fields := f.fieldLines(inner)
	gap := []string{""}
	parts := fitSections([]section{
		{lines: []string{title.Render(common.Fit(common.Sanitize(f.title), inner))}, min: 1},
		{lines: gap, prio: 6}, {lines: intro, prio: 4}, {lines: gap, prio: 6},
		{lines: make([]string, len(fields)), prio: 1, min: 1},
		{lines: gap, prio: 6}, {lines: msg, prio: msgPrio}, {lines: busy, prio: 2},
		{lines: f.keysLines(inner), prio: 3},
	}, max(1, f.height-2))
	if len(intro) == 0 {
		parts[2], parts[3] = nil, nil
	}
	parts[4] = f.window(fields, len(parts[4]))
	var lines []string
	for _, p := range parts {
		lines = append(lines, p...)
	}
	for i, l := range lines {
		lines[i] = common.Fit(l, inner)
	}
	return st.Dialog.Render(strings.Join(lines, "\n"))
}

// fieldLines draws every field, marking the focused one.
func (f *form) fieldLines(inner int) (lines []fieldLine) {
	st := f.ctx.Styles
	for i, fl := range f.fields {
		if fl.section != "" {
			lines = append(lines, fieldLine{text: ""})
			for _, l := range common.Wrapped(fl.section, inner, st.DialogLabel.Render) {
				lines = append(lines, fieldLine{text: l})
			}
		}
		focused := i == f.ring.Index()
		var value string
		switch {
		case fl.choice != nil:
			value = formkit.Buttons(st, fl.choice.Options, fl.choice.Index, focused)
		case f.loading:
			value = st.Hint.Render("loading…")
		default:
			value = fl.input.View()
		}
		label := formkit.Label(st, fl.label, f.labelCols()-2, focused)
		lines = append(lines, fieldLine{text: label + value, focused: focused})
	}
	return lines
}

type fieldLine struct {
	text    string
	focused bool
}

// window keeps the focused line on screen when the fields do not fit.
func (f *form) window(all []fieldLine, rows int) []string {
	if rows <= 0 {
		return nil
	}
	start := 0
	for i, l := range all {
		if l.focused && i >= rows {
			start = i - rows + 1
		}
	}
	out := []string{}
	for _, l := range all[start:min(len(all), start+rows)] {
		out = append(out, l.text)
	}
	return out
}

// keysLines are the form's keys, wrapped between keys to inner.
func (f *form) keysLines(inner int) []string {
	var out []string
	for _, l := range common.WrapParts(f.keyParts(), " · ", inner) {
		out = append(out, f.ctx.Styles.Hint.Render(l))
	}
	return out
}

func (f *form) keyParts() []string {
	k := f.ctx.Keys.Ops
	parts := []string{k.FormSubmit.Help().Key + " ok", k.FormCancel.Help().Key + " cancel"}
	if f.suggest != nil {
		parts = append(parts, k.FormNext.Help().Key+" other suggestion")
	} else if len(f.fields) > 1 {
		parts = append(parts, k.FormNext.Help().Key+" next field", k.FormSave.Help().Key+" save")
	}
	return parts
}

// ShortHelp lists the form's keys.
func (f *form) ShortHelp() []key.Binding {
	k := f.ctx.Keys.Ops
	out := []key.Binding{k.FormSubmit, k.FormCancel}
	if len(f.fields) > 1 {
		out = append(out, k.FormNext, k.FormPrev, k.FormSave)
	}
	if len(f.fields) > 0 && f.focused().choice != nil {
		out = append(out, k.FormLeft, k.FormRight)
	}
	return out
}

// FullHelp lists the form's keys.
func (f *form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
