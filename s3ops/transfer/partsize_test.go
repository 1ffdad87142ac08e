package transfer

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/ferry-s3/ferry/s3ops"
)

func TestPartSizeKeepsEveryUploadWithinS3Limits(t *testing.T) {
	t.Parallel()
	const gib, tib = int64(1) << 30, int64(1) << 40
	for _, size := range []int64{6 * mib, 5*gib + 1, 100 * gib, 1 * tib, 5 * tib} {
		for _, pref := range []int64{0, 1, 5 * mib, 16 * mib, 64 * mib} {
			ps, err := uploadPartSize(size, pref)
			if err != nil {
				t.Fatalf("%d/%d: %v", size, pref, err)
			}
			n := partCount(size, ps)
			last := partLen(size, ps, int32(n))
			if n > s3ops.MaxParts || ps < s3ops.MinPartSize || ps > s3ops.MaxPartSize || last <= 0 || last > ps {
				t.Errorf("size %d pref %d: part %d × %d, last %d", size, pref, ps, n, last)
			}
			if pref >= s3ops.MinPartSize && size/pref <= s3ops.MaxParts && ps != pref {
				t.Errorf("size %d: preferred %d changed to %d without need", size, pref, ps)
			}
		}
	}
	if _, err := uploadPartSize(5*tib+1, 0); err == nil {
		t.Error("a file over 5 TiB was accepted")
	}
}

func TestRangesEncodeCompactlyAndRoundTrip(t *testing.T) {
	t.Parallel()
	done := []bool{true, true, true, false, true, false, false, true, true}
	s := encodeRanges(done)
	if s != "0-2,4,7-8" {
		t.Fatalf("encoded %q", s)
	}
	back, err := decodeRanges(s, len(done))
	if err != nil || !slices.Equal(back, done) {
		t.Fatalf("decoded %v %v", back, err)
	}
	for _, bad := range []string{"9", "3-1", "x", "-1", "0-99"} {
		if _, err := decodeRanges(bad, len(done)); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

func TestKeepBothNamesAndCompoundExtensions(t *testing.T) {
	t.Parallel()
	for in, want := range map[string][2]string{
		"photo.jpg": {"photo", ".jpg"}, "a.tar.gz": {"a", ".tar.gz"}, ".bashrc": {".bashrc", ""},
		"README": {"README", ""}, "x.TAR.xz": {"x", ".TAR.xz"}, ".tar.gz": {".tar", ".gz"},
	} {
		if s, e := splitExt(in); s != want[0] || e != want[1] {
			t.Errorf("splitExt(%q) = %q %q", in, s, e)
		}
	}
	long := strings.Repeat("é", 127) // 254 bytes, a legal name
	tmp := filepath.Base(tempName(filepath.Join("/d", long), "j0123456789abcdef"))
	if len(tmp) > maxSegmentBytes || !utf8.ValidString(tmp) || !strings.HasPrefix(tmp, ".ferry-é") {
		t.Errorf("temp name %q (%d bytes)", tmp, len(tmp))
	}
}
