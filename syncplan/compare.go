package syncplan

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
)

// Comparer compares the content of two files of the same size without
// downloading either (see the package doc). A side's Client is nil for
// a local side.
type Comparer struct {
	Src, Dst       *s3ops.Client
	SrcLoc, DstLoc s3ops.Location // the prefixes the paths are below
	Cache          *HashCache
	// PartSize is the part size ferry's own uploads use (the engine's
	// part_size): the first guess of a multipart ETag's layout.
	PartSize int64
}

var plainMD5 = regexp.MustCompile(`^[0-9a-fA-F]{32}$`)

// Same reports whether s (source) and d (destination) hold the same
// bytes; why says what was compared when they differ, Unknown when no
// comparison was possible.
func (c *Comparer) Same(ctx context.Context, s, d Entry) (bool, Why, error) {
	switch {
	case c.Src == nil:
		return c.localAndObject(ctx, s, d, c.Dst, c.DstLoc)
	case c.Dst == nil:
		return c.localAndObject(ctx, d, s, c.Src, c.SrcLoc)
	}
	return c.objects(ctx, s, d)
}

// localAndObject compares a local file with an object.
func (c *Comparer) localAndObject(ctx context.Context, l, o Entry, cl *s3ops.Client, prefix s3ops.Location) (bool, Why, error) {
	loc := s3ops.Location{Bucket: prefix.Bucket, Key: prefix.Key + o.Path}
	if plainMD5.MatchString(o.ETag) {
		sum, err := c.Cache.MD5(l.Local)
		return strings.EqualFold(sum, o.ETag), Content, err
	}
	if n, ok := partsOf(o.ETag); ok {
		return c.parts(ctx, l, o, cl, loc, n)
	}
	return c.byStoredChecksum(ctx, l, cl, loc)
}

// parts compares a local file with an object uploaded in n parts: at
// the part size ferry uploads with when that gives n parts, else (or
// when that says they differ) at the size of the object's first part.
func (c *Comparer) parts(ctx context.Context, l, o Entry, cl *s3ops.Client, loc s3ops.Location, n int) (bool, Why, error) {
	tried := int64(0)
	if ps := ferryPartSize(o.Size, c.PartSize); partsIn(o.Size, ps) == n {
		etag, err := c.Cache.PartsETag(l.Local, ps)
		if err != nil || strings.EqualFold(etag, o.ETag) {
			return err == nil, Content, err
		}
		tried = ps
	}
	first, _, err := cl.HeadPart(ctx, loc, "", o.ETag, 1)
	if err != nil {
		return false, Content, fmt.Errorf("cannot read the part layout of %s: %w", loc, err)
	}
	if first <= 0 || first == tried || partsIn(o.Size, first) != n {
		return false, Content, nil // the layout does not explain the ETag: not these bytes
	}
	etag, err := c.Cache.PartsETag(l.Local, first)
	return err == nil && strings.EqualFold(etag, o.ETag), Content, err
}

// byStoredChecksum compares a local file with an object whose ETag is
// no MD5, by the full-object checksum the store keeps.
func (c *Comparer) byStoredChecksum(ctx context.Context, l Entry, cl *s3ops.Client, loc s3ops.Location) (bool, Why, error) {
	sc, ok, err := cl.StoredChecksum(ctx, loc, "")
	if err != nil {
		return false, Content, fmt.Errorf("cannot read the checksum of %s: %w", loc, err)
	}
	if !ok || sc.Parts > 0 {
		return false, Unknown, nil
	}
	v, err := c.Cache.CRC(l.Local, sc.Value.Alg)
	return err == nil && v == sc.Value, Content, err
}

// objects compares two objects: by ETag when they say enough, else by
// the full-object checksums their stores keep.
func (c *Comparer) objects(ctx context.Context, s, d Entry) (bool, Why, error) {
	if strings.EqualFold(s.ETag, d.ETag) && s.ETag != "" {
		return true, Content, nil
	}
	if plainMD5.MatchString(s.ETag) && plainMD5.MatchString(d.ETag) {
		return false, Content, nil
	}
	sLoc := s3ops.Location{Bucket: c.SrcLoc.Bucket, Key: c.SrcLoc.Key + s.Path}
	dLoc := s3ops.Location{Bucket: c.DstLoc.Bucket, Key: c.DstLoc.Key + d.Path}
	sc, sok, err := c.Src.StoredChecksum(ctx, sLoc, "")
	if err != nil {
		return false, Content, fmt.Errorf("cannot read the checksum of %s: %w", sLoc, err)
	}
	dc, dok, err := c.Dst.StoredChecksum(ctx, dLoc, "")
	if err != nil {
		return false, Content, fmt.Errorf("cannot read the checksum of %s: %w", dLoc, err)
	}
	if !sok || !dok || sc.Parts > 0 || dc.Parts > 0 || sc.Value.Alg != dc.Value.Alg {
		return false, Unknown, nil
	}
	return sc.Value == dc.Value, Content, nil
}

// partsOf reads the part count of a multipart ETag ("…-12").
func partsOf(etag string) (int, bool) {
	i := strings.LastIndexByte(etag, '-')
	if i < 0 || !plainMD5.MatchString(etag[:i]) {
		return 0, false
	}
	n, err := strconv.Atoi(etag[i+1:])
	return n, err == nil && n > 0
}

// ferryPartSize is the part size ferry's uploads of size bytes use with
// preferred parts: raised in whole MiB so they fit in 10,000 parts.
func ferryPartSize(size, preferred int64) int64 {
	ps := max(preferred, s3ops.MinPartSize)
	if need := (size + s3ops.MaxParts - 1) / s3ops.MaxParts; need > ps {
		const mib = 1 << 20
		ps = (need + mib - 1) / mib * mib
	}
	return ps
}

// partsIn is how many parts of ps cover size bytes.
func partsIn(size, ps int64) int {
	if ps <= 0 {
		return 0
	}
	return int(max(1, (size+ps-1)/ps))
}
