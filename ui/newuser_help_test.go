package ui_test

import (
	"regexp"
	"strconv"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// helpBar is the last row of the screen.
func (h *harness) helpBar() string {
	lines := strings.Split(h.screen(), "\n")
	return lines[len(lines)-1]
}

func TestHelpBarKeepsHelpAndQuitAndOffersTheKeysOfWhereTheCursorIs(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "photos", 80, 24)
	h.press("tab")
	h.cursorTo(ui.RightPane, "notes.txt")
	for _, size := range [][2]int{{80, 24}, {100, 30}, {140, 40}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		bar := h.helpBar()
		for _, want := range []string{"? help", "q quit", "s share link", "c/F5 copy", "i info"} {
			if !strings.Contains(bar, want) {
				t.Fatalf("at %d columns on an object the help bar lacks %q: %q", size[0], want, bar)
			}
		}
	}
	h.send(tea.WindowSizeMsg{Width: 80, Height: 24})
	h.cursorTo(ui.RightPane, "2024")
	if bar := h.helpBar(); !strings.Contains(bar, "→/l open") || strings.Contains(bar, "share link") || !strings.Contains(bar, "q quit") {
		t.Fatalf("on a folder the bar should offer open, not share: %q", bar)
	}
	h.press("backspace")
	if bar := h.helpBar(); !strings.Contains(bar, "new bucket") || !strings.Contains(bar, "? help") {
		t.Fatalf("in the bucket list the bar should offer new bucket: %q", bar)
	}
	h.press("t")
	if bar := h.helpBar(); !strings.Contains(bar, "p pause/resume") || !strings.Contains(bar, "q quit") {
		t.Fatalf("in the transfers pane the bar should offer its keys: %q", bar)
	}
}

// helpLines matches the help screen's footer while it scrolls.
var helpLines = regexp.MustCompile(`(\d+)–(\d+) of (\d+)`)

// readHelp opens the help screen and pages through it, returning all it
// showed (runs of spaces squeezed) and whether it had to scroll.
func (h *harness) readHelp() (string, bool) {
	h.t.Helper()
	h.press("?")
	var seen []string
	scrolled := false
	for range 50 {
		s := h.screen()
		seen = append(seen, squeeze(s))
		m := helpLines.FindStringSubmatch(s)
		if m == nil || m[2] == m[3] {
			break
		}
		scrolled = true
		before := m[1]
		h.press("pgdown")
		if after := helpLines.FindStringSubmatch(h.screen()); after == nil || after[1] == before {
			h.t.Fatalf("pgdown did not scroll the help:\n%s", h.screen())
		}
	}
	h.press("esc")
	return strings.Join(seen, "\n"), scrolled
}

// wantEveryKeyOnHelp checks that the help screen shows every binding
// that works where the keyboard is.
func (h *harness) wantEveryKeyOnHelp(where string) bool {
	h.t.Helper()
	var want []string
	for _, g := range h.m.FullHelp() {
		for _, b := range g {
			if b.Enabled() {
				want = append(want, squeeze(b.Help().Key+" "+b.Help().Desc))
			}
		}
	}
	text, scrolled := h.readHelp()
	for _, w := range want {
		if !strings.Contains(text, w) {
			h.t.Fatalf("%s at %d×%d: the help screen never shows %q:\n%s", where, h.m.Context().Width, h.m.Context().Height, w, text)
		}
	}
	return scrolled
}

func TestHelpScreenReachesEveryKeyAt80And100Columns(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "photos", 80, 24)
	for _, size := range [][2]int{{80, 24}, {100, 30}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		h.cursorTo(ui.LeftPane, "alpha.txt")
		if !h.wantEveryKeyOnHelp("a local file") && size[0] == 80 {
			t.Fatal("at 80×24 the help is taller than the window: it should scroll and say so")
		}
		h.press("tab")
		h.cursorTo(ui.RightPane, "notes.txt")
		h.wantEveryKeyOnHelp("an object")
		h.press("backspace")
		h.wantEveryKeyOnHelp("the bucket list")
		h.press("t")
		h.wantEveryKeyOnHelp("the transfers pane")
		h.press("t", "enter", "tab") // back into photos, the keyboard to the left pane
	}
}

func TestHelpScreenScrollsWithTheWheelAndSaysWhereItIs(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{}, 80, 16)
	h.press("?")
	m := helpLines.FindStringSubmatch(h.screen())
	if m == nil || m[1] != "1" {
		t.Fatalf("the footer should say which lines are on show:\n%s", h.screen())
	}
	h.send(tea.MouseWheelMsg{Button: tea.MouseWheelDown, X: 40, Y: 10})
	m = helpLines.FindStringSubmatch(h.screen())
	if n, _ := strconv.Atoi(m[1]); n <= 1 {
		t.Fatalf("the wheel did not scroll the help:\n%s", h.screen())
	}
	h.press("up", "up", "up", "up")
	if m = helpLines.FindStringSubmatch(h.screen()); m[1] != "1" {
		t.Fatalf("↑ did not scroll back to the top:\n%s", h.screen())
	}
}
