package keymap_test

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/ferry-s3/ferry/keymap"
)

func TestCompareKeysDefaultsOverridesAndClashes(t *testing.T) {
	km := keymap.Default()
	ck := km.Compare
	for _, c := range []struct {
		key string
		b   key.Binding
	}{{"=", ck.Toggle}, {"f", ck.OnlyDiffs}, {">", ck.CopyRight}, {"<", ck.CopyLeft}, {"d", ck.Delete}} {
		if !key.Matches(press(c.key), c.b) {
			t.Errorf("%q does not trigger %v", c.key, c.b.Help())
		}
	}
	if err := km.Apply(map[string][]string{"pane.compare": {"ctrl+e"}, "pane.compare_only_diffs": {"%"},
		"compare.delete": {"x"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(press("%"), km.Compare.OnlyDiffs) || key.Matches(press("="), km.Compare.Toggle) ||
		km.Compare.Toggle.Help().Key != "ctrl+e" || !key.Matches(press("x"), km.Compare.Delete) {
		t.Fatalf("overrides not applied: %v %v", km.Compare.Toggle.Keys(), km.Compare.OnlyDiffs.Keys())
	}
	err := km.Apply(map[string][]string{"pane.compare_copy_right": {"c"}})
	if err == nil || !strings.Contains(err.Error(), "pane.copy") {
		t.Fatalf("a clash with the copy key: %v", err)
	}
	err = km.Apply(map[string][]string{"compare.delete": {"y"}})
	if err == nil || !strings.Contains(err.Error(), "dialog.confirm") {
		t.Fatalf("a clash with the dialog's yes: %v", err)
	}
}
