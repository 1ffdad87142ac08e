package safetext

import (
	"fmt"
	"unicode/utf8"
)

// JSON escapes, inside encoded JSON, every unsafe character that
// encoding/json leaves raw (DEL, C1 controls, bidi and invisible
// characters) as \uXXXX. The value is unchanged, the text is still exact
// JSON, and nothing in it can act on a terminal. b must be valid UTF-8,
// as json.Marshal's output is.
func JSON(b []byte) []byte {
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if Unsafe(r) && r != '\n' {
			out = fmt.Appendf(out, "\\u%04x", r)
		} else {
			out = append(out, b[i:i+size]...)
		}
		i += size
	}
	return out
}
