package s3ops_test

import (
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// FuzzParseURI checks the s3:// parser's promises for any input: no
// panic; a parsed location has a valid bucket (or none, and then no
// key), a key without NUL that is taken verbatim, and it writes back to
// a URI that parses to the same location.
func FuzzParseURI(f *testing.F) {
	for _, s := range []string{"s3://", "s3:///", "s3://bucket", "s3://bucket/", "s3://b.c-d_e/k/e/y.txt",
		"s3://bucket/a%20b+c=d?x#y", "s3://bucket//double", "s3://bucket/../x", "s3://bucket/\x00", "s3://ab/k",
		"s3://" + strings.Repeat("b", 64) + "/k", "S3://bucket/k", "s3:/bucket", "s3://Bucket_Legacy/日本/é",
		"s3:///key", "s3://bu cket/k", "s3://bucket\n/k", "http://bucket/k"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		loc, err := s3ops.ParseURI(s)
		if err != nil {
			if loc != (s3ops.Location{}) || err.Error() == "" {
				t.Fatalf("%q: error %v with location %+v", s, err, loc)
			}
			return
		}
		if !strings.HasPrefix(s, "s3://") {
			t.Fatalf("%q has no s3:// but parsed to %+v", s, loc)
		}
		if loc.Bucket == "" && loc.Key != "" {
			t.Fatalf("%q: a key without a bucket: %+v", s, loc)
		}
		if loc.Bucket != "" && !validBucket(loc.Bucket) {
			t.Fatalf("%q: invalid bucket %q accepted", s, loc.Bucket)
		}
		if strings.ContainsRune(loc.Key, 0) {
			t.Fatalf("%q: a key with NUL accepted", s)
		}
		if loc.Bucket != "" && !strings.HasSuffix(s, loc.Key) {
			t.Fatalf("%q: key %q is not taken verbatim", s, loc.Key)
		}
		again, err := s3ops.ParseURI(loc.String())
		if err != nil || again != loc {
			t.Fatalf("%q → %+v → %q → %+v, %v", s, loc, loc.String(), again, err)
		}
	})
}

func validBucket(b string) bool {
	if len(b) < 3 || len(b) > 63 {
		return false
	}
	for _, r := range b {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune(".-_", r)) {
			return false
		}
	}
	return true
}
