package transfer

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// upload sends one local file: a single presigned PUT up to the multipart
// threshold, a multipart upload above it.
func (e *Engine) upload(ctx context.Context, j *job) error {
	f, err := os.Open(j.rec.Local)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			e.abortLeftFor(j.rec.Local) // uploads other runs left for it; the job's own ends with it
			return fmt.Errorf("%w: %s", errSourceGone, j.rec.Local)
		}
		if pe := (*os.PathError)(nil); errors.As(err, &pe) {
			return fmt.Errorf("cannot read %s: %w", j.rec.Local, pe.Err)
		}
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if !fi.Mode().IsRegular() {
		return fmt.Errorf("%s is not a regular file", j.rec.Local)
	}
	src, err := e.pinSource(ctx, j, f, fi)
	if err != nil {
		return err
	}
	if e.uploadedBefore(ctx, j, src) { // see resume.go
		e.forgetUpload(j)
		j.setDone(src.Size)
		return nil
	}
	if src.Size <= e.o.MultipartThreshold && src.Size <= s3ops.MaxPutSize {
		return e.putWhole(ctx, j, f, src)
	}
	return e.putMultipart(ctx, j, f, src)
}

// pinSource records which version of the file this upload sends (size and
// mtime), or checks that a resumed upload still has the same one.
func (e *Engine) pinSource(ctx context.Context, j *job, f *os.File, fi os.FileInfo) (srcStat, error) {
	now := statOf(fi)
	e.mu.Lock()
	old, restart := j.rec.Src, j.restart
	j.restart = false
	e.mu.Unlock()
	if old != nil && *old == now {
		return now, nil
	}
	if old != nil && !restart {
		return now, fmt.Errorf("%w since the upload started (%s); retry to upload the new version",
			errSourceChanged, howChanged(*old, now))
	}
	if old != nil {
		e.forgetUpload(j) // a new version: the old parts are useless
	}
	ct := contentType(f, now.Size)
	e.mu.Lock()
	j.rec.Src, j.rec.Size, j.rec.ContentType = &now, now.Size, ct
	j.rec.PartSize = 0
	e.persistLocked()
	e.mu.Unlock()
	j.setDone(0)
	return now, nil
}

// forgetUpload clears the job's multipart upload and aborts it on the
// server in the background.
func (e *Engine) forgetUpload(j *job) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.forgetUploadLocked(j)
}

// forgetUploadLocked is forgetUpload with e.mu held. Close waits for the
// abort.
func (e *Engine) forgetUploadLocked(j *job) {
	id, loc := j.rec.UploadID, j.loc()
	if id == "" {
		return
	}
	j.rec.UploadID, j.rec.Checksum = "", ""
	j.resetParts()
	e.watchAbortedLocked(loc, id)
	e.wg.Add(1)
	go func() {
		defer e.wg.Done()
		_ = e.abort(loc, id)
	}()
}

// putWhole uploads the file with one presigned PUT, Content-Type signed in.
// With checksums (upcheck.go) the file's CRC is signed in instead of a
// Content-MD5; a store that refuses it gets the MD5 at once.
func (e *Engine) putWhole(ctx context.Context, j *job, f *os.File, src srcStat) error {
	j.setDone(0)
	return e.withRetry(ctx, j, "upload", func(ctx context.Context) error {
		if alg := e.uploadAlg(); alg != "" {
			err := e.putChecked(ctx, j, f, src, alg)
			if !e.refusesChecksums(err) {
				return err
			}
		}
		p, err := e.c.PresignPut(ctx, j.loc(), j.rec.ContentType, e.o.PresignLifetime)
		if err != nil {
			return err
		}
		_, err = e.sendSection(ctx, j, f, src, p, 0, src.Size, true, nil)
		return err
	})
}

// putChecked sends the file with its alg checksum signed in.
func (e *Engine) putChecked(ctx context.Context, j *job, f *os.File, src srcStat, alg checksum.Algorithm) error {
	crc, err := sectionCRC(f, 0, src.Size, alg)
	if err != nil {
		return err
	}
	p, err := e.c.PresignPutChecked(ctx, j.loc(), j.rec.ContentType, e.o.PresignLifetime, crc)
	if err != nil {
		return err
	}
	_, err = e.sendSection(ctx, j, f, src, p, 0, src.Size, true, &crc)
	return err
}

// answeredETag is the ETag a PUT was answered with, checked against the
// MD5 of what was sent (and then the MD5 itself). Objects encrypted with
// KMS or customer keys have ETags that are not MD5s: those are returned
// unchecked, as the server gave them, since Complete must name each part
// by the ETag the server gave it.
func answeredETag(resp *http.Response, md5hex string) (string, error) {
	got := strings.Trim(resp.Header.Get("ETag"), `"`)
	if encryptedETag(resp.Header) {
		if got == "" {
			return "", fmt.Errorf("%w (the server answered an encrypted part without an ETag)", errChecksum)
		}
		return got, nil
	}
	if !strings.EqualFold(got, md5hex) {
		return "", fmt.Errorf("%w (ETag %q, MD5 %s)", errChecksum, got, md5hex)
	}
	return md5hex, nil
}

// noteEncryption records it when an answer says the job's object is
// encrypted with KMS or a customer key: its ETags are not MD5s.
func (e *Engine) noteEncryption(j *job, h http.Header) {
	if !encryptedETag(h) {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if !j.rec.Encrypted {
		j.rec.Encrypted = true
		e.persistLocked()
	}
}

// encrypted reports whether an answer said the job's object is encrypted
// with KMS or a customer key (ranges and parts move in parallel).
func (e *Engine) encrypted(j *job) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return j.rec.Encrypted
}

func encryptedETag(h http.Header) bool {
	return h.Get("X-Amz-Server-Side-Encryption") == "aws:kms" || h.Get("X-Amz-Server-Side-Encryption") == "aws:kms:dsse" ||
		h.Get("X-Amz-Server-Side-Encryption-Customer-Algorithm") != ""
}

// abortWatch is how long abort itself watches an aborted upload: a part
// request the server was still processing when the upload was aborted
// can bring it back (S3's documentation warns of this), so it is aborted
// again. The background watcher (abortwatch.go) covers the longer tail.
const abortWatch = 2 * time.Second

// abort aborts a multipart upload and makes sure it stays gone. It uses
// its own context: cancelling must reach the server even while the engine
// closes. Whatever happens, the upload is then left to the background
// watcher, which aborts it again if it comes back (or the abort failed).
func (e *Engine) abort(loc s3ops.Location, id string) error {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	defer e.watchAborted(loc, id)
	_ = e.ledger.Drop(e.endpoint, loc.Bucket, id) // given up: nothing may resume it
	return abortForGood(ctx, e.c, loc, id)
}

// abortForGood aborts an upload and watches it for abortWatch, aborting
// it again when a part that was still on its way brings it back.
func abortForGood(ctx context.Context, c *s3ops.Client, loc s3ops.Location, id string) error {
	for range 5 {
		if err := c.AbortMultipartUpload(ctx, loc, id); err != nil {
			return err
		}
		if staysGone(ctx, c, loc, id) {
			return nil
		}
	}
	return fmt.Errorf("the server still lists upload %s after aborting it", id)
}

func staysGone(ctx context.Context, c *s3ops.Client, loc s3ops.Location, id string) bool {
	for waited := time.Duration(0); waited < abortWatch; waited += 250 * time.Millisecond {
		select {
		case <-ctx.Done():
			return true // gave up watching; the abort itself went through
		case <-time.After(250 * time.Millisecond):
		}
		_, err := c.ListParts(ctx, loc, id)
		var se *s3ops.Error
		if !errors.As(err, &se) || se.Code != "NoSuchUpload" {
			return false
		}
	}
	return true
}
