package form_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// named are the keys the tests press that type no text.
var named = map[string]tea.KeyPressMsg{
	"enter": {Code: tea.KeyEnter}, "esc": {Code: tea.KeyEscape}, "tab": {Code: tea.KeyTab},
	"shift+tab": {Code: tea.KeyTab, Mod: tea.ModShift}, "left": {Code: tea.KeyLeft}, "right": {Code: tea.KeyRight},
	"space": {Code: tea.KeySpace, Text: " "}, "ctrl+s": {Code: 's', Mod: tea.ModCtrl},
}

// press is the key press of a key name, or of the character s.
func press(s string) tea.KeyPressMsg {
	if k, ok := named[s]; ok {
		return k
	}
	return tea.KeyPressMsg{Code: []rune(s)[0], Text: s}
}

// typeIn sends each rune of s as a key press.
func typeIn(f *form.Form, k form.Keys, s string) {
	for _, r := range s {
		f.Key(press(string(r)), k, false)
	}
}

func opsKeys() form.Keys {
	km := keymap.Default()
	return form.OpsKeys(&km.Ops)
}

func shareKeys() form.Keys {
	km := keymap.Default()
	return form.ShareKeys(&km.Share)
}

func TestEnterMovesOnAndSubmitsOnTheLastFieldWithFormKeys(t *testing.T) {
	st := common.DefaultStyles(true)
	name, region := form.NewText(st, ""), &form.Choice{Options: []string{"eu", "us"}}
	var f form.Form
	f.SetFields(name, region)
	f.FocusAt(0)
	k := opsKeys()
	typeIn(&f, k, "logs")
	if out, _ := f.Key(press("enter"), k, false); out != form.Handled || f.Focused() != region {
		t.Fatalf("enter on the first field: outcome %v, focus %v; want it to move to the region", out, f.Index())
	}
	f.Key(press("right"), k, false)
	if out, _ := f.Key(press("enter"), k, false); out != form.Submit {
		t.Fatalf("enter on the last field gave %v, want Submit", out)
	}
	if name.Value() != "logs" || region.Value() != "us" {
		t.Errorf("values %q %q, want logs us", name.Value(), region.Value())
	}
	f.FocusAt(0)
	if out, _ := f.Key(press("ctrl+s"), k, false); out != form.Submit {
		t.Errorf("save from the first field gave %v, want Submit", out)
	}
}

func TestShareKeysSubmitFromAnyFieldAndStepChoicesAndToggles(t *testing.T) {
	st := common.DefaultStyles(true)
	expiry := &form.Choice{Options: []string{"1h", "1d", "7d"}}
	attachment := &form.Toggle{}
	custom := form.NewText(st, "")
	var f form.Form
	f.SetFields(expiry, custom, attachment)
	k := shareKeys()
	f.Key(press("left"), k, false)
	if expiry.Value() != "7d" {
		t.Errorf("left on the first option chose %q, want it to wrap to 7d", expiry.Value())
	}
	f.Key(press("shift+tab"), k, false)
	if f.Focused() != attachment {
		t.Fatal("shift+tab on the first row should wrap to the last")
	}
	f.Key(press("space"), k, false)
	if !attachment.On {
		t.Error("space should flip the toggle")
	}
	if out, _ := f.Key(press("enter"), k, false); out != form.Submit {
		t.Errorf("enter gave %v, want Submit from any row", out)
	}
	f.Key(press("tab"), k, false)
	f.Key(press("tab"), k, false)
	if !f.Typing() {
		t.Fatal("the custom field should take typed keys")
	}
	typeIn(&f, k, "q 3d")
	if custom.Value() != "q 3d" {
		t.Errorf("typed %q: keys that are bindings elsewhere must go into a text field", custom.Value())
	}
}

func TestBusyFormTakesOnlyCancelAndStaysOpen(t *testing.T) {
	st := common.DefaultStyles(true)
	name := form.NewText(st, "")
	var f form.Form
	f.SetFields(name)
	f.FocusAt(0)
	k := opsKeys()
	for _, s := range []string{"a", "enter", "tab"} {
		if out, _ := f.Key(press(s), k, true); out != form.Handled {
			t.Errorf("%s while busy gave %v", s, out)
		}
	}
	f.Paste(tea.PasteMsg{Content: "pasted"}, true)
	if name.Value() != "" {
		t.Errorf("a busy form took %q", name.Value())
	}
	if out, _ := f.Key(press("esc"), k, true); out != form.Cancel {
		t.Errorf("esc while busy gave %v, want Cancel", out)
	}
	// An error from the work leaves the form as it was: the dialog shows
	// it and the user corrects the field.
	f.Paste(tea.PasteMsg{Content: "photos"}, false)
	typeIn(&f, k, "!")
	if name.Value() != "photos!" || f.Focused() != name {
		t.Errorf("after the error the field holds %q", name.Value())
	}
}

// stars is a custom field: a rating stepped with the choice keys.
type stars struct {
	form.Fixed
	n int
}

func (s *stars) Step(delta int) { s.n = min(5, max(0, s.n+delta)) }

func TestCustomFieldsTakeTheChoiceKeysAndKeepFocusWhenRowsChange(t *testing.T) {
	st := common.DefaultStyles(true)
	rating, note := &stars{}, form.NewText(st, "")
	edits := 0
	note.OnEdit = func(changed bool) {
		if changed {
			edits++
		}
	}
	extra := &form.Toggle{}
	var f form.Form
	f.SetFields(note, rating)
	k := shareKeys()
	f.FocusOn(rating)
	f.Key(press("right"), k, false)
	f.Key(press("right"), k, false)
	f.Key(press("left"), k, false)
	if rating.n != 1 {
		t.Errorf("rating %d, want 1", rating.n)
	}
	f.SetFields(note, extra, rating) // a row appears above the focus
	if f.Focused() != rating || f.Typing() {
		t.Error("the focus should stay on the custom field when a row appears before it")
	}
	f.FocusOn(note)
	typeIn(&f, k, "ok")
	f.Key(press("left"), k, false) // moves the cursor: no change
	if edits != 2 {
		t.Errorf("OnEdit saw %d changes, want 2", edits)
	}
}

func TestLinesFitTheWidthAndMarkTheFocusedRow(t *testing.T) {
	st := common.DefaultStyles(true)
	l := &form.Lines{St: st, Inner: 40, LabelW: 10}
	l.Field("Name", true, "value")
	l.Field("Other", false, "x")
	l.Note(strings.Repeat("word ", 20), st.Hint)
	l.Hard(strings.Repeat("u", 100), st.DialogValue)
	for i, line := range l.Lines {
		if w := ansi.StringWidth(line); w > 40 {
			t.Errorf("line %d is %d wide: %q", i, w, line)
		}
	}
	if !strings.Contains(l.Lines[0], "› Name") || strings.Contains(l.Lines[1], "›") {
		t.Errorf("focus marks: %q / %q", l.Lines[0], l.Lines[1])
	}
	if l.ValueWidth() != 40-13-2 {
		t.Errorf("value width %d", l.ValueWidth())
	}
}
