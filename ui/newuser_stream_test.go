package ui_test

import (
	"context"
	"testing"
	"time"

	"github.com/charmbracelet/x/exp/teatest/v2"

	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui"
)

// TestEndWhileAListingStreamsFollowsItToTheEnd: G while a listing was
// still arriving stopped at the rows loaded so far and stayed there; it
// follows the listing to its last row, and says so. The header and the
// status bar count the same rows.
func TestEndWhileAListingStreamsFollowsItToTheEnd(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	e.bucket("logs")
	e.putMany("logs", "events/", 2500)
	// Every page after the first waits a second, so G comes mid-listing.
	p := faultproxy.Start(t, e.srv.Endpoint, faultproxy.WithLogf(nil))
	p.AddRule(faultproxy.Rule{Name: "slow pages", Match: faultproxy.Match{Method: "GET", Query: []string{"continuation-token"}},
		Fault: faultproxy.Fault{Kind: faultproxy.Latency, Latency: time.Second}})
	slow, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: p.URL(), Region: e.srv.Region,
		AccessKey: e.srv.AccessKey, SecretKey: e.srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	m := &watched{Model: ui.New(ui.Options{Client: slow, LocalDir: e.local, Right: "s3://logs/events/",
		TimeZone: time.UTC, Base: context.Background()})}
	tm := teatest.NewTestModel(t, m, teatest.WithInitialTermSize(100, 30))
	m.waitScreen(t, "loading… 1,000 items")
	tm.Send(keyMsg("tab"))
	tm.Send(keyMsg("G"))
	m.waitScreen(t, "the cursor follows to the last entry")
	m.waitScreen(t, "2,500 items", "2,500/2,500", "k2499.log")
	tm.Send(keyMsg("q"))
	final := tm.FinalModel(t, teatest.WithFinalTimeout(30*time.Second)).(*watched)
	if got := final.Pane(ui.RightPane).CursorIndex(); got != 2499 {
		t.Fatalf("the cursor stopped at row %d, not on the last of 2,500", got+1)
	}
}
