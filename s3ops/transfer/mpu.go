package transfer

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"slices"
	"strings"

	"github.com/ferry-s3/ferry/internal/parallel"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// putMultipart uploads the file in parts: CreateMultipartUpload (or the
// upload a previous run started, reconciled with ListParts), the missing
// parts in parallel over presigned UploadPart URLs, then Complete.
func (e *Engine) putMultipart(ctx context.Context, j *job, f *os.File, src srcStat) error {
	e.takeLeftUpload(j, src)
	ps, err := e.partSizeOf(j, src.Size)
	if err != nil {
		return err
	}
	for restart := 1; ; restart++ {
		err := e.sendUpload(ctx, j, f, src, ps)
		if !isNoSuchUpload(err) {
			return err
		}
		if restart > maxUploadRestarts {
			return fmt.Errorf("%w; the server keeps forgetting it: run again to start over", err)
		}
		// The server forgot the upload (a restart of a store that keeps
		// uploads in memory, a lifecycle rule): its parts went with it.
		e.setRetrying(j, "the server no longer has this upload; starting it again")
		e.forgetUpload(j)
	}
}

// maxUploadRestarts is how often an upload the server forgot is started
// again within one run.
const maxUploadRestarts = 2

// isNoSuchUpload reports a request refused because the server no longer
// has the multipart upload.
func isNoSuchUpload(err error) bool {
	var se *s3ops.Error
	return errors.As(err, &se) && se.Code == "NoSuchUpload"
}

// sendUpload resumes or starts the job's multipart upload, sends the
// parts the server lacks and completes it.
func (e *Engine) sendUpload(ctx context.Context, j *job, f *os.File, src srcStat, ps int64) error {
	if err := e.withRetry(ctx, j, "resume upload", func(ctx context.Context) error { return e.reconcile(ctx, j, f, src) }); err != nil {
		return err
	}
	if err := e.withRetry(ctx, j, "start upload", func(ctx context.Context) error { return e.ensureUpload(ctx, j) }); err != nil {
		return err
	}
	e.recordUpload(j)
	for round := 1; ; round++ {
		err := e.sendAndComplete(ctx, j, f, src, ps)
		if !isInvalidPart(err) || round == maxCompleteRounds {
			return err
		}
		// A part request cut off earlier (a pause, a crash, a reset) can
		// still be landing on the server and replace a part sent since:
		// check every part against the file again and send what differs.
		e.setRetrying(j, "the server does not hold every part as sent; checking the parts again")
		if err := e.withRetry(ctx, j, "check parts", func(ctx context.Context) error { return e.reconcile(ctx, j, f, src) }); err != nil {
			return err
		}
	}
}

// maxCompleteRounds is how often parts are checked and sent again when
// the server refuses to complete with the parts it was sent.
const maxCompleteRounds = 3

// sendAndComplete sends the parts the server lacks, then completes.
func (e *Engine) sendAndComplete(ctx context.Context, j *job, f *os.File, src srcStat, ps int64) error {
	todo := e.missingParts(j, src.Size, ps)
	err := parallel.Each(ctx, e.o.PartsPerFile, todo, func(ctx context.Context, n int32) error {
		return e.withRetry(ctx, j, fmt.Sprintf("part %d", n), func(ctx context.Context) error {
			return e.sendPart(ctx, j, f, src, n)
		})
	})
	if err != nil {
		return err
	}
	if err := checkSource(f, src); err != nil {
		return err
	}
	return e.withRetry(ctx, j, "complete upload", func(ctx context.Context) error { return e.complete(ctx, j) })
}

// isInvalidPart reports a Complete refused because a part is missing or
// is not the one listed (its ETag differs).
func isInvalidPart(err error) bool {
	var se *s3ops.Error
	return errors.As(err, &se) && se.Code == "InvalidPart"
}

func (e *Engine) partSizeOf(j *job, size int64) (int64, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if j.rec.PartSize == 0 {
		ps, err := uploadPartSize(size, e.o.PartSize)
		if err != nil {
			return 0, err
		}
		j.rec.PartSize = ps
	}
	return j.rec.PartSize, nil
}

// reconcile checks a previous run's upload against the server: parts the
// server holds with the expected size and MD5 are kept (including parts
// that arrived but were not journaled before a crash, recognised by
// hashing the local section), everything else is sent again.
func (e *Engine) reconcile(ctx context.Context, j *job, f *os.File, src srcStat) error {
	e.mu.Lock()
	id, ps, known, alg := j.rec.UploadID, j.rec.PartSize, maps.Clone(j.parts), checksum.Algorithm(j.rec.Checksum)
	knownCRCs := maps.Clone(j.partCRCs)
	e.mu.Unlock()
	if id == "" {
		return nil
	}
	server, err := e.c.ListParts(ctx, j.loc(), id)
	if err != nil {
		var se *s3ops.Error
		if errors.As(err, &se) && se.Code == "NoSuchUpload" {
			e.mu.Lock()
			j.rec.UploadID, j.rec.Checksum = "", "" // expired or aborted elsewhere: start a new one
			j.resetParts()
			e.mu.Unlock()
			return nil
		}
		return err
	}
	kept, crcs := map[int32]string{}, map[int32]checksum.Value{}
	for _, sp := range server {
		if sp.Size != partLen(src.Size, ps, sp.Number) || sp.Number > int32(partCount(src.Size, ps)) {
			continue
		}
		switch {
		case alg != "": // kept when its checksum is the local section's
			if sp.Checksum == nil || sp.Checksum.Alg != alg {
				continue
			}
			if c, ok := knownCRCs[sp.Number]; ok && c == *sp.Checksum || !ok && sectionCRCOf(f, ps, sp, alg) == *sp.Checksum {
				kept[sp.Number], crcs[sp.Number] = sp.ETag, *sp.Checksum
			}
		default:
			if etag, ok := known[sp.Number]; ok && strings.EqualFold(etag, sp.ETag) {
				kept[sp.Number] = sp.ETag
			} else if !ok && sectionMD5(f, ps, sp) == strings.ToLower(sp.ETag) {
				kept[sp.Number] = sp.ETag
			}
		}
	}
	e.mu.Lock()
	j.parts, j.partCRCs = kept, crcs
	e.persistLocked()
	e.mu.Unlock()
	return nil
}

// sectionCRCOf is alg's CRC of the local bytes of a part the server
// holds (zero when they cannot be read).
func sectionCRCOf(f *os.File, ps int64, p s3ops.Part, alg checksum.Algorithm) checksum.Value {
	v, _ := sectionCRC(f, int64(p.Number-1)*ps, p.Size, alg)
	return v
}

// sectionMD5 hashes the local bytes of a part the server holds.
func sectionMD5(f *os.File, ps int64, p s3ops.Part) string {
	return sectionHex(f, int64(p.Number-1)*ps, p.Size)
}

func (e *Engine) ensureUpload(ctx context.Context, j *job) error {
	e.mu.Lock()
	have := j.rec.UploadID != ""
	e.mu.Unlock()
	if have {
		return nil
	}
	id, err := e.createUpload(ctx, j) // see strays.go
	if err != nil {
		return err
	}
	e.mu.Lock()
	j.rec.UploadID, j.rec.Creating = id, 0
	j.resetParts()
	e.mu.Unlock()
	_, _ = e.flushJournal() // a crash from here on resumes this upload
	return nil
}

// missingParts lists the part numbers still to send and counts the bytes
// of those already there.
func (e *Engine) missingParts(j *job, size, ps int64) []int32 {
	e.mu.Lock()
	defer e.mu.Unlock()
	var todo []int32
	var done int64
	for n := int32(1); n <= int32(partCount(size, ps)); n++ {
		if _, ok := j.parts[n]; ok {
			done += partLen(size, ps, n)
		} else {
			todo = append(todo, n)
		}
	}
	j.setDone(done)
	return todo
}

// sendPart PUTs part n over a freshly presigned UploadPart URL: with its
// checksum signed in when the upload declared one (the server checks the
// bytes), and its ETag checked against the MD5 of the bytes sent until
// the store has shown it checks them (upcheck.go).
func (e *Engine) sendPart(ctx context.Context, j *job, f *os.File, src srcStat, n int32) error {
	e.mu.Lock()
	id, ps, alg := j.rec.UploadID, j.rec.PartSize, checksum.Algorithm(j.rec.Checksum)
	e.mu.Unlock()
	off, size := int64(n-1)*ps, partLen(src.Size, ps, n)
	var crc *checksum.Value
	var p s3ops.Presigned
	var err error
	if alg != "" {
		v, cerr := sectionCRC(f, off, size, alg)
		if cerr != nil {
			return cerr
		}
		crc = &v
		p, err = e.c.PresignPartChecked(ctx, j.loc(), id, n, e.o.PresignLifetime, v)
	} else {
		p, err = e.c.PresignUploadPart(ctx, j.loc(), id, n, e.o.PresignLifetime)
	}
	if err != nil {
		return err
	}
	etag, err := e.sendSection(ctx, j, f, src, p, off, size, false, crc)
	if err != nil {
		return err
	}
	e.partSent(j, n, etag, crc)
	return nil
}

// complete assembles the parts and checks the object's ETag, which for a
// multipart upload is the MD5 of the parts' MD5s followed by "-<count>"
// (unless the parts are encrypted with KMS or a customer key).
func (e *Engine) complete(ctx context.Context, j *job) error {
	e.mu.Lock()
	id, alg := j.rec.UploadID, checksum.Algorithm(j.rec.Checksum)
	parts := make([]s3ops.Part, 0, len(j.parts))
	for n, etag := range j.parts {
		p := s3ops.Part{Number: n, ETag: etag}
		if v, ok := j.partCRCs[n]; ok {
			p.Checksum = &v
		}
		parts = append(parts, p)
	}
	e.mu.Unlock()
	slices.SortFunc(parts, func(a, b s3ops.Part) int { return int(a.Number - b.Number) })
	if alg != "" {
		return e.completeChecked(ctx, j, id, parts)
	}
	want := multipartETag(parts)
	e.setFinishing(j, FinishingComplete)
	etag, err := e.c.CompleteMultipartUpload(ctx, j.loc(), id, parts)
	var se *s3ops.Error
	if errors.As(err, &se) && se.Code == "NoSuchUpload" {
		// A retry after a Complete whose answer was lost: the object is
		// there if its ETag says so.
		if info, herr := e.c.Head(ctx, j.loc()); herr == nil && info.ETag == want {
			etag, err = info.ETag, nil
		}
	}
	if err != nil {
		return err
	}
	// Parts encrypted with KMS or a customer key have opaque ETags, from
	// which the object's cannot be worked out.
	if strings.Contains(etag, "-") && !strings.EqualFold(etag, want) && !e.encrypted(j) {
		return fmt.Errorf("the assembled object's ETag %s does not match the parts sent (%s)", etag, want)
	}
	e.mu.Lock()
	j.rec.UploadID = ""
	e.mu.Unlock()
	_ = e.ledger.Drop(e.endpoint, j.rec.Bucket, id)
	return nil
}

func multipartETag(parts []s3ops.Part) string {
	h := md5.New()
	for _, p := range parts {
		b, _ := hex.DecodeString(p.ETag)
		h.Write(b)
	}
	return fmt.Sprintf("%s-%d", hex.EncodeToString(h.Sum(nil)), len(parts))
}

// partSent records part n of j as on the server (its ETag, and the
// checksum it was sent with) and journals it, so a resume never sends
// it again.
func (e *Engine) partSent(j *job, n int32, etag string, crc *checksum.Value) {
	e.mu.Lock()
	defer e.mu.Unlock()
	j.parts[n] = etag
	if crc != nil {
		j.partCRCs[n] = *crc
	}
	e.persistLocked()
}
