package cli_test

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/internal/s3standin"
	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/s3ops"
)

// hostileKeys are keys a store can hold and a terminal must never get
// raw: OSC 52 (sets the clipboard), a window title, a screen clear, a
// tab, C1 and DEL, a right-to-left override, a zero-width space, and a
// folder whose name recolours the terminal. Each maps to what ls shows.
var hostileKeys = map[string]string{
	"h/c52\x1b]52;c;cHduZWQK\x07x": `c52\x1b]52;c;cHduZWQK\x07x`,
	"h/title\x1b]0;pwned\x07.txt":  `title\x1b]0;pwned\x07.txt`,
	"h/clear\x1b[2J.txt":           `clear\x1b[2J.txt`,
	"h/tab\there.txt":              `tab\x09here.txt`,
	"h/c1\u009b31m del\x7f.txt":    `c1\x9b31m del\x7f.txt`,
	"h/invoice\u202efdp.exe":       `invoice\u202efdp.exe`,
	"h/zero\u200bwidth.txt":        `zero\u200bwidth.txt`,
	"h/red\x1b[31m/inner.txt":      `red\x1b[31m/`,
}

// hostileStore serves hostileKeys (and a plain file) from a stand-in:
// real servers rewrite or refuse such keys, so only a stand-in can
// prove what ferry prints when a store sends them.
func hostileStore(t *testing.T) (*s3standin.Server, *s3ops.Client) {
	t.Helper()
	srv := s3standin.Start(t, "hostile")
	for k := range hostileKeys {
		srv.Put("hostile", s3standin.Object{Key: k, Body: []byte("body of " + k)})
	}
	srv.Put("hostile", s3standin.Object{Key: "h/plain.txt", Body: []byte("plain")})
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.URL, Region: srv.Region,
		AccessKey: "standin", SecretKey: "standin"})
	if err != nil {
		t.Fatal(err)
	}
	return srv, c
}

// wantInert fails when text holds anything but newlines (and the
// allowed separators) that could act on a terminal.
func wantInert(t *testing.T, what, text string, allowed ...rune) {
	t.Helper()
	unsafe := func(r rune) bool { return r != '\n' && !slices.Contains(allowed, r) && safetext.Unsafe(r) }
	if i := strings.IndexFunc(text, unsafe); i >= 0 {
		t.Fatalf("%s printed a raw %U: %q", what, []rune(text[i:])[0], text)
	}
}

func TestLsPrintsHostileKeysAsVisibleEscapes(t *testing.T) {
	t.Parallel()
	_, c := hostileStore(t)
	code, out, errOut := runMain(t, c, cli.LsMain, "s3://hostile/h/")
	wantInert(t, "ls", out+errOut)
	for _, shown := range hostileKeys {
		if code != 0 || !strings.Contains(out, "\n"+shown+"\n") && !strings.HasPrefix(out, shown+"\n") {
			t.Errorf("ls (exit %d) does not show %s:\n%s", code, shown, out)
		}
	}

	_, out, errOut = runMain(t, c, cli.LsMain, "-l", "-R", "s3://hostile/")
	wantInert(t, "ls -l -R", out+errOut)
	if !strings.Contains(out, `  h/red\x1b[31m/inner.txt`) {
		t.Errorf("ls -l -R:\n%s", out)
	}

	_, out, _ = runMain(t, c, cli.LsMain, "--json", "-R", "s3://hostile/h/")
	wantInert(t, "ls --json", out)
	got := map[string]bool{}
	for _, l := range lines(out) {
		var e struct{ Key string }
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("ls --json printed a line that is not JSON: %q", l)
		}
		got[e.Key] = true
	}
	for k := range hostileKeys {
		if !got[k] {
			t.Errorf("ls --json lost the exact key %q: %v", k, got)
		}
	}
}

func TestCpOfHostileKeysPrintsEveryLineInert(t *testing.T) {
	t.Parallel()
	_, c := hostileStore(t)
	stateDir(t)
	dst := t.TempDir()
	code, out, errOut := runMain(t, c, cli.CpMain, "-r", "s3://hostile/h/", dst)
	wantInert(t, "cp -r", out+errOut)
	if code != 1 || !strings.Contains(errOut, `the control character U+001B`) || !strings.Contains(errOut, `clear\x1b[2J.txt`) {
		t.Fatalf("cp -r: exit %d, want 1 with the refusal of control characters:\n%s\n%s", code, out, errOut)
	}
	if !strings.Contains(out, `invoice\u202efdp.exe`) {
		t.Errorf("cp -r does not show the downloaded bidi name escaped:\n%s", out)
	}
	if b, err := os.ReadFile(filepath.Join(dst, "h", "plain.txt")); err != nil || string(b) != "plain" {
		t.Errorf("the plain file did not come through: %q %v", b, err)
	}

	code, out, errOut = runMain(t, c, cli.CpMain, "--json", "-r", "s3://hostile/h/", t.TempDir())
	wantInert(t, "cp --json", out+errOut)
	for _, l := range lines(out) {
		if !json.Valid([]byte(l)) {
			t.Fatalf("cp --json (exit %d) printed a line that is not JSON: %q", code, l)
		}
	}
}

func TestRmAndShareOfHostileKeysPrintEveryLineInert(t *testing.T) {
	t.Parallel()
	srv, c := hostileStore(t)
	code, out, errOut := runMain(t, c, shareMain, "s3://hostile/h/clear\x1b[2J.txt", "s3://hostile/h/invoice\u202efdp.exe",
		"s3://hostile/h/gone\x1b]0;x\x07")
	wantInert(t, "share", out+errOut, '\t') // name<TAB>url lines
	if code != 1 || !strings.Contains(out, "\nclear_[2J.txt\t") && !strings.HasPrefix(out, "clear_[2J.txt\t") || !strings.Contains(out, `"invoice\u202efdp.exe"`+"\t") ||
		!strings.Contains(errOut, `gone\x1b]0;x\x07`) {
		t.Errorf("share: exit %d\n%s\n%s", code, out, errOut)
	}

	code, out, errOut = runMain(t, c, cli.RmMain, "s3://hostile/h/title\x1b]0;pwned\x07.txt")
	wantInert(t, "rm", out+errOut)
	if code != 0 || !strings.Contains(out, `title\x1b]0;pwned\x07.txt`) {
		t.Errorf("rm: exit %d\n%s\n%s", code, out, errOut)
	}
	code, out, errOut = runMain(t, c, cli.RmMain, "-r", "s3://hostile/h/")
	wantInert(t, "rm -r", out+errOut)
	if keys := srv.Keys("hostile"); code != 0 || len(keys) != 0 {
		t.Errorf("rm -r: exit %d, left %q\n%s\n%s", code, keys, out, errOut)
	}
}

func TestServerErrorsArePrintedInert(t *testing.T) {
	t.Parallel()
	srv, c := hostileStore(t)
	stateDir(t)
	srv.Refuse("hostile", "", s3standin.Refusal{Status: 400, Code: "Odd\u202eCode\u200b", Message: "no \u202eway"})
	for _, args := range [][]string{{"ls", "s3://hostile/h/"}, {"rm", "-r", "s3://hostile/h/"}, {"cp", "-r", "s3://hostile/h/", t.TempDir()}} {
		main := map[string]mainFunc{"ls": cli.LsMain, "rm": cli.RmMain, "cp": cli.CpMain}[args[0]]
		code, out, errOut := runMain(t, c, main, args[1:]...)
		wantInert(t, args[0], out+errOut)
		if code != 1 || !strings.Contains(errOut, `Odd\u202eCode\u200b`) {
			t.Errorf("%v: exit %d, want 1 and the code shown escaped:\n%s%s", args, code, out, errOut)
		}
	}
}

// shareMain runs ShareMain as the other commands run: connecting first.
func shareMain(ctx context.Context, connect cli.Connector, args []string, stdout, stderr io.Writer) int {
	c, err := connect(ctx)
	if err != nil {
		return 1
	}
	return cli.ShareMain(ctx, c, args, stdout, stderr)
}
