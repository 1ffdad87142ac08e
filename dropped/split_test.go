package dropped

import (
	"path/filepath"
	"slices"
	"testing"
)

// splitCase is one Split input and the tokens it must yield (nil: not ok).
type splitCase struct {
	name string
	in   string
	want []string
}

// fakeHome points the home directory at a fixed absolute path.
func fakeHome(t *testing.T) string {
	t.Helper()
	home := filepath.Join(string(filepath.Separator), "home", "me")
	t.Setenv("HOME", home)
	t.Setenv("USERPROFILE", home)
	return home
}

func runSplit(t *testing.T, cases []splitCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, ok := Split(tc.in)
			if ok != (tc.want != nil) || !slices.Equal(got, tc.want) {
				t.Fatalf("Split(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.want != nil)
			}
		})
	}
}

func TestSplitKittyNewlineSeparated(t *testing.T) {
	runSplit(t, []splitCase{
		{"single raw path with spaces", "/home/me/my file.txt", []string{"/home/me/my file.txt"}},
		{"lines with trailing newline", "/a/b.txt\n/c/d e.png\n", []string{"/a/b.txt", "/c/d e.png"}},
		{"crlf lines", "/a\r\n/b c\r\n", []string{"/a", "/b c"}},
		{"bare cr lines", "/a\r/b", []string{"/a", "/b"}},
		{"blank lines skipped", "\n\n/a\n\n  \n/b\n", []string{"/a", "/b"}},
		{"unicode", "/tmp/café/日本.txt\n/tmp/é", []string{"/tmp/café/日本.txt", "/tmp/é"}},
		{"plus percent equals hash", "/tmp/a+b=c#d%e.txt\n/tmp/x", []string{"/tmp/a+b=c#d%e.txt", "/tmp/x"}},
		{"raw apostrophe", "/tmp/it's here.txt\n/tmp/x", []string{"/tmp/it's here.txt", "/tmp/x"}},
		{"raw line mixed with escaped line", "/a b/c\n/d\\ e", []string{"/a b/c", "/d e"}},
	})
}

func TestSplitBackslashEscapedITermTerminalAppWezTerm(t *testing.T) {
	home := fakeHome(t)
	runSplit(t, []splitCase{
		{"escaped space and parens", `/a/my\ file.txt /b/c\(1\).png`, []string{"/a/my file.txt", "/b/c(1).png"}},
		{"trailing space after drop", `/a/b\ c `, []string{"/a/b c"}},
		{"escaped quotes", `/tmp/it\'s\ \"q\".txt`, []string{`/tmp/it's "q".txt`}},
		{"escaped backslash", `/a\\b`, []string{`/a\b`}},
		{"unicode", `/tmp/日本\ 語/é.txt`, []string{"/tmp/日本 語/é.txt"}},
		{"plus percent equals hash", `/tmp/a+b\=c\#d%e\&f\;g`, []string{"/tmp/a+b=c#d%e&f;g"}},
		{"tilde expanded", `~/Downloads/a\ b.txt ~`, []string{home + "/Downloads/a b.txt", home}},
		{"escaped tilde kept", `\~/x`, []string{"~/x"}},
		{"tilde user kept", `~bob/x`, []string{"~bob/x"}},
		{"relative dot paths", `./rel\ a ../up`, []string{"./rel a", "../up"}},
		{"escaped tab", "/a\\\tb", []string{"/a\tb"}},
	})
}

func TestSplitSingleQuotedVTE(t *testing.T) {
	fakeHome(t)
	runSplit(t, []splitCase{
		{"embedded quote", `'/tmp/it'\''s here.txt' '/tmp/b c'`, []string{"/tmp/it's here.txt", "/tmp/b c"}},
		{"trailing spaces", `'/tmp/日本/é.txt'   `, []string{"/tmp/日本/é.txt"}},
		{"metacharacters literal", `'/tmp/a+b=c#d%e' '/tmp/$HOME' '/tmp/back\slash'`,
			[]string{"/tmp/a+b=c#d%e", "/tmp/$HOME", `/tmp/back\slash`}},
		{"tab inside quotes", "'/tmp/tab\tin'", []string{"/tmp/tab\tin"}},
		{"quoted tilde not expanded", `'~/x'`, []string{"~/x"}},
		{"adjacent quoted parts join", `'/a'/b'c d'`, []string{"/a/bc d"}},
		{"mixed with escaped on next line", "'/a b'\n/c\\ d", []string{"/a b", "/c d"}},
	})
}

func TestSplitDoubleQuotedWindowsTerminal(t *testing.T) {
	runSplit(t, []splitCase{
		{"two quoted paths", `"C:\Users\me\a b.txt" "D:\x.png"`, []string{`C:\Users\me\a b.txt`, `D:\x.png`}},
		{"unquoted drive path keeps backslashes", `C:\Users\me\x.png`, []string{`C:\Users\me\x.png`}},
		{"mixed quoted and bare", `"C:\a b\c.txt" D:\e.png C:/f/g.txt`, []string{`C:\a b\c.txt`, `D:\e.png`, "C:/f/g.txt"}},
		{"unicode and metacharacters", `"C:\Users\José\日本 #1+2=3%.txt"`, []string{`C:\Users\José\日本 #1+2=3%.txt`}},
		{"escaped double quote", `"C:\a\"b"`, []string{`C:\a"b`}},
		{"backslash before closing quote escapes it", `"C:\dir\" D:\`, nil},
		{"posix path in double quotes", `"/mnt/c/a b"`, []string{"/mnt/c/a b"}},
	})
}

func TestSplitFileURIList(t *testing.T) {
	runSplit(t, []splitCase{
		{"percent encoded space", "file:///home/me/a%20b.txt", []string{"/home/me/a b.txt"}},
		{"localhost host", "file://localhost/x", []string{"/x"}},
		{"localhost any case", "FILE://LocalHost/x", []string{"/x"}},
		{"uri list with comment and crlf", "# from nautilus\r\nfile:///a\r\nfile:///b%C3%A9\r\n", []string{"/a", "/bé"}},
		{"unicode plus percent equals hash", "file:///tmp/%E6%97%A5%E6%9C%AC%2B%25%3D%23+", []string{"/tmp/日本+%=#+"}},
		{"raw unicode", "file:///tmp/日本/é", []string{"/tmp/日本/é"}},
		{"windows drive", "file:///C:/Users/me/x.txt", []string{"C:/Users/me/x.txt"}},
		{"mixed with other styles", `file:///a%20b /c\ d '/e f'`, []string{"/a b", "/c d", "/e f"}},
		{"raw line with unencoded space", "file:///a b\nfile:///c", []string{"/a b", "/c"}},
		{"encoded tab allowed", "file:///a%09b", []string{"/a\tb"}},
	})
}

func TestSplitRejectsText(t *testing.T) {
	runSplit(t, []splitCase{
		{"empty", "", nil},
		{"whitespace only", "  \n\t \r\n", nil},
		{"plain word", "hello", nil},
		{"plain words", "hello world", nil},
		{"sentence with slash in the middle", "use this and/or that", nil},
		{"relative without dot", "relative/path.txt", nil},
		{"http url", "http://x", nil},
		{"https url", "https://example.com/a/b", nil},
		{"path then word", "/a/b\nhello", nil},
		{"word then path", "hello /a/b", nil},
		{"unterminated single quote", `'/tmp/a b`, nil},
		{"unterminated double quote", `"C:\a b`, nil},
		{"nul byte", "/a/b\x00c", nil},
		{"escape sequence", "/a/b\x1b[31m", nil},
		{"c1 control", "/a/b\u0085c", nil},
		{"raw tab", "/a/b\tword", nil},
		{"quoted non-path", `'hello'`, nil},
		{"comment without uri list", "# heading\n/a", nil},
		{"only comments", "# a\n# b\n", nil},
		{"remote host uri", "file://host/x", nil},
		{"uri without path", "file://localhost", nil},
		{"bad percent escape", "file:///a%zz", nil},
		{"truncated percent escape", "file:///a%2", nil},
		{"encoded nul", "file:///a%00b", nil},
		{"encoded newline", "file:///a%0Ab", nil},
		{"bare drive", "C:", nil},
		{"command line", "rm -rf /", nil},
	})
}
