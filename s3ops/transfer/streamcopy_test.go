package transfer

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// copyPair is a source store (through a counting proxy) and a
// destination store (through another), each a gateway of its own with
// its own keys, as two connections would be: the source is a gateway
// of the test's own, the destination the shared one. Both use the same
// bucket name, so a copy that read through the wrong connection would
// find no object rather than the right one.
type copyPair struct {
	src, dst *fixture
}

func newCopyPair(t *testing.T) copyPair {
	t.Helper()
	dst := newFixture(t, true)
	return copyPair{src: newFixtureOn(t, gwtest.Start(t), dst.bucket, true), dst: dst}
}

// sources resolves the connection name "lab" to the source store.
func (p copyPair) sources(name string) (*s3ops.Client, error) {
	if name != "lab" {
		return nil, errors.New("no such connection")
	}
	return p.src.c, nil
}

func (p copyPair) engine(o Options) *Engine {
	o.Sources = p.sources
	return p.dst.engine(o)
}

// partPuts counts the UploadPart requests the destination received.
func partPuts(log []reqLog) int {
	n := 0
	for _, r := range log {
		if r.Method == http.MethodPut && r.Part() > 0 {
			n++
		}
	}
	return n
}

// A multipart object and a small one are copied byte-exact from one
// store to the other, with their content type, metadata and tags, and
// no part is read from a disk.
func TestCopyStreamsBetweenTwoStores(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	ctx := context.Background()
	big := p.src.seed(t, "in/big.bin", 23*mib, 1, smallParts("-"))
	small := p.src.seed(t, "in/small.txt", 300<<10, 2, smallParts("-"))
	for _, key := range []string{"in/big.bin", "in/small.txt"} {
		if err := p.src.c.SetMetadata(ctx, p.src.loc(key), s3ops.Metadata{ContentType: "text/x-ferry",
			User: map[string]string{"owner": "lab"}}); err != nil {
			t.Fatal(err)
		}
		if err := p.src.c.SetTags(ctx, p.src.loc(key), map[string]string{"team": "ops"}); err != nil {
			t.Fatal(err)
		}
	}
	e := p.engine(smallParts(""))
	b, err := e.Copy(ctx, "lab", []CopyPair{{Src: p.src.loc("in/big.bin"), Dst: p.dst.loc("out/big.bin")},
		{Src: p.src.loc("in/small.txt"), Dst: p.dst.loc("out/small.txt")}}, "out/")
	if err != nil || len(b.Jobs) != 2 {
		t.Fatalf("copy: %v %v", b, err)
	}
	wait(t, e, Done)
	for key, local := range map[string]string{"out/big.bin": big, "out/small.txt": small} {
		if p.dst.storedSHA(t, key) != fileSHA(t, local) {
			t.Fatalf("%s differs from its source", key)
		}
		info, err := p.dst.c.Head(ctx, p.dst.loc(key))
		if err != nil || info.ContentType != "text/x-ferry" || info.Metadata["owner"] != "lab" {
			t.Fatalf("%s: attributes not carried over: %+v %v", key, info, err)
		}
		if tags, err := p.dst.c.GetTags(ctx, p.dst.loc(key)); err != nil || tags["team"] != "ops" {
			t.Fatalf("%s: tags %v %v", key, tags, err)
		}
	}
	if n := partPuts(p.dst.proxy.log(false)); n != 5 {
		t.Fatalf("the destination got %d part PUTs, want 5 (23 MiB in 5 MiB parts)", n)
	}
	for _, j := range e.Jobs() {
		if j.Dir != Copy || j.FromConn != "lab" || j.From.Bucket != p.src.bucket || j.Done != j.Total {
			t.Fatalf("job status: %+v", j)
		}
	}
}

// A copy stopped after some parts (the engine closed, as when ferry is
// stopped) comes back from the journal with its source connection's
// name, and sends only the parts the destination lacks.
func TestCopyResumesFromTheJournalSendingOnlyMissingParts(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	src, o := stopMidCopy(t, p, `"conn":"lab"`, func(ctx context.Context, e *Engine) error {
		_, err := e.Copy(ctx, "lab", []CopyPair{{Src: p.src.loc("big.bin"), Dst: p.dst.loc("big.bin")}}, "")
		return err
	})
	journal := o.JournalPath
	var resent atomic.Int32 // counted as they arrive: the part held above may still be logged later
	p.dst.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodPut && r.URL.Query().Get("partNumber") != "" {
			resent.Add(1)
		}
		return action{}
	})
	journalText, _ := os.ReadFile(journal)
	if strings.Contains(string(journalText), "X-Amz-Signature") || strings.Contains(string(journalText), p.src.srv.SecretKey) {
		t.Fatal("the journal holds a presigned URL or a key")
	}

	again := p.engine(o)
	if jobs := again.Jobs(); len(jobs) != 1 || jobs[0].State != Paused || jobs[0].FromConn != "lab" {
		t.Fatalf("restored: %+v", jobs)
	}
	again.ResumeAll()
	wait(t, again, Done)
	if p.dst.storedSHA(t, "big.bin") != fileSHA(t, src) {
		t.Fatal("the resumed copy differs from its source")
	}
	if n := resent.Load(); n < 1 || n > 4 {
		t.Fatalf("the resumed copy sent %d of its 6 parts, want at most the 4 missing", n)
	}
}

// A source replaced during the copy fails the copy, saying so, rather
// than mixing two versions; a retry copies the new version.
func TestCopyFailsClearlyWhenTheSourceChanges(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	ctx := context.Background()
	p.src.seed(t, "big.bin", 15*mib, 4, smallParts("-"))
	o := smallParts("-")
	o.PartsPerFile = 1
	e := p.engine(o)
	var gets atomic.Int32
	replacement := p.src.connect(p.src.srv.Endpoint) // straight to the gateway: not through the hook
	p.src.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodGet && r.Header.Get("Range") != "" && gets.Add(1) == 2 {
			putObject(t, replacement, p.src.loc("big.bin"), []byte("a new version"))
		}
		return action{}
	})
	if _, err := e.Copy(ctx, "lab", []CopyPair{{Src: p.src.loc("big.bin"), Dst: p.dst.loc("big.bin")}}, ""); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Failed)
	j := e.Jobs()[0]
	if !strings.Contains(j.Err, "source object changed") {
		t.Fatalf("error: %q", j.Err)
	}
	if ok, _ := p.dst.c.Exists(ctx, p.dst.loc("big.bin")); ok {
		t.Fatal("a copy of a changing source was completed")
	}
	p.src.proxy.setHook(nil)
	if err := e.Retry(j.ID); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if got := p.dst.storedSHA(t, "big.bin"); got != bytesSHA([]byte("a new version")) {
		t.Fatal("the retry did not copy the new version")
	}
}

// Without a way to reach the source connection, Copy refuses at once.
func TestCopyNeedsItsSourceConnection(t *testing.T) {
	t.Parallel()
	p := newCopyPair(t)
	e := p.dst.engine(smallParts("-"))
	if _, err := e.Copy(context.Background(), "lab", []CopyPair{{Src: p.src.loc("x"), Dst: p.dst.loc("x")}}, ""); !errors.Is(err, errNoSource) {
		t.Fatalf("err = %v", err)
	}
}

// putObject writes body to loc with one presigned PUT.
func putObject(t testing.TB, c *s3ops.Client, loc s3ops.Location, body []byte) {
	p, err := c.PresignPut(context.Background(), loc, "", time.Minute)
	if err != nil {
		t.Error(err)
		return
	}
	req, _ := http.NewRequest(p.Method, p.URL, bytes.NewReader(body))
	resp, err := c.HTTP().Do(req)
	if err != nil {
		t.Error(err)
		return
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Errorf("put: status %d", resp.StatusCode)
	}
}

// stopMidCopy seeds a 30 MiB source big.bin, has start queue its copy (or
// move) on an engine journaling to a file, holds the third part and
// closes the engine once the journal holds two finished parts and mark
// (as when ferry is stopped mid-copy). It returns the source file and
// the options that restore the journal.
func stopMidCopy(t *testing.T, p copyPair, mark string, start func(context.Context, *Engine) error) (string, Options) {
	t.Helper()
	src := p.src.seed(t, "big.bin", 30*mib, 3, smallParts("-"))
	journal := filepath.Join(t.TempDir(), "transfers.journal")
	o := smallParts(journal)
	o.PartsPerFile = 1
	e := p.engine(o)
	var sent atomic.Int32
	stopped := make(chan struct{})
	p.dst.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodPut && r.URL.Query().Get("partNumber") != "" && sent.Add(1) > 2 {
			<-stopped // hold the third part until the engine is closed
		}
		return action{}
	})
	if err := start(context.Background(), e); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "two parts in the journal", func() bool {
		b, _ := os.ReadFile(journal)
		return strings.Count(string(b), `{"n":`) >= 2 && strings.Contains(string(b), mark)
	})
	go func() { e.Close(); close(stopped) }()
	<-stopped
	return src, o
}
