package share_test

import (
	"sync"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func linkEnding(key string, end time.Time) share.Link {
	return share.Link{Location: s3ops.Location{Bucket: "b", Key: key}, URL: "http://x/" + key, Plan: share.Plan{End: end}}
}

func TestHistoryCountsDownAndMarksExpired(t *testing.T) {
	clock := &fakeClock{t: planNow}
	h := share.NewHistory(clock.Now)
	h.Add(linkEnding("short", planNow.Add(time.Minute)))
	clock.Advance(time.Second)
	h.Add(linkEnding("long", planNow.Add(time.Hour)))

	items := h.List()
	if len(items) != 2 || items[0].Location.Key != "long" || items[1].Location.Key != "short" {
		t.Fatalf("not newest first: %+v", items)
	}
	if items[1].Left != 59*time.Second || items[1].Expired || !items[1].Made.Equal(planNow) {
		t.Fatalf("short = %+v", items[1])
	}
	clock.Advance(2 * time.Minute)
	items = h.List()
	if !items[1].Expired || items[1].Left != 0 || items[0].Expired || items[0].Left != time.Hour-2*time.Minute-time.Second {
		t.Fatalf("after 2m: %+v", items)
	}
	h.Clear()
	if h.Len() != 0 || len(h.List()) != 0 {
		t.Fatal("clear left links")
	}
}

func TestHistoryIsSafeForConcurrentUse(t *testing.T) {
	h := share.NewHistory(nil)
	var wg sync.WaitGroup
	for i := range 8 {
		wg.Add(2)
		go func() { defer wg.Done(); h.Add(linkEnding(string(rune('a'+i)), time.Now().Add(time.Hour))) }()
		go func() { defer wg.Done(); _ = h.List() }()
	}
	wg.Wait()
	if h.Len() != 8 {
		t.Fatalf("len = %d", h.Len())
	}
}
