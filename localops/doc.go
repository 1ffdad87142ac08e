// Package localops performs the file operations of ferry's local pane:
// delete to the desktop trash (or for good), rename and move (across
// devices by copy, sync and only then remove), new folders, and reading
// the first bytes of a file for a preview. It never overwrites or
// removes anything the caller did not name, and reports refusals as
// distinguishable errors (ErrDestinationExists, ErrIntoItself,
// ErrNoTrash) so the UI can ask the user instead.
package localops
