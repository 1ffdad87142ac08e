// Package sharing is the TUI of share links and share pages: the share
// dialog (a presigned download link of the object under the cursor, one
// link per marked object, or one download page listing the marked
// objects and folders), the upload-link dialog (a presigned PUT into the
// pane's location, with the curl command that uses it, or an upload page
// for teammates) and the links view (the links and pages made in this
// run, with a live countdown; a page's folder opens in the S3 pane, a
// page can be deleted, and the expired pages of the buckets on show are
// offered for deletion). The engines are packages share and sharepage;
// this package only asks, shows and copies.
//
// The root owns one Manager. It opens the views on the share keys, keeps
// the run's share.History (in memory only: links are secrets) with the
// connection each page was made on (each pane can be on its own, and a
// page is signed, listed and deleted through its own), and routes every
// Msg (the views' async results and ticks) to the view whose id it
// carries. OpenMsg asks the root to show a page's folder in a pane.
//
// Layout: dialog.go holds what the share and upload-link dialogs share
// (the form and its share.* keys, the expiry and the signing
// credentials, making the link in a Cmd that esc cancels); download.go
// and upload.go add their own fields, settings and results, and the
// *_view.go files draw them in box.go's frame; download_page*.go and
// upload_page.go are their page modes (a download page's files are
// counted with sharepage.Collect before anything is made). links.go,
// links_rows.go and links_pages.go are the links view; pages.go the
// Manager's record of pages. The fields and the key routing are the form
// kit's (package ui/form); the expiry chooser (expiry.go), the cap/warn
// choice and the QR toggle (qr.go) are custom fields of that kit.
//
// All IO (credentials, HeadObject, listing, presigning, writing and
// deleting pages, the native clipboard) runs in tea.Cmds. A result for a
// view that has closed is dropped, and each view's once-a-second
// countdown tick is re-armed only while the view is open, so closing it
// ends the loop.
package sharing
