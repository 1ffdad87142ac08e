package dropped

import (
	"slices"
	"strings"
	"testing"
)

var fuzzSeeds = []string{
	"/home/me/my file.txt\n/tmp/x\n",
	`/a/my\ file.txt /b/c\(1\).png`,
	`'/tmp/it'\''s here.txt' '/tmp/b c'`,
	`"C:\Users\me\a b.txt" "D:\x.png" E:\y`,
	"# comment\r\nfile:///home/me/a%20b.txt\r\nfile://localhost/x\r\n",
	"~/x ~ ~bob ./a ../b",
	"use this and/or that",
	"http://x",
	"'/unterminated",
	"/a\x00b",
	"'/tab\there'",
	"file:///C:/a%2",
}

func FuzzSplit(f *testing.F) {
	for _, s := range fuzzSeeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		tokens, ok := Split(text)
		if !ok {
			if tokens != nil {
				t.Fatalf("not ok but tokens %q", tokens)
			}
			return
		}
		quoted := make([]string, len(tokens))
		for i, tok := range tokens {
			if tok == "" || strings.IndexByte(tok, 0) >= 0 {
				t.Fatalf("bad token %q in %q", tok, tokens)
			}
			quoted[i] = vteQuote(tok)
		}
		requoted := strings.Join(quoted, " ")
		again, ok := Split(requoted)
		if !ok || !slices.Equal(again, tokens) {
			t.Fatalf("round trip of %q via %q gave %q, %v", tokens, requoted, again, ok)
		}
	})
}
