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

// TestSlotTextIsSanitizedWhenChangedToo: a slot's first text was
// sanitized but a later one was stored raw, so control characters in it
// reached the terminal and the bar measured wider than the window.
func TestSlotTextIsSanitizedWhenChangedToo(t *testing.T) {
	km := keymap.Default()
	ctx := common.NewContext(context.Background(), &km)
	b := New(ctx)
	b.SetWidth(80)
	b.SetSlot("x", "first")
	b.SetSlot("x", "a\bb\rc\x1b[2Jd\xffe\nf")
	view := b.View("info")
	if strings.ContainsAny(ansi.Strip(view), "\b\r\n") || strings.Contains(ansi.Strip(view), "\x1b") {
		t.Fatalf("raw control characters in the bar: %q", view)
	}
	if !strings.Contains(view, `a\x08b\x0dc\x1b[2Jd\xffe f`) {
		t.Fatalf("the slot text is not shown escaped: %q", ansi.Strip(view))
	}
	if got := ansi.StringWidth(view); got != 80 {
		t.Fatalf("bar is %d wide", got)
	}
}

// TestHugeMessagesAreCut: a message quoting a MiB-long pasted line was
// kept whole and measured on every frame; it is cut to a bar's worth.
func TestHugeMessagesAreCut(t *testing.T) {
	km := keymap.Default()
	ctx := common.NewContext(context.Background(), &km)
	b := New(ctx)
	b.SetWidth(120)
	for _, text := range []string{strings.Repeat("/aaaa", 1<<18), strings.Repeat("日\x01", 1<<18)} {
		b.Push(common.StatusMsg{Text: "dropped " + text})
		b.SetSlot("s", text)
		if n := len(b.Message()); n > maxText+len(common.Ellipsis) {
			t.Fatalf("the message is %d bytes", n)
		}
		if !strings.HasPrefix(b.Message(), "dropped ") || !strings.HasSuffix(b.Message(), common.Ellipsis) {
			t.Fatalf("the message does not show its start and that it was cut: %q…", b.Message()[:40])
		}
		if got := ansi.StringWidth(b.View("info")); got != 120 {
			t.Fatalf("bar is %d wide", got)
		}
	}
}

// TestMessageIsSetApartFromTheInfo: the bar read "6/11│ sorted by size",
// the separator glued to the pane's position.
func TestMessageIsSetApartFromTheInfo(t *testing.T) {
	km := keymap.Default()
	ctx := common.NewContext(context.Background(), &km)
	b := New(ctx)
	b.SetWidth(100)
	b.Push(common.StatusMsg{Text: "sorted by size, ascending"})
	if got := ansi.Strip(b.View("s3://odd-keys/ · 6/11")); !strings.Contains(got, " 6/11 │ sorted by size") {
		t.Fatalf("info and message run together: %q", got)
	}
}
