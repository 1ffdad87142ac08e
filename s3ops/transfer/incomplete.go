package transfer

import (
	"context"
	"sort"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/ferry-s3/ferry/s3ops"
)

// StaleAfter is how long an upload ferry started may go unworked before
// it is called stale: its journal has not been resumed in that time, and
// ferry ls --incomplete says so (ferry rm --incomplete cleans it like any
// other).
const StaleAfter = 7 * 24 * time.Hour

// Incomplete is an unfinished multipart upload on the server, with what
// ferry knows of it. Its parts cost storage until it is completed or
// aborted.
type Incomplete struct {
	Key       string
	UploadID  string
	Initiated time.Time
	Parts     int
	Bytes     int64
	// PartsErr is why the parts could not be counted (Parts and Bytes
	// are then 0), nil when they were.
	PartsErr error
	// Ledger is the ledger entry when a ferry run started the upload.
	Ledger *LedgerEntry
	// source is how the ledger's source file was when listed.
	source sourceState
}

// sourceState is how an upload's source file is, looked at once when
// the uploads are listed (so showing them does no IO).
type sourceState int

const (
	sourceUnknown   sourceState = iota // not ferry's upload
	sourceUnchanged                    // the file it was sending
	sourceChanged
	sourceGone
)

func sourceOf(e *LedgerEntry) sourceState {
	switch {
	case e == nil:
		return sourceUnknown
	case e.SourceUnchanged():
		return sourceUnchanged
	case e.SourceMissing():
		return sourceGone
	}
	return sourceChanged
}

// Resumable reports whether running the same copy again resumes the
// upload: ferry started it and its source is still the file it was
// sending (when listed).
func (u Incomplete) Resumable() bool { return u.source == sourceUnchanged }

// Stale reports whether ferry started the upload and has not worked on it
// for StaleAfter.
func (u Incomplete) Stale(now time.Time) bool {
	return u.Ledger != nil && now.Sub(u.Ledger.LastWorked()) > StaleAfter
}

// State is one word for what ferry can do with the upload: "resumable"
// (copy the same file again to finish it), "stale" (resumable, but not
// worked on for StaleAfter), "changed" or "gone" (its source: nothing can
// resume it), "unknown" (not started by ferry, or not remembered).
func (u Incomplete) State(now time.Time) string {
	switch {
	case u.source == sourceUnknown:
		return "unknown"
	case u.source == sourceGone:
		return "gone"
	case u.source == sourceChanged:
		return "changed"
	case u.Stale(now):
		return "stale"
	}
	return "resumable"
}

// incompleteWorkers is how many ListParts requests run at once.
const incompleteWorkers = 8

// ListIncomplete lists the unfinished multipart uploads under prefix (a
// bucket and key prefix), in key order, with their parts counted and what
// the ledger at ledgerPath ("" for none) knows of them.
func ListIncomplete(ctx context.Context, c *s3ops.Client, prefix s3ops.Location, ledgerPath string) ([]Incomplete, error) {
	ups, err := c.ListMultipartUploads(ctx, prefix)
	if err != nil {
		return nil, err
	}
	known := map[string]LedgerEntry{} // by upload id, of this endpoint and bucket
	entries, _ := LedgerAt(ledgerPath).Entries()
	for _, e := range entries {
		if e.Endpoint == c.EndpointID() && e.Bucket == prefix.Bucket {
			known[e.UploadID] = e
		}
	}
	out := make([]Incomplete, len(ups))
	g, gctx := errgroup.WithContext(ctx)
	g.SetLimit(incompleteWorkers)
	for i, u := range ups {
		out[i] = Incomplete{Key: u.Key, UploadID: u.UploadID, Initiated: u.Initiated}
		if e, ok := known[u.UploadID]; ok {
			out[i].Ledger = &e
		}
		out[i].source = sourceOf(out[i].Ledger)
		g.Go(func() error {
			parts, err := c.ListParts(gctx, s3ops.Location{Bucket: prefix.Bucket, Key: u.Key}, u.UploadID)
			if err != nil {
				out[i].PartsErr = err
				return gctx.Err() // a cancel stops the listing; one upload's error does not
			}
			out[i].Parts = len(parts)
			for _, p := range parts {
				out[i].Bytes += p.Size
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		return nil, err
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out, nil
}

// AbortEach aborts every upload of ups in bucket (AbortIncomplete), eight
// at a time since each is watched a moment after its abort, and returns
// each one's error (nil when it went) in the order of ups.
func AbortEach(ctx context.Context, c *s3ops.Client, bucket string, ups []Incomplete, ledgerPath string) []error {
	errs := make([]error, len(ups))
	var g errgroup.Group
	g.SetLimit(incompleteWorkers)
	for i, u := range ups {
		g.Go(func() error {
			errs[i] = AbortIncomplete(ctx, c, bucket, u, ledgerPath)
			return nil
		})
	}
	g.Wait()
	return errs
}

// AbortIncomplete aborts one unfinished upload of bucket, watching it a
// moment (a part still on its way can bring it back: it is aborted
// again), and forgets it in the ledger at ledgerPath. A journal that
// still names it finds it gone and starts that upload over.
func AbortIncomplete(ctx context.Context, c *s3ops.Client, bucket string, u Incomplete, ledgerPath string) error {
	if err := abortForGood(ctx, c, s3ops.Location{Bucket: bucket, Key: u.Key}, u.UploadID); err != nil {
		return err
	}
	return LedgerAt(ledgerPath).Drop(c.EndpointID(), bucket, u.UploadID)
}
