package syncplan_test

import (
	"context"
	"crypto/rand"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/syncplan"
)

func TestMain(m *testing.M) { gwtest.Main(m) }

// fixture is a gateway with a bucket, a local folder, and an engine to
// upload through (so objects are what ferry writes: 5 MiB parts above
// 5 MiB).
type fixture struct {
	t      *testing.T
	c      *s3ops.Client
	eng    *transfer.Engine
	local  string
	bucket string
}

const partSize = 5 << 20

func newFixture(t *testing.T) *fixture {
	t.Helper()
	t.Setenv("XDG_CACHE_HOME", t.TempDir())
	t.Setenv("XDG_STATE_HOME", t.TempDir())
	srv := gwtest.Start(t)
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), "sync", ""); err != nil {
		t.Fatal(err)
	}
	eng := transfer.New(c, transfer.Options{PartSize: partSize, MultipartThreshold: partSize, JournalPath: "-"})
	t.Cleanup(func() { eng.Close() })
	return &fixture{t: t, c: c, eng: eng, local: t.TempDir(), bucket: "sync"}
}

// write puts files (path → content) under the local folder.
func (f *fixture) write(files map[string]string) {
	f.t.Helper()
	for p, body := range files {
		full := filepath.Join(f.local, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			f.t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(body), 0o644); err != nil {
			f.t.Fatal(err)
		}
	}
}

// upload copies the local files named to the same paths under prefix.
func (f *fixture) upload(prefix string, paths ...string) {
	f.t.Helper()
	for _, p := range paths {
		if _, err := f.eng.Upload(context.Background(), filepath.Join(f.local, filepath.FromSlash(p)),
			s3ops.Location{Bucket: f.bucket, Key: prefix + p}); err != nil {
			f.t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := f.eng.Wait(ctx); err != nil {
		f.t.Fatal(err)
	}
	for _, j := range f.eng.Jobs() {
		if j.State != transfer.Done {
			f.t.Fatalf("upload %s: %v %s", j.Remote, j.State, j.Err)
		}
	}
}

// plan plans local → s3://sync/prefix.
func (f *fixture) plan(prefix string, mode syncplan.Mode, del bool, filter *syncplan.Filter) (*syncplan.Plan, *syncplan.HashCache) {
	f.t.Helper()
	cache := syncplan.OpenHashCache(f.local)
	dst := s3ops.Location{Bucket: f.bucket, Key: prefix}
	p := syncplan.Planner{
		Src:     &syncplan.Local{Root: f.local, Filter: filter},
		Dst:     &syncplan.Remote{Client: f.c, Loc: dst, Filter: filter},
		Mode:    mode,
		Delete:  del,
		Content: &syncplan.Comparer{Dst: f.c, DstLoc: dst, Cache: cache, PartSize: partSize},
	}
	plan, err := p.Plan(context.Background())
	if err != nil {
		f.t.Fatal(err)
	}
	if err := cache.Save(); err != nil {
		f.t.Fatal(err)
	}
	return plan, cache
}

func paths(as []syncplan.Action) []string {
	var out []string
	for _, a := range as {
		out = append(out, a.Path+" ("+string(a.Why)+")")
	}
	return out
}

func randomText(n int) string {
	b := make([]byte, n)
	rand.Read(b)
	return string(b)
}

// Names S3 sorts differently from a folder walk ("a-b" before "a/…",
// capitals before small letters, bytes of UTF-8) are matched one to one:
// a tree uploaded whole is "nothing to do", never a copy and a delete
// of the same file.
func TestATreeInSyncIsNothingToDoWhateverTheNames(t *testing.T) {
	f := newFixture(t)
	files := map[string]string{}
	for _, p := range []string{"a", "a-b", "a.b", "a0", "a/b", "a/b-c", "a/b/c", "a b/c", "B", "b/A", "é", "e/é", "z+y=x%", "deep/er/and/deeper.txt"} {
		files[p] = "content of " + p
	}
	delete(files, "a") // "a" is a folder here
	delete(files, "a/b")
	f.write(files)
	var all []string
	for p := range files {
		all = append(all, p)
	}
	f.upload("tree/", all...)
	plan, _ := f.plan("tree/", syncplan.ByContent, true, nil)
	if len(plan.Copy)+len(plan.Delete) != 0 || plan.Same != len(files) || plan.SrcFiles != len(files) {
		t.Fatalf("copy %v, delete %v, same %d of %d", paths(plan.Copy), paths(plan.Delete), plan.Same, len(files))
	}
}

// Each kind of difference is found and named; same-size edits are found
// by content, in single and multipart objects; the hash cache answers
// the second run without reading a file.
func TestEveryKindOfDifferenceIsFound(t *testing.T) {
	f := newFixture(t)
	big := randomText(12 << 20) // three 5 MiB parts
	f.write(map[string]string{"same.txt": "same", "edited.txt": "v1 abc", "grown.txt": "short", "big.bin": big, "gone.txt": "x"})
	f.upload("", "same.txt", "edited.txt", "grown.txt", "big.bin", "gone.txt")
	plan, cache := f.plan("", syncplan.ByContent, true, nil)
	if len(plan.Copy) != 0 || plan.Same != 5 || cache.Hashed == 0 {
		t.Fatalf("after upload: copy %v, same %d, hashed %d", paths(plan.Copy), plan.Same, cache.Hashed)
	}
	if _, cache := f.plan("", syncplan.ByContent, true, nil); cache.Hashed != 0 {
		t.Fatalf("the second run read %d files; the cache should answer", cache.Hashed)
	}
	edited := []byte(big)
	edited[7<<20] ^= 0xff // same size, one byte in the second part
	os.Remove(filepath.Join(f.local, "gone.txt"))
	f.write(map[string]string{"edited.txt": "v2 abc", "grown.txt": "longer now", "big.bin": string(edited), "new/file.txt": "new"})
	plan, _ = f.plan("", syncplan.ByContent, true, nil)
	want := []string{"big.bin (content)", "edited.txt (content)", "grown.txt (size)", "new/file.txt (missing)"}
	if got := paths(plan.Copy); !slices.Equal(got, want) {
		t.Fatalf("copies %v, want %v", got, want)
	}
	if got := paths(plan.Delete); !slices.Equal(got, []string{"gone.txt (only at the destination)"}) || plan.Same != 1 {
		t.Fatalf("deletes %v, same %d", got, plan.Same)
	}
	if plan, _ := f.plan("", syncplan.ByContent, false, nil); len(plan.Delete) != 0 {
		t.Fatalf("deletes without being asked: %v", paths(plan.Delete))
	}
	if plan, _ := f.plan("", syncplan.BySize, false, nil); !slices.Equal(paths(plan.Copy), []string{"grown.txt (size)", "new/file.txt (missing)"}) {
		t.Fatalf("by size: %v", paths(plan.Copy))
	}
}

// An excluded path is neither copied nor deleted, on either side.
func TestExcludedPathsAreLeftAloneOnBothSides(t *testing.T) {
	f := newFixture(t)
	f.write(map[string]string{"keep.txt": "k", "app.log": "l", "cache/x": "x"})
	f.upload("", "keep.txt", "app.log", "cache/x")
	for _, p := range []string{"app.log", "cache/x", "keep.txt"} {
		os.Remove(filepath.Join(f.local, filepath.FromSlash(p)))
	}
	f.write(map[string]string{"new.log": "n", "cache/y": "y", "new.txt": "t"})
	filter, err := syncplan.NewFilter([]string{"*.log", "cache/"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	plan, _ := f.plan("", syncplan.ByContent, true, filter)
	if got := strings.Join(paths(plan.Copy), ","); got != "new.txt (missing)" {
		t.Fatalf("copies %s", got)
	}
	if got := strings.Join(paths(plan.Delete), ","); got != "keep.txt (only at the destination)" {
		t.Fatalf("deletes %s", got)
	}
}

// Same names every file found equal, with both sides' entries, and no
// other: what a side-by-side compare marks as "same".
func TestSameHearsOfEachEqualFile(t *testing.T) {
	f := newFixture(t)
	f.write(map[string]string{"a.txt": "alpha", "b/c.txt": "gamma", "edited.txt": "v1", "grown.txt": "x"})
	f.upload("", "a.txt", "b/c.txt", "edited.txt", "grown.txt")
	f.write(map[string]string{"edited.txt": "v2", "grown.txt": "xx", "new.txt": "n"})
	var same []string
	dst := s3ops.Location{Bucket: f.bucket}
	p := syncplan.Planner{
		Src:     &syncplan.Local{Root: f.local},
		Dst:     &syncplan.Remote{Client: f.c, Loc: dst},
		Content: &syncplan.Comparer{Dst: f.c, DstLoc: dst, Cache: syncplan.OpenHashCache(f.local), PartSize: partSize},
		Same: func(s, d syncplan.Entry) {
			if s.Path != d.Path || s.Local == "" || d.ETag == "" {
				t.Errorf("same %q/%q: source %+v, destination %+v", s.Path, d.Path, s, d)
			}
			same = append(same, s.Path)
		},
	}
	plan, err := p.Plan(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(same)
	if !slices.Equal(same, []string{"a.txt", "b/c.txt"}) || plan.Same != 2 {
		t.Fatalf("same %v (plan counts %d), copies %v", same, plan.Same, paths(plan.Copy))
	}
}
