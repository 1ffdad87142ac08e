// Package sharepage makes share pages: small self-contained HTML pages
// that ferry writes into a bucket and shares with one presigned link.
//
// A download page lists several objects, or every object below a folder,
// with their sizes and a presigned GET each (attachment, so browsers save
// them under their names), plus "download all". An upload page lets a
// person pick or drop files in a browser and watch each upload's progress;
// it posts them with an S3 POST policy (browser-based upload, SigV4) that
// only allows keys below a sub-folder unique to the page, files up to a
// size limit, until the page expires. Pages load nothing from elsewhere:
// their CSS and JavaScript are inline and the only URLs in them are the
// bucket's own.
//
// Page objects are stored under a pages prefix (DefaultPagesPrefix,
// ".ferry/pages/"; [share] pages_prefix in the config file) with
// Content-Type text/html and Cache-Control no-store; the link handed out
// is a presigned GET of the page object. Expiry follows the rules of every
// share link (share.PlanFor: at most 7 days, capped or warned by the
// lifetime of the signing credentials), and the links and the POST policy
// inside a page expire with it. A page's key starts with its expiry, so
// expired pages can be found from a listing alone.
//
// The API, for the CLI and the TUI:
//
//	Collect(ctx, c, locs, maxFiles, pagesPrefix) (Selection, error)  // what a download page will list; count first
//	MakeDownloadPage(ctx, c, DownloadRequest) (Page, error)
//	MakeUploadPage(ctx, c, UploadRequest) (Page, error)
//	Relink(ctx, c, share.PageRecord, share.Policy) (share.Link, error) // a new link to a recorded page
//	Delete(ctx, c, share.PageRecord) error                          // deletes the page object
//	DeleteNote(share.PageRecord, now) string                        // what deleting does not revoke
//	FindExpired(ctx, c, bucket, pagesPrefix, now) ([]share.PageRecord, error)
//	Expired([]share.PageItem) []share.PageRecord                    // from share.History.Pages
//	CheckPagesPrefix(string) (string, error)                        // config value → prefix
//
// A Page carries its share.PageRecord (kind, bucket, page key, prefix,
// count, size limit, expiry) and its share.Link; record the record in a
// share.History (AddPage) to list pages later: the history keeps no URL.
//
// Deleting a page removes its object, so its link stops working at once.
// It does not revoke what was copied out of it: download links copied from
// a download page, or an upload page already opened or saved, keep working
// until they expire.
//
// The package knows nothing of Bubble Tea; Page.Link.URL is a bearer
// secret that nothing here logs or persists.
package sharepage
