package syncplan_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/syncplan"
)

// A prefix's folders are listed side by side, yet the keys come out in
// the one order S3 lists them in (files of the top level between the
// folders: "a.txt" < "a/…" < "a0"), with more folders than are listed
// at once, several pages in a folder, and a folder a filter leaves out
// never listed.
func TestARemoteSideListsItsFoldersAtOnceInKeyOrder(t *testing.T) {
	f := newFixture(t)
	files := map[string]string{"a.txt": "1", "a0": "2", "a/x": "3", "a/b/c": "4", "a-b": "5", "z": "6"}
	for i := range 20 {
		files[fmt.Sprintf("d%02d/f", i)] = "d"
	}
	for i := range 25 {
		files[fmt.Sprintf("many/k%03d", i)] = "m"
	}
	files["skip/me"] = "s"
	f.write(files)
	var keys []string
	for k := range files {
		keys = append(keys, k)
	}
	f.upload("p/", keys...)

	filter, err := syncplan.NewFilter([]string{"skip/"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	side := &syncplan.Remote{Client: f.c, Loc: s3ops.Location{Bucket: f.bucket, Key: "p/"}, Filter: filter, PageSize: 4}
	for e, err := range side.Entries(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, e.Path)
	}
	want := slices.DeleteFunc(slices.Clone(keys), func(k string) bool { return k == "skip/me" })
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("listed\n%q\nwant\n%q", got, want)
	}
}
