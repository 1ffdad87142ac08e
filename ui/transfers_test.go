package ui_test

import (
	"crypto/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// smallParts makes multipart kick in with little data.
var smallParts = transfer.Options{PartSize: 5 << 20, MultipartThreshold: 5 << 20, PartsPerFile: 2, FilesInFlight: 3}

func TestCopyUploadsMarkedFilesAndFolderAndRefreshesTheS3Pane(t *testing.T) {
	t.Parallel()
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
	for _, want := range []string{"4 files, 6.1 MiB in all", "to    s3://media/", "alpha.txt", "docs/", "folder",
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

func TestUploadQuestionCountsWhatTheUploadWillSendOfLinks(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.file("docs/a.md", "# a")
	e.randomFile("outside/big.bin", 40<<10)
	if err := os.Symlink(filepath.Join(e.local, "outside", "big.bin"), filepath.Join(e.local, "docs", "big-link.bin")); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		follow bool
		want   string
	}{
		{false, "1 file, 3 B in all; 1 left out (symbolic link not followed)"},
		{true, "2 files, 40.0 KiB in all"},
	} {
		o := smallParts
		o.FollowSymlinks = c.follow
		h := e.startTx(e.engine(nil, o), "media", 130, 40)
		h.cursorTo(ui.LeftPane, "docs")
		h.press("c")
		if body := questionLines(t, h); !strings.Contains(body, c.want) || c.follow && strings.Contains(body, "left out") {
			t.Fatalf("follow_symlinks=%v: the question lacks %q:\n%s", c.follow, c.want, body)
		}
		h.press("esc")
	}
}

func TestCopyDownloadsAndKeepBothAnswersAConflict(t *testing.T) {
	t.Parallel()
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
	for _, want := range []string{"3 objects, 68.4 KiB in all", "from  s3://media/", "to    " + e.local,
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
	t.Parallel()
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
	t.Parallel()
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
