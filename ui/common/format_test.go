package common

import (
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

func TestHumanSize(t *testing.T) {
	cases := map[int64]string{0: "0 B", 1023: "1023 B", 1024: "1.0 KiB", 1536: "1.5 KiB",
		100 * 1024: "100 KiB", 1048575: "1.0 MiB", 5 << 30: "5.0 GiB", 1<<63 - 1: "8.0 EiB"}
	for n, want := range cases {
		if got := HumanSize(n); got != want {
			t.Errorf("HumanSize(%d) = %q, want %q", n, got, want)
		}
		if len(HumanSize(n)) > 8 {
			t.Errorf("HumanSize(%d) wider than 8", n)
		}
	}
}

func TestFitKeepsExactWidthForWideAndLongNames(t *testing.T) {
	for _, s := range []string{"short", "a-very-long-file-name-indeed.txt", "日本語のファイル名.txt", "e\u0301te\u0301.txt", ""} {
		for _, w := range []int{1, 5, 10, 40} {
			if got := ansi.StringWidth(Fit(s, w)); got != w {
				t.Errorf("Fit(%q, %d) is %d wide: %q", s, w, got, Fit(s, w))
			}
			if got := ansi.StringWidth(FitLeft(s, w)); got != w {
				t.Errorf("FitLeft(%q, %d) is %d wide: %q", s, w, got, FitLeft(s, w))
			}
		}
	}
	if got := Fit("abcdefgh", 5); got != "abcd…" {
		t.Errorf("Fit = %q", got)
	}
	if got := FitLeft("/home/me/dir", 8); got != "…/me/dir" {
		t.Errorf("FitLeft = %q", got)
	}
}

func TestSanitizeEscapesControlCharacters(t *testing.T) {
	if got := Sanitize("a\nb\x1b[31mc"); got != `a\x0ab\x1b[31mc` {
		t.Errorf("Sanitize = %q", got)
	}
	if got := Sanitize("plain ünï"); got != "plain ünï" {
		t.Errorf("Sanitize = %q", got)
	}
	// Bytes that are not UTF-8 (a Latin-1 name, garbage) are shown as
	// escapes too, the valid runes around them kept.
	if got := Sanitize("caf\xe9 \xed\xa0\x80 ünï\xc3"); got != `caf\xe9 \xed\xa0\x80 ünï\xc3` {
		t.Errorf("Sanitize = %q", got)
	}
	// Bidirectional overrides could make a name read as another; joiners
	// that emoji and scripts need are kept.
	if got := Sanitize("evil\u202etxt.exe \u2066x\u2069 \u200f 👩\u200d👧 ن\u200cی"); got != `evil\u202etxt.exe \u2066x\u2069 \u200f 👩`+"\u200d"+`👧 ن`+"\u200c"+`ی` {
		t.Errorf("Sanitize = %q", got)
	}
}

func TestLongNamesAreCutInTheMiddleKeepingTheirEnd(t *testing.T) {
	for _, c := range []struct {
		name  string
		width int
		want  string
	}{
		{"very-long-name-of-a-report.csv", 19, "very-long-na…rt.csv"},
		{"short.csv", 12, "short.csv   "},
		{"a-very-long-folder-name/", 12, "a-very-lon…/"},
		{"no-extension-at-all-here", 12, "no-extensio…"},
		{"archive.tar.gz.partial-download", 12, "archive.tar…"},
		{"tiny.csv", 6, "tiny.…"},
		{"日本語のとても長いファイル名.txt", 16, "日本語の…名.txt "}, // a wide character does not fit the gap
	} {
		got := FitName(c.name, c.width)
		if got != c.want {
			t.Errorf("FitName(%q, %d) = %q, want %q", c.name, c.width, got, c.want)
		}
		if w := ansi.StringWidth(got); w != c.width {
			t.Errorf("FitName(%q, %d) is %d wide", c.name, c.width, w)
		}
	}
}

func TestWrappedTextNeverLeavesClosingPunctuationAlone(t *testing.T) {
	text := "cannot move s3://photos/2024/ into itself (s3://photos/2024/inner/)"
	for w := 10; w < 80; w++ {
		lines := Wrapped(text, w, func(s ...string) string { return s[0] })
		for i, l := range lines {
			if i > 0 && strings.TrimSpace(l) == ")" {
				t.Fatalf("width %d: %q", w, lines)
			}
			if ansi.StringWidth(l) > w {
				t.Fatalf("width %d: line %q is wider", w, l)
			}
		}
		if got := strings.Join(lines, ""); strings.ReplaceAll(got, " ", "") != strings.ReplaceAll(text, " ", "") {
			t.Fatalf("width %d: text changed: %q", w, lines)
		}
	}
}

func TestWrapPartsBreaksOnlyBetweenParts(t *testing.T) {
	got := WrapParts([]string{"d download version", "s share link", "r restore as latest", "esc close"}, " · ", 40)
	want := []string{"d download version · s share link", "r restore as latest · esc close"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Fatalf("got %q", got)
	}
}
