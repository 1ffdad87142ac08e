package pane

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// memSource is an in-memory location for pane tests: it is the pane's
// own abstraction, so these tests exercise the pane, not S3 (which the
// ui package tests against a real gateway).
type memSource struct {
	name    string
	entries []source.Entry
	page    int
}

func (s memSource) Kind() source.Kind           { return source.KindS3 }
func (s memSource) String() string              { return "mem://" + s.name + "/" }
func (s memSource) Caps() source.Caps           { return source.Caps{} }
func (s memSource) Home() (source.Source, bool) { return nil, false }
func (s memSource) Open(e source.Entry) (source.Source, bool) {
	return memSource{name: s.name + "/" + e.Name}, e.IsDir
}
func (s memSource) Parent() (source.Source, string, bool) { return nil, "", false }
func (s memSource) Details(context.Context, source.Entry) (source.Details, error) {
	return source.Details{}, nil
}
func (s memSource) List(ctx context.Context, emit func([]source.Entry) bool) error {
	for i := 0; i < len(s.entries); i += s.page {
		if !emit(s.entries[i:min(i+s.page, len(s.entries))]) {
			return ctx.Err()
		}
	}
	return nil
}

var t0 = time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC)

func entries(prefix string, n int) []source.Entry {
	out := make([]source.Entry, n)
	for i := range out {
		name := fmt.Sprintf("%s%06d.dat", prefix, i)
		out[i] = source.Entry{Name: name, Key: name, Size: int64(i * 37 % 100000), Modified: t0.Add(time.Duration(i) * time.Second)}
	}
	return out
}

func newPane(tb testing.TB, src source.Source, w, h int) *Model {
	tb.Helper()
	km := keymap.Default()
	ctx := common.NewContext(context.Background(), &km)
	ctx.TimeZone = time.UTC
	p := New(ctx, 0, src)
	p.SetSize(w, h)
	p.SetFocused(true)
	return p
}

// feed delivers a batch as the listing would, without running the cmd
// that waits for the next one.
func feed(p *Model, es []source.Entry, done bool) {
	p.Update(ListMsg{Pane: p.id, Seq: p.seq, Entries: es, Done: done})
}

func down() tea.KeyPressMsg { return tea.KeyPressMsg{Code: tea.KeyDown} }

func TestFirstPageShowsWhileRestLoadAndCursorStaysOnEntry(t *testing.T) {
	p := newPane(t, memSource{name: "big"}, 80, 20)
	p.Load()
	feed(p, entries("m", 1000), false)
	view := ansi.Strip(p.View())
	if !strings.Contains(view, "loading… 1,000") || !strings.Contains(view, "m000000.dat") {
		t.Fatalf("first page not on screen while loading:\n%s", view)
	}
	for range 40 {
		p.Update(down())
	}
	want, _ := p.Current()
	row := p.scroll.Cursor - p.scroll.Offset
	// A page of names sorting before the cursor's, and folders (first).
	feed(p, entries("a", 1000), false)
	feed(p, []source.Entry{{Name: "dir", Key: "dir/", IsDir: true}}, false)
	if got, _ := p.Current(); got.Key != want.Key || p.scroll.Cursor-p.scroll.Offset != row {
		t.Fatalf("cursor moved to %q (row %d), want %q (row %d)", got.Key, p.scroll.Cursor-p.scroll.Offset, want.Key, row)
	}
	feed(p, entries("z", 500), true)
	view = ansi.Strip(p.View())
	if p.Busy() || !strings.Contains(view, "2,501 items") {
		t.Fatalf("after the last page:\n%s", view)
	}
	if got, _ := p.Current(); got.Key != want.Key {
		t.Fatalf("cursor on %q after load, want %q", got.Key, want.Key)
	}
}

func TestStaleListingResultsAreDropped(t *testing.T) {
	p := newPane(t, memSource{name: "old", entries: entries("old", 10), page: 3}, 80, 20)
	stale := p.Load()
	fresh := p.SetSource(memSource{name: "new", entries: entries("new", 5), page: 5})
	p.Update(stale()) // arrives late: must not mix into the new listing
	for cmd := fresh; cmd != nil; {
		cmd = p.Update(cmd())
	}
	if len(p.list.all) != 5 || !strings.HasPrefix(p.list.all[0].Name, "new") {
		t.Fatalf("entries = %d, first %q", len(p.list.all), p.list.all[0].Name)
	}
}

func TestListingRunsToTheEndThroughCmds(t *testing.T) {
	p := newPane(t, memSource{name: "m", entries: entries("k", 2345), page: 1000}, 80, 20)
	for cmd := p.Load(); cmd != nil; {
		cmd = p.Update(cmd())
	}
	if p.Busy() || len(p.list.all) != 2345 {
		t.Fatalf("busy=%v entries=%d", p.Busy(), len(p.list.all))
	}
}

func TestSortOrdersFoldersFirstAndNamesCaseInsensitively(t *testing.T) {
	p := newPane(t, memSource{name: "m"}, 80, 20)
	p.Load()
	feed(p, []source.Entry{{Name: "b", Key: "b"}, {Name: "B", Key: "B"}, {Name: "a", Key: "a", Size: 9},
		{Name: "Zdir", Key: "Zdir/", IsDir: true}, {Name: "ä", Key: "ä"}, {Name: "A2", Key: "A2", Size: 1}}, true)
	names := func() string {
		var s []string
		for i := range p.list.len() {
			s = append(s, p.list.at(i).Name)
		}
		return strings.Join(s, " ")
	}
	if got := names(); got != "Zdir a A2 B b ä" {
		t.Fatalf("by name: %s", got)
	}
	p.SetOrder(Order{Field: BySize, Desc: true})
	if got := names(); got != "Zdir a A2 ä b B" {
		t.Fatalf("by size desc: %s", got)
	}
}

func BenchmarkPaneView100k(b *testing.B) {
	p := newPane(b, memSource{name: "bench"}, 100, 50)
	p.Load()
	feed(p, entries("k", 100000), true)
	p.moveTo(50000)
	for b.Loop() {
		_ = p.View()
	}
}

func BenchmarkPaneCursor100k(b *testing.B) {
	p := newPane(b, memSource{name: "bench"}, 100, 50)
	p.Load()
	feed(p, entries("k", 100000), true)
	msg := down()
	for b.Loop() {
		p.Update(msg)
		if p.scroll.Cursor == p.list.len()-1 {
			p.moveTo(0)
		}
		_ = p.View()
	}
}

// BenchmarkPaneLoad100k streams 100,000 entries in 100 pages of 1,000,
// as a big S3 prefix arrives, merging each page into the sorted list.
func BenchmarkPaneLoad100k(b *testing.B) {
	pages := make([][]source.Entry, 100)
	all := entries("k", 100000)
	for i := range pages {
		pages[i] = all[i*1000 : (i+1)*1000]
	}
	for b.Loop() {
		p := newPane(b, memSource{name: "bench"}, 100, 50)
		p.Load()
		for i, pg := range pages {
			feed(p, pg, i == len(pages)-1)
		}
	}
}
