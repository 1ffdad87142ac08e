package s3ops_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestVersionsListDownloadRestoreAndDelete(t *testing.T) {
	t.Parallel()
	c, srv := connectWith(t, gwtest.WithVersioning())
	ctx := context.Background()
	mustCreateBucket(t, c, "ver")
	if st, err := c.BucketVersioning(ctx, "ver"); err != nil || st != s3ops.VersioningOff || st.HasVersions() {
		t.Fatalf("new bucket: %q %v", st, err)
	}
	if err := c.SetBucketVersioning(ctx, "ver", true); err != nil {
		t.Fatal(err)
	}
	if st, err := c.BucketVersioning(ctx, "ver"); err != nil || st != s3ops.VersioningEnabled || !st.HasVersions() {
		t.Fatalf("after enabling: %q %v", st, err)
	}
	loc := s3ops.Location{Bucket: "ver", Key: "notes/today + más.txt"}
	putWithMeta(t, srv, loc, []byte("one"), "text/one", map[string]string{"v": "1"})
	// Every version gets its own metadata: the posix gateway keeps the
	// previous metadata on a PUT without any (unlike S3).
	putWithMeta(t, srv, loc, []byte("two two"), "text/two", map[string]string{"v": "2"})
	putObject(t, c, s3ops.Location{Bucket: "ver", Key: loc.Key + ".bak"}, []byte("a sibling key"))
	putWithMeta(t, srv, loc, []byte("three three three"), "text/three", map[string]string{"v": "3"})
	if _, err := c.Delete(ctx, loc, s3ops.DeleteOptions{}); err != nil {
		t.Fatal(err)
	}

	vs, err := c.Versions(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) != 4 || !vs[0].DeleteMarker || !vs[0].IsLatest {
		t.Fatalf("versions = %+v", vs)
	}
	bySize := map[int64]s3ops.Version{}
	for _, v := range vs[1:] {
		if v.Key != loc.Key || v.DeleteMarker || v.IsLatest || v.VersionID == "" || v.Modified.IsZero() {
			t.Fatalf("version %+v", v)
		}
		bySize[v.Size] = v
	}
	v1, v2 := bySize[3], bySize[7]
	if v1.VersionID == "" || v2.VersionID == "" || bySize[17].VersionID == "" {
		t.Fatalf("sizes: %+v", vs)
	}

	// Download an old version through its presigned URL.
	p, err := c.PresignGet(ctx, loc, time.Minute, s3ops.GetOptions{VersionID: v2.VersionID})
	if err != nil {
		t.Fatal(err)
	}
	if got := httpGet(t, c, p.URL); string(got) != "two two" {
		t.Fatalf("version 2 = %q", got)
	}

	// A delete marker has nothing to restore.
	err = c.RestoreVersion(ctx, loc, vs[0].VersionID)
	if s3ops.KindOf(err) != s3ops.KindInvalidArgument || !strings.Contains(err.Error(), "delete marker") {
		t.Fatalf("restoring a delete marker: %v", err)
	}

	// Restoring the newest real version of a deleted object undeletes it:
	// the delete marker goes, no copy is made.
	v3 := bySize[17]
	if err := c.RestoreVersion(ctx, loc, v3.VersionID); err != nil {
		t.Fatal(err)
	}
	assertSameObject(t, c, loc, []byte("three three three"), "text/three", map[string]string{"v": "3"})
	if after, _ := c.Versions(ctx, loc); len(after) != 3 || after[0].VersionID != v3.VersionID || !after[0].IsLatest {
		t.Fatalf("after undelete: %+v", after)
	}

	// Restoring an older version copies it over the key: a new current
	// version with version 1's bytes, type and metadata.
	if err := c.RestoreVersion(ctx, loc, v1.VersionID); err != nil {
		t.Fatal(err)
	}
	assertSameObject(t, c, loc, []byte("one"), "text/one", map[string]string{"v": "1"})
	after, err := c.Versions(ctx, loc)
	if err != nil {
		t.Fatal(err)
	}
	if len(after) != 4 || after[0].DeleteMarker || !after[0].IsLatest || after[0].Size != 3 || after[0].VersionID == v1.VersionID {
		t.Fatalf("after restore: %+v", after)
	}
	// Restoring the current version again changes nothing.
	if err := c.RestoreVersion(ctx, loc, after[0].VersionID); err != nil {
		t.Fatal(err)
	}
	if again, _ := c.Versions(ctx, loc); len(again) != 4 {
		t.Fatalf("restoring the current version made a new one: %d versions", len(again))
	}

	// Deleting a version removes it for good.
	if err := c.DeleteVersion(ctx, loc, v2.VersionID); err != nil {
		t.Fatal(err)
	}
	final, _ := c.Versions(ctx, loc)
	for _, v := range final {
		if v.VersionID == v2.VersionID {
			t.Fatalf("version %s still listed", v2.VersionID)
		}
	}
	if len(final) != 3 {
		t.Fatalf("after deleting a version: %+v", final)
	}
}

func TestVersioningOffOnAGatewayWithoutVersions(t *testing.T) {
	t.Parallel()
	c, _ := connect(t)
	mustCreateBucket(t, c, "plain")
	st, err := c.BucketVersioning(context.Background(), "plain")
	if err != nil || st.HasVersions() {
		t.Fatalf("%q %v", st, err)
	}
	if _, err := c.BucketVersioning(context.Background(), "missing"); s3ops.KindOf(err) != s3ops.KindNoSuchBucket {
		t.Fatalf("missing bucket: %v", err)
	}
}
