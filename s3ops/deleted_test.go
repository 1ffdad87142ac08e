package s3ops_test

import (
	"context"
	"slices"
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// Deleted objects of a versioned bucket vanish from a plain listing;
// ListDeleted finds them (only those whose latest version is the delete),
// and the folders whose every object was deleted.
func TestListDeletedFindsDeletedObjectsAndEmptiedFolders(t *testing.T) {
	t.Parallel()
	c, _ := connectWith(t, gwtest.WithVersioning())
	ctx := context.Background()
	mustCreateBucket(t, c, "ver")
	if err := c.SetBucketVersioning(ctx, "ver", true); err != nil {
		t.Fatal(err)
	}
	at := func(k string) s3ops.Location { return s3ops.Location{Bucket: "ver", Key: k} }
	for _, k := range []string{"docs/kept.txt", "docs/gone.txt", "docs/old/a.txt", "docs/deep/b.txt", "other.txt"} {
		putObject(t, c, at(k), []byte(k))
	}
	for _, k := range []string{"docs/gone.txt", "docs/old/a.txt", "other.txt"} {
		if _, err := c.Delete(ctx, at(k), s3ops.DeleteOptions{}); err != nil {
			t.Fatal(err)
		}
	}
	// (A key written again after its delete is not tested here: versitygw
	// then lists a second delete marker as the latest version and not the
	// new object. The pane drops deleted names its plain listing has.)

	var got []string
	var deleted []s3ops.Entry
	err := c.ListDeleted(ctx, at("docs/"), func(es []s3ops.Entry) bool {
		for _, e := range es {
			got = append(got, e.Name)
			if e.Deleted {
				deleted = append(deleted, e)
			}
		}
		return true
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(got)
	if want := []string{"deep/", "gone.txt", "old/"}; !slices.Equal(got, want) {
		t.Fatalf("ListDeleted(docs/) = %q, want %q", got, want)
	}
	if len(deleted) != 1 || deleted[0].Key != "docs/gone.txt" || deleted[0].Modified.IsZero() {
		t.Fatalf("deleted entries %+v", deleted)
	}
	if err := c.ListDeleted(ctx, at("docs/gone.txt"), func([]s3ops.Entry) bool { return true }); s3ops.KindOf(err) != s3ops.KindInvalidArgument {
		t.Fatalf("ListDeleted of an object: %v", err)
	}
}
