package statusbar

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/ui/common"
)

func TestBarIsExactlyAsWideAsTheWindow(t *testing.T) {
	km := keymap.Default()
	ctx := common.NewContext(context.Background(), &km)
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ctx.Clock.Now = func() time.Time { return now }
	long := strings.Repeat("s3://bucket/very/deep/prefix/", 5)
	for _, w := range []int{40, 57, 100, 203} {
		for _, msg := range []string{"", "sorted by size", strings.Repeat("a long error message ", 12)} {
			for _, slot := range []string{"", "2 running · 45%", strings.Repeat("x", 300)} {
				b := New(ctx)
				b.SetWidth(w)
				if msg != "" {
					b.Push(common.StatusMsg{Text: msg, Level: common.LevelError})
				}
				b.SetSlot("transfers", slot)
				for _, info := range []string{"", "/home/me", long} {
					if got := ansi.StringWidth(b.View(info)); got != w {
						t.Fatalf("w=%d msg=%q slot=%q info=%q: bar is %d wide: %q", w, msg, slot, info, got, ansi.Strip(b.View(info)))
					}
				}
			}
		}
	}
}

func TestMessagesExpireAndErrorsStayLonger(t *testing.T) {
	km := keymap.Default()
	ctx := common.NewContext(context.Background(), &km)
	now := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
	ctx.Clock.Now = func() time.Time { return now }
	b := New(ctx)
	b.Push(common.StatusMsg{Text: "line one\nline two", Level: common.LevelError})
	if b.Message() != "line one line two" {
		t.Fatalf("message %q", b.Message())
	}
	b.Expire(now.Add(DefaultFor))
	if !b.Pending() {
		t.Fatal("errors should outlive the default duration")
	}
	b.Expire(now.Add(ErrorFor))
	if b.Pending() {
		t.Fatal("error message should have expired")
	}
}
