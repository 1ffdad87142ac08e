package transfer

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/ferry-s3/ferry/internal/parallel"
	"github.com/ferry-s3/ferry/s3ops"
)

// presignMargin is how long before expiry a cached URL is re-signed: a
// fifth of the lifetime, between 1s and 5min.
func (e *Engine) presignMargin() time.Duration {
	return min(5*time.Minute, max(time.Second, e.o.PresignLifetime/5))
}

// fetch downloads the object into f: with one GET up to the multipart
// threshold (returning the MD5 computed on the way), with parallel ranged
// GETs above it (returning ""; each range's MD5 is kept for an object
// uploaded in parts of the range size, and verify hashes what it must).
func (e *Engine) fetch(ctx context.Context, j *job, f *os.File) (string, error) {
	if j.rec.PartSize == 0 {
		var sum []byte
		err := e.withRetry(ctx, j, "download", func(ctx context.Context) error {
			var err error
			sum, err = e.getRange(ctx, j, f, 0, j.rec.Size, true, nil)
			return err
		})
		if len(sum) != md5.Size {
			return "", err
		}
		return hex.EncodeToString(sum), err
	}
	e.mu.Lock()
	var todo []int
	for i, done := range j.ranges {
		if !done {
			todo = append(todo, i)
		}
	}
	e.mu.Unlock()
	e.mu.Lock()
	j.setDone(doneRangeBytes(j.ranges, j.rec.Size, j.rec.PartSize) + j.partialBytes())
	e.mu.Unlock()
	err := parallel.Each(ctx, e.o.PartsPerFile, todo, func(ctx context.Context, i int) error {
		return e.fetchRange(ctx, j, f, i)
	})
	return "", err
}

// fetchRange fetches range i, from where an earlier attempt (or run) left
// it: the bytes written from its start are kept, so a pause, a broken
// connection or a crash costs only what was in flight. The range's
// digest is kept only when one attempt fetched it whole; otherwise
// verify reads the range back.
func (e *Engine) fetchRange(ctx context.Context, j *job, f *os.File, i int) error {
	off := int64(i) * j.rec.PartSize
	n := partLen(j.rec.Size, j.rec.PartSize, int32(i+1))
	var sum []byte
	err := e.withRetry(ctx, j, fmt.Sprintf("range %d", i+1), func(ctx context.Context) error {
		e.mu.Lock()
		had := j.partial[i]
		e.mu.Unlock()
		got, err := e.getRange(ctx, j, f, off+had, n-had, false, e.keepRange(j, i))
		if sum = got; had > 0 {
			sum = nil
		}
		return err
	})
	if err != nil {
		return err
	}
	e.mu.Lock()
	j.ranges[i], j.unsynced = true, true
	delete(j.partial, i)
	if i < len(j.rangeSums) {
		j.rangeSums[i] = sum
	}
	e.persistLocked()
	e.mu.Unlock()
	return nil
}

// keepRange counts bytes written to range i as kept: they are journaled
// (once synced) and not fetched again.
func (e *Engine) keepRange(j *job, i int) func(int) {
	return func(n int) {
		e.mu.Lock()
		defer e.mu.Unlock()
		if j.partial == nil {
			j.partial = map[int]int64{}
		}
		j.partial[i] += int64(n)
		j.unsynced = true
	}
}

// getRange GETs n bytes at off (the whole object when whole is set) and
// writes them at the same offset of f, with If-Match so a replaced object
// is noticed. It returns the digest of the bytes (rangeDigest; nil when
// downloads are checked by size only).
//
// With keep set, every byte written is handed to it and stays counted
// when the request fails (the caller goes on from there); without, a
// failed attempt takes its bytes back.
func (e *Engine) getRange(ctx context.Context, j *job, f *os.File, off, n int64, whole bool, keep func(int)) ([]byte, error) {
	p, err := e.presignedGet(ctx, j)
	if err != nil {
		return nil, err
	}
	hdr := http.Header{}
	if j.rec.ETag != "" {
		hdr.Set("If-Match", `"`+j.rec.ETag+`"`)
	}
	if !whole {
		hdr.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+n-1))
	}
	g := e.watchStall(ctx)
	defer g.stop()
	resp, err := e.send(g.ctx, p, nil, 0, hdr)
	if err != nil {
		err = g.explain(err)
		if s3ops.IsPresignExpired(err) || s3ops.IsCredentialsExpired(err) {
			e.dropURL(j)
		}
		if s3ops.KindOf(err) == s3ops.KindExists { // 412: If-Match failed
			return nil, errObjectChanged
		}
		return nil, err
	}
	defer resp.Body.Close()
	if err := checkLength(resp, n, whole); err != nil {
		return nil, err
	}
	e.noteEncryption(j, resp.Header) // then the ETag is no MD5: verify checks the size only
	w := &progressWriter{w: e.o.TempWriter(f, off), j: j, kick: g.kick, hash: e.rangeHash(j), keep: keep}
	bp := bufPool.Get().(*[]byte)
	got, err := io.CopyBuffer(w, io.LimitReader(resp.Body, n), *bp)
	bufPool.Put(bp)
	if err == nil && got != n {
		err = &s3ops.Error{Kind: s3ops.KindNetwork, Msg: fmt.Sprintf("the connection ended after %d of %d bytes", got, n)}
	}
	if w.err != nil {
		// A local failure (disk full, I/O error): not the network's, and
		// not worth downloading again.
		w.takeBack()
		return nil, fmt.Errorf("cannot save the download: %w", w.err)
	}
	if err != nil {
		w.takeBack()
		return nil, g.explain(s3ops.Classify(err))
	}
	return rangeDigest(w.hash), nil
}

// checkLength makes sure the server sends exactly the bytes asked for.
func checkLength(resp *http.Response, n int64, whole bool) error {
	if !whole && resp.StatusCode != http.StatusPartialContent && !(resp.StatusCode == http.StatusOK && resp.ContentLength == n) {
		return fmt.Errorf("the server ignored the byte range (status %d)", resp.StatusCode)
	}
	if resp.ContentLength >= 0 && resp.ContentLength != n {
		return errObjectChanged
	}
	return nil
}

// progressWriter writes downloaded bytes and counts them. It has only a
// Write method so io.CopyBuffer uses the pooled buffer.
type progressWriter struct {
	w       io.Writer
	hash    hash.Hash // nil: nothing to hash
	keep    func(int) // nil: the bytes are not kept when the attempt fails
	j       *job
	counted int64
	kick    func() // tells the stall guard bytes moved
	err     error  // the write error, if writing failed
}

func (p *progressWriter) Write(b []byte) (int, error) {
	p.kick()
	n, err := p.w.Write(b)
	if err != nil {
		p.err = err
	}
	if p.hash != nil {
		p.hash.Write(b[:n])
	}
	if p.keep != nil && n > 0 {
		p.keep(n)
	}
	p.j.add(int64(n))
	p.counted += int64(n)
	return n, err
}

// takeBack uncounts a failed attempt's bytes, unless they are kept.
func (p *progressWriter) takeBack() {
	if p.keep == nil {
		p.j.add(-p.counted)
	}
}
