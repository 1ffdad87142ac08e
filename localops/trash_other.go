//go:build !unix

package localops

// trash has no implementation here (the Windows Recycle Bin needs the
// shell API): the UI offers a permanent delete instead.
func trash(string) (TrashedItem, error) { return TrashedItem{}, ErrNoTrash }
