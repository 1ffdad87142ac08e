// Package pasteguard cleans bracketed pastes in the terminal's input
// before Bubble Tea's input decoder sees them.
//
// The decoder (charmbracelet/ultraviolet) parses escape sequences inside
// a paste as it does outside one. A paste holding the start of a string
// sequence (ESC P, ESC X, ESC ^, ESC _ or their 8-bit forms), as binary
// garbage may, makes it read the paste's end marker as part of that
// string: the paste never ends, every later key is taken as pasted text,
// and ferry stops answering the keyboard (even ctrl+c). While the
// sequence stays open it also scans the growing input again on every
// read, so a large paste takes minutes. Most terminals strip ESC from
// what they paste; not all do.
//
// The guard passes everything outside pastes through untouched. Inside
// one it drops ESC bytes (other than the end marker's), bytes that are
// not UTF-8 and C1 control characters; no text worth pasting has them,
// and ferry would show them as escapes anyway.
package pasteguard

import (
	"bytes"
	"io"
	"os"
	"unicode/utf8"

	"github.com/charmbracelet/x/term"
)

// The bracketed-paste markers.
var (
	startMarker = []byte("\x1b[200~")
	endMarker   = []byte("\x1b[201~")
)

// Filter is the guard's state across reads: where it is in a paste and
// the few bytes it holds back until it knows what they are (an ESC that
// may start the end marker, the first bytes of a multi-byte character).
type Filter struct {
	pasting bool
	start   int    // bytes of the start marker matched so far (outside pastes)
	hold    []byte // held back inside a paste, at most len(endMarker)
}

// maxHold is the most a Filter holds back between reads.
const maxHold = 6

// Append filters in and appends the result to out. The result is at
// most len(in) plus the bytes held from earlier calls (< maxHold).
func (f *Filter) Append(out, in []byte) []byte {
	for _, c := range in {
		if !f.pasting {
			out = append(out, c)
			f.matchStart(c)
			continue
		}
		f.hold = append(f.hold, c)
		out = f.drain(out)
	}
	return out
}

// matchStart follows the start marker outside pastes.
func (f *Filter) matchStart(c byte) {
	switch {
	case c == startMarker[f.start]:
		f.start++
	case c == startMarker[0]:
		f.start = 1
	default:
		f.start = 0
	}
	if f.start == len(startMarker) {
		f.pasting, f.start = true, 0
	}
}

// drain emits what the held bytes have turned out to be, and keeps what
// is still undecided.
func (f *Filter) drain(out []byte) []byte {
	for len(f.hold) > 0 && f.pasting {
		h := f.hold
		switch {
		case h[0] == 0x1b && bytes.HasPrefix(endMarker, h):
			if len(h) < len(endMarker) {
				return out // maybe the end marker: wait for more
			}
			out = append(out, endMarker...)
			f.pasting, f.hold = false, f.hold[:0]
		case h[0] == 0x1b:
			f.hold = h[1:] // an ESC in the text: dropped
		case h[0] < utf8.RuneSelf:
			out = append(out, h[0])
			f.hold = h[1:]
		case !utf8.FullRune(h):
			return out // the start of a character: wait for the rest
		default:
			r, size := utf8.DecodeRune(h)
			if r != utf8.RuneError && (r < 0x80 || r > 0x9f) { // not C1
				out = append(out, h[:size]...)
			}
			f.hold = h[size:]
		}
	}
	return out
}

// File is a terminal (or any file) whose reads go through a Filter. It
// is what Bubble Tea is given as input: it has the file's descriptor,
// so the terminal is still put in raw mode and reads can be cancelled.
type File struct {
	*os.File
	filter Filter
	buf    []byte
}

// Wrap guards f's reads.
func Wrap(f *os.File) *File { return &File{File: f} }

// Read reads from the file and returns the filtered bytes. It never holds
// filtered output back for a later call: it reads at most len(p) less
// what the filter may have held, so everything fits in p. It may return
// 0 bytes (a read of nothing but dropped bytes).
func (g *File) Read(p []byte) (int, error) {
	if len(p) <= maxHold {
		return 0, io.ErrShortBuffer // the input decoder reads 4 KiB at a time
	}
	if cap(g.buf) < len(p)-maxHold {
		g.buf = make([]byte, len(p)-maxHold)
	}
	n, err := g.File.Read(g.buf[:len(p)-maxHold])
	out := g.filter.Append(p[:0], g.buf[:n])
	return len(out), err
}

// Terminal is the terminal the program reads keys from, guarded: the
// standard input when it is a terminal, else the controlling terminal
// (as Bubble Tea itself would choose). ok is false when there is none;
// the caller then leaves the choice, and the error, to Bubble Tea.
func Terminal() (in *File, closeIt func(), ok bool) {
	if term.IsTerminal(os.Stdin.Fd()) {
		return Wrap(os.Stdin), func() {}, true
	}
	tty, err := os.OpenFile("/dev/tty", os.O_RDWR, 0)
	if err != nil || !term.IsTerminal(tty.Fd()) {
		if tty != nil {
			_ = tty.Close()
		}
		return nil, nil, false
	}
	return Wrap(tty), func() { _ = tty.Close() }, true
}
