package transfer

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// crashChild runs one transfer in a child process (the test binary
// re-executed with childEnv set) until the parent test kills it.
func crashChild() int {
	get := os.Getenv
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: get("FERRY_CHILD_ENDPOINT"),
		Region: get("FERRY_CHILD_REGION"), AccessKey: get("FERRY_CHILD_AK"), SecretKey: get("FERRY_CHILD_SK")})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	o := smallParts(get("FERRY_CHILD_JOURNAL"))
	if get(childEnv) == "copy" { // from a second store, the connection "lab"
		src, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: get("FERRY_CHILD_SRC_ENDPOINT"),
			Region: get("FERRY_CHILD_REGION"), AccessKey: get("FERRY_CHILD_SRC_AK"), SecretKey: get("FERRY_CHILD_SRC_SK")})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 2
		}
		o.Sources = func(string) (*s3ops.Client, error) { return src, nil }
	}
	e := New(c, o)
	if _, err := e.Restore(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	loc := s3ops.Location{Bucket: get("FERRY_CHILD_BUCKET"), Key: get("FERRY_CHILD_KEY")}
	switch get(childEnv) {
	case "upload":
		_, err = e.Upload(context.Background(), get("FERRY_CHILD_LOCAL"), loc)
	case "copy":
		_, err = e.Copy(context.Background(), "lab", []CopyPair{{Src: s3ops.Location{Bucket: get("FERRY_CHILD_BUCKET"), Key: get("FERRY_CHILD_LOCAL")}, Dst: loc}}, "")
	default:
		_, err = e.Download(context.Background(), loc, get("FERRY_CHILD_LOCAL"), Ask)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 2
	}
	e.Wait(context.Background())
	fmt.Fprintf(os.Stderr, "child finished before it was killed: %+v\n", e.Jobs())
	return 3
}

// runAndKill starts a child transferring loc, waits until its journal
// shows enough progress, SIGKILLs it, and returns the journal it left.
// extra is more of the child's environment (a copy's source store).
func runAndKill(t *testing.T, f *fixture, mode, local, key, journal string, enough func(record) bool, extra ...string) record {
	t.Helper()
	exe, _ := os.Executable()
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(append(os.Environ(), extra...), childEnv+"="+mode, "FERRY_CHILD_ENDPOINT="+f.proxy.URL(),
		"FERRY_CHILD_REGION="+f.srv.Region, "FERRY_CHILD_AK="+f.srv.AccessKey, "FERRY_CHILD_SK="+f.srv.SecretKey,
		"FERRY_CHILD_JOURNAL="+journal, "FERRY_CHILD_BUCKET="+f.bucket, "FERRY_CHILD_KEY="+key, "FERRY_CHILD_LOCAL="+local)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan struct{})
	go func() { cmd.Wait(); close(exited) }()
	var last record
	waitFor(t, "the child's journal to show progress", func() bool {
		select {
		case <-exited:
			t.Fatalf("child exited early: %s", stderr.String())
		default:
		}
		data, err := os.ReadFile(journal)
		if err != nil {
			return false
		}
		recs, err := decodeJournal(data)
		if err != nil || len(recs) != 1 {
			return false
		}
		last = recs[0]
		return enough(last)
	})
	cmd.Process.Signal(syscall.SIGKILL)
	<-exited
	// The journal after the kill is what counts (it may have moved on).
	data, err := os.ReadFile(journal)
	if err != nil {
		t.Fatal(err)
	}
	recs, err := decodeJournal(data)
	if err != nil || len(recs) != 1 {
		t.Fatalf("journal after the crash: %v %+v", err, recs)
	}
	waitFor(t, "the proxy to drain", func() bool { return f.proxy.busy.Load() == 0 })
	return recs[0]
}

// restart brings the journal back in a new engine and finishes the job.
func restart(t *testing.T, f *fixture, journal string) *Engine {
	t.Helper()
	e := f.engine(smallParts(journal))
	jobs := e.Jobs()
	if len(jobs) != 1 || jobs[0].State != Paused {
		t.Fatalf("restored jobs: %+v", jobs)
	}
	e.ResumeAll()
	wait(t, e, Done)
	return e
}

func TestUploadContinuesAfterCrashWithoutResendingParts(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	dir := t.TempDir()
	src, journal := filepath.Join(dir, "big.bin"), filepath.Join(dir, "state", "transfers.journal")
	writeRandom(t, src, 8*5*mib+777, 42)
	f.proxy.bps.Store(2 * mib)
	rec := runAndKill(t, f, "upload", src, "crash/big.bin", journal, func(r record) bool { return len(r.Parts) >= 3 })
	if rec.UploadID == "" || len(rec.Parts) >= 9 {
		t.Fatalf("journal after the kill: %+v", rec)
	}
	first := f.proxy.log(true)
	f.proxy.bps.Store(0)
	restart(t, f, journal)
	second := f.proxy.log(false)

	journaled := map[int]bool{}
	for _, p := range rec.Parts {
		journaled[int(p.N)] = true
	}
	stored := map[int]int{}
	for _, r := range append(first, second...) {
		if r.Method == "PUT" && r.Part() > 0 && r.Status == 200 {
			stored[r.Part()]++
		}
	}
	for _, r := range second {
		if r.Method == "PUT" && journaled[r.Part()] {
			t.Errorf("part %d was in the journal but was sent again", r.Part())
		}
	}
	for n := 1; n <= 9; n++ {
		if stored[n] != 1 {
			t.Errorf("part %d was stored %d times across both runs, want once", n, stored[n])
		}
	}
	dst := t.TempDir()
	e := f.engine(smallParts(""))
	e.Download(context.Background(), f.loc("crash/big.bin"), dst, Ask)
	wait(t, e, Done)
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "big.bin")) {
		t.Fatal("the object differs from the source")
	}
	if ups, err := f.c.ListMultipartUploads(context.Background(), f.loc("crash/")); err != nil || len(ups) != 0 {
		t.Fatalf("multipart uploads left: %+v %v", ups, err)
	}
}

func TestDownloadKeepsCompletedRangesAfterCrash(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	dir := t.TempDir()
	src, journal := filepath.Join(dir, "big.bin"), filepath.Join(dir, "state", "transfers.journal")
	writeRandom(t, src, 8*5*mib+333, 7)
	e := f.engine(smallParts(""))
	e.Upload(context.Background(), src, f.loc("crash/big.bin"))
	wait(t, e, Done)
	dst := filepath.Join(dir, "dl")
	f.proxy.log(true)
	f.proxy.bps.Store(2 * mib)
	rec := runAndKill(t, f, "download", dst, "crash/big.bin", journal, func(r record) bool {
		rs, _ := decodeRanges(r.Ranges, rangeCount(r.Size, r.PartSize))
		return countTrue(rs) >= 3
	})
	have, err := decodeRanges(rec.Ranges, rangeCount(rec.Size, rec.PartSize))
	if err != nil || countTrue(have) < 3 || countTrue(have) == len(have) {
		t.Fatalf("journal after the kill: %+v %v", rec, err)
	}
	if _, err := os.Stat(filepath.Join(dst, "big.bin")); err == nil {
		t.Fatal("a partial file is under the final name")
	}
	f.proxy.log(true)
	f.proxy.bps.Store(0)
	restart(t, f, journal)
	for _, r := range f.proxy.log(false) {
		if r.Method != "GET" || r.Range == "" {
			continue
		}
		start, _ := strconv.ParseInt(strings.TrimSuffix(strings.SplitN(strings.TrimPrefix(r.Range, "bytes="), "-", 2)[0], "-"), 10, 64)
		if have[start/rec.PartSize] {
			t.Errorf("range %s was complete before the crash but fetched again", r.Range)
		}
	}
	if fileSHA(t, src) != fileSHA(t, filepath.Join(dst, "big.bin")) {
		t.Fatal("the download differs from the object")
	}
	assertNoLeftovers(t, dst)
}

func countTrue(bs []bool) int {
	n := 0
	for _, b := range bs {
		if b {
			n++
		}
	}
	return n
}
