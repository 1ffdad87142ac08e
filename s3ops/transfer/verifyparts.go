package transfer

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/ferry-s3/ferry/internal/parallel"
	"github.com/ferry-s3/ferry/s3ops"
)

// maxPartHeads is how many parts of an object with uneven parts the
// verification asks the size of, one HEAD each; an object with more is
// checked by its size only.
const maxPartHeads = 1000

// partsETagCount is N of a multipart ETag "<md5 of the parts' md5s>-N",
// or 0 when etag is not one.
func partsETagCount(etag string) int {
	sum, count, ok := strings.Cut(etag, "-")
	if !ok || !isMD5(sum) {
		return 0
	}
	n, err := strconv.Atoi(count)
	if err != nil || n < 1 || n > 10000 {
		return 0
	}
	return n
}

// verifyParts checks a download of an object uploaded in parts against
// its ETag, the MD5 of its parts' MD5s. The ETag does not say where the
// parts end, so the layout is found the cheapest way that is sure: the
// part size ferry's own uploads of this size use, then the size of part 1
// as the server tells it (HEAD partNumber=1), and when neither gives the
// ETag, every part's size, so that uneven parts are not taken for altered
// bytes. Where the server does not say (a store that keeps no parts, or
// more than maxPartHeads uneven ones) the size check stands alone.
func (e *Engine) verifyParts(ctx context.Context, j *job, f *os.File, n int) error {
	etag := j.rec.ETag
	return e.verifyLayout(ctx, j, n, func(sizes []int64) (bool, error) { return e.partsMatch(ctx, j, f, sizes, etag) },
		"the MD5s of its parts do not give its ETag "+etag)
}

// verifyLayout finds where an object's n parts end, the cheapest way
// that is sure (see verifyParts), and checks the download with match on
// each layout it can learn: nil when one matches or the store cannot say
// where the parts end, a mismatch (the download is discarded) when none
// does.
func (e *Engine) verifyLayout(ctx context.Context, j *job, n int, match func([]int64) (bool, error), mismatch string) error {
	size, etag := j.rec.Size, j.rec.ETag
	var own int64 // ferry's own part size, when it gives n parts
	if ps, err := uploadPartSize(size, e.o.PartSize); err == nil && partCount(size, ps) == n {
		own = ps
		if ok, err := match(evenParts(size, ps)); ok || err != nil {
			return err
		}
	}
	first, count, err := e.c.HeadPart(ctx, j.loc(), j.rec.Version, etag, 1)
	if err != nil || int(count) != n || first <= 0 {
		return nil // the store cannot say where the parts end
	}
	if first != own && partCount(size, first) == n {
		if ok, err := match(evenParts(size, first)); ok || err != nil {
			return err
		}
	}
	if n > maxPartHeads {
		return nil
	}
	sizes, err := e.partSizes(ctx, j, first, n)
	if err != nil || sum(sizes) != size {
		return nil
	}
	// Even parts were tried above (they are the layout of part 1's size);
	// only uneven ones are left to hash.
	if !isEven(sizes) {
		if ok, err := match(sizes); ok || err != nil {
			return err
		}
	}
	return e.corrupt(j, mismatch)
}

// partSizes asks the server the size of every part (the first is known).
func (e *Engine) partSizes(ctx context.Context, j *job, first int64, n int) ([]int64, error) {
	sizes := make([]int64, n)
	sizes[0] = first
	nums := make([]int, 0, n-1)
	for i := 2; i <= n; i++ {
		nums = append(nums, i)
	}
	err := parallel.Each(ctx, e.o.PartsPerFile, nums, func(ctx context.Context, i int) error {
		s, _, err := e.c.HeadPart(ctx, j.loc(), j.rec.Version, j.rec.ETag, int32(i))
		sizes[i-1] = s
		return err
	})
	return sizes, err
}

// partsMatch reports whether the parts of f laid out as sizes give etag.
// Parts that are ranges this process downloaded have their MD5 already;
// the others are read back and hashed, in parallel.
func (e *Engine) partsMatch(ctx context.Context, j *job, f *os.File, sizes []int64, etag string) (bool, error) {
	sums := e.knownSums(j, sizes)
	offs, idx := partOffsets(sizes)
	err := parallel.Each(ctx, e.o.PartsPerFile, idx, func(_ context.Context, i int) error {
		if sums[i] != nil {
			return nil
		}
		s, err := sectionSum(f, offs[i], sizes[i])
		sums[i] = s
		return err
	})
	if err != nil {
		return false, fmt.Errorf("cannot read the download back to check it: %w", err)
	}
	parts := make([]s3ops.Part, len(sums))
	for i, s := range sums {
		parts[i] = s3ops.Part{Number: int32(i + 1), ETag: hex.EncodeToString(s)}
	}
	return strings.EqualFold(multipartETag(parts), etag), nil
}

// knownSums are the MD5s of the parts laid out as sizes that the job's
// ranges already give (ranges and parts the same), nil where not known.
func (e *Engine) knownSums(j *job, sizes []int64) [][]byte {
	sums := make([][]byte, len(sizes))
	e.mu.Lock()
	defer e.mu.Unlock()
	if j.rec.PartSize <= 0 || len(j.rangeSums) != len(sizes) || !slices.Equal(evenParts(j.rec.Size, j.rec.PartSize), sizes) {
		return sums
	}
	for i, s := range j.rangeSums {
		if len(s) == md5.Size {
			sums[i] = s
		}
	}
	return sums
}

// evenParts lays size bytes out in parts of partSize (the last shorter).
func evenParts(size, partSize int64) []int64 {
	n := partCount(size, partSize)
	sizes := make([]int64, n)
	for i := range sizes {
		sizes[i] = partLen(size, partSize, int32(i+1))
	}
	return sizes
}

// isEven reports whether every part but the last has the first's size
// (and the last no more).
func isEven(sizes []int64) bool {
	for i, s := range sizes {
		if i < len(sizes)-1 && s != sizes[0] || i == len(sizes)-1 && s > sizes[0] {
			return false
		}
	}
	return true
}

func sum(sizes []int64) int64 {
	var t int64
	for _, s := range sizes {
		t += s
	}
	return t
}

// partOffsets is where each part laid out as sizes starts, and the
// parts' indexes (what parallel walks).
func partOffsets(sizes []int64) (offs []int64, idx []int) {
	offs, idx = make([]int64, len(sizes)), make([]int, len(sizes))
	for i := range sizes {
		idx[i] = i
		if i > 0 {
			offs[i] = offs[i-1] + sizes[i-1]
		}
	}
	return offs, idx
}
