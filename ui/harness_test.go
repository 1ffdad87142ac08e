package ui_test

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/common"
)

// TestMain gives every test a home folder of the test binary's own, so
// no test reaches the user's (the hostile tests press "~" and keys at
// random), and clears DISPLAY and WAYLAND_DISPLAY (see
// noNativeClipboard): a test reaching the user's real clipboard would
// overwrite it. Set once for the binary rather than per test with
// t.Setenv, they let the tests run in parallel.
func TestMain(m *testing.M) {
	gwtest.MainWith(m, func() func() {
		home, err := os.MkdirTemp("", "ferry-ui-test-home-")
		if err != nil {
			panic(err)
		}
		os.Setenv("HOME", home)
		os.Setenv("DISPLAY", "")
		os.Setenv("WAYLAND_DISPLAY", "")
		return func() { os.RemoveAll(home) }
	})
}

// fixedTime is the modification time of every fixture file and object.
var fixedTime = time.Date(2024, 3, 15, 9, 30, 0, 0, time.UTC)

// env is a real gateway plus a local directory to browse.
type env struct {
	t      *testing.T
	srv    *gwtest.Server
	client *s3ops.Client
	sdk    *s3.Client
	local  string
}

func newEnv(t *testing.T) *env {
	t.Helper()
	srv := gwtest.Start(t)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{
		EndpointURL: srv.Endpoint, Region: srv.Region, AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	sdk := s3.New(s3.Options{Region: srv.Region, BaseEndpoint: aws.String(srv.Endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(srv.AccessKey, srv.SecretKey, "")})
	return &env{t: t, srv: srv, client: c, sdk: sdk, local: t.TempDir()}
}

func (e *env) bucket(name string) {
	e.t.Helper()
	if err := e.client.CreateBucket(context.Background(), name, ""); err != nil {
		e.t.Fatal(err)
	}
}

// put uploads an object through the S3 API (so metadata and content type
// are real), then pins its modification time.
func (e *env) put(bucket, key, body, contentType string, meta map[string]string) {
	e.t.Helper()
	in := &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key), Body: strings.NewReader(body), Metadata: meta}
	if contentType != "" {
		in.ContentType = aws.String(contentType)
	}
	if _, err := e.sdk.PutObject(context.Background(), in); err != nil {
		e.t.Fatalf("put %s/%s: %v", bucket, key, err)
	}
	e.pin(filepath.Join(e.srv.Dir, bucket, filepath.FromSlash(key)))
}

// file writes a local fixture file with the fixed time.
func (e *env) file(rel, body string) string {
	e.t.Helper()
	p := filepath.Join(e.local, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		e.t.Fatal(err)
	}
	e.pin(p)
	return p
}

func (e *env) dir(rel string) string {
	e.t.Helper()
	p := filepath.Join(e.local, filepath.FromSlash(rel))
	if err := os.MkdirAll(p, 0o755); err != nil {
		e.t.Fatal(err)
	}
	e.pin(p)
	return p
}

func (e *env) pin(path string) {
	if err := os.Chtimes(path, fixedTime, fixedTime); err != nil {
		e.t.Fatal(err)
	}
}

// harness drives the root model synchronously: every Cmd is run at once
// and its message fed back. The manual clock's Tick never fires; tests
// step time with ui.TickMsg.
// reversedBatches runs every test with tea.Batch commands delivered last
// to first (.ci/run does one such pass): a flow that only works in the
// order the commands were written is a race in the real program.
var reversedBatches = flag.Bool("batch.reversed", false, "deliver the commands of every tea.Batch last to first")

type harness struct {
	t    *testing.T
	m    *ui.Model
	now  time.Time
	quit bool
	// reversed runs the commands of a tea.Batch last to first: Bubble Tea
	// runs them concurrently, so their messages may arrive in any order.
	reversed bool
}

func (e *env) start(opts ui.Options, w, h int) *harness {
	e.t.Helper()
	hs := &harness{t: e.t, now: fixedTime.Add(24 * time.Hour), reversed: *reversedBatches}
	clock := common.Clock{Now: func() time.Time { return hs.now },
		Tick: func(time.Duration, func(time.Time) tea.Msg) tea.Cmd { return nil }}
	opts.Clock = &clock
	opts.TimeZone = time.UTC
	if opts.Client == nil {
		opts.Client = e.client
	}
	if opts.LocalDir == "" {
		opts.LocalDir = e.local
	}
	hs.m = ui.New(opts)
	hs.run(hs.m.Init())
	hs.send(tea.WindowSizeMsg{Width: w, Height: h})
	return hs
}

func (h *harness) send(msg tea.Msg) {
	h.t.Helper()
	_, cmd := h.m.Update(msg)
	h.run(cmd)
}

// run executes cmd and everything it leads to, breadth first.
func (h *harness) run(cmd tea.Cmd) {
	h.t.Helper()
	queue := []tea.Cmd{cmd}
	for len(queue) > 0 {
		c := queue[0]
		queue = queue[1:]
		if c == nil {
			continue
		}
		switch msg := c().(type) {
		case nil:
		case tea.BatchMsg:
			if h.reversed {
				msg = slices.Clone(msg)
				slices.Reverse(msg)
			}
			queue = append(queue, msg...)
		case tea.QuitMsg:
			h.quit = true
		default:
			_, next := h.m.Update(msg)
			queue = append(queue, next)
		}
	}
}

var namedKeys = map[string]rune{
	"up": tea.KeyUp, "down": tea.KeyDown, "left": tea.KeyLeft, "right": tea.KeyRight,
	"enter": tea.KeyEnter, "esc": tea.KeyEscape, "tab": tea.KeyTab, "backspace": tea.KeyBackspace,
	"space": tea.KeySpace, "pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
}

// press sends keys by name ("down", "shift+tab", "ctrl+r") or as text ("j").
func (h *harness) press(keys ...string) {
	h.t.Helper()
	for _, k := range keys {
		h.send(keyMsg(k))
	}
}

func keyMsg(k string) tea.KeyPressMsg {
	switch {
	case k == "shift+tab":
		return tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift}
	case strings.HasPrefix(k, "ctrl+"):
		return tea.KeyPressMsg{Code: rune(k[len(k)-1]), Mod: tea.ModCtrl}
	}
	if code, ok := namedKeys[k]; ok {
		msg := tea.KeyPressMsg{Code: code}
		if code == tea.KeySpace {
			msg.Text = " "
		}
		return msg
	}
	r := []rune(k)[0]
	return tea.KeyPressMsg{Code: r, Text: k}
}

// typeText types s one key at a time.
func (h *harness) typeText(s string) {
	h.t.Helper()
	for _, r := range s {
		h.send(tea.KeyPressMsg{Code: r, Text: string(r)})
	}
}

// screen is the current frame without colours.
func (h *harness) screen() string { return ansi.Strip(h.m.View().Content) }

// paneScreen is the text of one pane's columns on screen.
func (h *harness) paneText(id int) string { return ansi.Strip(h.m.Pane(id).View()) }

func (h *harness) wantScreen(parts ...string) {
	h.t.Helper()
	s := h.screen()
	for _, p := range parts {
		if !strings.Contains(s, p) {
			h.t.Fatalf("screen lacks %q:\n%s", p, s)
		}
	}
}

func (h *harness) wantPane(id int, parts ...string) {
	h.t.Helper()
	s := h.paneText(id)
	for _, p := range parts {
		if !strings.Contains(s, p) {
			h.t.Fatalf("pane %d lacks %q:\n%s", id, p, s)
		}
	}
}

// wantLocation checks where a pane is, and that its header shows the end
// of that location (long temp paths are cut from the left).
func (h *harness) wantLocation(id int, loc string) {
	h.t.Helper()
	if got := h.m.Pane(id).Source().String(); got != loc {
		h.t.Fatalf("pane %d is at %q, want %q", id, got, loc)
	}
	h.wantPane(id, filepath.Base(loc))
}

func (h *harness) current(id int) string {
	e, ok := h.m.Pane(id).Current()
	if !ok {
		return ""
	}
	return e.Name
}

// rowsOf lists the entry names a pane shows, in order (names in
// fixtures have no spaces).
func (h *harness) rowsOf(id int) []string {
	var names []string
	lines := strings.Split(h.paneText(id), "\n")
	for _, l := range lines[3 : len(lines)-1] {
		l = strings.TrimSpace(strings.Trim(l, "│"))
		l = strings.TrimPrefix(l, "✓ ")
		if f := strings.Fields(l); len(f) > 0 && !strings.HasPrefix(l, "(") && !strings.HasPrefix(l, "/") && !strings.HasPrefix(l, "filter:") {
			names = append(names, f[0])
		}
	}
	return names
}

func contains(b []byte, s string) bool { return bytes.Contains(b, []byte(s)) }

// keysIn lists every key below prefix in bucket.
func (e *env) keysIn(bucket, prefix string) []string {
	e.t.Helper()
	var keys []string
	p := s3.NewListObjectsV2Paginator(e.sdk, &s3.ListObjectsV2Input{Bucket: aws.String(bucket), Prefix: aws.String(prefix)})
	for p.HasMorePages() {
		out, err := p.NextPage(context.Background())
		if err != nil {
			e.t.Fatalf("list %s/%s: %v", bucket, prefix, err)
		}
		for _, o := range out.Contents {
			keys = append(keys, aws.ToString(o.Key))
		}
	}
	return keys
}

func (h *harness) wantStatus(part string) {
	h.t.Helper()
	if s := h.m.StatusText(); !strings.Contains(s, part) {
		h.t.Fatalf("status is %q, want %q", s, part)
	}
}

func (h *harness) wantNoDialog() {
	h.t.Helper()
	if d := h.m.Dialog(); d != nil {
		h.t.Fatalf("a %T is still open:\n%s", d, h.screen())
	}
}
