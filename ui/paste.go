package ui

import (
	"fmt"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/dropped"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// handlePaste gives a paste to whatever is typing (a dialog's input or
// the focused pane's filter); otherwise it may be a drag-and-drop of
// files, which terminals deliver as a paste of their paths. While the
// window is too small to draw in, pastes are ignored as keys are.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if m.tooSmall() {
		return nil // like keys: nothing on screen to paste into or answer
	}
	if d := m.dialogs.Top(); d != nil {
		if in, ok := d.(common.TextInput); ok && in.Capturing() {
			return m.pasteInto(d, msg)
		}
		return nil
	}
	if m.Focused().Capturing() {
		return m.pasteInto(m.Focused(), msg)
	}
	return m.handleDrop(msg.Content)
}

// maxFieldPaste bounds what one paste can put in a text field. No field
// takes more than an S3 key (1,024 bytes) or a metadata value, and a
// field holding a MiB of pasted garbage makes every redraw slow.
const maxFieldPaste = 4 << 10

// pasteInto gives a paste to a text field, cut to maxFieldPaste (at a
// rune boundary) with a word to the user when it was longer.
func (m *Model) pasteInto(c common.Component, msg tea.PasteMsg) tea.Cmd {
	if len(msg.Content) <= maxFieldPaste {
		return c.Update(msg)
	}
	cut := maxFieldPaste
	for cut > 0 && !utf8.RuneStart(msg.Content[cut]) {
		cut--
	}
	full := len(msg.Content)
	msg.Content = msg.Content[:cut]
	return tea.Batch(c.Update(msg), common.Status(common.LevelWarn,
		fmt.Sprintf("pasted text cut to its first %s of %s: no field takes more", common.HumanSize(int64(cut)), common.HumanSize(int64(full)))))
}

// handleDrop is the drag-and-drop hook. When Options.OnDrop is set (the
// upload queue sets it), the paste is parsed as paths off the UI thread
// (parsing stats each path) and a DropMsg with the target S3 location is
// handed to OnDrop. Text that is not a list of paths is ignored.
func (m *Model) handleDrop(text string) tea.Cmd {
	if m.onDrop == nil {
		return nil
	}
	target := m.dropTarget()
	return func() tea.Msg {
		paths, ok := dropped.Parse(text)
		if !ok || len(paths) == 0 {
			return nil
		}
		return DropMsg{Paths: paths, Target: target}
	}
}

// dropTarget is the focused pane's location if it is in S3, else the
// first S3 pane's, else nil.
func (m *Model) dropTarget() source.Source {
	if src := m.Focused().Source(); src.Kind() == source.KindS3 {
		return src
	}
	for _, p := range m.panes {
		if p.Source().Kind() == source.KindS3 {
			return p.Source()
		}
	}
	return nil
}
