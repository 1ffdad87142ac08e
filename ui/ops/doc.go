// Package ops is the TUI of ferry's file operations, in either kind of
// pane: delete (to the trash for local files, recursively in batches for
// S3 prefixes), rename and move (within a folder, to another folder or to
// the other pane's location; server-side on S3), new folders and
// buckets, deleting an empty bucket, editing an object's metadata and
// tags, copying between two S3 panes (server-side) or two local panes,
// and switching a pane between local files and S3. The engines are
// s3ops and localops; this package only asks, shows and reports.
//
// Long operations (a prefix, several entries, a big object) run as
// background tasks of package s3ops/jobs, which holds their bodies and
// runs them: this package plans them from the panes (the plan of a move
// or a copy), starts them in a command, follows their reports at most
// once a frame (tasks.go), and asks about what they met in the way. Each
// is a row in the transfers pane with its progress and a cancel. Tasks
// are not journaled: an operation that is cut short stops where it is,
// and S3 originals of a move are only deleted once their copy exists.
//
// The dialogs that ask for values (new folder, new bucket, rename/move,
// the metadata editor, the typed delete confirmation) are one form type
// (form.go) on the form kit of package ui/form, routed with the form.*
// keys; the yes/no questions are ask.go.
//
// The root owns one Manager. It hands it the operation keys with the two
// file panes, and routes every Msg back to it; results name the
// dialog they belong to, so a late answer for a closed dialog is dropped.
// All IO runs in tea.Cmds.
package ops
