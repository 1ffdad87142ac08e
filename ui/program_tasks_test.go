package ui_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
)

// waitScreen waits until the screen holds every part.
func (m *watched) waitScreen(t *testing.T, parts ...string) {
	t.Helper()
	deadline := time.Now().Add(30 * time.Second)
	for {
		m.mu.Lock()
		screen := m.last
		m.mu.Unlock()
		missing := ""
		for _, p := range parts {
			if !strings.Contains(screen, p) {
				missing = p
				break
			}
		}
		if missing == "" {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("screen lacks %q:\n%s", missing, screen)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// A background operation runs as a row of the transfers pane, where x
// cancels it: the copy stops part-way and the row says so.
func TestABackgroundCopyIsCancelledFromItsRow(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("src")
	e.bucket("dst")
	e.putMany("src", "p/", 40)
	// Every copy request waits 2 s, so the task is still running
	// when the key arrives.
	p := faultproxy.Start(t, e.srv.Endpoint, faultproxy.WithLogf(nil))
	p.AddRule(faultproxy.Rule{Name: "slow copies", Match: faultproxy.Match{Method: "PUT"},
		Fault: faultproxy.Fault{Kind: faultproxy.Latency, Latency: 2 * time.Second}})
	slow, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: p.URL(), Region: e.srv.Region,
		AccessKey: e.srv.AccessKey, SecretKey: e.srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	eng := e.engine(slow, transfer.Options{})
	m := &watched{Model: ui.New(ui.Options{Client: slow, Transfers: eng, LocalDir: e.local, Left: "s3://src/", Right: "s3://dst/",
		TimeZone: time.UTC, Base: context.Background(), Trash: noTrash(t)})}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(130, 40))
	m.waitScreen(t, "s3://src/", "p/")

	tm.Send(keyMsg("c"))
	m.waitScreen(t, "Copy p/?", "40 objects")
	tm.Send(keyMsg("y"))
	m.waitScreen(t, "⧉ s3://dst/p/")
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("tab")) // left pane → right pane → transfers
	tm.Send(keyMsg("x"))
	m.waitScreen(t, "cancelled")
	// The row says cancelled once the task has returned; what it had sent
	// is done when the proxy has nothing in flight (lands or not).
	if !p.WaitIdle(30 * time.Second) {
		t.Fatal("requests still in flight 30 s after the copy was cancelled")
	}
	if n := len(e.keysIn("dst", "p/")); n >= 40 {
		t.Fatalf("%d of 40 objects copied: the copy did not stop", n)
	}
	tm.Send(keyMsg("q"))
	tm.WaitFinished(t, teatest.WithFinalTimeout(30*time.Second))
}
