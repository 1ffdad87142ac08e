package s3ops_test

import (
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

func TestNewBucketNamesFollowS3sRules(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"abc", "my-bucket.logs", "2026-backups", strings.Repeat("a", 63)} {
		if err := s3ops.CheckNewBucketName(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for name, want := range map[string]string{
		"ab":                    "3 to 63 characters",
		strings.Repeat("a", 64): "3 to 63 characters",
		"MyBucket":              `use lower case ("mybucket")`,
		"My_Bucket":             `cannot hold 'M'`,
		"my_bucket":             `cannot hold '_'`,
		"bücket":                `cannot hold 'ü'`,
		"-bucket":               "begin and end with a letter or a digit",
		"bucket.":               "begin and end with a letter or a digit",
		"my..bucket":            "two dots in a row",
		"192.168.5.4":           "IP address",
		"xn--bucket":            `cannot begin with "xn--"`,
		"logs-s3alias":          `cannot end with "-s3alias"`,
	} {
		err := s3ops.CheckNewBucketName(name)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: err = %v, want %q", name, err, want)
		}
	}
}
