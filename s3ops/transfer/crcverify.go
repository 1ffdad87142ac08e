package transfer

import (
	"context"
	"crypto/md5"
	"encoding/binary"
	"fmt"
	"hash"
	"os"
	"slices"
	"strings"

	"github.com/ferry-s3/ferry/internal/parallel"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// Downloads are checked against the checksum the store keeps of the
// object when it keeps one ferry can compute (S3 and versitygw keep a
// CRC64NVME of every new object): each range's CRC is computed as its
// bytes arrive (tens of GB/s a core, where MD5 manages well under one),
// and the ranges' CRCs are combined into the object's without reading
// anything back. A composite checksum (the CRC of the parts' CRCs) is
// checked part by part once the parts' ends are known. Objects with no
// such checksum are checked against their ETag as before (MD5). The
// checksum is asked once per run, with one HEAD, for downloads in ranges
// only: a small object's MD5 costs less than the request would.

// learnStored asks the store for the object's checksum before a download
// in ranges starts. A failure to ask is not the download's: its ETag
// check stands in.
func (e *Engine) learnStored(ctx context.Context, j *job) {
	e.mu.Lock()
	asked := j.storedAsked
	e.mu.Unlock()
	if asked || e.o.SizeOnlyDownloads || j.rec.Size <= e.o.MultipartThreshold {
		return
	}
	st, ok, err := e.c.StoredChecksum(ctx, j.loc(), j.rec.Version)
	if err != nil {
		return
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	j.storedAsked = true
	if ok && (j.rec.ETag == "" || strings.EqualFold(st.ETag, j.rec.ETag)) {
		j.stored = &st
	}
}

// rangeHash is what a download's bytes are hashed with as they arrive:
// the stored checksum's CRC, else MD5; nil when downloads are checked
// by size only.
func (e *Engine) rangeHash(j *job) hash.Hash {
	if e.o.SizeOnlyDownloads {
		return nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if j.stored != nil {
		return j.stored.Value.Alg.New()
	}
	return md5.New()
}

// rangeDigest is h's sum as kept per range: an MD5 (16 bytes), or a CRC
// as 8 big-endian bytes (a CRC32 padded), nil for no hash.
func rangeDigest(h hash.Hash) []byte {
	if h == nil {
		return nil
	}
	s := h.Sum(nil)
	if len(s) == 4 {
		s = append([]byte{0, 0, 0, 0}, s...)
	}
	return s
}

// hasStored reports whether the job's object has a stored checksum.
func (e *Engine) hasStored(j *job) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	return j.stored != nil
}

// verifyStored checks the download against the stored checksum.
func (e *Engine) verifyStored(ctx context.Context, j *job, f *os.File) error {
	e.mu.Lock()
	st := *j.stored
	e.mu.Unlock()
	if st.Parts == 0 {
		crcs, err := e.partCRCs(ctx, j, f, st.Value.Alg, e.rangeLayout(j))
		if err != nil {
			return err
		}
		got := checksum.Of(st.Value.Alg, nil)
		for i, c := range crcs {
			got = checksum.Combine(got, c, e.rangeLayout(j)[i])
		}
		if got != st.Value {
			return e.corrupt(j, fmt.Sprintf("%s %s, stored %s", st.Value.Alg, got, st.Value))
		}
		return nil
	}
	return e.verifyLayout(ctx, j, st.Parts, func(sizes []int64) (bool, error) {
		crcs, err := e.partCRCs(ctx, j, f, st.Value.Alg, sizes)
		return err == nil && checksum.Composite(st.Value.Alg, crcs) == st.Value, err
	}, fmt.Sprintf("the %s checksums of its parts do not give its stored checksum %s-%d", st.Value.Alg, st.Value, st.Parts))
}

// rangeLayout is the sizes of the job's ranges (one for a single GET).
func (e *Engine) rangeLayout(j *job) []int64 {
	if j.rec.PartSize <= 0 {
		return []int64{j.rec.Size}
	}
	return evenParts(j.rec.Size, j.rec.PartSize)
}

// partCRCs is alg's CRC of each part of f laid out as sizes: taken from
// the ranges this process fetched when they are the parts, else read
// back and computed, in parallel.
func (e *Engine) partCRCs(ctx context.Context, j *job, f *os.File, alg checksum.Algorithm, sizes []int64) ([]checksum.Value, error) {
	crcs := make([]checksum.Value, len(sizes))
	known := e.knownCRCs(j, alg, sizes)
	offs, idx := partOffsets(sizes)
	err := parallel.Each(ctx, e.o.PartsPerFile, idx, func(_ context.Context, i int) error {
		if known[i] != nil {
			crcs[i] = *known[i]
			return nil
		}
		h := alg.New()
		if _, err := sectionDigest(f, offs[i], sizes[i], h); err != nil {
			return err
		}
		crcs[i] = checksum.Sum(alg, h)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("cannot read the download back to check it: %w", err)
	}
	return crcs, nil
}

// knownCRCs are the CRCs the job's ranges already give when its ranges
// are laid out as sizes, nil where not known.
func (e *Engine) knownCRCs(j *job, alg checksum.Algorithm, sizes []int64) []*checksum.Value {
	out := make([]*checksum.Value, len(sizes))
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(j.rangeSums) != len(sizes) || !slices.Equal(e.rangeLayout(j), sizes) {
		return out
	}
	for i, s := range j.rangeSums {
		if len(s) == 8 {
			out[i] = &checksum.Value{Alg: alg, CRC: binary.BigEndian.Uint64(s)}
		}
	}
	return out
}
