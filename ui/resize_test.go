package ui_test

import (
	"math/rand/v2"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/common"
)

// sweepWidths and sweepHeights cross into every layout: below the
// minimum, at it and just above, where the pane columns drop out, the
// usual sizes and a huge window.
var (
	sweepWidths  = []int{1, 5, 20, 39, 40, 41, 47, 48, 60, 80, 120, 300}
	sweepHeights = []int{1, 3, 5, 9, 10, 11, 12, 15, 24, 120}
)

// quickSizes are a few sizes of each kind, for checks repeated per state.
var quickSizes = [][2]int{{1, 1}, {20, 5}, {39, 9}, {40, 10}, {41, 11}, {47, 12}, {48, 13}, {60, 12}, {80, 24},
	{300, 120}, {40, 120}, {300, 10}, {100, 9}, {39, 60}}

// sweep resizes the window through every sweep size and checks each
// frame fits, then goes back to w×h.
func (h *harness) sweep(state string, w, hgt int) {
	h.t.Helper()
	for _, sw := range sweepWidths {
		for _, sh := range sweepHeights {
			h.resizeAndCheck(state, sw, sh)
		}
	}
	h.resizeAndCheck(state, w, hgt)
}

// quickSweep is sweep through quickSizes.
func (h *harness) quickSweep(state string, w, hgt int) {
	h.t.Helper()
	for _, s := range quickSizes {
		h.resizeAndCheck(state, s[0], s[1])
	}
	h.resizeAndCheck(state, w, hgt)
}

func (h *harness) resizeAndCheck(state string, w, hgt int) {
	h.t.Helper()
	h.sendSafe(tea.WindowSizeMsg{Width: w, Height: hgt})
	h.wantFrame(w, hgt, state)
	h.wantDialogFits(w, hgt, state)
}

// wantDialogFits checks the open dialog, if any, fits the area the root
// gives dialogs (the window less a margin), so none is drawn cut. Below
// the minimum size there is no room for any and the message says so.
func (h *harness) wantDialogFits(w, hgt int, state string) {
	h.t.Helper()
	d := h.m.Dialog()
	if d == nil || w < ui.MinWidth || hgt < ui.MinHeight {
		return
	}
	var view string
	h.guard("dialog View", func() { view = d.View() })
	aw, ah := w-4, hgt-2
	if dw, dh := lipgloss.Width(view), lipgloss.Height(view); dw > aw || dh > ah {
		h.t.Fatalf("%s, at %d×%d: the %T dialog is %d×%d, more than its %d×%d:\n%s", state, w, hgt, d, dw, dh, aw, ah, ansi.Strip(view))
	}
}

// hostileEnv is a gateway with a bucket of odd keys and a local folder
// of odd names; "~" leads to the test binary's own home (see TestMain).
func hostileEnv(t *testing.T) *env {
	t.Helper()
	noNativeClipboard(t)
	e := fixtures(t)
	e.file("a-file-with-a-really-long-name-that-cannot-possibly-fit-anywhere-at-all.txt", "x")
	e.file("日本語のファイル名と長い説明がここに入ります.txt", "x")
	e.file("tab\tand\x1bescape.txt", "x")
	e.put("photos", "日本語/ファイル名がとても長いオブジェクトの名前です.txt", "x", "", nil)
	e.put("photos", "esc\x1b[2J\x07bell.txt", "x", "", nil)
	e.put("photos", strings.Repeat("deep/", 40)+"leaf.txt", "x", "", nil)
	return e
}

// noTrash fails the test if anything is deleted: these tests never answer
// a delete question.
func noTrash(t *testing.T) func(string) (localops.TrashedItem, error) {
	return func(p string) (localops.TrashedItem, error) {
		t.Errorf("something tried to trash %s", p)
		return localops.TrashedItem{}, nil
	}
}

// startHostile starts a model with a transfer engine, the S3 pane in
// photos, at 120×40.
func (e *env) startHostile(eng *transfer.Engine) *harness {
	return e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: "photos"},
		Trash: noTrash(e.t)}, 120, 40)
}

// TestEveryScreenFitsEveryWindowSize opens each screen ferry has (the
// panes, the filter, every dialog, the transfers pane) and resizes the
// window through 120 sizes from 1×1 to 300×120 with it open: every
// frame must be exactly the window's height, no line wider than it, and
// an open dialog must fit the area the root gives dialogs (not be cut).
func TestEveryScreenFitsEveryWindowSize(t *testing.T) {
	t.Parallel()
	e := hostileEnv(t)
	eng := e.engine(nil, transfer.Options{})
	confirm := func(h *harness) {
		h.sendSafe(common.OpenDialogMsg{Dialog: newConfirm(h, nil, nil)})
	}
	states := []struct {
		name, want string // want is on screen once the state is set up
		setup      func(h *harness)
	}{
		{"two panes", "alpha.txt", func(h *harness) {}},
		{"filter typing", "/a", func(h *harness) { h.press("/"); h.typeText("a") }},
		{"filter applied", "filter: zzz", func(h *harness) { h.press("/"); h.typeText("zzz"); h.press("enter") }},
		{"S3 info dialog", "Info: notes.txt", func(h *harness) { h.press("tab"); h.cursorTo(ui.RightPane, "notes.txt"); h.press("i") }},
		{"local info dialog", "Info: alpha.txt", func(h *harness) { h.cursorTo(ui.LeftPane, "alpha.txt"); h.press("i") }},
		{"help", "Keys", func(h *harness) { h.press("?") }},
		{"confirm", "Delete 3 objects?", confirm},
		{"share dialog", "Share s3://photos/notes.txt", func(h *harness) {
			h.press("tab")
			h.cursorTo(ui.RightPane, "notes.txt")
			h.press("s")
		}},
		{"share custom expiry", "[custom]", func(h *harness) {
			h.press("tab")
			h.cursorTo(ui.RightPane, "notes.txt")
			h.press("s", "tab")
			h.typeText("90m")
		}},
		{"share link made", "copied (OSC 52 only)", func(h *harness) {
			h.press("tab")
			h.cursorTo(ui.RightPane, "notes.txt")
			h.press("s", "enter")
		}},
		{"share QR", "notes.txt · ends", func(h *harness) {
			h.press("tab")
			h.cursorTo(ui.RightPane, "notes.txt")
			h.press("s", "ctrl+q", "enter")
		}},
		{"upload link", "Upload link into s3://photos/", func(h *harness) { h.press("tab", "S") }},
		{"links view", "Links made in this run", func(h *harness) { h.press("L") }},
		{"drop confirm", "Upload 2 items dropped here?", func(h *harness) {
			h.sendSafe(tea.PasteMsg{Content: e.local + "/alpha.txt\n" + e.local + "/beta.bin\n/nowhere/x\n"})
		}},
		{"transfers pane", "No transfers", func(h *harness) { h.press("t") }},
		{"rename form", "Rename or move alpha.txt", func(h *harness) { h.cursorTo(ui.LeftPane, "alpha.txt"); h.press("R") }},
		{"new folder form", "New folder in", func(h *harness) { h.press("n") }},
		{"delete question", "Delete alpha.txt?", func(h *harness) { h.cursorTo(ui.LeftPane, "alpha.txt"); h.press("d") }},
		{"S3 delete question", "Delete notes.txt?", func(h *harness) {
			h.press("tab")
			h.cursorTo(ui.RightPane, "notes.txt")
			h.press("d")
		}},
		{"metadata form", "Metadata of s3://photos/notes.txt", func(h *harness) {
			h.press("tab")
			h.cursorTo(ui.RightPane, "notes.txt")
			h.press("e")
		}},
		{"new bucket form", "New bucket", func(h *harness) { h.press("tab", "backspace", "n") }},
		{"copy question", "Upload alpha.txt?", func(h *harness) { h.cursorTo(ui.LeftPane, "alpha.txt"); h.press("c") }},
		{"preview column", "Preview: alpha.txt", func(h *harness) { h.cursorTo(ui.LeftPane, "alpha.txt"); h.press("p") }},
		{"preview, filter and transfers", "/日本", func(h *harness) {
			h.press("tab", "p", "t", "tab", "/")
			h.typeText("日本")
		}},
	}
	for _, s := range states {
		t.Run(strings.ReplaceAll(s.name, " ", "_"), func(t *testing.T) {
			h := e.startHostile(eng)
			h.t = t
			s.setup(h)
			h.wantScreen(s.want)
			h.wantFrame(120, 40, s.name)
			h.sweep(s.name, 120, 40)
		})
	}
}

// TestTooSmallTerminalSaysSoInWhatFits: below 40×10 the screen says the
// window is too small in the longest wording that fits; at 20×5 that is
// the size, the size needed and the quit key, all within the window.
func TestTooSmallTerminalSaysSoInWhatFits(t *testing.T) {
	t.Parallel()
	e := hostileEnv(t)
	h := e.startHostile(e.engine(nil, transfer.Options{}))
	for _, c := range []struct {
		w, h  int
		wants []string
	}{
		{20, 5, []string{"Too small: 20×5", "needs 40×10", "q quits"}},
		{39, 9, []string{"Terminal too small: 39×9.", "ferry needs at least 40×10.", "Enlarge the window, or press q to quit."}},
		{100, 9, []string{"Terminal too small: 100×9."}},
		{39, 60, []string{"Terminal too small: 39×60."}},
		{12, 3, []string{"Too small", "needs 40×10"}},
		{9, 1, []string{"Too small"}},
		{1, 1, []string{"T"}},
	} {
		h.sendSafe(tea.WindowSizeMsg{Width: c.w, Height: c.h})
		h.wantFrame(c.w, c.h, "too small")
		h.wantScreen(c.wants...)
		h.press("tab", "j", "/", "x") // ignored while too small
		h.sendSafe(tea.MouseClickMsg{X: 0, Y: 0, Button: tea.MouseLeft})
		h.sendSafe(tea.PasteMsg{Content: e.local + "/alpha.txt\n"})
		h.wantFrame(c.w, c.h, "too small, after input")
		if h.m.Dialog() != nil {
			t.Fatalf("%d×%d: a %T opened while too small", c.w, c.h, h.m.Dialog())
		}
	}
}

// TestSmallTerminalsStayUsable: at the minimum 40×10 and at 60×12 both
// panes show their location and rows, the status and help lines are
// there, the transfers pane and a dialog fit, and the keys work.
func TestSmallTerminalsStayUsable(t *testing.T) {
	t.Parallel()
	e := hostileEnv(t)
	h := e.startHostile(e.engine(nil, transfer.Options{}))
	for _, size := range [][2]int{{40, 10}, {60, 12}} {
		w, ht := size[0], size[1]
		h.sendSafe(tea.WindowSizeMsg{Width: w, Height: ht})
		h.wantFrame(w, ht, "small")
		h.wantPane(ui.LeftPane, "Name", "docs/", "alpha.txt")
		h.wantPane(ui.RightPane, "photos/", "Name", "2024/", "cat.png")
		lines := strings.Split(h.screen(), "\n")
		if !strings.Contains(lines[ht-2], "/tmp/") || !strings.Contains(lines[ht-1], "? help") {
			t.Fatalf("%d×%d: no status or help line:\n%s", w, ht, h.screen())
		}
		h.cursorTo(ui.LeftPane, "alpha.txt")
		h.press("i")
		h.wantScreen("Info: alpha.txt")
		h.wantFrame(w, ht, "small, info dialog")
		h.wantDialogFits(w, ht, "small, info dialog")
		h.press("esc", "t")
		h.wantScreen("Transfers", "No transfers")
		h.wantFrame(w, ht, "small, transfers pane")
		h.press("t", "tab", "home", "down")
		if h.current(ui.RightPane) != "deep" {
			t.Fatalf("%d×%d: keys do not move the S3 pane's cursor: on %q", w, ht, h.current(ui.RightPane))
		}
		h.press("tab")
	}
}

// TestClickingAwayFromAnOpenFilterMovesTheKeyboardToo: a click on the
// transfers pane or the other pane while the filter is open used to
// leave the filter taking every key, behind a pane drawn as focused.
func TestClickingAwayFromAnOpenFilterMovesTheKeyboardToo(t *testing.T) {
	t.Parallel()
	e := hostileEnv(t)
	h := e.startHostile(e.engine(nil, transfer.Options{}))
	h.press("t", "tab") // transfers pane on screen, keyboard back on the left pane
	h.press("/")
	h.typeText("al")
	h.sendSafe(tea.MouseClickMsg{X: 10, Y: 30, Button: tea.MouseLeft}) // the transfers pane
	if !h.m.Transfers().Focused() {
		t.Fatal("the click did not focus the transfers pane")
	}
	h.press("j", "k")
	if got := h.m.Pane(ui.LeftPane).FilterText(); got != "al" {
		t.Fatalf("keys meant for the transfers pane went to the filter: %q", got)
	}
	h.press("tab") // back to the left pane: the filter stays applied, not typing
	h.press("/")
	h.typeText("p")
	h.sendSafe(tea.MouseClickMsg{X: 70, Y: 5, Button: tea.MouseLeft}) // the S3 pane
	h.press("j")
	if got := h.m.Pane(ui.LeftPane).FilterText(); got != "alp" {
		t.Fatalf("keys meant for the S3 pane went to the filter: %q", got)
	}
	h.wantFrame(120, 40, "after clicking away from the filter")
}

// TestVersionsDialogFitsEveryWindowSize is the sweep for the versions
// dialog, which needs a gateway that keeps versions.
func TestVersionsDialogFitsEveryWindowSize(t *testing.T) {
	t.Parallel()
	e := versionedEnv(t)
	h := e.start(ui.Options{Transfers: e.engine(nil, transfer.Options{}), FeedProgress: true,
		S3Start: s3ops.Location{Bucket: "docs"}, Trash: noTrash(t)}, 120, 40)
	h.press("tab")
	h.cursorTo(ui.RightPane, "report.md")
	h.press("v")
	h.wantScreen("Versions of s3://docs/report.md", "latest")
	h.sweep("versions dialog", 120, 40)
	h.sendSafe(tea.PasteMsg{Content: garbage(rand.New(rand.NewPCG(1, 1)), 1<<20)})
	h.quickSweep("versions dialog after a garbage paste", 120, 40)
}
