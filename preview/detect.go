package preview

import (
	"bytes"
	"path"
	"strings"
	"unicode/utf8"
)

// Kind is how a preview should show some content.
type Kind int

// The kinds of content Detect tells apart.
const (
	Binary   Kind = iota // anything else: shown as a hex dump
	Text                 // UTF-8 text without NULs
	Markdown             // text with a Markdown file name
	Image                // a PNG, JPEG or GIF whose header decodes
)

func (k Kind) String() string {
	switch k {
	case Text:
		return "text"
	case Markdown:
		return "markdown"
	case Image:
		return "image"
	}
	return "binary"
}

var markdownExts = map[string]bool{".md": true, ".markdown": true, ".mdown": true, ".mkd": true, ".mkdn": true}

// Detect classifies content from its first bytes and its name (a file
// name or S3 key; only the extension is used). Content wins over the
// name: a ".md" file full of NULs is Binary, an image named ".txt" is an
// Image. Empty content is Text (an empty file shows as an empty page).
func Detect(head []byte, name string) Kind {
	if _, err := DecodeImageInfo(head); err == nil {
		return Image
	}
	if !IsText(head) {
		return Binary
	}
	if markdownExts[strings.ToLower(path.Ext(name))] {
		return Markdown
	}
	return Text
}

// IsText reports whether head looks like text: valid UTF-8 (a rune cut
// off at the end of a truncated read is allowed), no NUL bytes, and
// almost no control characters other than the usual whitespace and
// escape sequences.
func IsText(head []byte) bool {
	if bytes.IndexByte(head, 0) >= 0 {
		return false
	}
	head = bytes.TrimPrefix(head, []byte("\xef\xbb\xbf")) // UTF-8 BOM
	if !utf8.Valid(trimPartialRune(head)) {
		return false
	}
	controls := 0
	for _, b := range head {
		if b < 0x20 && !isTextControl(b) || b == 0x7f {
			controls++
		}
	}
	// A stray control byte is tolerated (old files, form feeds); many
	// of them mean binary that happens to be valid UTF-8.
	return controls*100 <= len(head)
}

func isTextControl(b byte) bool {
	switch b {
	case '\t', '\n', '\r', '\f', '\v', '\b', 0x1b:
		return true
	}
	return false
}

// trimPartialRune drops an incomplete UTF-8 sequence at the very end of
// b, which a read of the first N bytes can cut through.
func trimPartialRune(b []byte) []byte {
	for i := 1; i <= utf8.UTFMax-1 && i <= len(b); i++ {
		c := b[len(b)-i]
		if c < 0x80 {
			return b // ASCII: nothing is cut
		}
		if utf8.RuneStart(c) {
			if !utf8.FullRune(b[len(b)-i:]) {
				return b[:len(b)-i]
			}
			return b
		}
	}
	return b
}
