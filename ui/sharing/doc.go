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
// All IO (credentials, HeadObject, presigning, the native clipboard) runs
// in tea.Cmds. A result for a view that has closed is dropped, and each
// view's once-a-second countdown tick is re-armed only while the view is
// open, so closing it ends the loop.
package sharing
