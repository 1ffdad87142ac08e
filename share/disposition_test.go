package share_test

import (
	"testing"

	"github.com/ferry-s3/ferry/share"
)

func TestContentDispositionHasASCIIFallbackAndUTF8Name(t *testing.T) {
	cases := map[string]string{
		"report.pdf":      `attachment; filename="report.pdf"`,
		"my file (1).txt": `attachment; filename="my file (1).txt"`,
		"日本語.txt":         `attachment; filename="___.txt"; filename*=UTF-8''%E6%97%A5%E6%9C%AC%E8%AA%9E.txt`,
		`say "hi".txt`:    `attachment; filename="say _hi_.txt"; filename*=UTF-8''say%20%22hi%22.txt`,
		"100%.csv":        `attachment; filename="100_.csv"; filename*=UTF-8''100%25.csv`,
		"a;b=c.txt":       `attachment; filename="a;b=c.txt"`,
		"tab\there":       `attachment; filename="tab_here"`,
		"":                `attachment; filename="download"`,
		"café+crème.txt":  `attachment; filename="cafe+creme.txt"; filename*=UTF-8''caf%C3%A9+cr%C3%A8me.txt`,
	}
	for name, want := range cases {
		if got := share.ContentDisposition(name); got != want {
			t.Errorf("ContentDisposition(%q) =\n  %s\nwant\n  %s", name, got, want)
		}
	}
}

func TestDownloadNameIsLastKeySegment(t *testing.T) {
	cases := map[string]string{"a/b/c.txt": "c.txt", "top": "top", "dir/..": "download", "x/\x01y": "_y"}
	for key, want := range cases {
		if got := share.DownloadName(key); got != want {
			t.Errorf("DownloadName(%q) = %q, want %q", key, got, want)
		}
	}
}
