// Package qrtest reads back QR codes drawn in terminal half blocks, for
// tests: it turns the drawing into a picture the way a terminal shows it
// and scans it with a real QR decoder, so a test proves a code scans as
// the text it should instead of comparing it with another drawing (the
// QR library picks among equally good masks by goroutine timing, so two
// drawings of one text may differ).
package qrtest

import (
	"image"
	"image/color"
	"strings"

	"github.com/makiuchi-d/gozxing"
	gozxingqr "github.com/makiuchi-d/gozxing/qrcode"
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
// the rest in the background colour: inkIsDark is a light terminal.
func Decode(lines []string, inkIsDark bool) (string, error) {
	grid := Grid(lines)
	const scale, margin = 4, 8
	fg, bg := color.Gray{Y: 0}, color.Gray{Y: 255}
	if !inkIsDark {
		fg, bg = bg, fg
	}
	w, h := len(grid[0])*scale+2*margin, len(grid)*scale+2*margin
	img := image.NewGray(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetGray(x, y, bg)
			gx, gy := (x-margin)/scale, (y-margin)/scale
			if x >= margin && y >= margin && gy < len(grid) && gx < len(grid[gy]) && grid[gy][gx] {
				img.SetGray(x, y, fg)
			}
		}
	}
	bmp, err := gozxing.NewBinaryBitmapFromImage(img)
	if err != nil {
		return "", err
	}
	res, err := gozxingqr.NewQRCodeReader().Decode(bmp, nil)
	if err != nil {
		return "", err
	}
	return res.GetText(), nil
}
