package ui_test

import (
	"context"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/ferry-s3/ferry/connections"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/connpick"
)

// twoGateways is what the picker offers in these tests: the default
// connection (gateway a) and "lab" (gateway b, with other keys). Its
// clients are real ones, made on first use as the CLI's are.
type twoGateways struct {
	a, b      *env
	mu        sync.Mutex // Connect is called from engine goroutines too
	connected []string   // the names Connect made
}

func (g *twoGateways) Entries(context.Context) ([]connpick.Entry, error) {
	return []connpick.Entry{{From: "flags and environment", Endpoint: g.a.srv.Endpoint},
		{Name: "lab", From: connections.FromFerryConfig, Endpoint: g.b.srv.Endpoint},
		{Name: "gone", From: connections.FromAWSConfig, Endpoint: "http://127.0.0.1:1"}}, nil
}

func (g *twoGateways) Connect(_ context.Context, name string) (*s3ops.Client, error) {
	g.mu.Lock()
	g.connected = append(g.connected, name)
	g.mu.Unlock()
	switch name {
	case "":
		return g.a.client, nil
	case "lab":
		return g.b.client, nil
	}
	return nil, fmt.Errorf("the config profile (%s) could not be found", name)
}

func (g *twoGateways) Check(ctx context.Context, name string) connections.Credentials {
	c, err := g.Connect(ctx, name)
	if err != nil {
		return connections.Credentials{Problem: err.Error()}
	}
	creds, err := c.Credentials(ctx)
	return connections.Describe(creds, err)
}

// paneConnEnv starts two gateways that both have a bucket "lab" holding
// b.txt (with different bodies), and a harness whose right pane shows
// gateway a's lab bucket, focused.
func paneConnEnv(t *testing.T) (*twoGateways, *harness) {
	t.Helper()
	noNativeClipboard(t)
	g := &twoGateways{a: newEnv(t), b: newEnv(t)}
	if g.a.srv.AccessKey == g.b.srv.AccessKey {
		t.Fatal("the two gateways share their keys")
	}
	for _, e := range []*env{g.a, g.b} {
		e.bucket("lab")
		e.put("lab", "b.txt", "from "+e.srv.Endpoint, "", nil)
	}
	g.b.bucket("lab2")
	g.a.put("lab", "a.txt", "only on a", "", nil)
	h := g.a.start(ui.Options{Client: g.a.client, Connections: g, S3Start: s3ops.Location{Bucket: "lab"}}, 140, 40)
	h.press("tab")
	return g, h
}

// pick chooses connection name in the focused pane's picker.
func (h *harness) pick(name string) {
	h.t.Helper()
	h.press("@")
	h.wantScreen("Connection for the")
	h.press("up", "up", "up")
	for range 10 {
		if strings.Contains(h.screen(), "› "+name+" ") {
			h.press("enter")
			return
		}
		h.press("down")
	}
	h.t.Fatalf("no %s in the picker:\n%s", name, h.screen())
}

// shareLink makes a 24h link to the object under the focused cursor.
func (h *harness) shareLink() string {
	h.t.Helper()
	h.press("s")
	link := oneCopy(h.t, h.pressRec("enter"))
	h.press("esc")
	return link
}

// onOther is link with another gateway's address: the same signature,
// sent to a store that does not know those keys.
func onOther(t *testing.T, link, endpoint string) string {
	u, err := url.Parse(link)
	if err != nil {
		t.Fatal(err)
	}
	e, _ := url.Parse(endpoint)
	u.Host = e.Host
	return u.String()
}

func TestPickerShowsTheConnectionsAndOpensTheChosenOneInItsPane(t *testing.T) {
	t.Parallel()
	g, h := paneConnEnv(t)
	h.press("@")
	h.wantScreen("Connection for the right pane", "default", g.a.srv.Endpoint, "lab", g.b.srv.Endpoint,
		"resolved (static keys)", "failed: the config profile (gone)")
	h.press("esc")
	h.wantNoDialog()

	h.pick("lab")
	h.wantScreen("lab · s3://", "ferry · lab")
	if got := h.rowsOf(ui.RightPane); !slices.Equal(got, []string{"lab/", "lab2/"}) {
		t.Fatalf("lab's buckets: %v", got)
	}
	h.wantStatus("this pane now shows lab · s3://")
	// The left pane is untouched, and the same connection can be picked
	// there too; a connection that fails says why, in the pane.
	h.press("shift+tab")
	h.pick("gone")
	h.wantPane(ui.LeftPane, "gone · s3://", "could not be found")
	before := len(g.connected)
	h.press("r") // tries again
	if len(g.connected) != before+1 || g.connected[before] != "gone" {
		t.Fatalf("r did not connect again: %v", g.connected)
	}
	h.wantPane(ui.LeftPane, "gone · s3://", "could not be found")
	h.pick("lab")
	if got := h.rowsOf(ui.LeftPane); !slices.Equal(got, []string{"lab/", "lab2/"}) {
		t.Fatalf("lab's buckets in the left pane: %v", got)
	}
}

func TestEachPaneSharesAndDeletesOnItsOwnConnection(t *testing.T) {
	t.Parallel()
	g, h := paneConnEnv(t)
	h.press("shift+tab", "w") // the left pane shows the default connection's lab
	h.wantLocation(ui.LeftPane, "s3://lab/")
	h.press("tab")
	h.pick("lab")
	h.press("enter") // into gateway b's lab
	h.wantScreen("lab · s3://lab/")

	h.cursorTo(ui.RightPane, "b.txt")
	linkB := h.shareLink()
	if !strings.Contains(linkB, g.b.srv.AccessKey) {
		t.Fatalf("the right pane's link is not signed with b's keys: %s", linkB)
	}
	if resp, body := fetch(t, linkB); resp.StatusCode != 200 || body != "from "+g.b.srv.Endpoint {
		t.Fatalf("GET b's link: %d %q", resp.StatusCode, body)
	}
	if resp, _ := fetch(t, onOther(t, linkB, g.a.srv.Endpoint)); resp.StatusCode == 200 {
		t.Fatal("b's link worked on gateway a")
	}

	h.press("shift+tab")
	h.cursorTo(ui.LeftPane, "b.txt")
	linkA := h.shareLink()
	if !strings.Contains(linkA, g.a.srv.AccessKey) {
		t.Fatalf("the left pane's link is not signed with a's keys: %s", linkA)
	}
	if resp, body := fetch(t, linkA); resp.StatusCode != 200 || body != "from "+g.a.srv.Endpoint {
		t.Fatalf("GET a's link: %d %q", resp.StatusCode, body)
	}
	if resp, _ := fetch(t, onOther(t, linkA, g.b.srv.Endpoint)); resp.StatusCode == 200 {
		t.Fatal("a's link worked on gateway b")
	}

	// Deleting b.txt in the right pane deletes gateway b's, not a's.
	h.press("tab")
	h.cursorTo(ui.RightPane, "b.txt")
	h.press("d")
	h.wantScreen("Delete b.txt?", "in lab · s3://lab/")
	h.press("y")
	h.wantNoDialog()
	if got := g.b.keysIn("lab", ""); len(got) != 0 {
		t.Fatalf("gateway b still has %v", got)
	}
	if got := g.a.keysIn("lab", ""); !slices.Equal(got, []string{"a.txt", "b.txt"}) {
		t.Fatalf("gateway a lost objects: %v", got)
	}
}
