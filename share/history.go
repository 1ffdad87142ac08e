package share

import (
	"sync"
	"time"
)

// History is the list of links and share pages made in this run, for a
// "links" view with a live countdown. It lives in memory only and is never
// written anywhere: the URLs in it are secrets. Pages are kept as
// PageRecords, without their URLs. Safe for concurrent use.
type History struct {
	now func() time.Time

	mu    sync.Mutex
	links []Link
	made  []time.Time
	pages []PageItem
}

// HistoryItem is one link of a History as seen at one moment.
type HistoryItem struct {
	Link
	// Made is when the link was added.
	Made time.Time
	// Left is the time until the link stops working (Link.Expires), zero
	// once it has.
	Left time.Duration
	// Expired is true once the link no longer works.
	Expired bool
}

// NewHistory makes an empty history reading time from now (nil means
// time.Now; tests pass a fake clock).
func NewHistory(now func() time.Time) *History {
	if now == nil {
		now = time.Now
	}
	return &History{now: now}
}

// Add records a link.
func (h *History) Add(l Link) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.links = append(h.links, l)
	h.made = append(h.made, h.now())
}

// Len is the number of links recorded.
func (h *History) Len() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.links)
}

// List returns the links newest first, each with the time it has left.
func (h *History) List() []HistoryItem {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.now()
	items := make([]HistoryItem, 0, len(h.links))
	for i := len(h.links) - 1; i >= 0; i-- {
		left := h.links[i].Expires().Sub(now)
		item := HistoryItem{Link: h.links[i], Made: h.made[i], Left: max(left, 0), Expired: left <= 0}
		items = append(items, item)
	}
	return items
}

// Clear forgets every link and page.
func (h *History) Clear() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.links, h.made, h.pages = nil, nil, nil
}
