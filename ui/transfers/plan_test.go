package transfers_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/ui/transfers"
)

func TestPlanCopyPicksTheDirectionOrSaysWhyNot(t *testing.T) {
	local := source.NewLocal("/home/me")
	inBucket := source.NewS3(nil, s3ops.Location{Bucket: "media", Key: "photos/"})
	buckets := source.NewS3(nil, s3ops.Location{})
	files := []source.Entry{{Name: "a.txt", Key: "/home/me/a.txt", Size: 3}}

	up, why := transfers.PlanCopy(local, files, inBucket)
	if why != "" || up.Dir != transfer.Upload || up.Dest != (s3ops.Location{Bucket: "media", Key: "photos/"}) {
		t.Fatalf("local → S3 = %+v, %q", up, why)
	}
	down, why := transfers.PlanCopy(inBucket, []source.Entry{{Name: "2024", Key: "photos/2024/", IsDir: true}}, local)
	if why != "" || down.Dir != transfer.Download || down.LocalDir != "/home/me" || down.Bucket != "media" {
		t.Fatalf("S3 → local = %+v, %q", down, why)
	}
	for _, c := range []struct {
		from, to source.Source
		sel      []source.Entry
		want     string
	}{
		{local, buckets, files, "open a bucket in the S3 pane first: files are copied into the folder it shows"},
		{inBucket, buckets, files, "two S3 panes on one connection copy on the server, not through the transfer queue"},
		{inBucket, source.S3{Conn: "lab"}, files, "open a bucket in the other pane first: objects are copied into the folder it shows"},
		{local, local, files, "both panes show local folders: ferry copies between a local folder and S3"},
		{local, inBucket, nil, "nothing to copy here"},
	} {
		if _, why := transfers.PlanCopy(c.from, c.sel, c.to); why != c.want {
			t.Errorf("%v → %v: %q, want %q", c.from, c.to, why, c.want)
		}
	}
}

func TestQuittingWhileACopyIsBeingPreparedAsks(t *testing.T) {
	eng := transfer.New(nil, transfer.Options{JournalPath: "-"}) // the copy's command is never run
	defer eng.Close()
	km := keymap.Default()
	m := transfers.New(common.NewContext(context.Background(), &km), eng)
	queue := m.Queue(transfers.Plan{Dir: transfer.Upload, Entries: []source.Entry{{Name: "big", Key: "/x/big", IsDir: true}},
		Dest: s3ops.Location{Bucket: "media"}})
	if queue == nil {
		t.Fatal("no command to queue the copy")
	}
	if q := m.QuitQuestion(true); q != "" {
		t.Fatalf("a copy only offered (its command not run) is not under way: question = %q", q)
	}
	m.Update(queue()) // what the command sends first (its work follows it)
	if q := m.QuitQuestion(true); !strings.Contains(q, "still being prepared") {
		t.Fatalf("question = %q", q)
	}
	m.Update(transfers.QueuedMsg{Dir: transfer.Upload})
	if q := m.QuitQuestion(true); q != "" {
		t.Fatalf("once queued (here: nothing), question = %q", q)
	}
}
