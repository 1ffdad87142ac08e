package share

import (
	"fmt"
	"strings"

	qrcode "github.com/yeqown/go-qrcode/v2"
)

// QROptions adjust how a QR code is drawn in a terminal.
type QROptions struct {
	// LightBackground draws for terminals with dark text on a light
	// background. By default the code is drawn for dark terminals.
	LightBackground bool
	// QuietZone is the light margin around the code in modules (2 to 4;
	// 0 means 2, which phones read from a screen and which keeps the code
	// small).
	QuietZone int
}

// QR draws text as a QR code for a terminal with a dark background, using
// half blocks (▀ ▄ █ and space), two modules per character cell.
//
// Block characters are drawn in the terminal's foreground colour. A
// scanner needs dark modules on a light ground, so on a dark terminal
// (light text) the blocks draw the LIGHT modules and the quiet zone, and
// dark modules are left as the dark background; on a light terminal
// (QROptions.LightBackground) the blocks draw the dark modules. Drawn the
// other way, the code comes out as a negative that many phone scanners
// refuse.
func QR(text string) (string, error) { return QRWith(text, QROptions{}) }

// QRWith draws text as a QR code with the given options.
func QRWith(text string, opt QROptions) (string, error) {
	modules, err := QRModules(text)
	if err != nil {
		return "", err
	}
	quiet := opt.QuietZone
	if quiet == 0 {
		quiet = 2
	}
	if quiet < 2 || quiet > 4 {
		return "", fmt.Errorf("QR quiet zone must be 2 to 4 modules, not %d", quiet)
	}
	return drawHalfBlocks(withQuietZone(modules, quiet), !opt.LightBackground), nil
}

// QRModules encodes text as a QR code (byte mode, error correction level
// L: a screen is never smudged, and fewer modules make bigger cells that
// phones read more easily) and returns its modules, true for dark,
// without a quiet zone.
func QRModules(text string) ([][]bool, error) {
	code, err := qrcode.NewWith(text,
		qrcode.WithEncodingMode(qrcode.EncModeByte),
		qrcode.WithErrorCorrectionLevel(qrcode.ErrorCorrectionLow))
	if err != nil {
		return nil, fmt.Errorf("cannot make a QR code of this link: %w", err)
	}
	var w matrixWriter
	if err := code.Save(&w); err != nil {
		return nil, err
	}
	return w.bitmap, nil
}

// matrixWriter captures the module matrix from the QR library.
type matrixWriter struct{ bitmap [][]bool }

func (w *matrixWriter) Write(m qrcode.Matrix) error { w.bitmap = m.Bitmap(); return nil }
func (w *matrixWriter) Close() error                { return nil }

func withQuietZone(m [][]bool, quiet int) [][]bool {
	size := len(m) + 2*quiet
	out := make([][]bool, size)
	for y := range out {
		out[y] = make([]bool, size)
		if y >= quiet && y < quiet+len(m) {
			copy(out[y][quiet:], m[y-quiet])
		}
	}
	return out
}

// drawHalfBlocks draws two rows of modules per line. inked says which
// modules get ink (foreground): the light ones when drawing for a dark
// terminal, the dark ones otherwise. An odd last row is paired with an
// un-inked row.
func drawHalfBlocks(m [][]bool, inkLight bool) string {
	ink := func(y, x int) bool {
		if y >= len(m) {
			return false
		}
		return m[y][x] != inkLight
	}
	var b strings.Builder
	for y := 0; y < len(m); y += 2 {
		for x := range m[y] {
			b.WriteRune(halfBlock(ink(y, x), ink(y+1, x)))
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func halfBlock(top, bottom bool) rune {
	switch {
	case top && bottom:
		return '█'
	case top:
		return '▀'
	case bottom:
		return '▄'
	}
	return ' '
}
