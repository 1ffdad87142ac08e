package transfer

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestDownloadVersionAsFetchesThatVersion(t *testing.T) {
	t.Parallel()
	f := &fixture{t: t, srv: gwtest.Start(t, gwtest.WithVersioning()), bucket: "versioned"}
	f.c = f.connect(f.srv.Endpoint)
	ctx := context.Background()
	if err := f.c.CreateBucket(ctx, f.bucket, ""); err != nil {
		t.Fatal(err)
	}
	if err := f.c.SetBucketVersioning(ctx, f.bucket, true); err != nil {
		t.Fatal(err)
	}
	loc := f.loc("doc.txt")
	first := strings.Repeat("first version\n", 1000)
	for _, body := range []string{first, "second\n"} {
		putBytes(t, f, "doc.txt", []byte(body))
	}
	if _, err := f.c.Delete(ctx, loc, s3ops.DeleteOptions{}); err != nil { // now only versions hold it
		t.Fatal(err)
	}
	vs, err := f.c.Versions(ctx, loc)
	if err != nil || len(vs) != 3 || !vs[0].DeleteMarker {
		t.Fatalf("versions = %+v, %v", vs, err)
	}
	e := f.engine(Options{})
	target := filepath.Join(t.TempDir(), "doc (first).txt")
	if _, err := e.DownloadVersionAs(ctx, loc, vs[2], target, Overwrite); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if got, err := os.ReadFile(target); err != nil || string(got) != first {
		t.Fatalf("downloaded %d bytes, %v", len(got), err)
	}
	if _, err := e.DownloadVersionAs(ctx, loc, vs[0], target+"2", Overwrite); err == nil || !strings.Contains(err.Error(), "delete marker") {
		t.Fatalf("a delete marker: %v", err)
	}
}
