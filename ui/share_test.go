package ui_test

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"

	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/common"
)

// shareEnv is a gateway with a "docs" bucket, a harness whose S3 pane
// shows it with the focus, and no native clipboard tool (so only OSC 52
// copies, unless a test installs a fake tool). The clock reads real time:
// links are signed with it.
func shareEnv(t *testing.T, opts ui.Options, objects map[string]string) (*env, *harness) {
	t.Helper()
	noNativeClipboard(t)
	e := newEnv(t)
	e.bucket("docs")
	for key, body := range objects {
		e.put("docs", key, body, "", nil)
	}
	opts.S3Start = s3ops.Location{Bucket: "docs"}
	h := e.start(opts, 120, 40)
	h.now = time.Now()
	h.press("tab")
	return e, h
}

// noNativeClipboard makes sure copies go to OSC 52 only: TestMain clears
// DISPLAY and WAYLAND_DISPLAY for the whole test binary, so tests can
// run in parallel; a test that wants a native clipboard sets them itself
// (t.Setenv, which keeps it from running in parallel with the others).
func noNativeClipboard(t *testing.T) {
	t.Helper()
	if os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != "" {
		t.Fatal("a native clipboard is reachable: DISPLAY or WAYLAND_DISPLAY is set")
	}
}

// pressRec presses keys like press and returns every message their Cmds
// produced, including those the root ignores (tea.SetClipboard's).
func (h *harness) pressRec(keys ...string) []tea.Msg {
	h.t.Helper()
	var seen []tea.Msg
	for _, k := range keys {
		_, cmd := h.m.Update(keyMsg(k))
		seen = append(seen, h.runRec(cmd)...)
	}
	return seen
}

// runRec is harness.run keeping the messages.
func (h *harness) runRec(cmd tea.Cmd) []tea.Msg {
	var seen []tea.Msg
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		msg := c()
		if batch, ok := msg.(tea.BatchMsg); ok {
			queue = append(queue, batch...)
			continue
		}
		if msg != nil {
			seen = append(seen, msg)
			_, next := h.m.Update(msg)
			queue = append(queue, next)
		}
	}
	return seen
}

// clipboardWrites are the texts sent to the clipboard through the
// terminal (OSC 52): the root turns each common.ClipboardMsg into
// tea.SetClipboard.
func clipboardWrites(msgs []tea.Msg) []string {
	var out []string
	for _, m := range msgs {
		if c, ok := m.(common.ClipboardMsg); ok {
			out = append(out, c.Text)
		}
	}
	return out
}

// oneCopy is the single text copied by msgs.
func oneCopy(t *testing.T, msgs []tea.Msg) string {
	t.Helper()
	w := clipboardWrites(msgs)
	if len(w) != 1 {
		t.Fatalf("want one OSC 52 copy, got %d: %q", len(w), w)
	}
	if w[0] == "" || tea.SetClipboard(w[0])() == nil {
		t.Fatal("empty copy")
	}
	return w[0]
}

func fetch(t *testing.T, link string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(link)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp, string(body)
}

func expiresParam(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("X-Amz-Expires")
}

func TestShareDialogPresetsCustomValidationAndCopy(t *testing.T) {
	t.Parallel()
	_, h := shareEnv(t, ui.Options{}, map[string]string{"report.txt": "hello share"})
	h.press("s")
	h.wantScreen("Share s3://docs/report.txt", "[24h]", "Ends", "(in 1d)")
	h.press("left")
	h.wantScreen("[8h]", "(in 8h)")
	h.press("tab")
	h.typeText("90m")
	h.wantScreen("[custom]", "(in 1h 30m)")

	for text, want := range map[string]string{"8d": "longer than 7 days", "0": "without a unit", "0m": "longer than 0", "soon": "is not a duration"} {
		h.press("backspace", "backspace", "backspace", "backspace")
		h.typeText(text)
		h.wantScreen(want)
		if seen := h.pressRec("enter"); len(clipboardWrites(seen)) != 0 || strings.Contains(h.screen(), "X-Amz-Signature") {
			t.Fatalf("enter with %q made a link", text)
		}
	}
	h.press("backspace", "backspace", "backspace", "backspace")
	h.typeText("90m")
	link := oneCopy(t, h.pressRec("enter"))
	if expiresParam(t, link) != "5400" {
		t.Fatalf("a 90m link is signed for %s s: %s", expiresParam(t, link), link)
	}
	h.wantScreen("copied (OSC 52 only)", link[:60])
	if st := h.m.StatusText(); !strings.HasPrefix(st, "link copied via OSC 52 only: no native clipboard tool") || !regexp.MustCompile(`expires .* \(in 1h (29m|30m)\)$`).MatchString(st) {
		t.Fatalf("status = %q", st)
	}
	if resp, body := fetch(t, link); resp.StatusCode != 200 || body != "hello share" {
		t.Fatalf("GET link: %d %q", resp.StatusCode, body)
	}
	// Enter again with the same settings copies the same link again.
	if again := oneCopy(t, h.pressRec("enter")); again != link {
		t.Fatal("a second enter made a new link instead of copying the one on show")
	}
	h.press("esc")
	if h.m.Dialog() != nil {
		t.Fatal("esc did not close the dialog")
	}
}

func TestShareAttachmentAndContentTypeOverrideReachTheResponse(t *testing.T) {
	t.Parallel()
	_, h := shareEnv(t, ui.Options{}, map[string]string{"notes v2.txt": "the notes"})
	h.press("s", "tab", "tab") // expiry → custom → attachment
	h.press("space")
	h.wantScreen("[x] as an attachment")
	h.press("tab")
	h.typeText("application/x-ferry")
	link := oneCopy(t, h.pressRec("enter"))
	resp, body := fetch(t, link)
	cd := resp.Header.Get("Content-Disposition")
	if resp.StatusCode != 200 || body != "the notes" || !strings.HasPrefix(cd, "attachment") || !strings.Contains(cd, "notes v2.txt") {
		t.Fatalf("GET: %d %q, Content-Disposition %q", resp.StatusCode, body, cd)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/x-ferry" {
		t.Fatalf("Content-Type %q", ct)
	}
	// A content type that is not one blocks enter with a message.
	h.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.press("backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace", "backspace")
	h.typeText("nonsense")
	h.wantScreen("is not a content type")
	if len(clipboardWrites(h.pressRec("enter"))) != 0 {
		t.Fatal("enter with a bad content type copied something")
	}
}

func TestShareCopiesToTheNativeClipboardToo(t *testing.T) {
	_, h := shareEnv(t, ui.Options{}, map[string]string{"a.bin": "abc"})
	dir := t.TempDir()
	script := "#!/bin/sh\ncat > \"" + dir + "/stdin\"\n"
	if err := os.WriteFile(filepath.Join(dir, "xclip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("DISPLAY", ":99")
	h.press("s")
	link := oneCopy(t, h.pressRec("enter"))
	got, err := os.ReadFile(filepath.Join(dir, "stdin"))
	if err != nil || string(got) != link {
		t.Fatalf("xclip got %q (%v), want the link %q", got, err, link)
	}
	h.wantScreen("copied (OSC 52 + xclip)")
	if st := h.m.StatusText(); !strings.HasPrefix(st, "link copied (OSC 52 + xclip), expires ") {
		t.Fatalf("status = %q", st)
	}
}

func TestShareWithExpiringCredentialsCapsOrWarns(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	noNativeClipboard(t)
	// Half past a minute, about 10 minutes away: the capped link ends a
	// fraction of a second before the credentials (it never outlives
	// them), and both must show the same minute however the test is timed.
	expires := time.Now().Add(10 * time.Minute).Truncate(time.Minute).Add(30 * time.Second)
	client, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: e.srv.Endpoint, Region: e.srv.Region,
		CredentialsProvider: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: e.srv.AccessKey, SecretAccessKey: e.srv.SecretKey,
				CanExpire: true, Expires: expires, Source: "test STS"}, nil
		})})
	if err != nil {
		t.Fatal(err)
	}
	e.bucket("docs")
	e.put("docs", "f.txt", "short-lived", "", nil)
	h := e.start(ui.Options{Client: client, S3Start: s3ops.Location{Bucket: "docs"}}, 120, 40)
	h.now = time.Now()
	h.press("tab", "s")
	end := expires.UTC().Format("Mon 2 Jan 15:04 MST")
	h.wantScreen("temporary: they expire "+end, "[cap the link to them]", "Capped: signed for ", "instead of 24h", "Ends          "+end)

	capped := oneCopy(t, h.pressRec("enter"))
	left := int(time.Until(expires) / time.Second)
	if n, err := strconv.Atoi(expiresParam(t, capped)); err != nil || n < left || n > left+5 {
		t.Fatalf("capped link signed for %d s (%v), want about %d", n, err, left)
	}
	if resp, body := fetch(t, capped); resp.StatusCode != 200 || body != "short-lived" {
		t.Fatalf("capped link: %d %q", resp.StatusCode, body)
	}

	h.press("tab", "tab", "right") // expiry → custom → policy
	h.wantScreen("[warn only]", "Warning: signed for 24h", "Ends          "+end, "The settings changed")
	warned := oneCopy(t, h.pressRec("enter"))
	if n := expiresParam(t, warned); n != "86400" {
		t.Fatalf("warned link signed for %s s, want 86400", n)
	}
	if !strings.Contains(h.m.StatusText(), end) {
		t.Fatalf("status %q does not give the real end %s", h.m.StatusText(), end)
	}
}

func TestSharePresetsComeFromOptions(t *testing.T) {
	t.Parallel()
	_, h := shareEnv(t, ui.Options{SharePresets: []time.Duration{90 * time.Minute, 36 * time.Hour}},
		map[string]string{"x": "x"})
	h.press("s")
	h.wantScreen("[1h30m]", "36h", "custom")
	if strings.Contains(h.screen(), "15m") {
		t.Fatal("default presets shown despite configured ones")
	}
	h.press("right")
	h.wantScreen("[36h]", "(in 1d 12h)")
}
