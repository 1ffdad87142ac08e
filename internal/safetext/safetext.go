// Package safetext owns the one rule for showing text that comes from
// outside ferry (object keys, file names, metadata, server messages,
// pastes) on a terminal: characters that could act on the terminal or
// hide what a name really is are shown as visible escapes instead of
// being sent. The TUI draws every such string through Text; the headless
// commands write through a Writer, so nothing they print can carry a raw
// escape sequence whatever the call site forgot.
//
// Escaped: C0 and C1 control characters, DEL and ESC (they move the
// cursor, set the clipboard with OSC 52, retitle the window, clear the
// screen), bytes that are not UTF-8, bidirectional overrides, embeddings,
// isolates and marks (they make "evil\u202etxt.exe" show as
// "evilexe.txt"), and invisible characters that make two different names
// look the same (zero-width space, word joiner, invisible operators,
// byte order mark, the line and paragraph separators). Zero-width
// joiners and non-joiners stay: emoji sequences and several scripts
// cannot be written without them.
package safetext

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Text returns s with every unsafe character shown as an escape: \x1b
// for controls and bytes that are not UTF-8, \u202e for the rest. Safe
// text is returned as it is.
func Text(s string) string { return escape(s, false) }

// Lines is Text keeping newlines: for multi-line messages.
func Lines(s string) string { return escape(s, true) }

// Unsafe reports whether r must not reach a terminal as it is.
func Unsafe(r rune) bool { return unicode.IsControl(r) || isBidi(r) || isInvisible(r) }

func escape(s string, keepNewlines bool) string {
	unsafe := func(r rune) bool { return Unsafe(r) && !(keepNewlines && r == '\n') }
	if utf8.ValidString(s) && !strings.ContainsFunc(s, unsafe) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, "\\x%02x", s[i])
		case !unsafe(r):
			b.WriteString(s[i : i+size])
		case r < 0x100:
			fmt.Fprintf(&b, "\\x%02x", r)
		default:
			fmt.Fprintf(&b, "\\u%04x", r)
		}
		i += size
	}
	return b.String()
}

// isBidi reports whether r is a bidirectional mark, embedding, override
// or isolate (the characters of "Trojan Source" spoofing).
func isBidi(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// isInvisible reports whether r takes no room and shows nothing, so a
// name holding it looks like one without it.
func isInvisible(r rune) bool {
	switch r {
	case 0x180e, 0x200b, 0x2028, 0x2029, 0x2060, 0x2061, 0x2062, 0x2063, 0x2064, 0xfeff:
		return true
	}
	return false
}
