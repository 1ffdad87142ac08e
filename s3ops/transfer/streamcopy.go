package transfer

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// The bytes of a streamed copy pass through memory one part at a time:
// a part is read whole from the source into a pooled buffer, checked,
// then sent from that buffer (a failed PUT is sent again without reading
// the source again). Memory is at most Options.PartsPerFile buffers of
// the part size per running copy, and nothing touches the disk.
//
// Integrity: every GET carries If-Match with the pinned ETag and must
// bring exactly the bytes asked; each part (or the whole small object) is
// sent with its CRC64NVME signed in, so the destination refuses bytes
// that differ, and its MD5 until the store has shown it checks the CRC
// (upcheck.go); when the source store keeps a full-object CRC64NVME, the
// parts' CRCs must combine to it before the upload is completed, which
// ties the copy to the bytes the source stored.

// partBufs recycles part buffers between parts and copies.
var partBufs sync.Pool

func getBuf(n int64) *[]byte {
	if p, ok := partBufs.Get().(*[]byte); ok && int64(cap(*p)) >= n {
		*p = (*p)[:n]
		return p
	}
	b := make([]byte, n)
	return &b
}

// copyWhole copies an object up to the multipart threshold with one GET
// and one PUT.
func (e *Engine) copyWhole(ctx context.Context, j *job, src *s3ops.Client) error {
	j.setDone(0)
	return e.withRetry(ctx, j, "copy", func(ctx context.Context) error {
		bp := getBuf(j.rec.Size)
		defer partBufs.Put(bp)
		buf := *bp
		if err := e.readSource(ctx, j, src, 0, j.rec.Size, true, buf); err != nil {
			return err
		}
		if want := e.sourceCRC(j); want != nil && checksum.Of(want.Alg, buf) != *want {
			return fmt.Errorf("%w (the bytes read do not match the source's stored %s)", errChecksum, want.Alg)
		}
		attrs := *j.rec.From.Attrs
		if alg := e.uploadAlg(); alg != "" {
			v := checksum.Of(alg, buf)
			p, err := e.c.PresignPutAttrs(ctx, j.loc(), attrs, e.o.PresignLifetime, &v)
			if err == nil {
				_, err = e.putBuffer(ctx, j, p, buf, &v, false)
			}
			if !e.refusesChecksums(err) {
				return err
			}
		}
		p, err := e.c.PresignPutAttrs(ctx, j.loc(), attrs, e.o.PresignLifetime, nil)
		if err != nil {
			return err
		}
		_, err = e.putBuffer(ctx, j, p, buf, nil, true)
		return err
	})
}

// readSource GETs n bytes of the source at off (the whole object when
// whole is set) into buf, with If-Match on the pinned ETag.
func (e *Engine) readSource(ctx context.Context, j *job, src *s3ops.Client, off, n int64, whole bool, buf []byte) error {
	from := j.rec.From
	p, err := src.PresignGet(ctx, from.loc(), e.o.PresignLifetime, s3ops.GetOptions{})
	if err != nil {
		return e.sourceErr(src, err)
	}
	hdr := http.Header{"If-Match": {`"` + from.ETag + `"`}}
	if !whole {
		hdr.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+n-1))
	}
	g := e.watchStall(ctx)
	defer g.stop()
	resp, err := sendVia(g.ctx, src.HTTP(), p, nil, 0, hdr)
	if err != nil {
		if s3ops.KindOf(err) == s3ops.KindExists { // 412: If-Match failed
			return errCopySourceChanged
		}
		return e.sourceErr(src, g.explain(err))
	}
	defer resp.Body.Close()
	if err := checkLength(resp, n, whole); err != nil {
		if err == errObjectChanged {
			return errCopySourceChanged
		}
		return err
	}
	got, err := io.ReadFull(kickReader{resp.Body, g.kick}, buf[:n])
	if err != nil {
		return g.explain(&s3ops.Error{Kind: s3ops.KindNetwork, Err: err,
			Msg: fmt.Sprintf("the source's connection ended after %d of %d bytes", got, n)})
	}
	return nil
}

// sourceErr refreshes the source's credentials when they expired (the
// retry then signs with fresh ones; withRetry only knows the engine's).
func (e *Engine) sourceErr(src *s3ops.Client, err error) error {
	if s3ops.IsCredentialsExpired(err) {
		src.ForgetCredentials()
	}
	return err
}

// kickReader tells the stall guard whenever bytes arrive.
type kickReader struct {
	r    io.Reader
	kick func()
}

func (k kickReader) Read(p []byte) (int, error) {
	n, err := k.r.Read(p)
	if n > 0 {
		k.kick()
	}
	return n, err
}

// putBuffer PUTs buf to p and returns the ETag to complete with: checked
// by the server against crc when it echoes it, else against the buffer's
// MD5. withDigest sends Content-MD5 too (a whole object sent without a
// checksum: the server refuses a body that arrives altered).
func (e *Engine) putBuffer(ctx context.Context, j *job, p s3ops.Presigned, buf []byte, crc *checksum.Value, withDigest bool) (string, error) {
	md5hex := ""
	var hdr http.Header
	if crc == nil || e.crcStateOf() != crcProven {
		sum := md5.Sum(buf)
		md5hex = hex.EncodeToString(sum[:])
		if withDigest {
			hdr = http.Header{"Content-Md5": {base64.StdEncoding.EncodeToString(sum[:])}}
		}
	}
	g := e.watchStall(ctx)
	defer g.stop()
	body := &bufReader{r: bytes.NewReader(buf), j: j, kick: g.kick}
	resp, err := e.send(g.ctx, p, body, int64(len(buf)), hdr)
	if err != nil {
		body.finish(true)
		return "", g.explain(err)
	}
	drain(resp)
	body.finish(false)
	if crc != nil {
		echoed, err := e.checkEcho(resp.Header, *crc)
		switch {
		case err != nil:
			body.takeBack()
			return "", err
		case echoed:
			e.noteEncryption(j, resp.Header)
			return strings.Trim(resp.Header.Get("ETag"), `"`), nil
		case md5hex == "":
			body.takeBack()
			return "", fmt.Errorf("%w (the server did not confirm the %s checksum sent)", errChecksum, crc.Alg)
		}
	}
	etag, err := answeredETag(resp, md5hex)
	if err != nil {
		body.takeBack()
		return "", err
	}
	e.noteEncryption(j, resp.Header)
	return etag, nil
}

// bufReader is the body of a PUT from memory: it counts progress, and
// stops reading once the attempt is over (net/http may read a body after
// Do returns; the buffer goes back to the pool then).
type bufReader struct {
	mu      sync.Mutex
	done    bool
	r       *bytes.Reader
	j       *job
	kick    func()
	counted int64
}

func (b *bufReader) Read(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.done {
		return 0, errAttemptOver
	}
	n, err := b.r.Read(p)
	b.j.add(int64(n))
	b.counted += int64(n)
	if n > 0 {
		b.kick()
	}
	return n, err
}

// finish ends the attempt; a failed one takes back its bytes.
func (b *bufReader) finish(failed bool) {
	b.mu.Lock()
	b.done = true
	b.mu.Unlock()
	if failed {
		b.takeBack()
	}
}

func (b *bufReader) takeBack() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.j.add(-b.counted)
	b.counted = 0
}

// createCopyOnce creates a copy's multipart upload with the source's
// attributes, declaring the full-object checksum unless the store
// refuses checksums.
func (e *Engine) createCopyOnce(ctx context.Context, j *job) (string, checksum.Algorithm, error) {
	attrs := *j.rec.From.Attrs
	if alg := e.uploadAlg(); alg != "" {
		id, err := e.c.CreateUploadAttrsOnce(ctx, j.loc(), attrs, alg)
		if !e.refusesChecksums(err) {
			return id, alg, err
		}
	}
	id, err := e.c.CreateUploadAttrsOnce(ctx, j.loc(), attrs, "")
	return id, "", err
}

// sortedParts are the job's sent parts in order, with their checksums.
func (e *Engine) sortedParts(j *job) []s3ops.Part {
	e.mu.Lock()
	defer e.mu.Unlock()
	var parts []s3ops.Part
	for _, n := range slices.Sorted(maps.Keys(j.parts)) {
		p := s3ops.Part{Number: n, ETag: j.parts[n]}
		if v, ok := j.partCRCs[n]; ok {
			p.Checksum = &v
		}
		parts = append(parts, p)
	}
	return parts
}
