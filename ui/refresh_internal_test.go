package ui

import (
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// TestLandingTransfersRefreshAPaneAtMostTwiceASecond checks the refresh
// spacing: the first landing refreshes at once, the next ones within
// refreshGap make one delayed refresh, and only panes showing where the
// files land are refreshed.
func TestLandingTransfersRefreshAPaneAtMostTwiceASecond(t *testing.T) {
	t.Parallel()
	now := time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC)
	var delays []time.Duration
	clock := common.Clock{Now: func() time.Time { return now },
		Tick: func(d time.Duration, fn func(time.Time) tea.Msg) tea.Cmd {
			delays = append(delays, d)
			return func() tea.Msg { return fn(now) }
		}}
	dir := t.TempDir()
	m := New(Options{LocalDir: dir, S3Start: s3ops.Location{Bucket: "media", Key: "photos/"}, Clock: &clock})
	landed := func(dir transfer.Direction, local, key string) []transfer.Update {
		return []transfer.Update{{Final: true, Job: transfer.JobStatus{Dir: dir, Local: local,
			Remote: s3ops.Location{Bucket: "media", Key: key}, State: transfer.Done}}}
	}

	if m.refreshLanded(landed(transfer.Download, dir+"/sub/a.jpg", "x/a.jpg"), "") == nil || !m.panes[LeftPane].Busy() {
		t.Fatal("a download into the local pane's folder refreshes it at once")
	}
	if m.panes[RightPane].Busy() {
		t.Fatal("a download does not refresh the S3 pane")
	}
	if m.refreshLanded(landed(transfer.Upload, "/elsewhere/a", "other/a.jpg"), "") != nil {
		t.Fatal("an upload outside the S3 pane's prefix refreshes nothing")
	}
	now = now.Add(100 * time.Millisecond)
	cmd := m.refreshLanded(landed(transfer.Download, dir+"/b.jpg", "x/b.jpg"), "")
	if cmd == nil || len(delays) != 1 || delays[0] != 400*time.Millisecond {
		t.Fatalf("a second landing 100ms later waits out the gap: delays %v", delays)
	}
	if m.refreshLanded(landed(transfer.Download, dir+"/c.jpg", "x/c.jpg"), "") != nil || len(delays) != 1 {
		t.Fatal("a third landing joins the refresh already on its way")
	}
	now = now.Add(400 * time.Millisecond)
	msg, ok := cmd().(refreshDueMsg)
	if !ok {
		t.Fatal("the delayed refresh is not a refreshDueMsg")
	}
	if m.refreshDue(msg) == nil || !m.tx.refreshed[LeftPane].Equal(now) {
		t.Fatal("the due refresh lists the pane again")
	}
	if m.refreshDue(refreshDueMsg{Pane: LeftPane, Loc: "/somewhere/else"}) != nil {
		t.Fatal("a due refresh for a location the pane left is dropped")
	}
	if m.refreshLanded(landed(transfer.Upload, "/x/d.jpg", "photos/2024/d.jpg"), "") == nil || !m.panes[RightPane].Busy() {
		t.Fatal("an upload below the S3 pane's prefix refreshes it")
	}
}
