package foldercmp_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/foldercmp"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/syncplan"
)

func TestMain(m *testing.M) { gwtest.Main(m) }

// store is a gateway with a bucket "cmp", reached by ferry's client and
// by the SDK (to write fixtures).
type store struct {
	c   *s3ops.Client
	sdk *s3.Client
}

func connect(t *testing.T) store {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	srv := gwtest.Start(t)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), "cmp", ""); err != nil {
		t.Fatal(err)
	}
	sdk := s3.New(s3.Options{Region: srv.Region, BaseEndpoint: aws.String(srv.Endpoint), UsePathStyle: true,
		Credentials: credentials.NewStaticCredentialsProvider(srv.AccessKey, srv.SecretKey, "")})
	return store{c: c, sdk: sdk}
}

func put(t *testing.T, st store, key, body string) {
	t.Helper()
	if _, err := st.sdk.PutObject(context.Background(), &s3.PutObjectInput{Bucket: aws.String("cmp"), Key: aws.String(key),
		Body: strings.NewReader(body)}); err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for p, body := range files {
		full := filepath.Join(dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func pathsOf(as []syncplan.Action) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Path)
	}
	return out
}

// Every kind of difference gets its state, folders sum up what is below
// them, and each direction's job copies what it must and deletes only
// when asked.
func TestStatesFoldersAndJobs(t *testing.T) {
	c := connect(t)
	dir := t.TempDir()
	write(t, dir, map[string]string{"same.txt": "same", "size.txt": "short", "content.txt": "aaaa", "left.txt": "l", "sub/deep.txt": "deep"})
	put(t, c, "p/same.txt", "same")
	put(t, c, "p/size.txt", "longer")
	put(t, c, "p/content.txt", "bbbb")
	put(t, c, "p/right.txt", "rr")
	put(t, c, "p/sub/deep.txt", "deep")
	var prog foldercmp.Progress
	r, err := foldercmp.Compare(context.Background(), foldercmp.Side{Local: dir},
		foldercmp.Side{Client: c.c, Loc: s3ops.Location{Bucket: "cmp", Key: "p/"}}, foldercmp.Options{}, &prog)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]foldercmp.File{
		"same.txt": {State: foldercmp.Same}, "size.txt": {State: foldercmp.Differs, Why: syncplan.Size},
		"content.txt": {State: foldercmp.Differs, Why: syncplan.Content}, "left.txt": {State: foldercmp.OnlyLeft},
		"right.txt": {State: foldercmp.OnlyRight}, "sub/deep.txt": {State: foldercmp.Same},
	}
	for p, w := range want {
		if f, ok := r.File(p); !ok || f.State != w.State || f.Why != w.Why {
			t.Errorf("%s: %+v (found %v), want state %d why %q", p, f, ok, w.State, w.Why)
		}
	}
	if sub, ok := r.Folder("sub"); !ok || sub.Differences() != 0 || sub.Same != 1 {
		t.Errorf("sub/: %+v %v", sub, ok)
	}
	if tot := r.Total; tot.Same != 2 || tot.Differs != 2 || tot.OnlyLeft != 1 || tot.OnlyRight != 1 || tot.OnlyRightBytes != 2 {
		t.Errorf("totals %+v", tot)
	}
	if prog.Left.Load() != 5 || prog.Right.Load() != 5 || !prog.Listed() {
		t.Errorf("progress: %d left, %d right, listed %v", prog.Left.Load(), prog.Right.Load(), prog.Listed())
	}
	j := r.Job(foldercmp.LeftToRight, false)
	if got := pathsOf(j.Copy); !slices.Equal(got, []string{"content.txt", "left.txt", "size.txt"}) || len(j.Delete) != 0 {
		t.Errorf("left to right: copy %v, delete %v", got, pathsOf(j.Delete))
	}
	j = r.Job(foldercmp.RightToLeft, true)
	if got := pathsOf(j.Copy); !slices.Equal(got, []string{"content.txt", "right.txt", "size.txt"}) ||
		!slices.Equal(pathsOf(j.Delete), []string{"left.txt"}) || j.Copy[1].Src.Size != 2 {
		t.Errorf("right to left: copy %v, delete %v", got, pathsOf(j.Delete))
	}
}

// A source that lists no files deletes nothing at the target, however
// asked: the target would be emptied.
func TestAnEmptySourceNeverDeletes(t *testing.T) {
	c := connect(t)
	put(t, c, "full/a.txt", "a")
	r, err := foldercmp.Compare(context.Background(), foldercmp.Side{Local: t.TempDir()},
		foldercmp.Side{Client: c.c, Loc: s3ops.Location{Bucket: "cmp", Key: "full/"}}, foldercmp.Options{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	j := r.Job(foldercmp.LeftToRight, true)
	if len(j.Delete) != 0 || j.Refused == "" {
		t.Fatalf("deletes %v, refused %q", pathsOf(j.Delete), j.Refused)
	}
	if j := r.Job(foldercmp.RightToLeft, true); len(j.Copy) != 1 || j.Refused != "" {
		t.Fatalf("the other way: copy %v, refused %q", pathsOf(j.Copy), j.Refused)
	}
}

// Two local folders are no comparison ferry makes.
func TestTwoLocalFoldersAreRefused(t *testing.T) {
	if _, err := foldercmp.Compare(context.Background(), foldercmp.Side{Local: t.TempDir()}, foldercmp.Side{Local: t.TempDir()}, foldercmp.Options{}, nil); err != foldercmp.ErrBothLocal {
		t.Fatalf("err %v", err)
	}
}
