package transfers

import (
	"path"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Plan is one copy the user asked for: entries of one location to
// another, as uploads (local → S3), downloads (S3 → local) or streamed
// copies (S3 on one connection → S3 on another).
type Plan struct {
	Dir     transfer.Direction
	From    source.Source  // nil for files dropped on the window
	Entries []source.Entry // local paths (uploads) or S3 keys/buckets (downloads) in Key
	Dest    s3ops.Location // where uploads go (a prefix)
	// Bucket is the bucket the S3 entries of a download are in ("" when
	// the entries are buckets).
	Bucket   string
	LocalDir string // where downloads go
	// Conn is the connection of the S3 side ("" for the default one):
	// its engine does the copy. For a streamed copy it is the
	// destination's, and SrcConn the source's.
	Conn, SrcConn string
	// Then runs when the user confirms (the root unmarks the entries).
	Then tea.Cmd
	// Moves, for a move between two connections (Dir Copy), are each
	// entry's source and full destination: the sources are deleted once
	// copied (see move.go).
	Moves []jobs.Pair
}

// PlanCopy works out what copying sel from the location from to the
// location to means. When it cannot be done it returns a sentence saying
// why (for the status bar) instead.
func PlanCopy(from source.Source, sel []source.Entry, to source.Source) (Plan, string) {
	if len(sel) == 0 {
		return Plan{}, "nothing to copy here"
	}
	switch {
	case from.Kind() == source.KindLocal && to.Kind() == source.KindS3:
		dst, ok := to.(source.S3)
		if !ok || dst.Loc.Bucket == "" {
			return Plan{}, "open a bucket in the S3 pane first: files are copied into the folder it shows"
		}
		return Plan{Dir: transfer.Upload, From: from, Entries: sel, Dest: dst.Loc, Conn: dst.Conn}, ""
	case from.Kind() == source.KindS3 && to.Kind() == source.KindLocal:
		src, ok1 := from.(source.S3)
		dst, ok2 := to.(source.Local)
		if !ok1 || !ok2 {
			return Plan{}, "cannot copy from " + from.String() + " to " + to.String()
		}
		return Plan{Dir: transfer.Download, From: from, Entries: sel, Bucket: src.Loc.Bucket, LocalDir: dst.Dir, Conn: src.Conn}, ""
	case from.Kind() == source.KindS3 && to.Kind() == source.KindS3:
		return planStream(from, sel, to)
	}
	return Plan{}, "both panes show local folders: ferry copies between a local folder and S3"
}

// planStream is a copy between two S3 panes on different connections:
// the destination's engine streams it (two panes on one connection copy
// on the server, see ops).
func planStream(from source.Source, sel []source.Entry, to source.Source) (Plan, string) {
	src, ok1 := from.(source.S3)
	dst, ok2 := to.(source.S3)
	switch {
	case !ok1 || !ok2:
		return Plan{}, "cannot copy from " + from.String() + " to " + to.String()
	case src.Conn == dst.Conn:
		return Plan{}, "two S3 panes on one connection copy on the server, not through the transfer queue"
	case dst.Loc.Bucket == "":
		return Plan{}, "open a bucket in the other pane first: objects are copied into the folder it shows"
	}
	return Plan{Dir: transfer.Copy, From: from, Entries: sel, Bucket: src.Loc.Bucket, Dest: dst.Loc,
		Conn: dst.Conn, SrcConn: src.Conn}, ""
}

// remote is where download entry e is in S3.
func (p Plan) remote(e source.Entry) s3ops.Location {
	if p.Bucket == "" {
		return s3ops.Location{Bucket: e.Key} // a whole bucket
	}
	key := e.Key
	if e.IsDir && !strings.HasSuffix(key, "/") {
		key += "/"
	}
	return s3ops.Location{Bucket: p.Bucket, Key: key}
}

// destText names where the copy goes.
func (p Plan) destText() string {
	if p.Dir == transfer.Download {
		return p.LocalDir
	}
	return source.Label(source.S3{Loc: p.Dest, Conn: p.Conn})
}

// fromText names where the copy comes from.
func (p Plan) fromText() string {
	if p.From != nil {
		return source.Label(p.From)
	}
	return "the dropped paths"
}

// verb is "upload", "download", "copy" or "move".
func (p Plan) verb() string {
	if len(p.Moves) > 0 {
		return "move"
	}
	return p.Dir.String()
}

// entryName is an entry's name as listed (folders end in "/").
func entryName(e source.Entry) string {
	name := e.Name
	if name == "" {
		name = path.Base(filepath.ToSlash(e.Key))
	}
	if e.IsDir {
		name = strings.TrimSuffix(name, "/") + "/"
	}
	return common.Sanitize(name)
}
