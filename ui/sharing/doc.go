// Package sharing is the TUI of share links: the share dialog (a
// presigned download link of the object under the cursor, or one link per
// marked object), the upload-link dialog (a presigned PUT into the pane's
// location, with the curl command that uses it) and the links view (the
// links made in this run, with a live countdown). The engine is package
// share; this package only asks, shows and copies.
//
// The root owns one Manager. It opens the views on the share keys, keeps
// the run's share.History (in memory only: links are secrets), and routes
// every Msg (the views' async results and ticks) to the view whose id it
// carries.
//
// Layout: dialog.go holds what the share and upload-link dialogs share
// (the form and its share.* keys, the expiry and the signing
// credentials, making the link in a Cmd that esc cancels); download.go
// and upload.go add their own fields, settings and results, and the
// *_view.go files draw them in box.go's frame. The fields and the key
// routing are the form kit's (package ui/form); the expiry chooser
// (expiry.go), the cap/warn choice and the QR toggle (qr.go) are custom
// fields of that kit.
//
// All IO (credentials, HeadObject, presigning, the native clipboard) runs
// in tea.Cmds. A result for a view that has closed is dropped, and each
// view's once-a-second countdown tick is re-armed only while the view is
// open, so closing it ends the loop.
package sharing
