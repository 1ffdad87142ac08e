package transfer

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// A drop of many files into one folder is checked with a listing of the
// folder, not a HEAD per file, and the answers are the same: exactly the
// files whose objects exist are conflicts; a folder named like a file is
// not one.
func TestManyFilesBoundForOneFolderAreCheckedWithOneListing(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	var want []string
	for i := range 300 {
		if i%15 == 0 {
			putObject(t, f.c, f.loc(fmt.Sprintf("drop/f%03d.txt", i)), []byte("there"))
			want = append(want, fmt.Sprintf("drop/f%03d.txt", i))
		}
	}
	putObject(t, f.c, f.loc("drop/f001.txt/inside"), []byte("a folder named like a file"))
	putObject(t, f.c, f.loc("elsewhere/f002.txt"), []byte("another folder"))
	var dsts []s3ops.Location
	for i := range 300 {
		dsts = append(dsts, f.loc(fmt.Sprintf("drop/f%03d.txt", i)))
	}
	f.proxy.log(true)

	p := NewPlacer(context.Background(), f.c, Skip, "", false)
	p.Check(dsts)
	sent := f.proxy.log(true)
	place := p.Func()
	for _, d := range dsts {
		place("/local/"+d.Key, d, 1)
	}
	if p.Err() != nil {
		t.Fatal(p.Err())
	}
	var got []string
	for _, c := range p.Conflicts() {
		got = append(got, c.Dest.Key)
	}
	if !slices.Equal(got, want) {
		t.Fatalf("conflicts = %v\nwant %v", got, want)
	}
	if len(sent) != 1 || sent[0].Method != http.MethodGet || sent[0].Key != "" {
		t.Fatalf("checking 300 files sent %d requests, want one listing: %+v", len(sent), sent)
	}
	if after := f.proxy.log(false); len(after) != 0 {
		t.Fatalf("placing the checked files sent %d more requests: %+v", len(after), after)
	}
}

// A few files are still asked one by one (a listing of a large folder
// would cost more than their HEADs), with the same answers.
func TestAFewFilesAreCheckedWithHead(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	putObject(t, f.c, f.loc("few/a.txt"), []byte("there"))
	dsts := []s3ops.Location{f.loc("few/a.txt"), f.loc("few/b.txt")}
	f.proxy.log(true)
	p := NewPlacer(context.Background(), f.c, Skip, "", false)
	p.Check(dsts)
	for _, r := range f.proxy.log(true) {
		if r.Method != http.MethodHead {
			t.Fatalf("checking two files sent %s %s %v, want HEADs", r.Method, r.Key, r.Query)
		}
	}
	place := p.Func()
	for _, d := range dsts {
		place("/local/"+d.Key, d, 1)
	}
	if c := p.Conflicts(); len(c) != 1 || c[0].Dest.Key != "few/a.txt" {
		t.Fatalf("conflicts = %+v, want few/a.txt", c)
	}
}

// BenchmarkCheckADropOf10000Files measures the conflict check of a drop
// of 10,000 files into a folder that holds 1,000 of their names already:
// what the user waits for between "upload?" and the queued rows.
func BenchmarkCheckADropOf10000Files(b *testing.B) {
	f := newFixture(b, true)
	var dsts []s3ops.Location
	for i := range 10000 {
		dsts = append(dsts, f.loc(fmt.Sprintf("drop/f%05d.bin", i)))
	}
	for i := 0; i < 10000; i += 10 {
		putObject(b, f.c, dsts[i], []byte("x"))
	}
	f.proxy.log(true)
	b.ResetTimer()
	for range b.N {
		p := NewPlacer(context.Background(), f.c, Skip, "", false)
		p.Check(dsts)
		if p.Err() != nil {
			b.Fatal(p.Err())
		}
	}
	b.ReportMetric(float64(len(f.proxy.log(true)))/float64(b.N), "requests/op")
}
