package transfer

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"strings"
	"syscall"
	"unicode/utf8"

	"github.com/ferry-s3/ferry/s3ops"
)

// maxKeyBytes is S3's limit on key length.
const maxKeyBytes = 1024

// Upload queues localPath (a file, or a folder uploaded recursively) to
// dst. When dst is a prefix ("" or ending in "/") the file or folder keeps
// its name under it: uploading ~/photos to s3://b/backup/ makes
// s3://b/backup/photos/…; a file uploaded to a key that is not a prefix
// takes that key. Symbolic links inside a folder are skipped unless
// Options.FollowSymlinks; the Batch lists what was skipped and why.
func (e *Engine) Upload(ctx context.Context, localPath string, dst s3ops.Location) (Batch, error) {
	return e.UploadWith(ctx, localPath, dst, UploadOptions{})
}

// UploadWith is Upload with a say over each file before it is queued
// (see UploadOptions).
func (e *Engine) UploadWith(ctx context.Context, localPath string, dst s3ops.Location, opt UploadOptions) (Batch, error) {
	abs, err := filepath.Abs(localPath)
	if err != nil {
		return Batch{}, err
	}
	fi, err := os.Stat(abs)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			e.abortLeftFor(abs)
		}
		return Batch{}, fmt.Errorf("cannot upload %s: %w", localPath, errors.Unwrap(err))
	}
	b := &batch{id: BatchID(newID("b"))}
	out := Batch{ID: b.id}
	if !fi.IsDir() {
		key := dst.Key
		if dst.IsPrefix() {
			key += filepath.Base(abs)
		}
		if !fi.Mode().IsRegular() {
			return Batch{}, fmt.Errorf("cannot upload %s: not a regular file", localPath)
		}
		e.addUploadJob(b, &out, abs, key[:strings.LastIndex(key, "/")+1], s3ops.Location{Bucket: dst.Bucket, Key: key}, fi.Size(), opt.Place)
	} else {
		prefix := dst.Key
		if !dst.IsPrefix() {
			prefix += "/"
		}
		into := prefix
		prefix += filepath.Base(abs) + "/"
		w := walker{follow: e.o.FollowSymlinks, out: &out, visit: func(p, rel string, size int64) {
			e.addUploadJob(b, &out, p, into, s3ops.Location{Bucket: dst.Bucket, Key: prefix + rel}, size, opt.Place)
		}}
		if err := w.walk(ctx, abs, "", []os.FileInfo{fi}); err != nil {
			return Batch{}, err
		}
	}
	return out, e.add(b)
}

// UploadCount is what uploading a folder would queue: regular files and
// their bytes, and the entries it would leave out with the reasons.
type UploadCount struct {
	Files, Bytes int64
	Skipped      []SkippedEntry
}

// CountUpload walks the folder dir the way Upload would, following
// symbolic links only when Options.FollowSymlinks says so, and counts
// what it would queue, so the question asked before an upload states
// what the upload will do. Keys are not checked (a name S3 refuses is
// still counted).
func (e *Engine) CountUpload(ctx context.Context, dir string) (UploadCount, error) {
	fi, err := os.Stat(dir)
	if err != nil {
		return UploadCount{}, err
	}
	var c UploadCount
	var out Batch
	w := walker{follow: e.o.FollowSymlinks, out: &out, visit: func(_, _ string, size int64) {
		c.Files++
		c.Bytes += size
	}}
	err = w.walk(ctx, dir, "", []os.FileInfo{fi})
	c.Skipped = out.Skipped
	return c, err
}

// addUploadJob queues local to loc (as place says); into is the prefix
// the upload was asked into (see record.Into).
func (e *Engine) addUploadJob(b *batch, out *Batch, local, into string, loc s3ops.Location, size int64, place PlaceFunc) {
	if place != nil {
		var reason string
		if loc, reason = place(local, loc, size); reason != "" {
			out.Skipped = append(out.Skipped, SkippedEntry{Path: local, Reason: reason})
			return
		}
	}
	if !utf8.ValidString(loc.Key) {
		out.Skipped = append(out.Skipped, SkippedEntry{Path: local, Reason: "the name is not valid UTF-8, which S3 keys must be"})
		return
	}
	if len(loc.Key) > maxKeyBytes {
		out.Skipped = append(out.Skipped, SkippedEntry{Path: local, Reason: "the key would be over S3's 1024-byte limit"})
		return
	}
	j := &job{batch: b, state: Queued, rec: record{ID: JobID(newID("j")), Batch: b.id, Dir: Upload,
		Local: local, Into: into, Bucket: loc.Bucket, Key: loc.Key, Size: size}}
	b.jobs = append(b.jobs, j)
	out.Jobs = append(out.Jobs, j.rec.ID)
	out.Bytes += size
}

// walker lists a local folder tree for upload.
type walker struct {
	follow bool
	out    *Batch
	visit  func(path, rel string, size int64)
}

// walk visits dir; stack holds the folders above it, to stop link loops.
func (w *walker) walk(ctx context.Context, dir, rel string, stack []os.FileInfo) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		if rel == "" {
			return err
		}
		w.skip(dir, "cannot read the folder: "+errors.Unwrap(err).Error())
		return nil
	}
	for _, ent := range entries {
		p := filepath.Join(dir, ent.Name())
		r := rel + ent.Name()
		fi, err := ent.Info()
		if err != nil {
			w.skip(p, err.Error())
			continue
		}
		if fi.Mode()&os.ModeSymlink != 0 {
			if !w.follow {
				w.skip(p, "symbolic link not followed")
				continue
			}
			if fi, err = os.Stat(p); err != nil {
				reason := "broken symbolic link"
				if errors.Is(err, syscall.ELOOP) {
					reason = "symbolic link loop"
				}
				w.skip(p, reason)
				continue
			}
		}
		switch {
		case fi.IsDir():
			if loops(stack, fi) {
				w.skip(p, "symbolic link loop")
				continue
			}
			if err := w.walk(ctx, p, r+"/", append(stack, fi)); err != nil {
				return err
			}
		case fi.Mode().IsRegular():
			w.visit(p, filepath.ToSlash(r), fi.Size())
		default:
			w.skip(p, "not a regular file ("+fi.Mode().Type().String()+")")
		}
	}
	return nil
}

func loops(stack []os.FileInfo, fi os.FileInfo) bool {
	for _, s := range stack {
		if os.SameFile(s, fi) {
			return true
		}
	}
	return false
}

func (w *walker) skip(p, reason string) {
	w.out.Skipped = append(w.out.Skipped, SkippedEntry{Path: p, Reason: reason})
}

// Download queues src into localDir. An object lands as
// localDir/<its name>; a prefix ("photos/2024/") lands as a folder
// localDir/2024/ with the keys below it (the whole bucket as
// localDir/<bucket>/). Keys that cannot be local paths (see KeyToPath) are
// skipped and listed with the reason. policy says what to do with existing
// files (PolicyDefault: Options.Conflict).
func (e *Engine) Download(ctx context.Context, src s3ops.Location, localDir string, policy Policy) (Batch, error) {
	dir, err := filepath.Abs(localDir)
	if err != nil {
		return Batch{}, err
	}
	b := &batch{id: BatchID(newID("b")), policy: policy}
	out := Batch{ID: b.id}
	if !src.IsPrefix() {
		info, err := e.c.Head(ctx, src)
		if err != nil {
			return Batch{}, fmt.Errorf("cannot download %s: %w", src, err)
		}
		target, err := KeyToPath(dir, path.Base(src.Key))
		if err != nil {
			return Batch{}, err
		}
		addDownloadJob(b, &out, dir, dir, target, s3ops.Entry{Key: src.Key, Size: info.Size, ETag: info.ETag}, src.Bucket)
		return out, e.add(b)
	}
	name := src.Bucket
	if src.Key != "" {
		name = path.Base(strings.TrimSuffix(src.Key, "/"))
	}
	root, err := KeyToPath(dir, name)
	if err != nil {
		return Batch{}, err
	}
	plan := newDownloadPlan(b, &out, root, src) // see downloadplan.go
	err = e.c.List(ctx, src, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		for _, ent := range p.Entries {
			plan.add(ent)
		}
		return true
	})
	if err != nil {
		return Batch{}, fmt.Errorf("cannot list %s: %w", src, err)
	}
	plan.finish()
	return out, e.add(b)
}

// addDownloadJob queues ent to target, which must stay inside root;
// into is the folder the download was asked into (see record.Into).
func addDownloadJob(b *batch, out *Batch, root, into, target string, ent s3ops.Entry, bucket string) {
	j := &job{batch: b, state: Queued, rec: record{ID: JobID(newID("j")), Batch: b.id, BatchPolicy: b.policy,
		Dir: Download, Local: target, Root: root, Into: into, Bucket: bucket, Key: ent.Key, Size: ent.Size, ETag: ent.ETag}}
	b.jobs = append(b.jobs, j)
	out.Jobs = append(out.Jobs, j.rec.ID)
	out.Bytes += ent.Size
}
