package transfer

import (
	"context"
	"os"
	"sync"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// dropTimeout bounds the clean-up of an engine without a journal.
const dropTimeout = 15 * time.Second

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
	var wg sync.WaitGroup
	slots := make(chan struct{}, 8)
	for _, l := range left {
		if l.temp != "" {
			_ = os.Remove(l.temp)
		}
		if l.uploadID == "" {
			continue
		}
		wg.Add(1)
		slots <- struct{}{}
		go func() {
			defer func() { <-slots; wg.Done() }()
			_ = e.c.AbortMultipartUpload(ctx, l.loc, l.uploadID)
		}()
	}
	wg.Wait()
}
