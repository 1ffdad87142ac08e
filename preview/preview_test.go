package preview_test

import (
	"bytes"
	"image"
	"image/color"
	"image/gif"
	"image/jpeg"
	"image/png"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/preview"
)

func encoded(t *testing.T, format string, w, h int) []byte {
	t.Helper()
	// Noise, so that the encoded image is far larger than its header.
	img := image.NewPaletted(image.Rect(0, 0, w, h), color.Palette{color.Black, color.White})
	rng := rand.New(rand.NewPCG(1, 2))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(2))
	}
	var buf bytes.Buffer
	var err error
	switch format {
	case "png":
		err = png.Encode(&buf, img)
	case "jpeg":
		err = jpeg.Encode(&buf, img, nil)
	case "gif":
		err = gif.Encode(&buf, img, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestDetectClassifiesContentBeforeName(t *testing.T) {
	pngBytes := encoded(t, "png", 3, 2)
	cases := []struct {
		name string
		head []byte
		want preview.Kind
	}{
		{"notes.txt", []byte("hello\nworld\n"), preview.Text},
		{"README.md", []byte("# Title\n\nsome *text*\n"), preview.Markdown},
		{"doc.MARKDOWN", []byte("text"), preview.Markdown},
		{"empty", nil, preview.Text},
		{"utf8.txt", []byte("日本語のテキスト — ünïcödé\n"), preview.Text},
		{"bom.txt", []byte("\xef\xbb\xbfwith a BOM"), preview.Text},
		{"cut.txt", []byte("ends in the middle of a rune: \xe6\x97"), preview.Text},
		{"ansi.log", []byte("\x1b[31mred\x1b[0m\tand a tab\r\n"), preview.Text},
		{"nul.md", []byte("looks like text\x00but has a NUL"), preview.Binary},
		{"latin1.txt", []byte("caf\xe9 cr\xe8me"), preview.Binary},
		{"controls.bin", bytes.Repeat([]byte("a\x01\x02\x03"), 50), preview.Binary},
		{"elf", []byte("\x7fELF\x02\x01\x01\x00\x00\x00"), preview.Binary},
		{"pic.png", pngBytes, preview.Image},
		{"named-wrong.txt", pngBytes, preview.Image},
		{"photo.jpg", encoded(t, "jpeg", 4, 4), preview.Image},
		{"anim.gif", encoded(t, "gif", 5, 1), preview.Image},
		{"broken.png", []byte("\x89PNG\r\n\x1a\ngarbage"), preview.Binary},
	}
	for _, c := range cases {
		if got := preview.Detect(c.head, c.name); got != c.want {
			t.Errorf("Detect(%q) = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestImageInfoReadsDimensionsFromTheHeaderOnly(t *testing.T) {
	for _, format := range []string{"png", "jpeg", "gif"} {
		full := encoded(t, format, 640, 480)
		// A preview holds only the beginning of a large image.
		if len(full) < 8<<10 {
			t.Fatalf("%s: test image only %d bytes", format, len(full))
		}
		head := full[:2048]
		info, err := preview.DecodeImageInfo(head)
		if err != nil {
			t.Fatalf("%s: %v", format, err)
		}
		if info != (preview.ImageInfo{Format: format, Width: 640, Height: 480}) {
			t.Errorf("%s: %+v", format, info)
		}
	}
	if _, err := preview.DecodeImageInfo([]byte("plain text")); err == nil {
		t.Error("text decoded as an image")
	}
}

func TestHexDumpMatchesHexdumpC(t *testing.T) {
	data := []byte("Hello, world!\n\x00\x01\xffABCDEFGHIJ")
	want := "" +
		"00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 21 0a 00 01  |Hello, world!...|\n" +
		"00000010  ff 41 42 43 44 45 46 47  48 49 4a                 |.ABCDEFGHIJ|\n"
	if got := preview.HexDump(data, 0); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := preview.HexDump(data, 5); got != "00000000  48 65 6c 6c 6f                                    |Hello|\n" {
		t.Errorf("first 5 bytes:\n%q", got)
	}
	if got := preview.HexDump(nil, 16); got != "" {
		t.Errorf("empty = %q", got)
	}
	if lines := strings.Count(preview.HexDump(make([]byte, 4096), 256), "\n"); lines != 16 {
		t.Errorf("256 bytes gave %d lines", lines)
	}
}
