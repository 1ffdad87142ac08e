package cli_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/internal/qrtest"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

// connect starts a gateway with bucket "docs" holding the given objects.
func connect(t *testing.T, objects map[string]string) *s3ops.Client {
	t.Helper()
	srv := gwtest.Start(t)
	return connectWith(t, srv, s3ops.Settings{AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, objects)
}

func connectWith(t *testing.T, srv *gwtest.Server, s s3ops.Settings, objects map[string]string) *s3ops.Client {
	t.Helper()
	s.EndpointURL, s.Region = srv.Endpoint, srv.Region
	c, err := s3ops.Connect(context.Background(), s)
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), "docs", ""); err != nil {
		t.Fatal(err)
	}
	for key, body := range objects {
		l, err := share.UploadLink(context.Background(), c, s3ops.Location{Bucket: "docs", Key: key},
			share.UploadOptions{Expiry: time.Minute, ContentType: "text/plain"})
		if err != nil {
			t.Fatal(err)
		}
		if code, msg := fetch(t, http.MethodPut, l.URL, "text/plain", body); code != 200 {
			t.Fatalf("seed %s: %d %s", key, code, msg)
		}
	}
	return c
}

func fetch(t *testing.T, method, u, contentType, body string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(method, u, strings.NewReader(body))
	if err != nil {
		t.Fatalf("bad URL %q: %v", u, err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// run runs `ferry share args...` and returns exit code, stdout, stderr.
func run(t *testing.T, c *s3ops.Client, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := cli.ShareMain(dirsCtx(t, context.Background()), c, args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestSharePrintsAWorkingDownloadURL(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"dir/q3 report.txt": "quarterly numbers"})
	code, out, errOut := run(t, c, "s3://docs/dir/q3 report.txt", "--expires", "90m", "--download-name")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 1 {
		t.Fatalf("stdout = %q", out)
	}
	if got := query(t, lines[0], "X-Amz-Expires"); got != "5400" {
		t.Fatalf("X-Amz-Expires = %s", got)
	}
	if code, body := fetch(t, http.MethodGet, lines[0], "", ""); code != 200 || body != "quarterly numbers" {
		t.Fatalf("GET: %d %q", code, body)
	}
	if !strings.Contains(errOut, "expires") || !strings.Contains(errOut, "(in 1h 29m)") && !strings.Contains(errOut, "(in 1h 30m)") {
		t.Fatalf("stderr = %q", errOut)
	}
}

func query(t *testing.T, link, name string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get(name)
}

func TestShareSeveralObjectsPrintsNameTabURLLines(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"a.txt": "A", "sub/b c.txt": "BC"})
	code, out, errOut := run(t, c, "--expires", "1h", "s3://docs/a.txt", "s3://docs/sub/b c.txt")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	want := []struct{ name, body string }{{"a.txt", "A"}, {"b c.txt", "BC"}}
	if len(lines) != len(want) {
		t.Fatalf("stdout = %q", out)
	}
	for i, w := range want {
		name, u, _ := strings.Cut(lines[i], "\t")
		if name != w.name {
			t.Fatalf("line %d = %q", i, lines[i])
		}
		if code, body := fetch(t, http.MethodGet, u, "", ""); code != 200 || body != w.body {
			t.Fatalf("%s: %d %q", name, code, body)
		}
	}
}

func TestShareUploadPrintsURLAndACurlCommandThatWorks(t *testing.T) {
	t.Parallel()
	curl, err := exec.LookPath("curl")
	if err != nil || runtime.GOOS == "windows" {
		t.Skip("needs curl and a POSIX shell")
	}
	c := connect(t, nil)
	code, out, errOut := run(t, c, "--upload", "s3://docs/in box/it's notes.txt", "--content-type", "text/plain", "--expires", "1h")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) != 2 || !strings.HasPrefix(lines[1], "curl -X PUT -H 'Content-Type: text/plain' --upload-file 'it'\\''s notes.txt' '") ||
		!strings.Contains(lines[1], share.ShellQuote(lines[0])) {
		t.Fatalf("stdout = %q", out)
	}
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "it's notes.txt"), []byte("from a teammate\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("sh", "-c", strings.Replace(lines[1], "curl ", curl+" --fail --silent --show-error ", 1))
	cmd.Dir = dir
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("printed curl failed: %v\n%s", err, msg)
	}
	loc := s3ops.Location{Bucket: "docs", Key: "in box/it's notes.txt"}
	info, err := c.Head(context.Background(), loc)
	if err != nil || info.ContentType != "text/plain" || info.Size != int64(len("from a teammate\n")) {
		t.Fatalf("uploaded object: %+v %v", info, err)
	}
	d, err := share.DownloadLink(context.Background(), c, loc, share.DownloadOptions{Expiry: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	if _, body := fetch(t, http.MethodGet, d.URL, "", ""); body != "from a teammate\n" {
		t.Fatalf("body %q", body)
	}
}

func TestShareRefusesBadInputWithMessagesAndExitCodes(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"a.txt": "A"})
	cases := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"http://docs/a.txt"}, 2, "not an s3:// URI"},
		{[]string{"s3://docs"}, 2, "is a bucket"},
		{[]string{"s3://docs/dir/"}, 2, "is a folder"},
		{[]string{"s3://x/a.txt"}, 2, "3 to 63 characters"},
		{[]string{"s3://docs/a.txt", "--expires", "8d"}, 2, "longer than 7 days"},
		{[]string{"s3://docs/a.txt", "--expires", "7d1s"}, 2, "longer than 7 days"},
		{[]string{"s3://docs/a.txt", "--expires", "0"}, 2, "without a unit"},
		{[]string{"s3://docs/a.txt", "--expires", "soon"}, 2, "is not a duration"},
		{[]string{"s3://docs/a.txt", "--cap", "--warn"}, 2, "exclude each other"},
		{[]string{"--upload", "--download-name", "s3://docs/a.txt"}, 2, "download links"},
		{[]string{"--qr", "s3://docs/a.txt", "s3://docs/b.txt"}, 2, "one object"},
		{[]string{"--frobnicate", "s3://docs/a.txt"}, 2, "unknown flag: --frobnicate"},
		{nil, 2, "name at least one object"},
		{[]string{"s3://docs/typo.txt"}, 1, "s3://docs/typo.txt: no such object"},
		{[]string{"s3://nobucket/a.txt"}, 1, "s3://nobucket/a.txt"},
	}
	for _, tc := range cases {
		code, out, errOut := run(t, c, tc.args...)
		if code != tc.code || !strings.Contains(errOut, tc.msg) || out != "" {
			t.Errorf("share %q: exit %d, stdout %q, stderr %q; want exit %d and %q", tc.args, code, out, errOut, tc.code, tc.msg)
		}
	}
}

func TestShareWithOneMissingObjectPrintsTheOthersAndFails(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"a.txt": "A"})
	code, out, errOut := run(t, c, "s3://docs/a.txt", "s3://docs/gone.txt")
	if code != 1 || !strings.HasPrefix(out, "a.txt\thttp") || strings.Count(out, "\n") != 1 || !strings.Contains(errOut, "gone.txt: no such object") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestShareHelpPrintsUsageAndSucceeds(t *testing.T) {
	t.Parallel()
	for _, arg := range []string{"--help", "-h"} {
		code, out, errOut := run(t, nil, arg)
		if code != 0 || !strings.Contains(out, "USAGE") || !strings.Contains(out, "--expires") || errOut != "" {
			t.Fatalf("%s: exit %d, stdout %q, stderr %q", arg, code, out, errOut)
		}
	}
}

func TestShareQRIsDrawnBelowTheURL(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"a.txt": "A"})
	code, out, errOut := run(t, c, "s3://docs/a.txt", "--qr")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	url, qr, _ := strings.Cut(out, "\n")
	if got, err := qrtest.Decode(qrtest.Lines(strings.TrimPrefix(qr, "\n")), false); err != nil || got != url {
		t.Fatalf("QR below %q scans as %q (%v):\n%s", url, got, err, qr)
	}
	_, light, _ := run(t, c, "s3://docs/a.txt", "--qr", "--qr-invert")
	lightURL, lightQR, _ := strings.Cut(light, "\n")
	lines := qrtest.Lines(strings.TrimPrefix(lightQR, "\n"))
	if got, err := qrtest.Decode(lines, true); err != nil || got != lightURL {
		t.Fatalf("--qr-invert code scans as %q (%v) on a light terminal, want %q", got, err, lightURL)
	}
	if _, err := qrtest.Decode(lines, false); err == nil {
		t.Fatal("--qr-invert drew a code for a dark terminal")
	}
}

func TestShareCopyUsesTheNativeClipboardTool(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("the fake xclip is a shell script")
	}
	c := connect(t, map[string]string{"a.txt": "A"})
	dir := t.TempDir()
	script := "#!/bin/sh\ncat > \"" + dir + "/clip\"\n"
	if err := os.WriteFile(filepath.Join(dir, "xclip"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Setenv("DISPLAY", ":99")
	t.Setenv("WAYLAND_DISPLAY", "")
	code, out, errOut := run(t, c, "s3://docs/a.txt", "--copy")
	if code != 0 || !strings.Contains(errOut, "copied to the clipboard (xclip)") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if clip, _ := os.ReadFile(filepath.Join(dir, "clip")); string(clip) != strings.TrimSuffix(out, "\n") {
		t.Fatalf("clipboard %q, stdout %q", clip, out)
	}
	t.Setenv("PATH", t.TempDir())
	code, _, errOut = run(t, c, "s3://docs/a.txt", "--copy")
	if code != 1 || !strings.Contains(errOut, "no native clipboard tool found") {
		t.Fatalf("without a tool: exit %d, stderr %q", code, errOut)
	}
}

type expiringProvider struct {
	access, secret string
	expires        time.Time
}

func (p expiringProvider) Retrieve(context.Context) (aws.Credentials, error) {
	return aws.Credentials{AccessKeyID: p.access, SecretAccessKey: p.secret, CanExpire: true, Expires: p.expires}, nil
}

func TestShareCapsOrWarnsWhenCredentialsExpireFirst(t *testing.T) {
	t.Parallel()
	srv := gwtest.Start(t)
	c := connectWith(t, srv, s3ops.Settings{CredentialsProvider: expiringProvider{srv.AccessKey, srv.SecretKey,
		time.Now().Add(10 * time.Minute)}}, map[string]string{"a.txt": "A"})

	code, out, errOut := run(t, c, "s3://docs/a.txt")
	secs, _ := strconv.Atoi(query(t, strings.TrimSpace(out), "X-Amz-Expires"))
	if code != 0 || secs < 590 || secs > 600 || !strings.Contains(errOut, "note: The link lasts") {
		t.Fatalf("cap: exit %d, X-Amz-Expires %d, stderr %q", code, secs, errOut)
	}
	code, out, errOut = run(t, c, "s3://docs/a.txt", "--warn")
	if code != 0 || query(t, strings.TrimSpace(out), "X-Amz-Expires") != "86400" || !strings.Contains(errOut, "warning: The link is signed for 24h but will stop working") {
		t.Fatalf("warn: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}

func TestShareIntoNoSuchBucketSaysSoAndMakesNoLink(t *testing.T) {
	t.Parallel()
	c := connect(t, map[string]string{"a.txt": "a"})
	for _, args := range [][]string{{"s3://no-such-bucket/x"}, {"--upload", "s3://no-such-bucket/x"}} {
		code, out, errOut := run(t, c, args...)
		if code != 1 || out != "" || !strings.Contains(errOut, "no such bucket") {
			t.Errorf("share %v: exit %d, stdout %q, stderr %q; want 1, no link, and no such bucket", args, code, out, errOut)
		}
	}
	if code, _, errOut := run(t, c, "s3://docs/missing.txt"); code != 1 || !strings.Contains(errOut, "no such object") {
		t.Errorf("a missing object in a bucket that exists: exit %d %q", code, errOut)
	}
}
