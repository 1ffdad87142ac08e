package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/dropped"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// handlePaste gives a paste to whatever is typing (a dialog's input or
// the focused pane's filter); otherwise it may be a drag-and-drop of
// files, which terminals deliver as a paste of their paths.
func (m *Model) handlePaste(msg tea.PasteMsg) tea.Cmd {
	if d := m.dialogs.Top(); d != nil {
		if in, ok := d.(common.TextInput); ok && in.Capturing() {
			return d.Update(msg)
		}
		return nil
	}
	if m.Focused().Capturing() {
		return m.Focused().Update(msg)
	}
	return m.handleDrop(msg.Content)
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
