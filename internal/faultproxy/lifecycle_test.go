package faultproxy_test

import (
	"testing"
	"time"

	fp "github.com/ferry-s3/ferry/internal/faultproxy"
)

func TestCloseEndsStallsAndRefusesConnections(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.StallHeaders}}) // until the client gives up: this one never does
	done := make(chan error, 1)
	go func() {
		_, err := newClient().Get(p.URL() + "/blob/10")
		done <- err
	}()
	deadline := time.Now().Add(5 * time.Second)
	for p.Count(fp.Match{}) == 0 && time.Now().Before(deadline) {
		time.Sleep(5 * time.Millisecond)
	}
	if recs := p.Requests(); len(recs) != 1 || recs[0].Done || recs[0].Fault.Kind != fp.StallHeaders {
		t.Fatalf("in flight: %+v, want one stalled request not done", recs)
	}

	start := time.Now()
	p.Close()
	if err := <-done; err == nil {
		t.Error("stalled client got a response after Close")
	}
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Errorf("Close took %v with a stalled request", elapsed)
	}
	if recs := p.Requests(); !recs[0].Done {
		t.Errorf("after Close the request is not done: %+v", recs[0])
	}
	if _, err := newClient().Get(p.URL() + "/blob/10"); err == nil {
		t.Error("proxy still answers after Close")
	}
}

func TestResponseFaultsOnEmptyBodiesHitBeforeTheHeaders(t *testing.T) {
	up := newUpstream(t)
	p := fp.Start(t, up.URL())
	p.AddRule(fp.Rule{Match: fp.Match{Method: "HEAD"}, Fault: fp.Fault{Kind: fp.ResetResponse, After: 10}})
	resp, err := newClient().Head(p.URL() + "/blob/1000")
	if err == nil {
		resp.Body.Close()
		t.Fatalf("HEAD answered %d, want a broken connection", resp.StatusCode)
	}
	if rec := lastRecord(t, p); rec.Status != 0 || len(up.requests()) != 1 {
		t.Errorf("record %+v with %d upstream requests: want the request forwarded and no status sent", rec, len(up.requests()))
	}
}
