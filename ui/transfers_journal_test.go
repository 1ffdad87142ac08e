package ui_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/dialog"
)

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

func TestQuitWithRunningTransfersAsksAndTheNextStartRestoresThemPaused(t *testing.T) {
	t.Parallel()
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

func TestUnusableJournalIsAStatusMessageAndCopyingStillWorks(t *testing.T) {
	t.Parallel()
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
