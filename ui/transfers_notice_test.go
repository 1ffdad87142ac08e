package ui_test

import (
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// The engine says when the queue cannot be saved: the status line tells
// at once and the transfers pane keeps saying it until it is mended.
func TestAQueueThatCannotBeSavedIsShownUntilMended(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.file("a.txt", "a")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 130, 40)
	h.press("c", "y") // a queue to show
	h.settle(eng)
	h.send(transfers.ProgressMsg{Updates: []transfer.Update{{Notice: &transfer.Notice{Problem: true,
		Text: "cannot save the transfer queue (no space left on device): transfers go on, but if ferry stops now they start over"}}}})
	h.wantScreen("cannot save the transfer queue (no space left on device)", "queue not saved")
	if n := len(h.m.Transfers().Jobs()); n != 1 {
		t.Fatalf("the notice became a row: %d rows", n)
	}
	h.send(transfers.ProgressMsg{Updates: []transfer.Update{{Notice: &transfer.Notice{Text: "the transfer queue is saved again"}}}})
	h.wantScreen("the transfer queue is saved again")
	if strings.Contains(h.screen(), "queue not saved") {
		t.Fatal("the pane still says the queue is not saved")
	}
}
