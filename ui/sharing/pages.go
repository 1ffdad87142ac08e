package sharing

import (
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
	"github.com/ferry-s3/ferry/ui/source"
)

// PagesOptions tell the Manager where share pages go and which S3
// locations are on show (the links view looks for expired pages in their
// buckets).
type PagesOptions struct {
	// Prefix is where pages are written in a bucket ("" =
	// sharepage.DefaultPagesPrefix; [share] pages_prefix).
	Prefix string
	// InView lists the S3 locations the panes show (nil: none).
	InView func() []source.S3
}

// OpenMsg asks the root to show Source in an S3 pane: the folder of a
// page, picked in the links view ("ferry shows what arrived").
type OpenMsg struct{ Source source.S3 }

// owner is the connection a page was made on: the one that deletes it,
// signs it again and lists its folder. Each pane can be on its own
// connection, so a page remembers its own.
type owner struct {
	client *s3ops.Client
	conn   string
}

// SetPages sets where pages are written and how to find the locations on
// show.
func (m *Manager) SetPages(o PagesOptions) { m.pages = o }

// pagesPrefix is the configured pages prefix ("" = the default).
func (m *Manager) pagesPrefix() string { return m.pages.Prefix }

// addPage records a page made on o.
func (m *Manager) addPage(p sharepage.Page, o owner) {
	if m.owners == nil {
		m.owners = map[string]owner{}
	}
	m.owners[pageID(p.PageRecord)] = o
	m.history.AddPage(p.PageRecord)
}

// own records the connection of a page found in a bucket (it may be
// from another run), so it can be deleted.
func (m *Manager) own(rec share.PageRecord, o owner) {
	if m.owners == nil {
		m.owners = map[string]owner{}
	}
	if _, known := m.owners[pageID(rec)]; !known {
		m.owners[pageID(rec)] = o
	}
}

// forgetPage drops a page from the history once its object is gone.
func (m *Manager) forgetPage(rec share.PageRecord) {
	m.history.ForgetPage(rec.Bucket, rec.Key)
	delete(m.owners, pageID(rec))
}

// ownerOf is the connection a recorded page was made on.
func (m *Manager) ownerOf(rec share.PageRecord) (owner, bool) {
	o, ok := m.owners[pageID(rec)]
	return o, ok
}

func pageID(rec share.PageRecord) string { return rec.Bucket + "/" + rec.Key }

// folderOf is the S3 location of a page's folder: where an upload page's
// files arrive, or the folder a download page lists.
func folderOf(rec share.PageRecord, o owner) source.S3 {
	return source.S3{Client: o.client, Conn: o.conn, Loc: s3ops.Location{Bucket: rec.Bucket, Key: rec.Prefix}}
}
