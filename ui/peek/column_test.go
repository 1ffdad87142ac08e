package peek

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/preview"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

func testColumn(t *testing.T, now *time.Time) *Column {
	t.Helper()
	keys := keymap.Default()
	ctx := common.NewContext(context.Background(), &keys)
	ctx.Clock = common.Clock{Now: func() time.Time { return *now },
		Tick: func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }}
	c := New(ctx)
	c.Toggle()
	c.SetSize(60, 20)
	return c
}

func localEntry(t *testing.T, dir, name, body string) source.Entry {
	t.Helper()
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
	return source.Entry{Name: name, Key: p, Size: int64(len(body))}
}

func TestAMoveCancelsTheLoadInFlightAndItsLateResultIsDropped(t *testing.T) {
	dir := t.TempDir()
	src := source.NewLocal(dir)
	a, b := localEntry(t, dir, "a.txt", "first file"), localEntry(t, dir, "b.txt", "second file")
	now := time.Unix(1000, 0)
	c := testColumn(t, &now)

	c.Follow(src, a, true)
	if c.Due() != nil {
		t.Fatal("a load started before the cursor settled")
	}
	now = now.Add(Settle)
	loadA := c.Due()
	if loadA == nil || !c.Busy() {
		t.Fatal("no load once settled")
	}
	c.Follow(src, b, true) // the cursor moves on while a.txt loads: its context is cancelled
	if c.busy || c.cancel != nil {
		t.Fatal("the load in flight was not stopped")
	}
	lateA := loadA() // it finishes anyway (a local read is quick)
	now = now.Add(Settle)
	loadB := c.Due()
	c.Update(lateA.(Msg))
	if got := ansi.Strip(c.View()); strings.Contains(got, "first file") {
		t.Fatalf("a stale result was shown:\n%s", got)
	}
	c.Update(loadB().(Msg))
	if got := ansi.Strip(c.View()); !strings.Contains(got, "second file") || c.Loads() != 2 {
		t.Fatalf("loads %d:\n%s", c.Loads(), got)
	}
}

func TestRenderTellsKindsApart(t *testing.T) {
	h := func(b string) preview.Head { return preview.Head{Data: []byte(b), Size: int64(len(b))} }
	r := render(h("print('hi')\n"), "x.py", 60, true)
	if r.summary != "python · 12 B" || !strings.Contains(strings.Join(r.lines, "\n"), "\x1b[") {
		t.Fatalf("python: %q %q", r.summary, r.lines)
	}
	r = render(h("just words\twith a tab\x1b[31m and an escape\n"), "notes.txt", 60, true)
	if r.summary != "text · 41 B" || r.lines[0] != `just words  with a tab\x1b[31m and an escape` {
		t.Fatalf("text: %q %q", r.summary, r.lines)
	}
	big := preview.Head{Data: []byte(strings.Repeat("a", 100)), Size: 5 << 30, Truncated: true}
	r = render(big, "huge.log", 60, true)
	if last := r.lines[len(r.lines)-1]; last != "… the first 100 B of 5.0 GiB" {
		t.Fatalf("truncated: %q", last)
	}
	r = render(preview.Head{}, "empty.txt", 60, true)
	if len(r.lines) != 1 || r.lines[0] != "(empty)" {
		t.Fatalf("empty: %q", r.lines)
	}
}
