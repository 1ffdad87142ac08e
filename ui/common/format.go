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
	width = max(1, width)
	// ansi.Wrap may leave a breaking slash one column past the width;
	// Hardwrap puts it on the next line.
	lines := strings.Split(ansi.Hardwrap(ansi.Wrap(Sanitize(text), width, " /"), width, true), "\n")
	var out []string
	for i, l := range lines {
		if i+1 < len(lines) && closingOnly(lines[i+1]) {
			l, lines[i+1] = carryDown(l, lines[i+1], width)
		}
		out = append(out, style(l))
	}
	return out
}

// closingOnly reports whether a wrapped line is nothing but closing
// punctuation, which must not stand alone ("…/sub/" then ")").
func closingOnly(line string) bool {
	line = strings.TrimSpace(line)
	return line != "" && strings.Trim(line, ").,;:!?]}»”’'\"") == ""
}

// carryDown moves the last word (after a space or slash) of line onto
// the start of next, when that fits in width.
func carryDown(line, next string, width int) (string, string) {
	cut := strings.LastIndexAny(strings.TrimRight(line[:max(0, len(line)-1)], " "), " /")
	if cut < 0 {
		return line, next
	}
	word := strings.TrimRight(line[cut+1:], " ")
	if ansi.StringWidth(word+strings.TrimSpace(next)) > width {
		return line, next
	}
	return strings.TrimRight(line[:cut+1], " "), word + strings.TrimSpace(next)
}

// WrapParts joins parts (plain text, such as "key action" pairs) with sep
// into lines at most width wide, breaking only between parts, so a line
// of keys wraps instead of losing its end; a part wider than width alone
// is cut.
func WrapParts(parts []string, sep string, width int) []string {
	var lines []string
	line := ""
	for _, p := range parts {
		switch {
		case line == "":
			line = p
		case ansi.StringWidth(line+sep+p) <= width:
			line += sep + p
		default:
			lines = append(lines, line)
			line = p
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	for i, l := range lines {
		if ansi.StringWidth(l) > width {
			lines[i] = ansi.Truncate(l, max(0, width), Ellipsis)
		}
	}
	return lines
}

// maxExt is the longest ending (dot included) FitName keeps as an
// extension.
const maxExt = 8

// FitName is Fit for a file name: one too long for its column is cut in
// the middle, keeping its end — the extension with the two characters
// before it ("very-long-na…me.csv"), a folder's "/" or a link's "@" —
// which is what tells similar names apart. Names without such an end,
// or columns too narrow to keep it, are cut at the end as Fit does.
func FitName(s string, width int) string {
	w := ansi.StringWidth(s)
	if w <= width {
		return PadRight(s, width)
	}
	tail := nameTail(s)
	if tail == 0 || width < tail+4 {
		return Fit(s, width)
	}
	out := ansi.Truncate(s, width-tail-1, "") + Ellipsis + ansi.TruncateLeft(s, w-tail, "")
	if ansi.StringWidth(out) > width { // a wide character straddled a cut
		return Fit(s, width)
	}
	return PadRight(out, width)
}

// nameTail is how many columns at the end of name FitName keeps.
func nameTail(name string) int {
	base := strings.TrimRight(name, "/@")
	mark := len(name) - len(base)
	dot := strings.LastIndex(base, ".")
	if dot <= 0 || len(base)-dot > maxExt || len(base)-dot < 2 {
		return mark
	}
	return min(ansi.StringWidth(base[dot:])+2, ansi.StringWidth(base)) + mark
}
