package s3ops

import (
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// S3 sends URL-encoded keys when asked (ferry always asks), so keys with
// characters XML cannot carry arrive intact; versitygw does not support
// it and says nothing, and its keys are taken as they are.
func TestListingKeysAreDecodedOnlyWhenTheServerEncodedThem(t *testing.T) {
	out := &s3.ListObjectsV2Output{EncodingType: types.EncodingTypeUrl,
		Contents: []types.Object{{Key: aws.String("p/ctrl%01.txt")}, {Key: aws.String("p/a+b%2Bc%25.txt")},
			{Key: aws.String("p/bad%zz")}},
		CommonPrefixes: []types.CommonPrefix{{Prefix: aws.String("p/sub%0A/")}}}
	got := pageEntries("p/", out)
	want := []string{"p/sub\n/", "p/ctrl\x01.txt", "p/a b+c%.txt", "p/bad%zz"}
	for i, e := range got {
		if e.Key != want[i] {
			t.Errorf("entry %d: key %q, want %q", i, e.Key, want[i])
		}
	}
	plain := &s3.ListObjectsV2Output{Contents: []types.Object{{Key: aws.String("p/a+b%2B.txt")}}}
	if k := pageEntries("p/", plain)[0].Key; k != "p/a+b%2B.txt" {
		t.Errorf("unencoded listing changed the key to %q", k)
	}
}
