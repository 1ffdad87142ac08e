package common

import (
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/internal/safetext"
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
// pastes) safe to draw, by the rule the headless commands follow too
// (see package safetext): characters that could act on the terminal or
// hide what a name is become visible escapes.
func Sanitize(s string) string { return safetext.Text(s) }

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

// Wrapped wraps untrusted text (sanitized first) to width, breaking at
// spaces and slashes, and renders each line with style.
func Wrapped(text string, width int, style func(...string) string) []string {
	var out []string
	for _, l := range strings.Split(ansi.Wrap(Sanitize(text), max(1, width), " /"), "\n") {
		out = append(out, style(l))
	}
	return out
}
