package keymap_test

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/keymap"
)

func press(s string) tea.KeyPressMsg {
	switch s {
	case "up":
		return tea.KeyPressMsg{Code: tea.KeyUp}
	case "ctrl+p":
		return tea.KeyPressMsg{Code: 'p', Mod: tea.ModCtrl}
	}
	r := []rune(s)[0]
	return tea.KeyPressMsg{Code: r, Text: s}
}

func TestDefaultsServeArrowAndVimUsers(t *testing.T) {
	km := keymap.Default()
	for _, c := range []struct {
		key string
		b   key.Binding
	}{{"up", km.Pane.Up}, {"k", km.Pane.Up}, {"j", km.Pane.Down}, {"G", km.Pane.Bottom}, {"g", km.Pane.Top}, {"l", km.Pane.Open}, {"h", km.Pane.Parent}} {
		if !key.Matches(press(c.key), c.b) {
			t.Errorf("%q does not trigger %v", c.key, c.b.Help())
		}
	}
	if err := km.Apply(nil); err != nil {
		t.Fatalf("defaults clash: %v", err)
	}
}

func TestOverrideReplacesKeysAndHelp(t *testing.T) {
	km := keymap.Default()
	err := km.Apply(map[string][]string{"pane.up": {"ctrl+p", "up"}, "pane.info": {}})
	if err != nil {
		t.Fatal(err)
	}
	if !key.Matches(press("ctrl+p"), km.Pane.Up) || key.Matches(press("k"), km.Pane.Up) {
		t.Fatalf("pane.up keys = %v", km.Pane.Up.Keys())
	}
	if h := km.Pane.Up.Help(); h.Key != "ctrl+p/↑" || h.Desc != "up" {
		t.Fatalf("help = %+v", h)
	}
	if km.Pane.Info.Enabled() || key.Matches(press("i"), km.Pane.Info) {
		t.Fatal("an empty list should unbind pane.info")
	}
}

func TestUnknownActionIsAnErrorNamingKnownOnes(t *testing.T) {
	km := keymap.Default()
	err := km.Apply(map[string][]string{"pane.upp": {"x"}})
	var ke *keymap.Error
	if err == nil || !strings.Contains(err.Error(), `unknown action "pane.upp"`) || !strings.Contains(err.Error(), "pane.mark_all") {
		t.Fatalf("err = %v", err)
	}
	if !asError(err, &ke) || ke.Action != "pane.upp" {
		t.Fatalf("err is not a *keymap.Error naming the action: %#v", err)
	}
	if err := km.Apply(map[string][]string{"nope": {"x"}}); err == nil || !strings.Contains(err.Error(), "global., pane.") {
		t.Fatalf("err = %v", err)
	}
}

func TestClashWithinAContextIsAnErrorAndChangesNothing(t *testing.T) {
	km := keymap.Default()
	err := km.Apply(map[string][]string{"pane.info": {"j"}})
	if err == nil || !strings.Contains(err.Error(), `"j" is bound to both`) {
		t.Fatalf("err = %v", err)
	}
	if !key.Matches(press("i"), km.Pane.Info) || !key.Matches(press("j"), km.Pane.Down) {
		t.Fatal("a failed Apply must leave the keymap unchanged")
	}
	// A global key shadows pane keys, so that is a clash too.
	if err := km.Apply(map[string][]string{"global.quit": {"j"}}); err == nil {
		t.Fatal("global.quit on j should clash with pane.down")
	}
	// Different contexts may share keys: dialogs and panes both use enter.
	if err := km.Apply(map[string][]string{"dialog.confirm": {"y", "i"}}); err != nil {
		t.Fatalf("dialog and pane keys may overlap: %v", err)
	}
	// Moving a key away and reusing it in one Apply is fine.
	if err := km.Apply(map[string][]string{"pane.info": {"j"}, "pane.down": {"down", "x"}}); err != nil {
		t.Fatalf("swap: %v", err)
	}
}

func TestBadKeyNameIsAnError(t *testing.T) {
	km := keymap.Default()
	if err := km.Apply(map[string][]string{"pane.mark": {"ctrl c"}}); err == nil || !strings.Contains(err.Error(), "not a key name") {
		t.Fatalf("err = %v", err)
	}
}

func asError(err error, target **keymap.Error) bool {
	e, ok := err.(*keymap.Error)
	*target = e
	return ok
}
