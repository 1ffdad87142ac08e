package keymap_test

import (
	"strings"
	"testing"

	"charm.land/bubbles/v2/key"

	"github.com/ferry-s3/ferry/keymap"
)

func TestShareKeysAreRebindableAndClashChecked(t *testing.T) {
	km := keymap.Default()
	if !key.Matches(press("s"), km.Share.Share) || !key.Matches(press("S"), km.Share.UploadLink) || !key.Matches(press("L"), km.Share.Links) {
		t.Fatal("default share keys are s, S and L")
	}
	if err := km.Apply(map[string][]string{"pane.share": {"y"}, "share.qr": {"ctrl+g"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(press("y"), km.Share.Share) || key.Matches(press("s"), km.Share.Share) {
		t.Fatalf("pane.share keys = %v", km.Share.Share.Keys())
	}
	// s clashes with a pane key, and tab with another share-dialog key.
	for action, keys := range map[string][]string{"pane.links": {"i"}, "share.toggle": {"tab"}} {
		km := keymap.Default()
		err := km.Apply(map[string][]string{action: keys})
		if err == nil || !strings.Contains(err.Error(), "bound to both") {
			t.Errorf("%s = %v: want a clash, got %v", action, keys, err)
		}
	}
	// Share-dialog keys may reuse pane keys: they are never live together.
	km = keymap.Default()
	if err := km.Apply(map[string][]string{"share.toggle": {"i"}}); err != nil {
		t.Fatalf("share.toggle = i: %v", err)
	}
}

func TestShareActionsAreListed(t *testing.T) {
	km := keymap.Default()
	all := strings.Join(km.Actions(), " ")
	for _, a := range []string{"pane.share", "pane.upload_link", "pane.links", "share.copy", "share.qr", "share.toggle"} {
		if !strings.Contains(all, a) {
			t.Errorf("Actions() lacks %s", a)
		}
	}
}

func TestLinksViewKeysAreRebindableAndClashWithTheDialogKeysTheyLiveWith(t *testing.T) {
	km := keymap.Default()
	if !key.Matches(press("d"), km.Share.DeletePage) || !key.Matches(press("X"), km.Share.CleanUp) || !key.Matches(press("o"), km.Share.OpenPage) {
		t.Fatal("default links view keys are d, X and o")
	}
	if err := km.Apply(map[string][]string{"links.delete": {"ctrl+d"}, "links.clean_up": {"C"}}); err != nil {
		t.Fatal(err)
	}
	if !key.Matches(press("C"), km.Share.CleanUp) || key.Matches(press("X"), km.Share.CleanUp) {
		t.Fatalf("links.clean_up keys = %v", km.Share.CleanUp.Keys())
	}
	km = keymap.Default()
	if err := km.Apply(map[string][]string{"links.open": {"j"}}); err == nil || !strings.Contains(err.Error(), "bound to both") {
		t.Fatalf("links.open = j (dialog.down): want a clash, got %v", err)
	}
	all := strings.Join(km.Actions(), " ")
	for _, a := range []string{"links.delete", "links.clean_up", "links.open"} {
		if !strings.Contains(all, a) {
			t.Errorf("Actions() lacks %s", a)
		}
	}
}
