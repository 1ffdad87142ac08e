package ui_test

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

func TestPastedPathsAskThenUploadTheOnesThatExist(t *testing.T) {
	t.Parallel()
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
	for _, want := range []string{"3 files, 5.9 KiB in all", "to    s3://media/", "/a.txt    1000 B", "/b.bin   2.0 KiB",
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
	t.Parallel()
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

// A dropped folder is counted through while the question is open, and
// uploads as a prefix.
func TestDroppedFolderIsCountedAndUploaded(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("media")
	e.randomFile("shots/one.png", 2048)
	e.randomFile("shots/raw/two.dng", 4096)
	one := e.file("notes.txt", "12345")
	eng := e.engine(nil, transfer.Options{})
	h := e.startTx(eng, "media", 130, 40)
	h.send(tea.PasteMsg{Content: filepath.Join(e.local, "shots") + "\n" + one + "\n"})
	body := questionLines(t, h)
	if !strings.Contains(body, "3 files, 6.0 KiB in all") {
		t.Fatalf("drop question does not count the folder:\n%s", body)
	}
	h.press("y")
	h.settle(eng)
	if got := e.keysIn("media", ""); !slices.Equal(got, []string{"notes.txt", "shots/one.png", "shots/raw/two.dng"}) {
		t.Fatalf("keys = %q", got)
	}
}
