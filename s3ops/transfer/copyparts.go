package transfer

import (
	"context"
	"fmt"
	"maps"
	"strings"

	"github.com/ferry-s3/ferry/internal/parallel"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// copyMultipart copies an object above the multipart threshold: the
// upload a previous run started (reconciled with ListParts) or a new one,
// the missing parts in parallel, each read from the source and sent from
// memory, then Complete.
func (e *Engine) copyMultipart(ctx context.Context, j *job, src *s3ops.Client) error {
	ps, err := e.partSizeOf(j, j.rec.Size)
	if err != nil {
		return err
	}
	for restart := 1; ; restart++ {
		err := e.copyUpload(ctx, j, src, ps)
		if !isNoSuchUpload(err) {
			return err
		}
		if restart > maxUploadRestarts {
			return fmt.Errorf("%w; the server keeps forgetting it: run again to start over", err)
		}
		e.setRetrying(j, "the server no longer has this upload; starting it again")
		e.forgetUpload(j)
	}
}

func (e *Engine) copyUpload(ctx context.Context, j *job, src *s3ops.Client, ps int64) error {
	if err := e.withRetry(ctx, j, "resume upload", func(ctx context.Context) error { return e.reconcileCopy(ctx, j) }); err != nil {
		return err
	}
	if err := e.withRetry(ctx, j, "start upload", func(ctx context.Context) error { return e.ensureUpload(ctx, j) }); err != nil {
		return err
	}
	todo := e.missingParts(j, j.rec.Size, ps)
	err := parallel.Each(ctx, e.o.PartsPerFile, todo, func(ctx context.Context, n int32) error {
		return e.withRetry(ctx, j, fmt.Sprintf("part %d", n), func(ctx context.Context) error {
			return e.copyPart(ctx, j, src, n)
		})
	})
	if err != nil {
		return err
	}
	if err := e.checkAgainstSource(j); err != nil {
		return err
	}
	return e.withRetry(ctx, j, "complete upload", func(ctx context.Context) error { return e.complete(ctx, j) })
}

// copyPart reads part n from the source and sends it.
func (e *Engine) copyPart(ctx context.Context, j *job, src *s3ops.Client, n int32) error {
	e.mu.Lock()
	id, ps, alg := j.rec.UploadID, j.rec.PartSize, checksum.Algorithm(j.rec.Checksum)
	e.mu.Unlock()
	off, size := int64(n-1)*ps, partLen(j.rec.Size, ps, n)
	bp := getBuf(size)
	defer partBufs.Put(bp)
	buf := *bp
	if err := e.readSource(ctx, j, src, off, size, false, buf); err != nil {
		return err
	}
	var crc *checksum.Value
	var p s3ops.Presigned
	var err error
	if alg != "" {
		v := checksum.Of(alg, buf)
		crc = &v
		p, err = e.c.PresignPartChecked(ctx, j.loc(), id, n, e.o.PresignLifetime, v)
	} else {
		p, err = e.c.PresignUploadPart(ctx, j.loc(), id, n, e.o.PresignLifetime)
	}
	if err != nil {
		return err
	}
	etag, err := e.putBuffer(ctx, j, p, buf, crc, false)
	if err != nil {
		return err
	}
	e.partSent(j, n, etag, crc)
	return nil
}

// checkAgainstSource makes sure, before completing, that the parts' CRCs
// combine to the full-object CRC the source store keeps (when it keeps
// one and the upload declared the same algorithm): the copy then holds
// exactly the bytes the source stored.
func (e *Engine) checkAgainstSource(j *job) error {
	want := e.sourceCRC(j)
	e.mu.Lock()
	alg := checksum.Algorithm(j.rec.Checksum)
	e.mu.Unlock()
	if want == nil || alg != want.Alg {
		return nil
	}
	full, err := e.fullCRC(j, e.sortedParts(j))
	if err != nil {
		return err
	}
	if full != *want {
		e.forgetUpload(j) // which part is wrong is not known: all are sent again on retry
		return fmt.Errorf("%w: the parts copied have %s %s, the source %s", errMismatch, want.Alg, full, want)
	}
	return nil
}

// reconcileCopy checks a previous run's upload against the server: the
// parts it holds as journaled (same size, ETag and checksum) are kept,
// and so are parts of the right size that arrived but were not journaled
// before a crash, when the server lists them with the upload's checksum:
// every part of this upload was read from the pinned source version
// (a new version gets a new upload) and stored only once the server
// checked it against that checksum, and the source's own checksum is
// checked over all of them before Complete (checkAgainstSource). Other
// parts are sent again; the source is not read to recognise them.
func (e *Engine) reconcileCopy(ctx context.Context, j *job) error {
	e.mu.Lock()
	id, ps, known, knownCRCs := j.rec.UploadID, j.rec.PartSize, maps.Clone(j.parts), maps.Clone(j.partCRCs)
	alg := checksum.Algorithm(j.rec.Checksum)
	e.mu.Unlock()
	if id == "" {
		return nil
	}
	server, err := e.c.ListParts(ctx, j.loc(), id)
	if isNoSuchUpload(err) {
		e.mu.Lock()
		j.rec.UploadID, j.rec.Checksum = "", "" // expired or aborted elsewhere: start a new one
		j.resetParts()
		e.mu.Unlock()
		return nil
	}
	if err != nil {
		return err
	}
	kept, crcs := map[int32]string{}, map[int32]checksum.Value{}
	for _, sp := range server {
		if sp.Size != partLen(j.rec.Size, ps, sp.Number) || sp.Number > int32(partCount(j.rec.Size, ps)) {
			continue
		}
		etag, ok := known[sp.Number]
		if !ok {
			if alg != "" && sp.Checksum != nil && sp.Checksum.Alg == alg {
				kept[sp.Number], crcs[sp.Number] = sp.ETag, *sp.Checksum
			}
			continue
		}
		if !strings.EqualFold(etag, sp.ETag) {
			continue
		}
		if c, ok := knownCRCs[sp.Number]; ok {
			if sp.Checksum != nil && *sp.Checksum != c {
				continue
			}
			crcs[sp.Number] = c
		}
		kept[sp.Number] = etag
	}
	e.mu.Lock()
	j.parts, j.partCRCs = kept, crcs
	e.persistLocked()
	e.mu.Unlock()
	return nil
}
