package transfer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// Uploads carry an S3 additional checksum (CRC64NVME, what S3 computes
// for every object): a single PUT and every part send their CRC in a
// signed header, so the server refuses bytes that differ (BadDigest) and
// echoes the CRC it computed; a multipart upload declares a full-object
// checksum, which Complete checks over the assembled object. The CRC is
// computed in a pass over the section before it is sent (SIMD: a 16 MiB
// part costs about a millisecond, where the MD5 the ETag check needed
// cost a core's share of the whole upload).
//
// Until a store has echoed a checksum once, each body is also hashed
// with MD5 while it is sent and its ETag checked as before, so a store
// that silently ignores the header never leaves a byte unchecked. A
// store that refuses the header or the declared algorithm (older
// S3-compatible servers) gets plain uploads checked by MD5 for the rest
// of the engine's life.

// crcState is what the store is known to do with upload checksums.
type crcState int32

const (
	crcUntried crcState = iota // not yet shown either way
	crcProven                  // the store echoed a checksum it verified
	crcRefused                 // the store refused checksums: MD5 only
)

// uploadAlgorithm is the checksum uploads carry.
const uploadAlgorithm = checksum.CRC64NVME

// crcStateOf is the engine's knowledge of the store.
func (e *Engine) crcStateOf() crcState { return crcState(e.crc.Load()) }

// uploadAlg is the algorithm a new upload declares, "" for none.
func (e *Engine) uploadAlg() checksum.Algorithm {
	if e.crcStateOf() == crcRefused {
		return ""
	}
	return uploadAlgorithm
}

// refusesChecksums reports whether err is a store refusing what a
// checksum asked of it (the header, or the algorithm at create time),
// while the store has not shown it takes them: then checksums are off.
// BadDigest (a checksum that does not match the bytes) is not one: it is
// the check working, and the bytes are sent again.
func (e *Engine) refusesChecksums(err error) bool {
	if err == nil || e.crcStateOf() == crcProven {
		return false
	}
	var se *s3ops.Error
	if !errors.As(err, &se) || se.Code == "BadDigest" {
		return false
	}
	if se.Kind == s3ops.KindInvalidArgument || se.Code == "NotImplemented" || se.Code == "InvalidRequest" {
		e.crc.CompareAndSwap(int32(crcUntried), int32(crcRefused))
		return true
	}
	return false
}

// checkEcho compares the checksum an answer carries with the one sent:
// echoed when the store confirmed it (from then on, bodies are not
// hashed with MD5 as well); a different value is bytes altered on the
// way (the store should have refused them).
func (e *Engine) checkEcho(h http.Header, sent checksum.Value) (echoed bool, err error) {
	got := h.Get(sent.Alg.Header())
	switch {
	case got == "":
		return false, nil
	case got != sent.String():
		return false, fmt.Errorf("%w (the server stored %s %s, the bytes sent have %s)", errChecksum, sent.Alg, got, sent)
	}
	e.crc.CompareAndSwap(int32(crcUntried), int32(crcProven))
	return true, nil
}

// sectionCRC is alg's CRC of n bytes of an upload's source f at off; a
// source now shorter has changed since the upload started.
func sectionCRC(f *os.File, off, n int64, alg checksum.Algorithm) (checksum.Value, error) {
	h := alg.New()
	_, err := sectionDigest(f, off, n, h)
	if errors.Is(err, io.ErrUnexpectedEOF) {
		err = fmt.Errorf("%w: it is shorter than when the upload started", errSourceChanged)
	}
	if err != nil {
		return checksum.Value{}, err
	}
	return checksum.Sum(alg, h), nil
}

// completeChecked completes an upload that declared a full-object
// checksum: the CRC of the whole file, combined from the parts', which
// the server checks over what it assembled and returns.
func (e *Engine) completeChecked(ctx context.Context, j *job, id string, parts []s3ops.Part) error {
	full, err := e.fullCRC(j, parts)
	if err != nil {
		return err
	}
	e.setFinishing(j, FinishingComplete)
	done, err := e.c.CompleteChecked(ctx, j.loc(), id, parts, full)
	if isNoSuchUpload(err) {
		// A retry after a Complete whose answer was lost: the object is
		// there if its stored checksum says so.
		if st, ok, herr := e.c.StoredChecksum(ctx, j.loc(), ""); herr == nil && ok && st.Parts == 0 && st.Value == full {
			done, err = s3ops.Completed{ETag: st.ETag, Checksum: full.String()}, nil
		}
	}
	if err != nil {
		return err
	}
	if done.Checksum != "" && done.Checksum != full.String() {
		return fmt.Errorf("the assembled object's %s checksum %s does not match the parts sent (%s)", full.Alg, done.Checksum, full)
	}
	e.mu.Lock()
	j.rec.UploadID, j.rec.Checksum = "", ""
	e.mu.Unlock()
	_ = e.ledger.Drop(e.endpoint, j.rec.Bucket, id)
	return nil
}

// fullCRC combines the parts' checksums (in order) into the file's.
func (e *Engine) fullCRC(j *job, parts []s3ops.Part) (checksum.Value, error) {
	e.mu.Lock()
	size, ps, alg := j.rec.Size, j.rec.PartSize, checksum.Algorithm(j.rec.Checksum)
	e.mu.Unlock()
	full := checksum.Of(alg, nil)
	for _, p := range parts {
		if p.Checksum == nil {
			return full, fmt.Errorf("%w (part %d has no %s checksum to complete with)", errChecksum, p.Number, alg)
		}
		full = checksum.Combine(full, *p.Checksum, partLen(size, ps, p.Number))
	}
	return full, nil
}
