package keymap_test

import (
	"slices"
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/keymap"
)

func TestTransferKeysDefaultsAndCopyOnF5(t *testing.T) {
	km := keymap.Default()
	tk := km.Transfers
	f5 := tea.KeyPressMsg{Code: tea.KeyF5}
	for _, c := range []struct {
		msg tea.KeyPressMsg
		b   key.Binding
	}{{press("c"), tk.Copy}, {f5, tk.Copy}, {press("t"), tk.Toggle}, {press("P"), tk.PauseAll},
		{press("p"), tk.Pause}, {press("x"), tk.Cancel}, {press("d"), tk.Cancel}, {press("R"), tk.Retry},
		{press("C"), tk.Clear}, {press("j"), tk.Down}} {
		if !key.Matches(c.msg, c.b) {
			t.Errorf("%q does not trigger %v", c.msg.String(), c.b.Help())
		}
	}
}

func TestTransferActionsAreListedOnceAndRebindable(t *testing.T) {
	km := keymap.Default()
	names := km.Actions()
	for _, want := range []string{"pane.copy", "global.toggle_transfers", "global.pause_all", "transfers.pause",
		"transfers.retry", "transfers.keep_both"} {
		if !slices.Contains(names, want) {
			t.Errorf("actions lack %s", want)
		}
	}
	if !slices.IsSorted(names) || len(slices.Compact(slices.Clone(names))) != len(names) {
		t.Fatalf("actions are not sorted and unique: %v", names)
	}
	if err := km.Apply(map[string][]string{"transfers.pause": {"space"}, "pane.copy": {"f5"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(tea.KeyPressMsg{Code: tea.KeySpace, Text: " "}, km.Transfers.Pause) || key.Matches(press("c"), km.Transfers.Copy) {
		t.Fatalf("overrides not applied: pause=%v copy=%v", km.Transfers.Pause.Keys(), km.Transfers.Copy.Keys())
	}
}

func TestTransferKeyClashesAreCheckedPerContext(t *testing.T) {
	for _, c := range []struct {
		override map[string][]string
		clash    bool
	}{
		{map[string][]string{"pane.copy": {"j"}}, true},               // pane.down
		{map[string][]string{"transfers.pause": {"q"}}, true},         // global.quit, live in the transfers pane
		{map[string][]string{"transfers.pause": {"P"}}, true},         // global.pause_all
		{map[string][]string{"transfers.skip": {"y"}}, true},          // dialog.confirm in the conflict dialog
		{map[string][]string{"transfers.clear": {"o"}}, false},        // pane.sort_next is not live in the transfers pane
		{map[string][]string{"global.toggle_transfers": {"r"}}, true}, // pane.refresh
	} {
		km := keymap.Default()
		err := km.Apply(c.override)
		if (err != nil) != c.clash {
			t.Errorf("%v: err = %v, want clash %v", c.override, err, c.clash)
		}
		if err != nil && !strings.Contains(err.Error(), "is bound to both") {
			t.Errorf("%v: err = %v", c.override, err)
		}
	}
}
