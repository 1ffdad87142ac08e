package share_test

import (
	"os/exec"
	"testing"

	"github.com/ferry-s3/ferry/share"
)

func TestShellQuoteSurvivesARealShell(t *testing.T) {
	sh, err := exec.LookPath("sh")
	if err != nil {
		t.Skip("no sh on this machine")
	}
	for _, s := range []string{"plain", "it's", "''", `a"b$c\d`, "x&y?z=%20#frag", "new\nline", "`id`", "$(id)"} {
		out, err := exec.Command(sh, "-c", "printf %s "+share.ShellQuote(s)).Output()
		if err != nil || string(out) != s {
			t.Errorf("sh read %q back as %q (%v)", s, out, err)
		}
	}
}

func TestCurlCommandShape(t *testing.T) {
	got := share.CurlCommand("http://h/b/k?X-Amz-Signature=ab&x='y'", "text/plain", "it's.txt")
	want := `curl -X PUT -H 'Content-Type: text/plain' --upload-file 'it'\''s.txt' 'http://h/b/k?X-Amz-Signature=ab&x='\''y'\'''`
	if got != want {
		t.Fatalf("got  %s\nwant %s", got, want)
	}
	got = share.CurlCommand("http://[::1]:7070/b/k?a=b", "image/png", "k")
	if want := `curl --globoff -X PUT -H 'Content-Type: image/png' --upload-file 'k' 'http://[::1]:7070/b/k?a=b'`; got != want {
		t.Fatalf("IPv6: got %s", got)
	}
}
