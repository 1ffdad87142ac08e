package transfer

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
)

// downloadPlan turns the listing of a prefix into download jobs. Most of
// the work is KeyToPath, entry by entry; what needs the whole listing is
// a key that is both an object and a folder ("a" and "a/b"), which S3
// allows and no local file system does. Such an object is left out with
// the reason rather than left to fail (or win) depending on which job
// happens to run first; the folder's contents are downloaded.
type downloadPlan struct {
	b       *batch
	out     *Batch
	root    string
	src     s3ops.Location
	markers []string          // folders to create for "dir/" marker keys
	folders map[string]string // local folder → a key that needs it
}

func newDownloadPlan(b *batch, out *Batch, root string, src s3ops.Location) *downloadPlan {
	return &downloadPlan{b: b, out: out, root: root, src: src, folders: map[string]string{}}
}

// add plans one listed entry. Folder markers ("dir/" keys of size 0)
// become empty folders.
func (p *downloadPlan) add(ent s3ops.Entry) {
	rel := strings.TrimPrefix(ent.Key, p.src.Key)
	if strings.HasSuffix(rel, "/") && ent.Size == 0 {
		if marker, err := KeyToPath(p.root, rel+"_"); err == nil {
			p.markers = append(p.markers, filepath.Dir(marker))
			p.needFolders(filepath.Dir(marker), ent.Key)
		}
		return
	}
	target, err := KeyToPath(p.root, rel)
	if err != nil {
		var uk *UnsafeKeyError
		reason := err.Error()
		if errors.As(err, &uk) {
			reason = uk.Reason
		}
		p.skip(ent.Key, reason)
		return
	}
	p.needFolders(filepath.Dir(target), ent.Key)
	addDownloadJob(p.b, p.out, p.root, filepath.Dir(p.root), target, ent, p.src.Bucket) // rows name the folder too
}

// needFolders notes that key needs dir and every folder above it (up to
// the root) to be folders.
func (p *downloadPlan) needFolders(dir, key string) {
	for dir != p.root && inside(p.root, dir) {
		if _, ok := p.folders[dir]; ok {
			return
		}
		p.folders[dir] = key
		dir = filepath.Dir(dir)
	}
}

func (p *downloadPlan) skip(key, reason string) {
	p.out.Skipped = append(p.out.Skipped, SkippedEntry{Path: key, Reason: reason})
}

// finish leaves out the objects whose names other keys need as folders
// and creates the marker folders.
func (p *downloadPlan) finish() {
	kept := p.b.jobs[:0]
	p.out.Jobs, p.out.Bytes = p.out.Jobs[:0], 0
	for _, j := range p.b.jobs {
		if other, clash := p.folders[j.rec.Local]; clash {
			p.skip(j.rec.Key, fmt.Sprintf("it is both an object and a folder (%q is inside it); "+
				"a local folder cannot also be a file, so the folder was downloaded and this object was not", other))
			continue
		}
		kept = append(kept, j)
		p.out.Jobs = append(p.out.Jobs, j.rec.ID)
		p.out.Bytes += j.rec.Size
	}
	clear(p.b.jobs[len(kept):])
	p.b.jobs = kept
	for _, dir := range p.markers {
		if err := ensureDirInside(p.root, dir); err != nil {
			p.skip(p.folders[dir], err.Error())
		}
	}
}
