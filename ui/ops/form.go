package ops

import (
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
)

// field is one row of a form: a text field, or a choice among fixed
// values (when choices is set).
type field struct {
	label   string
	section string // a heading drawn above the row
	group   string // rows of one list (the metadata form's key=value rows)
	input   textinput.Model
	choices []string
	choice  int
}

func (f *field) value() string {
	if f.choices != nil {
		return f.choices[f.choice]
	}
	return strings.TrimSpace(f.input.Value())
}

// form is a dialog of text fields and choices: new folder, new bucket,
// rename/move, the metadata editor and the typed confirmation. Enter
// moves to the next field and submits on the last; the submit function
// checks the values and returns the command that does the work, whose
// result comes back as a resultMsg: an error is shown in the form, which
// stays open to be corrected; success closes it.
type form struct {
	mgr    *Manager
	ctx    *common.Context
	id     int
	title  string
	danger bool     // a destructive question: the title is drawn as an error
	intro  []string // plain lines above the fields
	note   string   // a hint under the fields
	fields []*field
	focus  int

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

// newField is a text field with the shared input styles and no prompt.
func newField(st *common.Styles, value, placeholder string) textinput.Model {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.SetStyles(st.Input)
	in.SetValue(value)
	in.CursorEnd()
	return in
}

func (f *form) addText(label, value, placeholder string) *field {
	fl := &field{label: label, input: newField(f.ctx.Styles, value, placeholder)}
	f.fields = append(f.fields, fl)
	return fl
}

func (f *form) addChoice(label string, choices []string) *field {
	fl := &field{label: label, choices: choices}
	f.fields = append(f.fields, fl)
	return fl
}

// start focuses the first field; call it once the fields are added.
func (f *form) start() tea.Cmd { return f.setFocus(0) }

func (f *form) setFocus(i int) tea.Cmd {
	if len(f.fields) == 0 {
		return nil
	}
	f.focus = (i + len(f.fields)) % len(f.fields)
	for _, fl := range f.fields {
		fl.input.Blur()
	}
	if fl := f.fields[f.focus]; fl.choices == nil {
		return fl.input.Focus()
	}
	return nil
}

// Capturing: the form always has a field taking the keys.
func (f *form) Capturing() bool { return true }

// SetSize sets the space the dialog may use.
func (f *form) SetSize(w, h int) {
	f.width, f.height = w, h
	for _, fl := range f.fields {
		fl.input.SetWidth(max(4, f.inner()-f.labelCols()-1))
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
		if f.busy == "" {
			return f.edit(msg)
		}
	}
	return nil
}

func (f *form) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := f.ctx.Keys.Ops
	switch {
	case key.Matches(msg, k.FormCancel):
		return f.mgr.closeView(f.id)
	case f.busy != "" || f.loading:
		return nil
	case key.Matches(msg, k.FormSave):
		return f.doSubmit()
	case key.Matches(msg, k.FormSubmit):
		if f.focus == len(f.fields)-1 {
			return f.doSubmit()
		}
		return f.setFocus(f.focus + 1)
	case key.Matches(msg, k.FormNext) && f.suggest != nil:
		f.cycleSuggestion()
		return nil
	case key.Matches(msg, k.FormNext):
		return f.setFocus(f.focus + 1)
	case key.Matches(msg, k.FormPrev):
		return f.setFocus(f.focus - 1)
	case f.fields[f.focus].choices != nil:
		f.choose(msg)
		return nil
	}
	return f.edit(msg)
}

func (f *form) choose(msg tea.KeyPressMsg) {
	k := f.ctx.Keys.Ops
	fl := f.fields[f.focus]
	switch {
	case key.Matches(msg, k.FormLeft):
		fl.choice = (fl.choice + len(fl.choices) - 1) % len(fl.choices)
	case key.Matches(msg, k.FormRight):
		fl.choice = (fl.choice + 1) % len(fl.choices)
	}
}

func (f *form) cycleSuggestion() {
	f.sugg = (f.sugg + 1) % len(f.suggest)
	in := &f.fields[0].input
	in.SetValue(f.suggest[f.sugg])
	in.CursorEnd()
	f.err = ""
}

func (f *form) edit(msg tea.Msg) tea.Cmd {
	fl := f.fields[f.focus]
	if fl.choices != nil {
		return nil
	}
	before := fl.input.Value()
	var cmd tea.Cmd
	fl.input, cmd = fl.input.Update(msg)
	if fl.input.Value() != before {
		f.err = ""
		if f.edited != nil {
			f.edited(f)
		}
	}
	return cmd
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
		mark, style := "  ", st.DialogLabel
		if i == f.focus {
			mark, style = "› ", st.DialogTitle
		}
		label := style.Render(mark + common.Fit(fl.label, f.labelCols()-2))
		value := fl.input.View()
		if f.loading {
			value = st.Hint.Render("loading…")
		}
		if fl.choices != nil {
			value = choiceView(st, fl, i == f.focus)
		}
		lines = append(lines, fieldLine{text: label + value, focused: i == f.focus})
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

func choiceView(st *common.Styles, fl *field, focused bool) string {
	var parts []string
	for i, c := range fl.choices {
		s := st.Button
		if i == fl.choice {
			s = st.ButtonActive
		}
		parts = append(parts, s.Render(c))
	}
	text := strings.Join(parts, " ")
	if focused {
		text = "‹ " + text + " ›"
	}
	return text
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
	if f.focus < len(f.fields) && f.fields[f.focus].choices != nil {
		out = append(out, k.FormLeft, k.FormRight)
	}
	return out
}

// FullHelp lists the form's keys.
func (f *form) FullHelp() [][]key.Binding { return [][]key.Binding{f.ShortHelp()} }
