package clipboard

import (
	"encoding/base64"
	"io"
	"os"

	"github.com/mattn/go-isatty"
)

// OSC52 is the terminal escape sequence that asks the terminal to put text
// on the system clipboard ("c"), base64-encoded and ended with BEL. It
// works over SSH where the terminal allows it (most modern ones do; tmux
// needs `set -g set-clipboard on`).
func OSC52(text string) string {
	return "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(text)) + "\a"
}

// IsTerminal reports whether w is a terminal, where an escape sequence
// reaches the user's terminal rather than a file or pipe.
func IsTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && (isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd()))
}

// WriteOSC52 writes the OSC 52 sequence for text to w when w is a
// terminal, and reports whether it did. Written into a file or pipe the
// sequence would only be noise, so then nothing is written.
func WriteOSC52(w io.Writer, text string) (bool, error) {
	if !IsTerminal(w) {
		return false, nil
	}
	_, err := io.WriteString(w, OSC52(text))
	return err == nil, err
}
