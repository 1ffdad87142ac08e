package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/dialog"
	"github.com/ferry-s3/ferry/ui/transfers"
)

func TestTransfersPaneKeysPauseRetryClearAndCancel(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.randomFile("slow.bin", 2<<20)
	e.file("fail.txt", "refused")
	e.file("ok.txt", "fine")
	p := faultproxy.Start(t, e.srv.Endpoint, faultproxy.WithLogf(nil))
	p.AddRule(faultproxy.Rule{Match: faultproxy.Match{Method: "PUT", Path: "/media/slow.bin"},
		Fault: faultproxy.Fault{Kind: faultproxy.Throttle, RequestBPS: 32 << 10}})
	refuse := p.AddRule(faultproxy.Rule{Match: faultproxy.Match{Method: "PUT", Path: "/media/fail.txt"},
		Fault: faultproxy.Fault{Kind: faultproxy.RequestTimeTooSkewed}})
	client, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: p.URL(), Region: e.srv.Region,
		AccessKey: e.srv.AccessKey, SecretKey: e.srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	eng := e.engine(client, transfer.Options{MaxRetries: 1})
	h := e.startTx(eng, "media", 130, 40)
	h.press("a", "c", "y")
	h.feedUntil(eng, func(seen map[transfer.JobID]transfer.State) bool {
		return stateOf(eng, seen, "slow.bin") == transfer.Running && stateOf(eng, seen, "fail.txt") == transfer.Failed &&
			stateOf(eng, seen, "ok.txt") == transfer.Done
	})

	h.press("tab", "tab")
	if !h.m.Transfers().Focused() || h.m.Pane(ui.LeftPane).Focused() || h.m.Pane(ui.RightPane).Focused() {
		t.Fatal("tab should cycle into the transfers pane")
	}
	h.wantScreen("transfers · 3/3", "p pause/resume", "R retry failed") // the cursor followed the running job

	h.txCursorTo("ok.txt")
	h.press("enter")
	h.wantScreen("Info: ok.txt", "upload", "s3://media/ok.txt", "done")
	h.press("esc")

	h.txCursorTo("slow.bin")
	h.press("p")
	h.feedUntil(eng, func(seen map[transfer.JobID]transfer.State) bool {
		return stateOf(eng, seen, "slow.bin") == transfer.Paused
	})
	h.wantScreen("paused", "1 paused")

	h.txCursorTo("fail.txt")
	h.wantScreen("failed: ")
	refuse.Remove()
	h.press("R")
	h.settle(eng)
	if e.objectSum("media", "fail.txt") != fileSum(t, filepath.Join(e.local, "fail.txt")) {
		t.Fatal("the retried upload differs")
	}

	h.press("C")
	if n := len(h.m.Transfers().Jobs()); n != 1 || !strings.Contains(h.m.StatusText(), "cleared 2 finished transfers") {
		t.Fatalf("after C: %d rows, status %q", n, h.m.StatusText())
	}
	if n := len(eng.Jobs()); n != 1 {
		t.Fatalf("the engine kept %d jobs, want 1", n)
	}

	h.press("p") // the cursor is on slow.bin, the one job left
	h.waitRunning(eng, 1)
	h.press("x")
	if _, ok := h.m.Dialog().(*dialog.Confirm); ok {
		h.wantScreen("Cancel this transfer?")
		h.press("y")
	}
	h.feedUntil(eng, func(seen map[transfer.JobID]transfer.State) bool {
		return stateOf(eng, seen, "slow.bin") == transfer.Cancelled
	})
	h.wantScreen("cancelled")
	h.press("t")
	if h.m.TransfersVisible() || !h.m.Pane(ui.RightPane).Focused() || h.m.Transfers().Focused() {
		t.Fatal("t in the focused transfers pane hides it and gives the keyboard back to the pane that had it")
	}
}

// stateOf is the state seen for the job of key.
func stateOf(eng *transfer.Engine, seen map[transfer.JobID]transfer.State, key string) transfer.State {
	for _, s := range eng.Jobs() {
		if s.Remote.Key == key {
			if st, ok := seen[s.ID]; ok {
				return st
			}
		}
	}
	return -1
}

func TestMouseClickFocusesTheTransfersPaneRowAndWheelScrollsIt(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 120, 30)
	var us []transfer.Update
	for _, key := range []string{"one.bin", "two.bin", "three.bin"} {
		s := transfer.JobStatus{ID: transfer.JobID(key), Batch: "b", Dir: transfer.Upload, Local: "/x/" + key,
			Remote: s3ops.Location{Bucket: "media", Key: key}, State: transfer.Paused, Total: 10, ETA: -1}
		us = append(us, transfer.Update{Job: s, Batch: transfer.BatchStatus{ID: "b", ETA: -1}})
	}
	h.send(transfers.ProgressMsg{Updates: us})
	h.press("t", "tab") // show it, then give the keyboard back to a file pane
	if !h.m.TransfersVisible() || h.m.Transfers().Focused() {
		t.Fatal("t then tab: the pane is on show without focus")
	}
	// 30 rows: 28 above the bars, 11 of them (40%) for transfers, so its
	// border is at y=17, its title at 18 and its rows from 19.
	h.send(tea.MouseClickMsg{X: 10, Y: 20, Button: tea.MouseLeft})
	if s, _ := h.m.Transfers().Selected(); !h.m.Transfers().Focused() || s.ID != "two.bin" {
		t.Fatalf("click: focused %v, selected %s", h.m.Transfers().Focused(), s.ID)
	}
	h.send(tea.MouseWheelMsg{X: 10, Y: 22, Button: tea.MouseWheelDown})
	if s, _ := h.m.Transfers().Selected(); s.ID != "three.bin" {
		t.Fatalf("wheel: selected %s", s.ID)
	}
	h.send(tea.MouseClickMsg{X: 10, Y: 5, Button: tea.MouseLeft})
	if h.m.Transfers().Focused() || !h.m.Pane(ui.LeftPane).Focused() {
		t.Fatal("a click on a file pane takes the keyboard back")
	}
}
