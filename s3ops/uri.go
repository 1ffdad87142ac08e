package s3ops

import (
	"fmt"
	"strings"
)

// Location is a place in S3: a bucket and a key or prefix within it. An
// empty Bucket means the bucket list.
type Location struct {
	Bucket string
	Key    string
}

// String formats the location as an s3:// URI.
func (l Location) String() string {
	if l.Bucket == "" {
		return "s3://"
	}
	return "s3://" + l.Bucket + "/" + l.Key
}

// IsPrefix reports whether the location names a prefix (or bucket root)
// rather than a single object.
func (l Location) IsPrefix() bool { return l.Key == "" || strings.HasSuffix(l.Key, "/") }

// Parent is the enclosing prefix (a bucket's root goes to the bucket list).
func (l Location) Parent() Location {
	if l.Key == "" {
		return Location{}
	}
	k := strings.TrimSuffix(l.Key, "/")
	if i := strings.LastIndexByte(k, '/'); i >= 0 {
		return Location{Bucket: l.Bucket, Key: k[:i+1]}
	}
	return Location{Bucket: l.Bucket}
}

// ParseURI parses s3://bucket/key. The key is taken verbatim (no
// percent-decoding), since S3 keys may contain any character.
func ParseURI(s string) (Location, error) {
	rest, ok := strings.CutPrefix(s, "s3://")
	if !ok {
		return Location{}, fmt.Errorf("%q is not an s3:// URI", s)
	}
	bucket, key, _ := strings.Cut(rest, "/")
	if bucket == "" {
		if key != "" {
			return Location{}, fmt.Errorf("%q has no bucket name", s)
		}
		return Location{}, nil
	}
	if err := validBucketName(bucket); err != nil {
		return Location{}, err
	}
	if strings.ContainsRune(key, 0) {
		return Location{}, fmt.Errorf("%q: keys cannot contain NUL", s)
	}
	return Location{Bucket: bucket, Key: key}, nil
}

// validBucketName applies the rules every S3 implementation agrees on
// (3-63 chars of lower-case letters, digits, dots and hyphens), plus
// upper case and underscores, which legacy buckets and some stores allow.
func validBucketName(b string) error {
	if len(b) < 3 || len(b) > 63 {
		return fmt.Errorf("bucket name %q must be 3 to 63 characters", b)
	}
	for _, r := range b {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '.' || r == '-' || r == '_' || r >= 'A' && r <= 'Z'
		if !ok {
			return fmt.Errorf("bucket name %q has an invalid character %q", b, r)
		}
	}
	return nil
}
