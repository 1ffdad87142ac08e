package common

import (
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"
)

type stubDialog struct{ name string }

func (stubDialog) Update(tea.Msg) tea.Cmd    { return nil }
func (stubDialog) View() string              { return "" }
func (stubDialog) SetSize(int, int)          {}
func (stubDialog) ShortHelp() []key.Binding  { return nil }
func (stubDialog) FullHelp() [][]key.Binding { return nil }

// A dialog's late result finds it only while it is open, and closing it
// twice closes it once.
func TestOpenSetDropsWhatHasClosed(t *testing.T) {
	var s OpenSet[stubDialog]
	a, b := s.NewID(), s.NewID()
	if a == b {
		t.Fatal("two dialogs got one id")
	}
	if msg := s.Show(a, stubDialog{"a"})(); msg == nil {
		t.Fatal("Show opened nothing")
	}
	if _, ok := s.Get(b); ok {
		t.Fatal("an id reserved but never shown is open")
	}
	if d, ok := s.Get(a); !ok || d.name != "a" || s.Len() != 1 {
		t.Fatalf("Get(a) = %v %v, %d open", d, ok, s.Len())
	}
	closeCmd := s.Close(a)
	if closeCmd == nil {
		t.Fatal("closing an open dialog gave no command")
	}
	if m, ok := closeCmd().(CloseDialogMsg); !ok || m.Dialog.(stubDialog).name != "a" {
		t.Fatalf("close message %#v", closeCmd())
	}
	if _, ok := s.Get(a); ok || s.Close(a) != nil || s.Len() != 0 {
		t.Fatal("a closed dialog is still found, or closes again")
	}
}
