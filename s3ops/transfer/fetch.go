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

	"github.com/ferry-s3/ferry/s3ops"
)

// now is the clock presigned URLs are checked against.
var now = time.Now

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
		var sum string
		err := e.withRetry(ctx, j, "download", func(ctx context.Context) error {
			var err error
			sum, err = e.getRange(ctx, j, f, 0, j.rec.Size, true)
			return err
		})
		return sum, err
	}
	e.mu.Lock()
	var todo []int
	for i, done := range j.ranges {
		if !done {
			todo = append(todo, i)
		}
	}
	e.mu.Unlock()
	j.setDone(doneRangeBytes(j.ranges, j.rec.Size, j.rec.PartSize))
	err := parallel(ctx, e.o.PartsPerFile, todo, func(ctx context.Context, i int) error {
		off := int64(i) * j.rec.PartSize
		n := partLen(j.rec.Size, j.rec.PartSize, int32(i+1))
		var sum []byte
		err := e.withRetry(ctx, j, fmt.Sprintf("range %d", i+1), func(ctx context.Context) error {
			hexSum, err := e.getRange(ctx, j, f, off, n, false)
			sum, _ = hex.DecodeString(hexSum)
			return err
		})
		if err != nil {
			return err
		}
		e.mu.Lock()
		j.ranges[i], j.unsynced = true, true
		if i < len(j.rangeSums) {
			j.rangeSums[i] = sum
		}
		e.persistLocked()
		e.mu.Unlock()
		return nil
	})
	return "", err
}

// getRange GETs n bytes at off (the whole object when whole is set) and
// writes them at the same offset of f, with If-Match so a replaced object
// is noticed. It returns the MD5 of the bytes (hex; "" when downloads are
// checked by size only).
func (e *Engine) getRange(ctx context.Context, j *job, f *os.File, off, n int64, whole bool) (string, error) {
	p, err := e.presignedGet(ctx, j)
	if err != nil {
		return "", err
	}
	hdr := http.Header{}
	if j.rec.ETag != "" {
		hdr.Set("If-Match", `"`+j.rec.ETag+`"`)
	}
	if !whole {
		hdr.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+n-1))
	}
	g := watchStall(ctx)
	defer g.stop()
	resp, err := e.send(g.ctx, p, nil, 0, hdr)
	if err != nil {
		err = g.explain(err)
		if s3ops.IsPresignExpired(err) || s3ops.IsCredentialsExpired(err) {
			e.dropURL(j)
		}
		if s3ops.KindOf(err) == s3ops.KindExists { // 412: If-Match failed
			return "", errObjectChanged
		}
		return "", err
	}
	defer resp.Body.Close()
	if err := checkLength(resp, n, whole); err != nil {
		return "", err
	}
	e.noteEncryption(j, resp.Header) // then the ETag is no MD5: verify checks the size only
	w := &progressWriter{w: tempWriter(f, off), j: j, kick: g.kick}
	if !e.o.SizeOnlyDownloads {
		w.md5 = md5.New()
	}
	bp := bufPool.Get().(*[]byte)
	got, err := io.CopyBuffer(w, io.LimitReader(resp.Body, n), *bp)
	bufPool.Put(bp)
	if err == nil && got != n {
		err = &s3ops.Error{Kind: s3ops.KindNetwork, Msg: fmt.Sprintf("the connection ended after %d of %d bytes", got, n)}
	}
	if w.err != nil {
		// A local failure (disk full, I/O error): not the network's, and
		// not worth downloading again.
		j.add(-w.counted)
		return "", fmt.Errorf("cannot save the download: %w", w.err)
	}
	if err != nil {
		j.add(-w.counted)
		return "", g.explain(s3ops.Classify(err))
	}
	if w.md5 == nil {
		return "", nil
	}
	return hex.EncodeToString(w.md5.Sum(nil)), nil
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
	md5     hash.Hash
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
	if p.md5 != nil {
		p.md5.Write(b[:n])
	}
	p.j.add(int64(n))
	p.counted += int64(n)
	return n, err
}
