package transfer

import (
	"context"
	"os"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/ferry-s3/ferry/s3ops"
)

// dropTimeout bounds the clean-up of an engine without a journal.
const dropTimeout = 15 * time.Second

// dropConcurrency is how many uploads are aborted at once.
const dropConcurrency = 8

// dropUnfinished is Close for an engine without a journal: nothing will
// resume its unfinished jobs, so what they left is removed — multipart
// uploads are aborted on the server (S3 would bill their parts until a
// lifecycle rule expires them) and downloads' temp files are deleted.
// An engine with a journal keeps both for the next run to resume.
func (e *Engine) dropUnfinished() {
	type leftover struct {
		loc      s3ops.Location
		uploadID string
		temp     string
	}
	var left []leftover
	e.mu.Lock()
	for _, j := range e.order {
		if j.state == Done || j.state == Cancelled || j.state == Skipped {
			continue
		}
		if j.rec.UploadID != "" || j.rec.Temp != "" {
			left = append(left, leftover{j.loc(), j.rec.UploadID, j.rec.Temp})
			j.rec.UploadID, j.rec.Temp = "", ""
		}
	}
	e.mu.Unlock()
	ctx, cancel := context.WithTimeout(context.Background(), dropTimeout)
	defer cancel()
	var g errgroup.Group // aborts are best effort: none stops the others
	g.SetLimit(dropConcurrency)
	for _, l := range left {
		if l.temp != "" {
			_ = os.Remove(l.temp)
		}
		if l.uploadID == "" {
			continue
		}
		g.Go(func() error {
			_ = e.c.AbortMultipartUpload(ctx, l.loc, l.uploadID)
			return nil
		})
	}
	_ = g.Wait()
}
