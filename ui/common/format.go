package common

import (
	"fmt"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/internal/units"
)

// Ellipsis marks text cut to fit.
const Ellipsis = "…"

// TimeLayout is how modification times are shown: fixed width, sortable.
const TimeLayout = "2006-01-02 15:04"

// HumanSize formats a byte count in binary units: "0 B", "999 B",
// "1.5 KiB", "152 MiB". The result is at most 8 columns wide.
func HumanSize(n int64) string { return units.Bytes(n) }

// FormatTime formats t in loc with TimeLayout; the zero time is "".
func FormatTime(t time.Time, loc *time.Location) string {
	if t.IsZero() {
		return ""
	}
	if loc != nil {
		t = t.In(loc)
	}
	return t.Format(TimeLayout)
}

// Sanitize makes untrusted text (file names, S3 keys, server messages,
// pastes) safe to draw: control characters, which could move the cursor
// or restyle the terminal, bytes that are not UTF-8 (a Latin-1 file
// name, binary garbage), which terminals and width counting disagree
// about, and bidirectional overrides, which make a terminal that
// reorders text show "evil\u202etxt.exe" as "evilexe.txt", become
// visible escapes.
func Sanitize(s string) string {
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unsafeRune) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case unicode.IsControl(r):
			fmt.Fprintf(&b, "\\x%02x", r)
		case isBidi(r):
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(s[i : i+size])
		}
		i += size
	}
	return b.String()
}

func unsafeRune(r rune) bool { return unicode.IsControl(r) || isBidi(r) }

// isBidi reports whether r is a bidirectional mark, embedding, override
// or isolate (the characters of "Trojan Source" spoofing).
func isBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// Fit cuts s (plain text) to width display columns with an ellipsis and
// pads it with spaces to exactly width.
func Fit(s string, width int) string {
	if width <= 0 {
		return ""
	}
	if ansi.StringWidth(s) > width {
		s = ansi.Truncate(s, width, Ellipsis)
	}
	return PadRight(s, width)
}

// FitLeft is Fit cutting from the left, keeping the end of s (for paths).
func FitLeft(s string, width int) string {
	if width <= 0 {
		return ""
	}
	w := ansi.StringWidth(s)
	// A wide character straddling the cut is kept whole, so cut again
	// until the text fits.
	for cut := w - width + 1; w > width && cut <= w; cut++ {
		if t := ansi.TruncateLeft(s, cut, Ellipsis); ansi.StringWidth(t) <= width {
			return PadRight(t, width)
		}
	}
	return PadRight(s, width)
}

// PadRight pads s with spaces to width columns.
func PadRight(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return s + strings.Repeat(" ", width-w)
	}
	return s
}

// PadLeft right-aligns s in width columns.
func PadLeft(s string, width int) string {
	if w := ansi.StringWidth(s); w < width {
		return strings.Repeat(" ", width-w) + s
	}
	return s
}
