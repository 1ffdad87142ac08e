package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// reasonExists is why an item whose destination exists was skipped.
const reasonExists = transfer.ReasonExists

// cpRun is one `ferry cp` at work.
type cpRun struct {
	ctx    context.Context
	c      *s3ops.Client
	a      cpArgs
	col    *collector
	stderr io.Writer
	// from is the source connection's client of a streamed copy between
	// two connections (cp_stream.go), nil otherwise; sources resolves
	// connection names for the engine (and copies restored from the
	// journal).
	from    *s3ops.Client
	sources func(string) (*s3ops.Client, error)
	// jobFailed is set when a transfer failed in the engine (not at
	// planning), which a run of the same command retries from the journal.
	jobFailed atomic.Bool
}

func runCp(ctx context.Context, c *s3ops.Client, a cpArgs, stdout, stderr io.Writer) error {
	return runCpFrom(ctx, c, nil, nil, a, stdout, stderr)
}

// runCpFrom is runCp; with from set, the sources are on that client's
// connection and are streamed into c's (sources resolves connection
// names for the engine).
func runCpFrom(ctx context.Context, c, from *s3ops.Client, sources func(string) (*s3ops.Client, error), a cpArgs, stdout, stderr io.Writer) error {
	rep := newReporter(a.out, stdout)
	col := newCollector(rep)
	stopTick := make(chan struct{})
	go col.ticking(stopTick)
	r := &cpRun{ctx: ctx, c: c, a: a, col: col, stderr: stderr, from: from, sources: sources}
	var resumable bool
	var err error
	if a.srcs[0].isS3 && a.dst.isS3 && from == nil {
		r.copyAll()
	} else {
		resumable, err = r.transferAll()
	}
	close(stopTick)
	rep.close()
	if err != nil {
		return failure(ctx, err)
	}
	return exitCode(r.finish(resumable))
}

// finish prints the summary and picks the exit code.
func (r *cpRun) finish(resumable bool) int {
	t, failed, skipped := r.col.result()
	s := summary{cmd: "ferry cp", noun: "file", verbed: "copied", t: t, elapsed: time.Since(t.Started), failed: failed, skipped: skipped}
	if r.ctx.Err() != nil {
		fmt.Fprintf(r.stderr, "ferry cp: interrupted after %d of %d files", t.Finished-t.Failed-t.Skipped, t.Items)
		if resumable {
			fmt.Fprint(r.stderr, "; run the same command again to resume")
		}
		fmt.Fprintln(r.stderr)
		return exitInterrupted
	}
	s.print(r.stderr)
	if len(skipped) > 0 && commonReason(skipped) == reasonExists && !r.a.out.json {
		fmt.Fprintln(r.stderr, "ferry cp: existing files were kept; --conflict overwrite replaces them, --conflict keep-both saves beside them")
	}
	if len(failed) > 0 {
		if resumable && r.jobFailed.Load() {
			fmt.Fprintln(r.stderr, "ferry cp: run the same command again to retry the files that failed")
		}
		return exitFail
	}
	return exitOK
}

// sourceItem is the item reported for a source that could not be
// started at all.
func (r *cpRun) sourceItem(src endpoint, op string, reason string) item {
	it := item{Op: op, Source: src.arg, Dest: r.a.dst.arg, Reason: reason}
	if src.isS3 {
		it.Bucket, it.Key = src.loc.Bucket, src.loc.Key
	} else if r.a.dst.isS3 {
		it.Bucket, it.Key = r.a.dst.loc.Bucket, r.a.dst.loc.Key
	}
	return it
}

// s3Source is what an s3:// source turned out to be.
type s3Source struct {
	loc    s3ops.Location // a folder's location ends in "/"
	folder bool
	size   int64
}

// resolveS3Source finds out whether src is an object or a folder: a key
// ending in "/" (or a whole bucket) is a folder; otherwise an object of
// that name, else a folder of that name.
func (r *cpRun) resolveS3Source(src s3ops.Location) (s3Source, error) {
	if src.IsPrefix() {
		return s3Source{loc: src, folder: true}, nil
	}
	info, dir, err := lookup(r.ctx, r.srcClient(), src)
	switch {
	case err != nil:
		return s3Source{}, err
	case dir != nil:
		return s3Source{loc: *dir, folder: true}, nil
	}
	return s3Source{loc: src, size: info.Size}, nil
}

// lookup finds what a name without a trailing "/" is: an object (its
// HEAD), else a folder of that name (dir). When neither exists the
// error is the HEAD's. A HEAD refused with 403 may still be a folder the
// credentials can list; and since HEAD answers carry no error document,
// the listing's reason (a wrong secret key, say) is the better one.
func lookup(ctx context.Context, c *s3ops.Client, loc s3ops.Location) (s3ops.ObjectInfo, *s3ops.Location, error) {
	info, err := c.Head(ctx, loc)
	if err == nil {
		return info, nil, nil
	}
	if k := s3ops.KindOf(err); k != s3ops.KindNoSuchKey && k != s3ops.KindAccessDenied {
		return info, nil, err
	}
	dir := s3ops.Location{Bucket: loc.Bucket, Key: loc.Key + "/"}
	isDir, lerr := isFolder(ctx, c, dir)
	switch {
	case lerr != nil:
		return info, nil, lerr
	case isDir:
		return info, &dir, nil
	}
	return info, nil, err
}

// isFolder reports whether any key lies below prefix (which ends in "/"),
// or its folder marker exists.
func isFolder(ctx context.Context, c *s3ops.Client, prefix s3ops.Location) (bool, error) {
	found := false
	err := c.List(ctx, prefix, s3ops.ListOptions{Recursive: true, PageSize: 2}, func(p s3ops.Page) bool {
		found = len(p.Entries) > 0
		return false
	})
	if err != nil || found || prefix.Key == "" {
		return found, err
	}
	return c.Exists(ctx, prefix)
}

// s3Dest is where an object (not a folder) goes in S3: into dst when it
// is a folder (ends in "/", is a bucket, is an existing folder, or there
// are several sources), else under dst's own key.
func (r *cpRun) s3Dest(name string) (s3ops.Location, error) {
	dst := r.a.dst.loc
	if dst.IsPrefix() {
		return s3ops.Location{Bucket: dst.Bucket, Key: dst.Key + name}, nil
	}
	if len(r.a.srcs) > 1 {
		return s3ops.Location{Bucket: dst.Bucket, Key: dst.Key + "/" + name}, nil
	}
	dir := s3ops.Location{Bucket: dst.Bucket, Key: dst.Key + "/"}
	isDir, err := isFolder(r.ctx, r.c, dir)
	if err != nil {
		return dst, err
	}
	if isDir {
		return s3ops.Location{Bucket: dst.Bucket, Key: dir.Key + name}, nil
	}
	return dst, nil
}

// s3Folder is dst as a folder (a prefix ending in "/").
func (r *cpRun) s3Folder() s3ops.Location {
	dst := r.a.dst.loc
	if !dst.IsPrefix() {
		dst.Key += "/"
	}
	return dst
}

// localIntoDir reports whether downloads go into the local DEST (a
// folder) rather than being saved as DEST.
func (r *cpRun) localIntoDir() bool {
	d := r.a.dst.local
	if len(r.a.srcs) > 1 || strings.HasSuffix(d, "/") || strings.HasSuffix(d, string(filepath.Separator)) ||
		d == "." || d == ".." {
		return true
	}
	fi, err := os.Stat(d)
	return err == nil && fi.IsDir()
}

// errorText is the sentence for a failed item.
func errorText(err error) string {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
