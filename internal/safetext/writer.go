package safetext

import (
	"io"
	"sync"
	"unicode/utf8"
)

// Writer passes text on with every unsafe character escaped (newlines
// stay). The headless commands write everything through one, so a key
// or a server message can never reach the terminal raw. Machine formats
// that must stay exact (JSON lines, tab-separated link lists) and the
// progress display, which draws with escape sequences of its own, write
// to Raw(w) and make their data safe themselves (JSON, Text).
//
// A Writer is safe for concurrent use. A character split between two
// writes is held until the rest arrives.
type Writer struct {
	mu   sync.Mutex
	w    io.Writer
	tail []byte // the start of a character whose rest has not been written yet
}

// NewWriter returns a Writer onto w; w itself when it already is one.
func NewWriter(w io.Writer) *Writer {
	if sw, ok := w.(*Writer); ok {
		return sw
	}
	return &Writer{w: w}
}

// Write escapes p and writes it on. It reports all of p as written when
// the text was passed on, whatever its escaped length.
func (w *Writer) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	buf := append(w.tail, p...)
	cut := completeLen(buf)
	w.tail = append([]byte(nil), buf[cut:]...)
	if _, err := io.WriteString(w.w, Lines(string(buf[:cut]))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Raw is the writer under w when w is a Writer, else w.
func Raw(w io.Writer) io.Writer {
	if sw, ok := w.(*Writer); ok {
		return sw.w
	}
	return w
}

// completeLen is the length of b without a trailing incomplete UTF-8
// sequence (at most 3 bytes that could still become one character).
func completeLen(b []byte) int {
	for back := 1; back <= utf8.UTFMax-1 && back <= len(b); back++ {
		c := b[len(b)-back]
		if c < 0x80 {
			return len(b) // ASCII: nothing pending
		}
		if utf8.RuneStart(c) {
			if utf8.FullRune(b[len(b)-back:]) {
				return len(b)
			}
			return len(b) - back
		}
	}
	return len(b)
}
