package ui_test

import (
	"fmt"
	"image/color"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/common"
)

// TestLargePrefixListsEveryPage lists 2,500 keys (three ListObjectsV2
// pages) through the pane and checks they all arrive, in order.
func TestLargePrefixListsEveryPage(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("many")
	dir := filepath.Join(e.srv.Dir, "many", "p")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	for i := range 2500 {
		if err := os.WriteFile(filepath.Join(dir, fmt.Sprintf("k%05d", i)), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "many", Key: "p/"}}, 100, 30)
	h.wantPane(ui.RightPane, "2,500 items", "k00000")
	h.press("tab", "G")
	if h.current(ui.RightPane) != "k02499" {
		t.Fatalf("last entry %q", h.current(ui.RightPane))
	}
	h.press("pgup")
	if h.current(ui.RightPane) != "k02476" { // 24 rows on screen; a page keeps one row of context
		t.Fatalf("after pgup: %q", h.current(ui.RightPane))
	}
}

func TestStatusMessagesExpireOnTicks(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 100, 30)
	h.press("o")
	if !strings.Contains(h.m.StatusText(), "sorted by size") {
		t.Fatalf("status %q", h.m.StatusText())
	}
	h.send(ui.TickMsg{At: h.now.Add(time.Second)})
	if h.m.StatusText() == "" {
		t.Fatal("message gone too early")
	}
	h.send(ui.TickMsg{At: h.now.Add(5 * time.Second)})
	if h.m.StatusText() != "" {
		t.Fatalf("message %q should have expired", h.m.StatusText())
	}
	h.send(common.SlotMsg{Name: "transfers", Text: "2 running · 45%"})
	h.wantScreen("2 running · 45%")
	h.send(common.SlotMsg{Name: "transfers"})
	if strings.Contains(h.screen(), "45%") {
		t.Fatal("an empty slot text should remove the slot")
	}
}

func TestWarningIsShownAtStart(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{Warning: "--insecure: TLS certificates are NOT verified"}, 120, 30)
	h.wantScreen("--insecure: TLS certificates are NOT verified")
}

func TestPasteGoesToFilterWhileTypingAndToDropHookOtherwise(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	var drops []ui.DropMsg
	onDrop := func(d ui.DropMsg) tea.Cmd { drops = append(drops, d); return nil }
	h := e.start(ui.Options{OnDrop: onDrop, S3Start: s3ops.Location{Bucket: "photos"}}, 120, 30)
	h.press("/")
	h.send(tea.PasteMsg{Content: "alp"})
	if got := h.m.Pane(ui.LeftPane).FilterText(); got != "alp" {
		t.Fatalf("filter after paste = %q", got)
	}
	h.press("esc")
	a, b := filepath.Join(e.local, "alpha.txt"), filepath.Join(e.local, "beta.bin")
	h.send(tea.PasteMsg{Content: a + "\n" + b + "\n"})
	if len(drops) != 1 || len(drops[0].Paths) != 2 || drops[0].Paths[1].Path != b {
		t.Fatalf("drops = %+v", drops)
	}
	if drops[0].Target == nil || drops[0].Target.String() != "s3://photos/" {
		t.Fatalf("drop target = %v", drops[0].Target)
	}
	h.send(tea.PasteMsg{Content: "just some words, not paths"})
	if len(drops) != 1 {
		t.Fatal("ordinary text is not a drop")
	}
}

func TestLightTerminalGetsLightStyles(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 100, 30)
	dark := h.m.View().Content
	h.send(tea.BackgroundColorMsg{Color: color.White})
	if h.m.Context().Styles.Dark || h.m.View().Content == dark {
		t.Fatal("a white background should switch to the light styles")
	}
	h.send(tea.BackgroundColorMsg{Color: color.Black})
	if !h.m.Context().Styles.Dark {
		t.Fatal("a black background should switch back to dark styles")
	}
}

func TestConfirmDialogRoutesAnswers(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 100, 30)
	answered := ""
	yes := func() tea.Msg { answered = "yes"; return nil }
	no := func() tea.Msg { answered = "no"; return nil }
	open := func() {
		h.send(common.OpenDialogMsg{Dialog: newConfirm(h, yes, no)})
		h.wantScreen("Delete 3 objects?", "Yes", "No")
	}
	open()
	h.press("enter") // No is highlighted first
	if answered != "no" || h.m.Dialog() != nil {
		t.Fatalf("enter: answered %q, dialog %v", answered, h.m.Dialog())
	}
	open()
	h.press("tab", "enter")
	if answered != "yes" {
		t.Fatalf("tab then enter: %q", answered)
	}
	open()
	h.press("q") // closes the dialog, does not quit
	if h.quit || answered != "no" || h.m.Dialog() != nil {
		t.Fatalf("q in a dialog: quit=%v answered=%q", h.quit, answered)
	}
	open()
	h.press("y")
	if answered != "yes" {
		t.Fatalf("y: %q", answered)
	}
}
