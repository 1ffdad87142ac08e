package share

import (
	"slices"
	"time"
)

// PageKind tells download pages from upload pages.
type PageKind int

const (
	// DownloadPage lists files with a download link each.
	DownloadPage PageKind = iota
	// UploadPage lets a person upload files into a prefix from a browser.
	UploadPage
)

func (k PageKind) String() string {
	if k == UploadPage {
		return "upload page"
	}
	return "download page"
}

// PageRecord is a share page as the history keeps it: what is needed to
// sign its link again or delete it, never a presigned URL.
type PageRecord struct {
	Kind PageKind
	// Bucket and Key locate the page object (Key is under the pages
	// prefix, e.g. ".ferry/pages/…html").
	Bucket, Key string
	// Prefix is the shared prefix (download) or where uploads land (upload:
	// the page's own sub-prefix, e.g. "inbox/<id>/").
	Prefix string
	// Count is the number of files listed (download pages; 0 for upload pages).
	Count int
	// MaxSize is the largest file an upload page accepts (0 for download pages).
	MaxSize int64
	// Expires is when the page and every link or policy in it stop working.
	Expires time.Time
}

// PageItem is one page of a History as seen at one moment.
type PageItem struct {
	PageRecord
	// Made is when the page was added.
	Made time.Time
	// Left is the time until the page stops working, zero once it has.
	Left time.Duration
	// Expired is true once the page no longer works.
	Expired bool
}

// AddPage records a share page.
func (h *History) AddPage(p PageRecord) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pages = append(h.pages, PageItem{PageRecord: p, Made: h.now()})
}

// Pages returns the pages newest first, each with the time it has left.
func (h *History) Pages() []PageItem {
	h.mu.Lock()
	defer h.mu.Unlock()
	now := h.now()
	items := make([]PageItem, 0, len(h.pages))
	for _, p := range slices.Backward(h.pages) {
		left := p.Expires.Sub(now)
		p.Left, p.Expired = max(left, 0), left <= 0
		items = append(items, p)
	}
	return items
}

// ForgetPage drops the page at bucket/key (e.g. once it was deleted).
func (h *History) ForgetPage(bucket, key string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.pages = slices.DeleteFunc(h.pages, func(p PageItem) bool { return p.Bucket == bucket && p.Key == key })
}
