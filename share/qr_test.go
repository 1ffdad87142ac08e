package share_test

import (
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/internal/qrtest"
	"github.com/ferry-s3/ferry/share"
)

// A link as long as a real presigned URL with a session token is.
var qrURL = "http://127.0.0.1:7070/bucket/dir%20with%20space/%E6%97%A5%E6%9C%AC.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256" +
	"&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20251201%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20251201T130000Z" +
	"&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Security-Token=" + strings.Repeat("IQoJb3JpZ2luX2VjEJr", 20) +
	"&X-Amz-Signature=0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"

func TestQRDrawnForDarkTerminalDecodesBack(t *testing.T) {
	text, err := share.QR(qrURL)
	if err != nil {
		t.Fatal(err)
	}
	checkHalfBlocks(t, text)
	// On a dark terminal the blocks are lit: inked means a light module.
	if got := decodeQR(t, text, false); got != qrURL {
		t.Fatalf("decoded %q", got)
	}
}

func TestQRDrawnForLightTerminalDecodesBack(t *testing.T) {
	text, err := share.QRWith(qrURL, share.QROptions{LightBackground: true, QuietZone: 4})
	if err != nil {
		t.Fatal(err)
	}
	checkHalfBlocks(t, text)
	if got := decodeQR(t, text, true); got != qrURL {
		t.Fatalf("decoded %q", got)
	}
}

func TestQRReadWithTheWrongBackgroundIsANegative(t *testing.T) {
	// The same drawing shown on a light terminal would be a negative
	// (light modules dark), which scanners reject: the option matters.
	text, err := share.QR(qrURL)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := qrtest.Decode(qrtest.Lines(text), true); err == nil {
		t.Fatalf("negative decoded as %q; the decoder proves nothing about orientation", got)
	}
}

func TestQRQuietZoneIsLightAndSized(t *testing.T) {
	modules, err := share.QRModules("hello")
	if err != nil {
		t.Fatal(err)
	}
	n := len(modules)
	if n != 21 {
		t.Fatalf("a 5-byte text should fit a version 1 code (21 modules), got %d", n)
	}
	for _, q := range []int{2, 3, 4} {
		text, err := share.QRWith("hello", share.QROptions{QuietZone: q})
		if err != nil {
			t.Fatal(err)
		}
		grid := qrtest.Grid(qrtest.Lines(text))
		if len(grid[0]) != n+2*q || len(grid) < n+2*q {
			t.Fatalf("quiet zone %d: grid %dx%d", q, len(grid[0]), len(grid))
		}
		for x := range grid[0] { // top rows of the quiet zone are inked (light) on a dark terminal
			for y := range q {
				if !grid[y][x] {
					t.Fatalf("quiet zone %d: module (%d,%d) is dark", q, x, y)
				}
			}
		}
	}
	if _, err := share.QRWith("hello", share.QROptions{QuietZone: 5}); err == nil {
		t.Fatal("quiet zone 5 accepted")
	}
}

func checkHalfBlocks(t *testing.T, text string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(text, "\n"), "\n")
	width := len([]rune(lines[0]))
	for i, l := range lines {
		if len([]rune(l)) != width {
			t.Fatalf("line %d is %d cells wide, want %d", i, len([]rune(l)), width)
		}
		if s := strings.Trim(l, "▀▄█ "); s != "" {
			t.Fatalf("line %d has characters other than half blocks: %q", i, s)
		}
	}
}

// decodeQR scans the drawing, failing the test when it cannot be read.
func decodeQR(t *testing.T, text string, inkIsDark bool) string {
	t.Helper()
	got, err := qrtest.Decode(qrtest.Lines(text), inkIsDark)
	if err != nil {
		t.Fatalf("QR decoder cannot read the drawing: %v", err)
	}
	return got
}
