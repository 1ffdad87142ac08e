package preview_test

import (
	"testing"

	"github.com/ferry-s3/ferry/preview"
)

func TestContentTypeByNameThenBytesThenOctet(t *testing.T) {
	for _, c := range []struct {
		name string
		head string
		want string
	}{
		{"photos/a.PNG", "", "image/png"},
		{"/home/me/notes.txt", "", "text/plain; charset=utf-8"},
		{"dir.v2/README", "# hello\n", "text/plain; charset=utf-8"},
		{"blob", "\x89PNG\r\n\x1a\n", "image/png"},
		{"blob", "", preview.Octet},
		{"a.unknown-ext", "\x00\x01\x02", preview.Octet},
	} {
		if got := preview.ContentType(c.name, []byte(c.head)); got != c.want {
			t.Errorf("ContentType(%q, %q) = %q, want %q", c.name, c.head, got, c.want)
		}
	}
	if got := preview.TypeByName("dir.v2/README"); got != "" {
		t.Errorf("a dot in a folder's name gave README the type %q", got)
	}
}
