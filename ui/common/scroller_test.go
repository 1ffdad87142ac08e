package common

import (
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/keymap"
)

func TestScrollerKeepsTheCursorInView(t *testing.T) {
	var s Scroller
	s.MoveTo(25, 30, 10)
	if s.Cursor != 25 || s.Offset != 16 {
		t.Fatalf("MoveTo(25): cursor %d offset %d, want 25 and 16", s.Cursor, s.Offset)
	}
	s.MoveTo(99, 30, 10)
	if s.Cursor != 29 || s.Offset != 20 {
		t.Fatalf("MoveTo past the end: cursor %d offset %d, want 29 and 20", s.Cursor, s.Offset)
	}
	s.MoveTo(-5, 30, 10)
	if s.Cursor != 0 || s.Offset != 0 {
		t.Fatalf("MoveTo before the start: cursor %d offset %d, want 0 and 0", s.Cursor, s.Offset)
	}
	s.MoveTo(3, 0, 10)
	if s.Cursor != 0 || s.Offset != 0 {
		t.Fatalf("an empty list: cursor %d offset %d, want 0 and 0", s.Cursor, s.Offset)
	}
}

func TestScrollerWheelDragsTheCursor(t *testing.T) {
	var s Scroller
	s.Scroll(6, 30, 10)
	if s.Offset != 6 || s.Cursor != 6 {
		t.Fatalf("wheel down: cursor %d offset %d, want 6 and 6", s.Cursor, s.Offset)
	}
	s.Cursor = 15
	s.Scroll(-6, 30, 10)
	if s.Offset != 0 || s.Cursor != 9 {
		t.Fatalf("wheel up: cursor %d offset %d, want 9 and 0", s.Cursor, s.Offset)
	}
	s.Scroll(100, 30, 10)
	if s.Offset != 20 || s.Cursor != 20 {
		t.Fatalf("wheel past the end: cursor %d offset %d, want 20 and 20", s.Cursor, s.Offset)
	}
}

func TestScrollerWindowAndClicks(t *testing.T) {
	s := Scroller{Cursor: 22, Offset: 20}
	if a, b := s.Visible(25, 10); a != 20 || b != 25 {
		t.Fatalf("Visible: %d..%d, want 20..25", a, b)
	}
	if i, ok := s.At(3, 25, 10); !ok || i != 23 {
		t.Fatalf("At(3): %d %v, want 23 true", i, ok)
	}
	for _, row := range []int{-1, 5, 10} {
		if i, ok := s.At(row, 25, 10); ok {
			t.Fatalf("At(%d) = %d, want no row", row, i)
		}
	}
	got := PadRows([]string{"a", "b"}, 4, 3)
	if len(got) != 4 || got[1] != "b" || got[3] != "   " {
		t.Fatalf("PadRows: %q", got)
	}
	if got := PadRows([]string{"a", "b", "c"}, 2, 1); len(got) != 2 {
		t.Fatalf("PadRows cut: %q", got)
	}
}

func TestScrollerTargets(t *testing.T) {
	k := keymap.Default().Pane
	moves := MoveKeys{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown, Top: k.Top}
	s := Scroller{Cursor: 20}
	for _, c := range []struct {
		key  tea.KeyPressMsg
		want int
	}{
		{tea.KeyPressMsg{Code: tea.KeyUp}, 19},
		{tea.KeyPressMsg{Code: 'j', Text: "j"}, 21},
		{tea.KeyPressMsg{Code: tea.KeyPgUp}, 11},
		{tea.KeyPressMsg{Code: tea.KeyPgDown}, 29},
		{tea.KeyPressMsg{Code: 'g', Text: "g"}, 0},
	} {
		if got, ok := s.Target(c.key, moves, 10); !ok || got != c.want {
			t.Fatalf("%s: %d %v, want %d", c.key, got, ok, c.want)
		}
	}
	if _, ok := s.Target(tea.KeyPressMsg{Code: 'x', Text: "x"}, moves, 10); ok {
		t.Fatal("x moved the cursor")
	}
}
