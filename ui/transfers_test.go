package ui_test

import (
	"context"
	"crypto/rand"
	"os"
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

// smallParts makes multipart kick in with little data.
var smallParts = transfer.Options{PartSize: 5 << 20, MultipartThreshold: 5 << 20, PartsPerFile: 2, FilesInFlight: 3}

func questionLines(t *testing.T, h *harness) string {
	t.Helper()
	q, ok := h.m.Dialog().(*transfers.Question)
	if !ok {
		t.Fatalf("dialog is %T, want a transfers question:\n%s", h.m.Dialog(), h.screen())
	}
	return strings.Join(q.Lines(), "\n")
}

func TestCopyUploadsMarkedFilesAndFolderAndRefreshesTheS3Pane(t *testing.T) {
	e := newEnv(t)
	e.bucket("media")
	e.randomFile("alpha.txt", 100<<10)
	e.randomFile("beta.bin", 6<<20) // multipart with 5 MiB parts
	e.file("docs/a.md", "# a")
	e.randomFile("docs/sub/b.md", 3000)
	e.file("left-alone.txt", "not marked")
	eng := e.engine(nil, smallParts)
	h := e.startTx(eng, "media", 130, 40)

	for _, name := range []string{"alpha.txt", "beta.bin", "docs"} {
		h.cursorTo(ui.LeftPane, name)
		h.press("space")
	}
	h.press("c")
	body := questionLines(t, h)
	for _, want := range []string{"3 items (1 folder) · 6.1 MiB in 2 files", "to    s3://media/", "alpha.txt", "docs/", "folder",
		"For objects that already exist, ferry asks what to do."} {
		if !strings.Contains(body, want) {
			t.Fatalf("confirm lacks %q:\n%s", want, body)
		}
	}
	h.wantScreen("Upload 3 items?")
	h.press("y")
	if h.m.Dialog() != nil || !h.m.TransfersVisible() {
		t.Fatalf("after yes: dialog %T, transfers visible %v", h.m.Dialog(), h.m.TransfersVisible())
	}
	if got := h.m.StatusText(); !strings.Contains(got, "queued 4 uploads") || !strings.Contains(got, "to s3://media/") {
		t.Fatalf("status = %q", got)
	}
	h.settle(eng)

	h.wantPane(ui.RightPane, "alpha.txt", "beta.bin", "docs/")
	if strings.Contains(h.paneText(ui.RightPane), "left-alone.txt") {
		t.Fatal("an unmarked file was uploaded")
	}
	for key, local := range map[string]string{"alpha.txt": "alpha.txt", "beta.bin": "beta.bin",
		"docs/a.md": "docs/a.md", "docs/sub/b.md": "docs/sub/b.md"} {
		if e.objectSum("media", key) != fileSum(t, filepath.Join(e.local, local)) {
			t.Fatalf("%s differs from %s after the upload", key, local)
		}
	}
	if c := h.m.Transfers().Counts(); c.Done != 4 || c.Active() != 0 {
		t.Fatalf("counts = %+v", c)
	}
	h.wantScreen("Transfers", "4 done", "⇅ 4 done", "beta.bin")
}

func TestCopyDownloadsAndKeepBothAnswersAConflict(t *testing.T) {
	e := newEnv(t)
	e.bucket("media")
	photo := make([]byte, 70000)
	_, _ = rand.Read(photo)
	e.put("media", "photo.jpg", string(photo), "image/jpeg", nil)
	e.put("media", "reports/q1.csv", "1,2,3", "text/csv", nil)
	e.put("media", "reports/2024/q2.csv", "4,5,6", "text/csv", nil)
	mine := e.file("photo.jpg", "my own photo")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 130, 40)

	h.press("tab")
	for _, name := range []string{"photo.jpg", "reports"} {
		h.cursorTo(ui.RightPane, name)
		h.press("space")
	}
	h.press("c")
	body := questionLines(t, h)
	for _, want := range []string{"2 items (1 folder) · 68.4 KiB in 1 file", "from  s3://media/", "to    " + e.local,
		"For files that already exist, ferry asks what to do."} {
		if !strings.Contains(body, want) {
			t.Fatalf("confirm lacks %q:\n%s", want, body)
		}
	}
	h.press("enter") // the highlighted answer is Download
	h.settle(eng)

	if got := h.m.StatusText(); !strings.Contains(got, "photo.jpg already exists") {
		t.Fatalf("status = %q", got)
	}
	h.wantPane(ui.LeftPane, "reports/")
	if b, err := os.ReadFile(filepath.Join(e.local, "reports", "2024", "q2.csv")); err != nil || string(b) != "4,5,6" {
		t.Fatalf("reports/2024/q2.csv = %q, %v", b, err)
	}
	h.press("t")
	h.txCursorTo("photo.jpg")
	h.wantScreen("needs decision", "photo.jpg already exists")
	h.press("enter")
	if _, ok := h.m.Dialog().(*transfers.Conflict); !ok {
		t.Fatalf("dialog is %T, want the conflict question", h.m.Dialog())
	}
	h.wantScreen("File already exists", "Skip", "Overwrite", "Keep both", "Ask later", "apply to every conflict")
	h.press("b")
	h.settle(eng)

	if fileSum(t, mine) != fileSum(t, filepath.Join(e.local, "photo.jpg")) {
		t.Fatal("keep both changed the existing file")
	}
	kept := filepath.Join(e.local, "photo (1).jpg")
	if fileSum(t, kept) != e.objectSum("media", "photo.jpg") {
		t.Fatal("photo (1).jpg is not the object's bytes")
	}
	h.wantPane(ui.LeftPane, "photo (1).jpg")
}

func TestConflictAnswerAppliesToEveryDownloadOfTheCopy(t *testing.T) {
	e := newEnv(t)
	e.bucket("media")
	e.put("media", "a.txt", "new a", "", nil)
	e.put("media", "b.txt", "new b", "", nil)
	e.file("a.txt", "old a")
	e.file("b.txt", "old b")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 130, 40)
	h.press("tab", "a", "c", "y")
	h.settle(eng)
	if c := h.m.Transfers().Counts(); c.Decide != 2 {
		t.Fatalf("counts = %+v, want 2 waiting", c)
	}
	h.press("t", "enter")
	h.wantScreen("(2 waiting)")
	h.press("a")
	if d, ok := h.m.Dialog().(*transfers.Conflict); !ok || !d.All() {
		t.Fatal("a should tick 'apply to all'")
	}
	h.press("o")
	h.settle(eng)
	for name, want := range map[string]string{"a.txt": "new a", "b.txt": "new b"} {
		if b, _ := os.ReadFile(filepath.Join(e.local, name)); string(b) != want {
			t.Fatalf("%s = %q, want %q (overwritten)", name, b, want)
		}
	}
}

func TestCopyBetweenPanesExplainsWhatCannotBeDone(t *testing.T) {
	e := newEnv(t)
	e.bucket("media")
	e.file("a.txt", "a")
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true}, 120, 30) // S3 pane at the bucket list
	h.cursorTo(ui.LeftPane, "a.txt")
	h.press("c")
	if h.m.Dialog() != nil || !strings.Contains(h.m.StatusText(), "open a bucket in the S3 pane first") {
		t.Fatalf("dialog %T, status %q", h.m.Dialog(), h.m.StatusText())
	}
	h.press("tab")
	h.cursorTo(ui.RightPane, "media")
	h.press("enter", "tab")
	h.wantLocation(ui.RightPane, "s3://media/")
	h.send(tea.KeyPressMsg{Code: tea.KeyF5})
	if !strings.Contains(questionLines(t, h), "to    s3://media/") {
		t.Fatal("F5 copies like c")
	}
	h.press("esc")
	if h.m.Dialog() != nil || len(eng.Jobs()) != 0 {
		t.Fatalf("esc should cancel the copy: dialog %T, jobs %d", h.m.Dialog(), len(eng.Jobs()))
	}
}

func TestPastedPathsAskThenUploadTheOnesThatExist(t *testing.T) {
	e := newEnv(t)
	e.bucket("media")
	a := e.randomFile("a.txt", 1000)
	b := e.randomFile("b.bin", 2000)
	spaced := e.randomFile("my file.txt", 3000)
	missing := filepath.Join(e.local, "gone.txt")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 130, 40)

	// kitty pastes one path per line; VTE terminals single-quote each path.
	h.send(tea.PasteMsg{Content: a + "\n" + b + "\n'" + spaced + "'\n" + missing + "\n"})
	body := questionLines(t, h)
	for _, want := range []string{"3 files, 5.9 KiB", "to    s3://media/", "/a.txt    1000 B", "/b.bin   2.0 KiB",
		"/my file.txt   2.9 KiB", "/gone.txt not found", "1 path not found: left out."} {
		if !strings.Contains(body, want) {
			t.Fatalf("drop confirm lacks %q:\n%s", want, body)
		}
	}
	h.wantScreen("Upload 3 items dropped here?")
	h.press("y")
	h.settle(eng)
	for key, local := range map[string]string{"a.txt": a, "b.bin": b, "my file.txt": spaced} {
		if e.objectSum("media", key) != fileSum(t, local) {
			t.Fatalf("%s differs after the drop", key)
		}
	}
	if n := len(eng.Jobs()); n != 3 {
		t.Fatalf("%d jobs, want 3 (the missing path is left out)", n)
	}
	h.wantPane(ui.RightPane, "a.txt", "b.bin", "my file.txt")
}

func TestDropWithTheS3PaneAtTheBucketListSaysOpenABucket(t *testing.T) {
	e := newEnv(t)
	e.bucket("media")
	a := e.file("a.txt", "a")
	eng := e.engine(nil, transfer.Options{})
	h := e.start(ui.Options{Transfers: eng, FeedProgress: true}, 120, 30)
	h.send(tea.PasteMsg{Content: a + "\n"})
	if h.m.Dialog() != nil || !strings.Contains(h.m.StatusText(), "open a bucket first") {
		t.Fatalf("dialog %T, status %q", h.m.Dialog(), h.m.StatusText())
	}
	h.send(tea.PasteMsg{Content: "hello there"})
	if h.m.Dialog() != nil {
		t.Fatal("text that is not paths is not a drop")
	}
}

// throttled is a client whose uploads crawl through a proxy, so a
// transfer is reliably still running when the test acts on it.
func (e *env) throttled() (*s3ops.Client, *faultproxy.Handle) {
	e.t.Helper()
	p := faultproxy.Start(e.t, e.srv.Endpoint, faultproxy.WithLogf(nil))
	rule := p.AddRule(faultproxy.Rule{Name: "slow uploads", Match: faultproxy.Match{Method: "PUT"},
		Fault: faultproxy.Fault{Kind: faultproxy.Throttle, RequestBPS: 64 << 10}})
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: p.URL(), Region: e.srv.Region,
		AccessKey: e.srv.AccessKey, SecretKey: e.srv.SecretKey})
	if err != nil {
		e.t.Fatal(err)
	}
	return c, rule
}

// waitRunning feeds reports until the model shows n jobs running.
func (h *harness) waitRunning(eng *transfer.Engine, n int) {
	h.t.Helper()
	h.feedUntil(eng, func(seen map[transfer.JobID]transfer.State) bool {
		running := 0
		for _, s := range seen {
			if s == transfer.Running {
				running++
			}
		}
		return running >= n
	})
}

func TestQuitWithRunningTransfersAsksAndTheNextStartRestoresThemPaused(t *testing.T) {
	e := newEnv(t)
	e.bucket("media")
	big := e.randomFile("big.bin", 3<<20)
	journal := filepath.Join(t.TempDir(), "transfers.journal")
	slow, rule := e.throttled()
	eng := e.engine(slow, transfer.Options{JournalPath: journal})
	h := e.startTx(eng, "media", 130, 40)
	h.cursorTo(ui.LeftPane, "big.bin")
	h.press("c", "y")
	h.waitRunning(eng, 1)

	h.press("q")
	if _, ok := h.m.Dialog().(*dialog.Confirm); !ok || h.quit {
		t.Fatalf("q with a transfer running: dialog %T, quit %v", h.m.Dialog(), h.quit)
	}
	h.wantScreen("Quit ferry?", "1 transfer running: quit and resume it next time?")
	h.press("n")
	if h.quit || h.m.Dialog() != nil {
		t.Fatal("no keeps ferry running")
	}
	h.press("q", "y")
	if !h.quit {
		t.Fatal("yes quits")
	}
	if err := eng.Close(); err != nil {
		t.Fatal(err)
	}
	rule.Remove()

	eng2 := e.engine(slow, transfer.Options{JournalPath: journal})
	h2 := e.startTx(eng2, "media", 130, 40)
	if got := h2.m.StatusText(); got != "1 unfinished transfer restored (paused) — press P to resume all" {
		t.Fatalf("status at start = %q", got)
	}
	if !h2.m.TransfersVisible() {
		t.Fatal("restored transfers should be on show")
	}
	h2.wantScreen("big.bin", "paused", "⇅ 1 paused")
	h2.press("P")
	h2.settle(eng2)
	if e.objectSum("media", "big.bin") != fileSum(t, big) {
		t.Fatal("the resumed upload differs from the file")
	}
	h2.wantScreen("done")
	h2.wantPane(ui.RightPane, "big.bin")
	h2.press("q")
	if !h2.quit || h2.m.Dialog() != nil {
		t.Fatal("with nothing running, q quits at once")
	}
}

func TestTransfersPaneKeysPauseRetryClearAndCancel(t *testing.T) {
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

func TestUnusableJournalIsAStatusMessageAndCopyingStillWorks(t *testing.T) {
	e := newEnv(t)
	e.bucket("media")
	e.file("a.txt", "a")
	blocker := e.file("not-a-dir", "x")
	eng := e.engine(nil, transfer.Options{JournalPath: filepath.Join(blocker, "transfers.journal")})
	h := e.startTx(eng, "media", 120, 30)
	if got := h.m.StatusText(); !strings.Contains(got, "transfer queue") || !strings.Contains(got, "not-a-dir") {
		t.Fatalf("status at start = %q", got)
	}
	h.cursorTo(ui.LeftPane, "a.txt")
	h.press("c", "y")
	h.settle(eng)
	if e.objectSum("media", "a.txt") != fileSum(t, filepath.Join(e.local, "a.txt")) {
		t.Fatal("the upload differs")
	}
}
