package form

import (
	"slices"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

// Outcome is what a key did to a form: the dialog acts on Submit and
// Cancel; the form stays open either way until the dialog closes it.
type Outcome int

const (
	// Handled: the form took the key (or ignored it) by itself.
	Handled Outcome = iota
	// Submit: the user asked to act on the values.
	Submit
	// Cancel: the user asked to leave the dialog.
	Cancel
)

// Form is the focus ring of a dialog's fields and the key routing every
// dialog shares. The fields may change while it is open (a row appears
// when the credentials turn out temporary, the metadata editor grows
// rows): SetFields keeps the focus on the same field.
type Form struct {
	fields []Field
	focus  int
}

// SetFields sets the rows that can take the focus, in order, keeping
// the focus on the focused field when it is still one of them (else on
// the first).
func (f *Form) SetFields(fields ...Field) {
	var cur Field
	if f.focus < len(f.fields) {
		cur = f.fields[f.focus]
	}
	f.fields = fields
	f.focus = max(0, slices.Index(fields, cur))
}

// Focused is the field with the focus (nil in a form of no fields).
func (f *Form) Focused() Field {
	if f.focus >= len(f.fields) {
		return nil
	}
	return f.fields[f.focus]
}

// Index is the position of the focused field.
func (f *Form) Index() int { return f.focus }

// Typing reports whether the focused field takes typed keys: the root
// then sends every key and paste to the dialog.
func (f *Form) Typing() bool {
	fl := f.Focused()
	return fl != nil && fl.Typing()
}

// FocusAt moves the focus to the i-th field (wrapping around), blurring
// the others; the command starts the cursor's blink.
func (f *Form) FocusAt(i int) tea.Cmd {
	if len(f.fields) == 0 {
		return nil
	}
	f.focus = (i%len(f.fields) + len(f.fields)) % len(f.fields)
	for _, fl := range f.fields {
		fl.Blur()
	}
	return f.fields[f.focus].Focus()
}

// FocusOn moves the focus to fl, when it is one of the fields.
func (f *Form) FocusOn(fl Field) tea.Cmd {
	if i := slices.Index(f.fields, fl); i >= 0 {
		return f.FocusAt(i)
	}
	return nil
}

// Key routes a key press: cancel always works; while busy nothing else
// does; then submit, field to field, typing, and stepping a choice.
func (f *Form) Key(msg tea.KeyPressMsg, k Keys, busy bool) (Outcome, tea.Cmd) {
	switch {
	case key.Matches(msg, k.Cancel):
		return Cancel, nil
	case busy || len(f.fields) == 0:
		return Handled, nil
	case key.Matches(msg, k.Save):
		return Submit, nil
	case key.Matches(msg, k.Submit):
		if k.Advance && f.focus < len(f.fields)-1 {
			return Handled, f.FocusAt(f.focus + 1)
		}
		return Submit, nil
	case key.Matches(msg, k.Next):
		return Handled, f.FocusAt(f.focus + 1)
	case key.Matches(msg, k.Prev):
		return Handled, f.FocusAt(f.focus - 1)
	case f.Typing():
		return Handled, f.Focused().Edit(msg)
	case key.Matches(msg, k.Left):
		f.Focused().Step(-1)
	case key.Matches(msg, k.Right, k.Toggle):
		f.Focused().Step(1)
	}
	return Handled, nil
}

// Paste types a paste into the focused text field (not while busy).
func (f *Form) Paste(msg tea.PasteMsg, busy bool) tea.Cmd {
	if busy || !f.Typing() {
		return nil
	}
	return f.Focused().Edit(msg)
}
