package keymap_test

import (
	"slices"
	"testing"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/keymap"
)

func TestOperationKeysDefaultsIncludeFunctionKeys(t *testing.T) {
	o := keymap.Default().Ops
	for _, c := range []struct {
		msg tea.KeyPressMsg
		b   key.Binding
	}{{press("d"), o.Delete}, {tea.KeyPressMsg{Code: tea.KeyF8}, o.Delete}, {press("R"), o.Move},
		{tea.KeyPressMsg{Code: tea.KeyF6}, o.Move}, {press("n"), o.Mkdir}, {tea.KeyPressMsg{Code: tea.KeyF7}, o.Mkdir},
		{press("e"), o.EditMeta}, {press("v"), o.Versions}, {press("p"), o.Preview}, {press("J"), o.PreviewDown},
		{press("w"), o.SwitchKind}, {press("n"), o.NewBucket}, {press("d"), o.DeleteBucket},
		{tea.KeyPressMsg{Code: 's', Mod: tea.ModCtrl}, o.FormSave}, {press("r"), o.VersionRestore}} {
		if !key.Matches(c.msg, c.b) {
			t.Errorf("%q does not trigger %q", c.msg.String(), c.b.Help().Desc)
		}
	}
}

func TestOperationActionsAreRebindable(t *testing.T) {
	km := keymap.Default()
	names := km.Actions()
	for _, want := range []string{"pane.delete", "pane.move", "pane.mkdir", "pane.preview", "pane.versions",
		"pane.edit_meta", "pane.switch_kind", "pane.new_bucket", "pane.delete_bucket", "form.save", "versions.share"} {
		if !slices.Contains(names, want) {
			t.Errorf("actions lack %s", want)
		}
	}
	if err := km.Apply(map[string][]string{"pane.delete": {"x", "delete"}, "pane.switch_kind": {"ctrl+t"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(press("x"), km.Ops.Delete) || key.Matches(press("d"), km.Ops.Delete) {
		t.Fatalf("pane.delete not rebound: %v", km.Ops.Delete.Keys())
	}
}

func TestOperationKeyClashesAreCheckedWhereTheKeysAreLive(t *testing.T) {
	for _, c := range []struct {
		override map[string][]string
		clash    bool
	}{
		{map[string][]string{"pane.delete": {"j"}}, true},           // pane.down
		{map[string][]string{"pane.mkdir": {"c"}}, true},            // pane.copy
		{map[string][]string{"pane.new_bucket": {"j"}}, true},       // pane.down, live in the bucket list too
		{map[string][]string{"pane.new_bucket": {"R"}}, false},      // pane.move is not live in the bucket list
		{map[string][]string{"pane.delete_bucket": {"e"}}, false},   // nor is pane.edit_meta
		{map[string][]string{"pane.delete_bucket": {"s"}}, true},    // pane.share is
		{map[string][]string{"form.save": {"enter"}}, true},         // form.submit
		{map[string][]string{"versions.download": {"y"}}, true},     // dialog.confirm in the versions dialog
		{map[string][]string{"versions.download": {"enter"}}, true}, // dialog.select
		{map[string][]string{"versions.share": {"S"}}, false},
	} {
		km := keymap.Default()
		err := km.Apply(c.override)
		if (err != nil) != c.clash {
			t.Errorf("%v: err = %v, want clash %v", c.override, err, c.clash)
		}
	}
}
