package transfers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/transfers"
)

const mib = 1 << 20

func newPane(w, h int) *transfers.Model {
	km := keymap.Default()
	m := transfers.New(common.NewContext(context.Background(), &km), nil)
	m.SetSize(w, h)
	return m
}

// job builds a report of one job in batch b.
func job(id, b string, dir transfer.Direction, key string, state transfer.State, done, total int64) transfer.JobStatus {
	return transfer.JobStatus{ID: transfer.JobID(id), Batch: transfer.BatchID(b), Dir: dir,
		Local: "/home/me/" + key, Remote: s3ops.Location{Bucket: "media", Key: key},
		State: state, Done: done, Total: total, ETA: -1}
}

func updates(jobs ...transfer.JobStatus) []transfer.Update {
	out := make([]transfer.Update, len(jobs))
	for i, j := range jobs {
		out[i] = transfer.Update{Job: j, Batch: transfer.BatchStatus{ID: j.Batch, ETA: -1}, Final: j.State.Finished()}
	}
	return out
}

// mixed is a queue with a job in every state worth showing.
func mixed() []transfer.Update {
	running := job("j1", "b1", transfer.Download, "archives/big-dataset.bin", transfer.Running, 12*mib, 64*mib)
	running.Rate, running.ETA = 1.5*mib, 45*time.Second
	retrying := job("j2", "b1", transfer.Upload, "photos/cat.png", transfer.Running, mib, 4*mib)
	retrying.Retrying = "network error: connection reset; retrying in 2s (attempt 3 of 8)"
	failed := job("j4", "b2", transfer.Upload, "secret/plan.txt", transfer.Failed, 0, 2048)
	failed.Err = "access denied: the credentials may not write to this bucket"
	decide := job("j6", "b2", transfer.Download, "docs/report.pdf", transfer.NeedsDecision, 0, 3*mib)
	decide.Conflict = "/home/me/report.pdf already exists (2.0 MiB, modified 2024-03-15 09:30)"
	return updates(running, retrying,
		job("j3", "b1", transfer.Upload, "photos/dog.png", transfer.Paused, 2*mib, 8*mib),
		failed,
		job("j5", "b2", transfer.Upload, "notes.txt", transfer.Done, 512, 512),
		decide,
		job("j7", "b2", transfer.Upload, "queue/next.bin", transfer.Queued, 0, mib))
}

func plain(m *transfers.Model) []string { return strings.Split(ansi.Strip(m.View()), "\n") }

func lineWith(t *testing.T, lines []string, s string) string {
	t.Helper()
	for _, l := range lines {
		if strings.Contains(l, s) {
			return l
		}
	}
	t.Fatalf("no line with %q:\n%s", s, strings.Join(lines, "\n"))
	return ""
}

func TestPaneShowsEachStateWithBarBytesRateETAAndReasons(t *testing.T) {
	m := newPane(130, 14)
	m.Apply(mixed())
	lines := plain(m)
	if len(lines) != 14 {
		t.Fatalf("%d lines, want 14", len(lines))
	}
	for i, l := range lines {
		if w := ansi.StringWidth(l); w != 130 {
			t.Fatalf("line %d is %d wide: %q", i, w, l)
		}
	}
	title := lines[1]
	for _, want := range []string{"Transfers", "2 running", "1 queued", "1 paused", "1 to decide", "1 failed", "1 done"} {
		if !strings.Contains(title, want) {
			t.Errorf("title lacks %q: %q", want, title)
		}
	}
	run := lineWith(t, lines, "big-dataset.bin")
	for _, want := range []string{"↓", "18%", "12.0 MiB/64.0 MiB", "1.5 MiB/s", "45s", "running", "█", "░"} {
		if !strings.Contains(run, want) {
			t.Errorf("running row lacks %q: %q", want, run)
		}
	}
	checks := map[string][]string{
		"photos/cat.png":  {"↑", "retrying: network error"},
		"photos/dog.png":  {"paused", "2.0 MiB/8.0 MiB", "25%"},
		"secret/plan.txt": {"failed: access denied"},
		"notes.txt":       {"done", "512 B", "100%"},
		"report.pdf":      {"needs decision"},
		"next.bin":        {"queued", "0%"},
	}
	for name, wants := range checks {
		row := lineWith(t, lines, name)
		for _, want := range wants {
			if !strings.Contains(row, want) {
				t.Errorf("row %s lacks %q: %q", name, want, row)
			}
		}
		if strings.Contains(row, "MiB/s") {
			t.Errorf("row %s is not running but shows a rate: %q", name, row)
		}
	}
}

func TestFooterShowsSelectedBatchTotalsAndWhatIsInTheWay(t *testing.T) {
	m := newPane(130, 14)
	m.Apply(mixed())
	lines := plain(m)
	batch := lines[len(lines)-3]
	if !strings.Contains(batch, "copy: 0 of 3 files done") || !strings.Contains(batch, "15.0 MiB of 76.0 MiB") {
		t.Fatalf("batch line = %q", batch)
	}
	if !strings.Contains(lines[len(lines)-2], "archives/big-dataset.bin → /home/me/") {
		t.Fatalf("detail line = %q", lines[len(lines)-2])
	}
	for range 5 {
		m.Update(key("j"))
	}
	lines = plain(m)
	if s, _ := m.Selected(); s.ID != "j6" {
		t.Fatalf("selected %s, want j6", s.ID)
	}
	batch, detail := lines[len(lines)-3], lines[len(lines)-2]
	if !strings.Contains(batch, "copy: 1 of 4 files done") || !strings.Contains(batch, "1 failed") || !strings.Contains(batch, "1 to decide") {
		t.Fatalf("batch line = %q", batch)
	}
	if !strings.Contains(detail, "/home/me/report.pdf already exists") || !strings.Contains(detail, "enter decides") {
		t.Fatalf("detail line = %q", detail)
	}
}

func TestLaterReportsReplaceEarlierOnesAndStatusSlotSumsUp(t *testing.T) {
	m := newPane(100, 10)
	if m.SlotText() != "" {
		t.Fatalf("empty queue has slot %q", m.SlotText())
	}
	m.Apply(mixed())
	if got := m.SlotText(); got != "⇅ 2 running · 1 queued · 1 paused · 1 to decide · 1 failed · 18% · 1.5 MiB/s" {
		t.Fatalf("slot = %q", got)
	}
	var finished []transfer.JobStatus
	for _, u := range mixed() {
		s := u.Job
		if !s.State.Finished() {
			s.State, s.Done, s.Rate, s.Err, s.Retrying = transfer.Done, s.Total, 0, "", ""
		}
		finished = append(finished, s)
	}
	m.Apply(updates(finished...))
	if c := m.Counts(); c.Jobs != 7 || c.Done != 6 || c.Failed != 1 || c.Active() != 0 {
		t.Fatalf("counts = %+v", c)
	}
	if got := m.SlotText(); got != "⇅ 1 failed" {
		t.Fatalf("slot = %q", got)
	}
	if q := m.QuitQuestion(true); q != "" {
		t.Fatalf("nothing runs, yet quitting asks %q", q)
	}
}

func TestQuitQuestionCountsRunningAndQueued(t *testing.T) {
	m := newPane(100, 10)
	m.Apply(mixed())
	if got := m.QuitQuestion(true); got != "2 transfers running, 1 queued: quit and resume them next time?" {
		t.Fatalf("question = %q", got)
	}
	if got := m.QuitQuestion(false); !strings.Contains(got, "drop them") {
		t.Fatalf("question without a journal = %q", got)
	}
}

func TestTenThousandJobsDrawOnlyVisibleRows(t *testing.T) {
	m := newPane(100, 12)
	var us []transfer.Update
	for i := range 10000 {
		us = append(us, updates(job(fmt.Sprintf("j%05d", i), "b", transfer.Upload, fmt.Sprintf("bulk/file-%05d.dat", i),
			transfer.Queued, 0, 1024))...)
	}
	m.Apply(us)
	lines := plain(m)
	if len(lines) != 12 || !strings.Contains(lines[2], "file-00000") || strings.Contains(ansi.Strip(m.View()), "file-00100") {
		t.Fatalf("first screen:\n%s", strings.Join(lines, "\n"))
	}
	if !strings.Contains(lines[1], "10,000 queued") {
		t.Fatalf("title = %q", lines[1])
	}
	m.Update(key("G"))
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "file-09999") || strings.Contains(view, "file-00000") || m.CursorIndex() != 9999 {
		t.Fatalf("after G (cursor %d):\n%s", m.CursorIndex(), view)
	}
	m.Update(key("pgup"))
	if m.CursorIndex() >= 9999 || !strings.Contains(ansi.Strip(m.View()), fmt.Sprintf("file-%05d", m.CursorIndex())) {
		t.Fatalf("page up left the cursor at %d off screen", m.CursorIndex())
	}
}

func TestPaneReflowsToAnySize(t *testing.T) {
	for _, w := range []int{40, 52, 64, 80, 130, 200} {
		for _, h := range []int{transfers.MinHeight, 5, 6, 9, 16} {
			m := newPane(w, h)
			m.Apply(mixed())
			lines := plain(m)
			if len(lines) != h {
				t.Fatalf("%dx%d: %d lines", w, h, len(lines))
			}
			for i, l := range lines {
				if got := ansi.StringWidth(l); got != w {
					t.Fatalf("%dx%d: line %d is %d wide: %q", w, h, i, got, l)
				}
			}
		}
	}
	m := newPane(40, 8)
	m.Apply(mixed())
	row := lineWith(t, plain(m), "dataset")
	if strings.Contains(row, "MiB/s") || !strings.Contains(row, "running") {
		t.Fatalf("a narrow pane keeps the name and state, drops the rate: %q", row)
	}
}

func TestEmptyPaneSaysHowToStartATransfer(t *testing.T) {
	m := newPane(100, 8)
	view := ansi.Strip(m.View())
	if !strings.Contains(view, "No transfers") || !strings.Contains(view, "press c/F5 to copy") {
		t.Fatalf("empty pane:\n%s", view)
	}
}

func TestDrainMergesReportsOfOneJobKeepingFinal(t *testing.T) {
	ch := make(chan transfer.Update, 8)
	a := job("a", "b", transfer.Upload, "a", transfer.Running, 1, 10)
	b := job("b", "b", transfer.Upload, "b", transfer.Running, 1, 10)
	doneA := a
	doneA.State, doneA.Done = transfer.Done, 10
	ch <- transfer.Update{Job: a}
	ch <- transfer.Update{Job: b}
	ch <- transfer.Update{Job: doneA, Final: true}
	a2 := doneA
	ch <- transfer.Update{Job: a2} // a late non-final report of the same job
	msg := transfers.Drain(ch)
	if len(msg.Updates) != 2 || msg.Updates[0].Job.ID != "a" || !msg.Updates[0].Final || msg.Updates[0].Job.State != transfer.Done {
		t.Fatalf("drained %+v", msg.Updates)
	}
	close(ch)
	if got := transfers.Listen(ch)(); got != nil {
		t.Fatalf("Listen on a closed engine = %v, want nil", got)
	}
}

func TestListenGathersReportsOfOneFrame(t *testing.T) {
	ch := make(chan transfer.Update, 8)
	go func() {
		for i := range 5 {
			ch <- transfer.Update{Job: job("a", "b", transfer.Upload, "a", transfer.Running, int64(i), 10)}
		}
	}()
	msg := transfers.Listen(ch)().(transfers.ProgressMsg)
	if len(msg.Updates) != 1 || msg.Updates[0].Job.Done != 4 {
		t.Fatalf("got %+v, want the last of five reports of one job", msg.Updates)
	}
}

func key(k string) tea.KeyPressMsg {
	switch k {
	case "pgup":
		return tea.KeyPressMsg{Code: tea.KeyPgUp}
	case "enter":
		return tea.KeyPressMsg{Code: tea.KeyEnter}
	case "esc":
		return tea.KeyPressMsg{Code: tea.KeyEscape}
	}
	return tea.KeyPressMsg{Code: []rune(k)[0], Text: k}
}

func TestUnfocusedPaneFollowsTheRunningJobAndFocusedOneStaysPut(t *testing.T) {
	m := newPane(100, 10)
	var jobs []transfer.JobStatus
	for i := range 200 {
		state := transfer.Done
		if i >= 120 {
			state = transfer.Queued
		}
		jobs = append(jobs, job(fmt.Sprintf("j%03d", i), "b", transfer.Upload, fmt.Sprintf("f%03d", i), state, 0, 10))
	}
	jobs[120].State = transfer.Running
	m.Apply(updates(jobs...))
	if m.CursorIndex() != 120 || !strings.Contains(ansi.Strip(m.View()), "f120") {
		t.Fatalf("cursor %d, want it on the running job (120) and on screen", m.CursorIndex())
	}
	m.SetFocused(true)
	m.Update(key("G"))
	jobs[120].State, jobs[121].State = transfer.Done, transfer.Running
	m.Apply(updates(jobs[120], jobs[121]))
	if m.CursorIndex() != 199 {
		t.Fatalf("a focused pane moved the cursor to %d", m.CursorIndex())
	}
}

func TestClearFinishedKeepsTheCursorOnItsJob(t *testing.T) {
	m := newPane(100, 12)
	m.Apply(mixed())
	m.SetFocused(true)
	m.Update(key("G"))
	m.Update(key("k")) // j6, after the done j5
	m.Update(key("C"))
	if n := len(m.Jobs()); n != 6 {
		t.Fatalf("%d jobs left, want 6", n)
	}
	if s, _ := m.Selected(); s.ID != "j6" {
		t.Fatalf("cursor on %s, want j6", s.ID)
	}
	if strings.Contains(ansi.Strip(m.View()), "notes.txt") {
		t.Fatal("the done job is still drawn")
	}
}

// TestRowPercentAgreesWithTheTitleAndTheSlot: at 24.9% the row said 25%
// (the bar's format rounds) while the title and the status bar said 24%.
func TestRowPercentAgreesWithTheTitleAndTheSlot(t *testing.T) {
	m := newPane(120, 8)
	m.Apply(updates(job("j1", "b1", transfer.Download, "big.bin", transfer.Running, 249, 1000)))
	lines := plain(m)
	if row := lineWith(t, lines, "big.bin"); !strings.Contains(row, " 24%") || strings.Contains(row, "25%") {
		t.Errorf("row: %q", row)
	}
	if title := lines[1]; !strings.Contains(title, "24% of") {
		t.Errorf("title: %q", title)
	}
	if slot := m.SlotText(); !strings.Contains(slot, "24%") {
		t.Errorf("slot: %q", slot)
	}
}

// Once a job's bytes have moved, the row says what it is waiting for (a
// big multipart upload being assembled by the server, a download being
// verified and synced) instead of a speed and an ETA of 0s.
func TestAFinishingJobSaysWhatItWaitsFor(t *testing.T) {
	m := newPane(130, 10)
	up := job("j1", "b1", transfer.Upload, "big.img", transfer.Running, 2048*mib, 2048*mib)
	up.Finishing = transfer.FinishingComplete
	down := job("j2", "b1", transfer.Download, "dump.sql", transfer.Running, 64*mib, 64*mib)
	down.Finishing = transfer.FinishingVerify
	m.Apply(updates(up, down))
	text := strings.Join(plain(m), "\n")
	for _, want := range []string{"completing upload…", "verifying and saving…"} {
		if !strings.Contains(text, want) {
			t.Errorf("no %q in:\n%s", want, text)
		}
	}
	if strings.Contains(text, "0s") || strings.Contains(text, "/s ") {
		t.Errorf("a finishing job shows a rate or an ETA:\n%s", text)
	}
}

// A download's row names the file from the folder it was asked into
// (the details line has the whole path): the column is too narrow to
// spend on a prefix every row shares.
func TestADownloadRowNamesTheFileFromItsFolder(t *testing.T) {
	m := newPane(130, 10)
	d := job("j1", "b1", transfer.Download, "photos/2024/a.jpg", transfer.Running, 0, mib)
	d.Root = "/home/me"
	outside := job("j2", "b1", transfer.Download, "b.jpg", transfer.Queued, 0, mib) // no Root (an older journal)
	m.Apply(updates(d, outside))
	lines := plain(m)
	if row := lines[2]; !strings.Contains(row, "↓ photos/2024/a.jpg ") || strings.Contains(row, "/home/me") {
		t.Fatalf("row %q", row)
	}
	if row := lines[3]; !strings.Contains(row, "/home/me/b.jpg") {
		t.Fatalf("row without a root %q", row)
	}
	if text := strings.Join(lines, "\n"); !strings.Contains(text, "→ /home/me/photos/2024/a.jpg") {
		t.Fatalf("the details line lost the whole path:\n%s", text)
	}
}

// A row whose bytes stop says for how long, one waiting to retry says
// when, and an upload whose bytes are all sent says it waits for the
// server, never a rate or an ETA while nothing moves.
func TestRowsSayWhyNothingMoves(t *testing.T) {
	m := newPane(140, 12)
	stalled := job("s1", "b1", transfer.Download, "logs/stalled.log", transfer.Running, 5*mib, 10*mib)
	stalled.Stalled = 12 * time.Second
	retrying := job("s2", "b1", transfer.Upload, "photos/retry.png", transfer.Running, mib, 4*mib)
	retrying.Retrying, retrying.RetryAt = "the server had an internal error; retrying in 4s (attempt 2 of 9)", time.Now().Add(4*time.Second)
	sent := job("s3", "b1", transfer.Upload, "video/sent.mp4", transfer.Running, 8*mib-1, 8*mib)
	sent.Finishing = transfer.FinishingAnswer
	m.Apply(updates(stalled, retrying, sent))
	view := ansi.Strip(m.View())
	for _, want := range []string{"stalled 12s", "retry 4s", "sent, awaiting reply", "99%"} {
		if !strings.Contains(view, want) && !(want == "retry 4s" && strings.Contains(view, "retry 3s")) {
			t.Errorf("the rows do not say %q:\n%s", want, view)
		}
	}
}

// A row that failed or waits to retry shows the cause in its few
// columns: not the part it happened to, not the attempt count (the
// details keep the whole text).
func TestRowsShowTheCauseOfAnError(t *testing.T) {
	m := newPane(100, 12)
	failed := job("f1", "b1", transfer.Upload, "data/big.bin", transfer.Failed, 0, 400*mib)
	failed.Err = "part 19: the source file changed while it was being uploaded; gave up after 1 attempts"
	retrying := job("f2", "b1", transfer.Download, "data/other.bin", transfer.Running, mib, 40*mib)
	retrying.Retrying = "range 3: cannot reach 127.0.0.1:9000; retrying in 2s (attempt 2 of 6)"
	m.Apply(updates(failed, retrying))
	view := ansi.Strip(m.View())
	for _, want := range []string{"failed: the source file", "retrying: cannot reach"} {
		if !strings.Contains(view, want) {
			t.Errorf("the rows do not show %q:\n%s", want, view)
		}
	}
}
