package common

import (
	"time"

	"charm.land/bubbles/v2/help"
	tea "charm.land/bubbletea/v2"
)

// Component is the small interface every child of the root satisfies:
// panes, dialogs, and later the transfer list. Components are pointers
// updated in place; they never do IO in Update or View, only in the
// tea.Cmds they return.
type Component interface {
	Update(msg tea.Msg) tea.Cmd
	View() string
	// SetSize gives the component its outer size; it renders exactly that.
	SetSize(width, height int)
	help.KeyMap
}

// TextInput is implemented by components that can be typing into a text
// field. While Capturing is true the root sends them every key (except
// force-quit) and every paste, instead of handling global keys itself.
type TextInput interface {
	Capturing() bool
}

// OpenDialogMsg asks the root to push a modal dialog on its stack.
type OpenDialogMsg struct{ Dialog Component }

// CloseDialogMsg asks the root to close Dialog, wherever it is in the
// stack (nothing happens when it is closed already). A dialog names
// itself rather than asking for "the top one": tea.Batch delivers its
// messages in any order, and a close arriving after the next dialog's
// open would take that one down.
type CloseDialogMsg struct{ Dialog Component }

// OpenDialog is a command that opens d as a modal dialog.
func OpenDialog(d Component) tea.Cmd {
	return func() tea.Msg { return OpenDialogMsg{Dialog: d} }
}

// CloseDialogOf is a command that closes dialog d (see CloseDialogMsg).
func CloseDialogOf(d Component) tea.Cmd {
	return func() tea.Msg { return CloseDialogMsg{Dialog: d} }
}

// Level is the severity of a status message.
type Level int

// Status message levels.
const (
	LevelInfo Level = iota
	LevelSuccess
	LevelWarn
	LevelError
)

// StatusMsg shows a transient message in the status bar for For (a
// default duration when zero).
type StatusMsg struct {
	Text  string
	Level Level
	For   time.Duration
}

// Status is a command that shows a transient status message.
func Status(level Level, text string) tea.Cmd {
	return func() tea.Msg { return StatusMsg{Text: text, Level: level} }
}

// SlotMsg sets the text of a named slot on the right of the status bar
// (e.g. "transfers" → "2 running, 45%"); empty Text removes the slot.
// Slots are shown in the order they were first set.
type SlotMsg struct {
	Name string
	Text string
}

// Clickable is implemented by dialogs with buttons: the root hands them
// left clicks at (x, y) relative to the dialog's top-left corner (its
// border included), and they press the button there, if any.
type Clickable interface {
	Click(x, y int) tea.Cmd
}

// ClipboardMsg asks the root to put Text on the clipboard through the
// terminal (OSC 52, tea.SetClipboard). Components send it rather than
// tea.SetClipboard itself, whose message type is Bubble Tea's own: this
// one a test can read.
type ClipboardMsg struct{ Text string }
