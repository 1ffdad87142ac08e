package ui_test

import (
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// cutText finds a dialog row ending in a cut ("… │"), with what it cut.
var cutText = regexp.MustCompile(`\S…\s*│`)

func TestVersionsAndMetadataHintsWrapInsteadOfBeingCutAt80Columns(t *testing.T) {
	t.Parallel()
	e := versionedEnv(t)
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: "docs"}}, 80, 24)
	h.press("tab")
	h.cursorTo(ui.RightPane, "report.md")
	h.press("v")
	if s := squeeze(h.screen()); !strings.Contains(s, "r restore as latest") || !strings.Contains(s, "esc close") {
		t.Fatalf("the versions footer is cut:\n%s", h.screen())
	}
	h.press("esc", "e")
	h.wantScreen("Metadata of s3://docs/report.md")
	if s := squeeze(h.screen()); !strings.Contains(s, "remove it") || !strings.Contains(s, "ctrl+s save") {
		t.Fatalf("the metadata form's hints are cut:\n%s", h.screen())
	}
	if m := cutText.FindString(h.screen()); m != "" {
		t.Fatalf("a line of the form is cut (%q):\n%s", m, h.screen())
	}
}

// lone is a dialog line holding nothing but a closing bracket.
var lone = regexp.MustCompile(`│ +\) +│`)

func TestAMoveRefusalWrapsWithoutLeavingABracketAlone(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	h := e.start(ui.Options{S3Start: s3ops.Location{Bucket: "photos"}}, 80, 24)
	h.press("tab")
	h.cursorTo(ui.RightPane, "2024")
	h.press("R", "ctrl+u")
	h.typeText("2024/inner/")
	h.press("enter")
	h.wantScreen("into itself")
	for w := 60; w <= 100; w++ { // the closing bracket fell alone at some widths
		h.send(tea.WindowSizeMsg{Width: w, Height: 24})
		if lone.MatchString(h.screen()) {
			t.Fatalf("at %d columns the closing bracket is alone on a line:\n%s", w, h.screen())
		}
	}
}

func TestASecondFerrySaysFirstThatItKeepsNoQueueAt120Columns(t *testing.T) {
	t.Parallel()
	e := fixtures(t)
	journal := filepath.Join(t.TempDir(), "transfers.journal")
	first := e.engine(nil, transfer.Options{JournalPath: journal})
	if _, err := first.Restore(); err != nil {
		t.Fatal(err)
	}
	second := e.engine(nil, transfer.Options{JournalPath: journal})
	h := e.start(ui.Options{Transfers: second, FeedProgress: true}, 120, 30)
	lines := strings.Split(h.screen(), "\n")
	if bar := lines[len(lines)-2]; !strings.Contains(bar, "another ferry") || !strings.Contains(bar, "will not remember its transfers") {
		t.Fatalf("the status bar does not say what matters: %q", bar)
	}
}

func TestALongNameKeepsItsExtensionWhenCut(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.file("a very long file name that will not fit in its column at all.log", "x")
	h := e.start(ui.Options{}, 80, 24)
	if !regexp.MustCompile(`a very long.*…ll\.log`).MatchString(h.paneText(ui.LeftPane)) {
		t.Fatalf("the cut name lost its extension:\n%s", h.paneText(ui.LeftPane))
	}
}
