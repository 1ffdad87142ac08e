package transfer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Keys the gateway can hold, through a real round trip: names that
// differ only by case or by Unicode normalisation stay distinct files (on
// a case- or normalisation-insensitive disk the second one meets the
// first at commit, which is a conflict the user is asked about; this
// kernel cannot mount such a file system, see docs/reliability.md), a
// 1,024-byte key downloads, control characters are refused with the
// reason, and nothing is written outside the target.
func TestHostileKeysRoundTripOrAreRefusedWithTheReason(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	names := []string{"Case.txt", "case.txt", "caf\u00e9.txt", "cafe\u0301.txt", "del\x7f.txt", "ctrl\x01.txt",
		filepath.FromSlash(key1024()[len("hostile/")-len("p/"):])} // a 1,024-byte key
	src := filepath.Join(t.TempDir(), "hostile")
	for i, n := range names {
		writeRandom(t, filepath.Join(src, n), int64(1000+i), uint64(40+i))
	}
	e := f.engine(smallParts(""))
	if _, err := e.Upload(context.Background(), src, f.loc("")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	e.ClearFinished()

	base := t.TempDir()
	dst := filepath.Join(base, "dst")
	b, err := e.Download(context.Background(), f.loc("hostile/"), dst, PolicyDefault)
	if err != nil {
		t.Fatal(err)
	}
	e.Wait(context.Background())
	skipped := map[string]string{}
	for _, s := range b.Skipped {
		skipped[s.Path] = s.Reason
	}
	for _, n := range names {
		key := "hostile/" + filepath.ToSlash(n)
		local := filepath.Join(dst, "hostile", n)
		switch {
		case n == "del\x7f.txt":
			if !strings.Contains(skipped[key], "control character U+007F") {
				t.Errorf("%q: skipped with reason %q", key, skipped[key])
			}
		case n == "ctrl\x01.txt":
			// XML cannot carry U+0001 and versitygw does not support
			// encoding-type=url: its listing shows U+FFFD instead, and
			// the download of that name must say so (S3 itself encodes
			// the key, and KeyToPath refuses it like U+007F).
			bad := "hostile/ctrl\uFFFD.txt"
			if reason, ok := skipped[key]; ok {
				if !strings.Contains(reason, "U+0001") {
					t.Errorf("%q: skipped with reason %q", key, reason)
				}
			} else if s := jobFor(e, bad); s.State != Failed || !strings.Contains(s.Err, "U+FFFD") {
				t.Errorf("%q listed as %q: %s %q", key, bad, s.State, s.Err)
			}
		default:
			if fileSHA(t, local) != fileSHA(t, filepath.Join(src, n)) {
				t.Errorf("%q differs after the round trip", key)
			}
		}
	}
	filepath.WalkDir(base, func(p string, d os.DirEntry, err error) error {
		if err == nil && p != base && !strings.HasPrefix(p, dst) {
			t.Errorf("written outside the target: %s", p)
		}
		return nil
	})
}

func jobFor(e *Engine, key string) JobStatus {
	for _, s := range e.Jobs() {
		if s.Remote.Key == key {
			return s
		}
	}
	return JobStatus{}
}
