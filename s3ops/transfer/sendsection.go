package transfer

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"os"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// sendSection PUTs n bytes of f at off (a whole small file, or one part)
// to the presigned p and returns the ETag the server answers once it has
// them: the MD5 (hex) of the bytes, checked, or for objects encrypted
// with KMS or a customer key an opaque tag (which Complete needs as is).
//
// A whole object (withDigest) is hashed first and sent with Content-MD5,
// so the server itself refuses a body that arrives short or altered: when
// an upload is cut off mid-body (paused, cancelled, stalled, the file
// changed) some servers (versitygw among them) would otherwise store the
// bytes that did arrive under the object's name. A part needs no such
// guard — a cut-off part is never completed: it is sent again, and on
// resume ListParts is reconciled by size and MD5 — so parts are hashed
// while they are sent, reading the file once and sparing the server a
// second MD5 of every byte (a third of its CPU on large uploads).
//
// With crc (see upcheck.go) the presigned request carries the section's
// checksum instead: the server checks the bytes and echoes it, and once
// a store has, the body is not hashed with MD5 too.
func (e *Engine) sendSection(ctx context.Context, j *job, f *os.File, src srcStat, p s3ops.Presigned, off, n int64,
	withDigest bool, crc *checksum.Value) (string, error) {
	var hdr http.Header
	known := ""
	if withDigest && crc == nil {
		sum, err := md5Of(f, off, n)
		if err != nil {
			return "", fmt.Errorf("cannot read %s: %w", j.rec.Local, err)
		}
		hdr = http.Header{"Content-Md5": {base64.StdEncoding.EncodeToString(sum)}}
		known = hex.EncodeToString(sum)
	}
	g := e.watchStall(ctx)
	defer g.stop()
	body := newSourceReader(f, off, n, src, j)
	body.known, body.kick = known, g.kick
	if crc != nil && e.crcStateOf() == crcProven {
		body.md5 = nil // the server checks the bytes by their CRC
	}
	resp, err := e.send(g.ctx, p, body, n, hdr)
	if err != nil {
		body.rollback()
		return "", g.explain(body.cause(err))
	}
	drain(resp)
	body.finish()
	if crc != nil {
		echoed, err := e.checkEcho(resp.Header, *crc)
		switch {
		case err != nil:
			body.rollback()
			return "", err
		case echoed: // checked by the server: its ETag, whatever it is, is what Complete needs
			e.noteEncryption(j, resp.Header)
			return strings.Trim(resp.Header.Get("ETag"), `"`), nil
		case body.sum() == "":
			body.rollback()
			return "", fmt.Errorf("%w (the server did not confirm the %s checksum sent)", errChecksum, crc.Alg)
		}
	}
	etag, err := answeredETag(resp, body.sum())
	if err != nil {
		body.rollback()
		return "", err
	}
	e.noteEncryption(j, resp.Header)
	return etag, nil
}

// md5Of hashes n bytes of an upload's source f at off; a source now
// shorter than that has changed since the upload started.
func md5Of(f *os.File, off, n int64) ([]byte, error) {
	sum, err := sectionSum(f, off, n)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("%w: it is shorter than when the upload started", errSourceChanged)
	}
	return sum, err
}

// sectionSum is the MD5 of n bytes of f at off (io.ErrUnexpectedEOF when
// f holds fewer).
func sectionSum(f *os.File, off, n int64) ([]byte, error) { return sectionDigest(f, off, n, md5.New()) }

// sectionDigest is h's sum of n bytes of f at off (io.ErrUnexpectedEOF
// when f holds fewer), read through a pooled buffer. Every hash of a
// file's bytes in the engine goes through it.
func sectionDigest(f *os.File, off, n int64, h hash.Hash) ([]byte, error) {
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	got, err := io.CopyBuffer(h, io.NewSectionReader(f, off, n), *bp)
	if err == nil && got != n {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// sectionHex is sectionSum in hex, "" when the bytes cannot be read.
func sectionHex(f *os.File, off, n int64) string {
	sum, err := sectionSum(f, off, n)
	if err != nil {
		return ""
	}
	return hex.EncodeToString(sum)
}
