package safetext_test

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/internal/safetext"
)

func TestTextShowsWhatCouldActOnTheTerminal(t *testing.T) {
	cases := map[string]string{
		"plain/name.txt": "plain/name.txt",
		"日本 e\u0301 👩\u200d👩\u200d👧":  "日本 e\u0301 👩\u200d👩\u200d👧", // joiners stay: emoji need them
		"c52\x1b]52;c;cHduZWQK\x07x":  `c52\x1b]52;c;cHduZWQK\x07x`,
		"\x1b[2Jclear":                `\x1b[2Jclear`,
		"tab\there\r\n":               `tab\x09here\x0d\x0a`,
		"del\x7f c1\u0085\u009b":      `del\x7f c1\x85\x9b`,
		"evil\u202etxt.exe":           `evil\u202etxt.exe`,
		"zero\u200bwidth\ufeff\u2060": `zero\u200bwidth\ufeff\u2060`,
		"latin1 \xe9t\xe9":            `latin1 \xe9t\xe9`,
		"line\u2028sep":               `line\u2028sep`,
	}
	for in, want := range cases {
		if got := safetext.Text(in); got != want {
			t.Errorf("Text(%q) = %q, want %q", in, got, want)
		}
	}
	if got := safetext.Lines("a\x1b\nb\n"); got != "a\\x1b\nb\n" {
		t.Errorf("Lines kept %q", got)
	}
}

func TestWriterEscapesEverythingButNewlinesAcrossSplitWrites(t *testing.T) {
	var out bytes.Buffer
	w := safetext.NewWriter(&out)
	if safetext.NewWriter(w) != w {
		t.Fatal("wrapping a Writer again made a second layer (escapes would be escaped)")
	}
	text := "ls: 日本\u202e\x1b]0;pwned\x07\nnext 👩\u200d👧 line\n"
	for i := 0; i < len(text); i++ { // one byte a write: every character arrives split
		if n, err := w.Write([]byte{text[i]}); n != 1 || err != nil {
			t.Fatalf("write %d: %d, %v", i, n, err)
		}
	}
	want := "ls: 日本\\u202e\\x1b]0;pwned\\x07\nnext 👩\u200d👧 line\n"
	if out.String() != want {
		t.Fatalf("wrote %q, want %q", out.String(), want)
	}
	if safetext.Raw(w) != &out || safetext.Raw(&out) != &out {
		t.Fatal("Raw does not give the writer underneath")
	}
}

func TestJSONStaysExactAndInert(t *testing.T) {
	key := "k\x7f\u0085\u202e\u200b\x1b日本\"\\"
	b, err := json.Marshal(map[string]string{"key": key})
	if err != nil {
		t.Fatal(err)
	}
	safe := safetext.JSON(b)
	if strings.ContainsFunc(string(safe), safetext.Unsafe) {
		t.Fatalf("unsafe character left in %q", safe)
	}
	var back map[string]string
	if err := json.Unmarshal(safe, &back); err != nil || back["key"] != key {
		t.Fatalf("decoded %q (%v), want %q", back["key"], err, key)
	}
	var out bytes.Buffer // JSON made safe passes a Writer unchanged
	safetext.NewWriter(&out).Write(safe)
	if !bytes.Equal(out.Bytes(), safe) {
		t.Fatalf("the Writer changed safe JSON: %q", out.String())
	}
}
