// Package qrtest reads back QR codes drawn in terminal half blocks, for
// tests: it turns the drawing into a picture the way a terminal shows it
// (quiet zone and the terminal's background around it) and scans it with
// a real QR decoder, so a test proves a code scans as the text it should
// instead of comparing it with another drawing (the QR library picks
// among equally good masks by goroutine timing, so two drawings of one
// text may differ).
//
// The picture is scanned with gozxing's multiple-code reader, not its
// single-code reader. On a perfectly sharp picture the single reader
// stops scanning rows once it has confirmed three finder-like patterns;
// when the data happens to hold a finder-like pattern above the real
// bottom-left finder, it stops before reaching that finder and fails
// (about one link in 40 at 4 pixels a module, one in 1,500 at 2). Such codes are valid: zbar and phones read them. The multiple
// reader scans the whole picture and tries every plausible triple of
// finders, and read every one of thousands of generated links at module
// sizes 1 to 5 (TestEveryDrawnLinkScans keeps checking 500 a run).
package qrtest

import (
	"fmt"
	"image"
	"strings"

	"github.com/makiuchi-d/gozxing"
	multiqr "github.com/makiuchi-d/gozxing/multi/qrcode"
)

// Grid turns half-block lines back into modules, true where a module
// was inked (two modules per character cell).
func Grid(lines []string) [][]bool {
	var grid [][]bool
	for _, line := range lines {
		var top, bottom []bool
		for _, r := range line {
			top = append(top, r == '▀' || r == '█')
			bottom = append(bottom, r == '▄' || r == '█')
		}
		grid = append(grid, top, bottom)
	}
	return grid
}

// Lines splits a drawing into its rows.
func Lines(text string) []string { return strings.Split(strings.TrimSuffix(text, "\n"), "\n") }

// Decode scans the drawing shown with ink in the foreground colour and
// the rest in the background colour: inkIsDark is a light terminal. It
// fails unless the picture holds exactly one code.
func Decode(lines []string, inkIsDark bool) (string, error) {
	bmp, err := gozxing.NewBinaryBitmapFromImage(picture(Grid(lines), inkIsDark))
	if err != nil {
		return "", err
	}
	found, err := multiqr.NewQRCodeMultiReader().DecodeMultiple(bmp, nil)
	if err != nil {
		return "", err
	}
	if len(found) != 1 {
		return "", fmt.Errorf("the picture holds %d QR codes, want one", len(found))
	}
	return found[0].GetText(), nil
}

// picture draws the grid as a terminal shows it: 2 pixels a module, ink
// in the foreground colour, the rest and a 2-module border around it in
// the background colour (black on a dark terminal, white on a light one).
func picture(grid [][]bool, inkIsDark bool) *image.Gray {
	const scale, margin = 2, 4
	fg, bg := uint8(0), uint8(255)
	if !inkIsDark {
		fg, bg = bg, fg
	}
	w, h := len(grid[0])*scale+2*margin, len(grid)*scale+2*margin
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		row := img.Pix[y*img.Stride : y*img.Stride+w]
		gy := (y - margin) / scale
		for x := range row {
			gx := (x - margin) / scale
			row[x] = bg
			if x >= margin && y >= margin && gy < len(grid) && gx < len(grid[gy]) && grid[gy][gx] {
				row[x] = fg
			}
		}
	}
	return img
}
