package form

import (
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
)

// Field is one row of a form that can take the focus. A text field
// (Typing) takes every printable key and paste while focused; the others
// are stepped with the choice keys.
type Field interface {
	Focus() tea.Cmd
	Blur()
	// Typing reports whether the field takes typed keys and pastes.
	Typing() bool
	// Edit takes a key or paste while the field has the focus (only
	// called when Typing).
	Edit(msg tea.Msg) tea.Cmd
	// Step chooses the previous (-1) or next (+1) value (the toggle key
	// steps +1).
	Step(delta int)
}

// Fixed is embedded by fields that take no typing: they only Step.
type Fixed struct{}

// Focus does nothing: a fixed field has no cursor.
func (Fixed) Focus() tea.Cmd { return nil }

// Blur does nothing.
func (Fixed) Blur() {}

// Typing is false: keys go to the form, not the field.
func (Fixed) Typing() bool { return false }

// Edit does nothing.
func (Fixed) Edit(tea.Msg) tea.Cmd { return nil }

// Text is a text field: a bubbles textinput with no prompt (the label
// says what it is) and the shared input styles. OnEdit, when set, runs
// after every key or paste it takes, told whether the value changed.
type Text struct {
	textinput.Model
	OnEdit func(changed bool)
}

// NewText is an empty text field showing placeholder.
func NewText(st *common.Styles, placeholder string) *Text {
	in := textinput.New()
	in.Prompt = ""
	in.Placeholder = placeholder
	in.SetStyles(st.Input)
	return &Text{Model: in}
}

// Set replaces the value and puts the cursor at its end.
func (t *Text) Set(value string) {
	t.SetValue(value)
	t.CursorEnd()
}

// Trimmed is the value without surrounding spaces.
func (t *Text) Trimmed() string { return strings.TrimSpace(t.Value()) }

// Typing is true: a text field takes the keys.
func (t *Text) Typing() bool { return true }

// Edit types msg into the field.
func (t *Text) Edit(msg tea.Msg) tea.Cmd {
	before := t.Value()
	var cmd tea.Cmd
	t.Model, cmd = t.Model.Update(msg)
	if t.OnEdit != nil {
		t.OnEdit(t.Value() != before)
	}
	return cmd
}

// Step does nothing: a text field has no choices.
func (t *Text) Step(int) {}

// Choice is one of fixed values, stepped round with the choice keys.
type Choice struct {
	Fixed
	Options []string
	Index   int
}

// Step chooses the previous or next option, wrapping around.
func (c *Choice) Step(delta int) {
	n := len(c.Options)
	c.Index = ((c.Index+delta)%n + n) % n
}

// Value is the chosen option.
func (c *Choice) Value() string { return c.Options[c.Index] }

// Toggle is an on/off field; either choice key or the toggle key flips
// it.
type Toggle struct {
	Fixed
	On bool
}

// Step flips the toggle.
func (t *Toggle) Step(int) { t.On = !t.On }
