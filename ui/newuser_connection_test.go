package ui_test

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui"
)

func TestTheS3PaneSaysWhatFerryIsConnectedTo(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{Connection: "profile work · eu-west-1"}, 80, 24)
	for _, size := range [][2]int{{80, 24}, {140, 40}} {
		h.send(tea.WindowSizeMsg{Width: size[0], Height: size[1]})
		h.wantPane(ui.RightPane, "ferry · profile work · eu-west-1")
		if strings.Contains(h.paneText(ui.LeftPane), "profile work") {
			t.Fatalf("the local pane is not on the connection:\n%s", h.screen())
		}
	}
	if title := h.m.View().WindowTitle; !strings.Contains(title, "profile work · eu-west-1") {
		t.Fatalf("window title %q does not name the connection", title)
	}
	h.press("w") // the left pane switches to S3: it is on the connection too
	h.wantPane(ui.LeftPane, "ferry · profile work")
	h.send(tea.WindowSizeMsg{Width: 40, Height: 10})
	if top := strings.Split(h.paneText(ui.RightPane), "\n")[0]; !strings.HasPrefix(top, "╭─ ferry") || !strings.HasSuffix(top, "╮") {
		t.Fatalf("a narrow pane should keep the start of its title in its edge: %q", top)
	}
}
