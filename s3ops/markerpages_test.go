package s3ops_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// Versions and deleted objects are walked page by page from the markers
// each page ends on: with two entries a page, every version of keys with
// spaces, "+" and "%" is listed once, and no page is skipped or repeated.
// (Unfinished multipart uploads are walked the same way, but versitygw
// v1.8.0 refuses every page after the first: it drops the key-marker's
// uploads before looking for the upload-id-marker among them.)
func TestMarkerListingsWalkEveryPage(t *testing.T) {
	t.Parallel()
	c, srv := connectTuned(t, s3ops.Settings{ListPageSize: 2}, gwtest.WithVersioning())
	ctx := context.Background()
	mustCreateBucket(t, c, "pages")
	if err := c.SetBucketVersioning(ctx, "pages", true); err != nil {
		t.Fatal(err)
	}
	keys := []string{"d/a b.txt", "d/a+b.txt", "d/a%20b.txt", "d/z.txt"}
	for _, k := range keys {
		for v := range 3 {
			putWithMeta(t, srv, s3ops.Location{Bucket: "pages", Key: k}, fmt.Appendf(nil, "%s v%d", k, v), "text/plain", nil)
		}
	}
	for _, k := range keys {
		vs, err := c.Versions(ctx, s3ops.Location{Bucket: "pages", Key: k})
		if err != nil || len(vs) != 3 {
			t.Fatalf("versions of %q: %d (%v)", k, len(vs), err)
		}
		for _, v := range vs {
			if v.Key != k {
				t.Fatalf("versions of %q list %q", k, v.Key)
			}
		}
	}

	for _, k := range keys[:3] {
		if _, err := c.Delete(ctx, s3ops.Location{Bucket: "pages", Key: k}, s3ops.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	var deleted []string
	err := c.ListDeleted(ctx, s3ops.Location{Bucket: "pages", Key: "d/"}, func(es []s3ops.Entry) bool {
		for _, e := range es {
			deleted = append(deleted, e.Key)
		}
		return true
	})
	slices.Sort(deleted)
	if want := []string{"d/a b.txt", "d/a%20b.txt", "d/a+b.txt"}; err != nil || !slices.Equal(deleted, want) {
		t.Fatalf("deleted = %q (%v), want %q", deleted, err, want)
	}

}
