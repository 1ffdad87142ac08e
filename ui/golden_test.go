package ui_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"
	"github.com/charmbracelet/x/exp/golden"
	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

// settled wraps the root model and closes ready once no pane is loading,
// so the test knows when the screen has stopped changing by itself.
type settled struct {
	*ui.Model
	ready chan struct{}
	once  bool
}

func (s *settled) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	_, cmd := s.Model.Update(msg)
	if !s.once && s.Model.Pane(ui.LeftPane).Summary().Total > 0 &&
		!s.Model.Pane(ui.LeftPane).Busy() && !s.Model.Pane(ui.RightPane).Busy() {
		s.once = true
		close(s.ready)
	}
	return s, cmd
}

// TestGoldenTwoPaneScreen runs the whole program (real Cmds, real timers)
// at 100×30 against a gateway and compares the final frame, colours
// included, with testdata/TestGoldenTwoPaneScreen.golden. Regenerate with
// go test ./ui -run Golden -update.
func TestGoldenTwoPaneScreen(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.local = shortTempDir(t)
	e.dir("docs")
	e.file("alpha.txt", "hello")
	e.file("beta.bin", strings.Repeat("b", 200000))
	e.file("ünïcödé 日本語.txt", "x")
	e.file("a very long file name that will not fit in its column at all.log", "long")
	e.bucket("golden")
	e.put("golden", "2024/jan.csv", "1,2,3", "text/csv", nil)
	e.put("golden", "cat.png", strings.Repeat("c", 3000), "image/png", nil)
	e.put("golden", "notes.txt", "n", "text/plain", nil)
	e.put("golden", "video.mp4", strings.Repeat("v", 5<<20), "video/mp4", nil)

	m := &settled{Model: ui.New(ui.Options{Client: e.client, LocalDir: e.local,
		S3Start: s3ops.Location{Bucket: "golden"}, TimeZone: time.UTC, Base: context.Background()}),
		ready: make(chan struct{})}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30),
		teatest.WithProgramOptions(tea.WithColorProfile(colorprofile.TrueColor)))
	select {
	case <-m.ready:
	case <-time.After(30 * time.Second):
		t.Fatal("listings did not finish")
	}
	for _, k := range []string{"tab", "j", "space"} {
		tm.Send(keyMsg(k))
	}
	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(10*time.Second)).(*settled)
	screen := final.View().Content
	if !contains(readAll(t, tm), "notes.txt") {
		t.Fatal("the program's output never showed the S3 listing")
	}
	golden.RequireEqual(t, strings.ReplaceAll(screen, e.local, placeholder(e.local)))
}

// shortTempDir makes a local dir whose path has a fixed length (under
// /tmp, with a fixed-width random suffix), so the header lays out the
// same everywhere; the path is replaced by a same-width placeholder.
func shortTempDir(t *testing.T) string {
	d := fmt.Sprintf("/tmp/ferry-golden-%08x", rand.Uint32())
	if err := os.Mkdir(d, 0o700); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	return d
}

func placeholder(path string) string {
	p := "/LOCAL"
	return p + strings.Repeat("_", max(0, len(path)-len(p)))
}

func readAll(t *testing.T, tm *teatest.TestModel) []byte {
	var b strings.Builder
	buf := make([]byte, 4096)
	out := tm.FinalOutput(t)
	for {
		n, err := out.Read(buf)
		b.Write(buf[:n])
		if err != nil || n == 0 {
			return []byte(b.String())
		}
	}
}
