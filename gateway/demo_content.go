package gateway

import (
	"bytes"
	"image"
	"image/color"
	"image/png"
	"io"
	"math"
	"strings"
)

// demoObjects lists everything the demo uploads through the API.
func demoObjects() []demoObject {
	objs := []demoObject{
		text(demoDocs, "README.md", "text/markdown", demoReadme),
		text(demoDocs, "notes.txt", "text/plain", "Things to try in ferry:\n- press s on a file to share it\n- press c to copy between panes\n- press t to watch transfers\n"),
		text(demoDocs, "projects/ferry/design/architecture.md", "text/markdown", "# Architecture\n\nTwo panes, one queue, presigned URLs for every byte.\n"),
		text(demoDocs, "projects/ferry/design/diagrams/flow.txt", "text/plain", "local --(presigned PUT)--> S3\nS3 --(presigned GET)--> local\n"),
		text(demoDocs, "projects/ferry/src/main.go", "text/x-go", "package main\n\nimport \"fmt\"\n\nfunc main() {\n\tfmt.Println(\"hello from the demo bucket\")\n}\n"),
		text(demoDocs, "projects/ferry/src/build.py", "text/x-python", "#!/usr/bin/env python3\nprint('building ferry')\n"),
		text(demoDocs, "projects/2026/q1/report.md", "text/markdown", "# Q1 report\n\n| metric | value |\n|---|---|\n| uploads | 1,204 |\n| links shared | 318 |\n"),
		text(demoDocs, "projects/2026/q2/report.md", "text/markdown", "# Q2 report\n\nAll quiet on the S3 front.\n"),
		text(demoDocs, "data/sample.csv", "text/csv", "id,name,size\n1,alpha,120\n2,beta,4096\n3,gamma,77\n"),
		text(demoDocs, "data/config.json", "application/json", "{\n  \"region\": \"us-east-1\",\n  \"retries\": 5\n}\n"),
		text(demoDocs, ".hidden-dotfile", "text/plain", "dotfiles are objects too\n"),
		{bucket: demoMedia, key: "archives/big-dataset.bin", contentType: "application/octet-stream", size: demoBigSize, body: bigBody},
	}
	for _, img := range demoImages() {
		objs = append(objs, img)
	}
	for _, k := range oddKeys {
		objs = append(objs, text(demoOdd, k, "text/plain", "the key of this object is: "+k+"\n"))
	}
	return objs
}

// oddKeys exercise everything that breaks naive URL handling.
var oddKeys = []string{
	"hello world.txt",
	"résumé.txt",
	"日本語/ファイル.txt",
	"a+b=c.txt",
	"100% done.txt",
	"key=value&x=1.txt",
	"hash#tag.txt",
	"question?.txt",
	"emoji 🚢 ferry.txt",
	"spaces  double/and trailing .txt",
	"quote's \"here\".txt",
}

func text(bucket, key, contentType, body string) demoObject {
	return demoObject{bucket: bucket, key: key, contentType: contentType, size: int64(len(body)),
		body: func() io.Reader { return strings.NewReader(body) }}
}

func demoImages() []demoObject {
	imgs := map[string]image.Image{
		"images/gradient.png":     paint(320, 200, gradient),
		"images/checkerboard.png": paint(256, 256, checker),
		"images/sunset.png":       paint(400, 240, sunset),
	}
	var out []demoObject
	for key, img := range imgs {
		var buf bytes.Buffer
		png.Encode(&buf, img)
		data := buf.Bytes()
		out = append(out, demoObject{bucket: demoMedia, key: key, contentType: "image/png", size: int64(len(data)),
			body: func() io.Reader { return bytes.NewReader(data) }})
	}
	return out
}

func paint(w, h int, f func(x, y, w, h int) color.RGBA) image.Image {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			img.SetRGBA(x, y, f(x, y, w, h))
		}
	}
	return img
}

func gradient(x, y, w, h int) color.RGBA {
	return color.RGBA{uint8(255 * x / w), uint8(255 * y / h), 160, 255}
}

func checker(x, y, _, _ int) color.RGBA {
	if (x/32+y/32)%2 == 0 {
		return color.RGBA{30, 30, 30, 255}
	}
	return color.RGBA{230, 230, 230, 255}
}

func sunset(x, y, w, h int) color.RGBA {
	dx, dy := float64(x-w/2), float64(y-h*2/3)
	if math.Hypot(dx, dy) < float64(h)/4 {
		return color.RGBA{255, 200, 60, 255}
	}
	t := float64(y) / float64(h)
	return color.RGBA{uint8(255 * t), uint8(80 + 60*t), uint8(160 * (1 - t)), 255}
}

const demoReadme = `# Welcome to the ferry demo

This bucket lives in an S3 gateway that ferry started just for you on
127.0.0.1. Nothing here touches AWS.

- **docs** (this bucket): text, markdown and a nested folder tree; versioning is on.
- **media**: a few images and a 64 MiB file for multipart and ranged transfers.
- **odd-keys**: keys with spaces, unicode, +, =, %, # and ?.
- **logs**: events/ holds 20,000 keys, to show streaming listings.
`
