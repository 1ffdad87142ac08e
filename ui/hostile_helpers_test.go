package ui_test

import (
	"fmt"
	"math/rand/v2"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// Helpers for the hostile-input tests (issue 7, terminal part): a frame
// checker, generators of garbage, and a watchdog that turns a hang or a
// panic in Update, View or a command into a test failure that says which
// message caused it.

// stepLimit is a backstop, not a performance target: one Update, View
// or command taking this long means the UI hung.
const stepLimit = 20 * time.Second

// frameProblem says what is wrong with a frame drawn for a w×h window,
// or "" when it is sound: exactly h lines, none wider than w columns,
// valid UTF-8, and no control characters other than the newlines and
// the SGR colour sequences ferry draws with (a raw ESC, BEL or CR from a
// file name or a paste could move the cursor or restyle the terminal).
func frameProblem(frame string, w, h int) string {
	lines := strings.Split(frame, "\n")
	if len(lines) != h {
		return fmt.Sprintf("%d lines, want %d", len(lines), h)
	}
	for i, l := range lines {
		if lw := ansi.StringWidth(l); lw > w {
			return fmt.Sprintf("line %d is %d columns wide, more than %d: %q", i, lw, w, ansi.Strip(l))
		}
	}
	if !utf8.ValidString(frame) {
		return "the frame is not valid UTF-8"
	}
	return rawControl(frame)
}

// rawControl finds a control character in s that is not a newline or
// part of an SGR sequence (ESC [ digits ; : m).
func rawControl(s string) string {
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == '\x1b':
			n := sgrLen(s[i:])
			if n == 0 {
				return fmt.Sprintf("raw escape at byte %d: %q", i, s[i:min(len(s), i+16)])
			}
			i += n
			continue
		case r == '\n':
		case r < 0x20 || (r >= 0x7f && r <= 0x9f):
			return fmt.Sprintf("raw control character %U at byte %d: %q", r, i, s[max(0, i-16):min(len(s), i+16)])
		}
		i += size
	}
	return ""
}

// sgrLen is the length of the SGR sequence s starts with, 0 if it is not one.
func sgrLen(s string) int {
	if len(s) < 3 || s[1] != '[' {
		return 0
	}
	for i := 2; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9', c == ';', c == ':':
		case c == 'm':
			return i + 1
		default:
			return 0
		}
	}
	return 0
}

// wantFrame fails the test when the model's frame does not fit w×h.
func (h *harness) wantFrame(w, hgt int, when string) {
	h.t.Helper()
	frame := h.view()
	if p := frameProblem(frame, w, hgt); p != "" {
		h.t.Fatalf("%s, at %d×%d: %s\n%s", when, w, hgt, p, ansi.Strip(frame))
	}
}

// view draws a frame under the watchdog.
func (h *harness) view() string {
	h.t.Helper()
	var frame string
	h.guard("View", func() { frame = h.m.View().Content })
	return frame
}

// guard runs fn under the watchdog: a panic or a hang fails the test
// with what was being done.
func (h *harness) guard(what string, fn func()) {
	h.t.Helper()
	failure := make(chan string, 1)
	go func() {
		defer func() {
			if r := recover(); r != nil {
				failure <- fmt.Sprintf("panic: %v\n%s", r, debug.Stack())
				return
			}
			failure <- ""
		}()
		fn()
	}()
	select {
	case f := <-failure:
		if f != "" {
			h.t.Fatalf("%s: %s", what, f)
		}
	case <-time.After(stepLimit):
		h.t.Fatalf("%s did not return within %s", what, stepLimit)
	}
}

// sendSafe is send under the watchdog, running the commands too.
func (h *harness) sendSafe(msg tea.Msg) {
	h.t.Helper()
	var cmd tea.Cmd
	h.guard(describe(msg), func() { _, cmd = h.m.Update(msg) })
	h.guard(describe(msg)+" (its commands)", func() { h.run(cmd) })
}

// describe names a message briefly (pastes by size: they can be MiBs).
func describe(msg tea.Msg) string {
	switch m := msg.(type) {
	case tea.PasteMsg:
		return fmt.Sprintf("paste of %d bytes (%q…)", len(m.Content), m.Content[:min(len(m.Content), 24)])
	case tea.KeyPressMsg:
		return "key " + m.String()
	}
	return fmt.Sprintf("%T %+v", msg, msg)
}

// garbage is n random bytes weighted towards the nasty ones: NUL, ESC
// and whole escape sequences, other C0/C1 controls, invalid UTF-8, wide
// and combining characters, newlines.
func garbage(rng *rand.Rand, n int) string {
	pieces := []string{"\x00", "\x1b", "\x1b[2J", "\x1b[31m", "\x1b]52;c;aGk=\x07", "\x1b[?1049l", "\x9b", "\x85",
		"\r", "\n", "\r\n", "\t", "\x7f", "\x08", "\xff\xfe", "\xc3", "\xed\xa0\x80", "日本", "e\u0301", "\u200b",
		"👩‍👩‍👧", "/", "'", "\"", "\\", "~", "file://", " "}
	var b strings.Builder
	b.Grow(n + 16)
	for b.Len() < n {
		if rng.IntN(3) == 0 {
			b.WriteString(pieces[rng.IntN(len(pieces))])
			continue
		}
		b.WriteByte(byte(rng.IntN(256)))
	}
	return b.String()[:n]
}
