package transfer

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// The chaos suite runs a mixed batch of more than a hundred transfers
// through the fault-injection proxy with random faults on every kind of
// request (control plane included) and checks the promise made to the
// user: each transfer ends done and byte-exact, or failed with a clear
// reason after its retries. Never "done" with wrong bytes, never a
// partial file under a final name, never a multipart upload left on the
// server once the user has cancelled or given up.
//
// CI runs seed 1; run more with FERRY_FAULT_SEEDS=1-8.

// chaosOptions make multipart and ranged downloads happen with small
// files: uploads over 1 MiB use multipart (5 MiB parts, S3's minimum),
// downloads over 1 MiB fetch 1 MiB ranges.
func chaosOptions() Options {
	return Options{PartSize: mib, MultipartThreshold: mib, PartsPerFile: 3, FilesInFlight: 6, MaxRetries: 5}
}

// chaosBatch is what one run queued and what it should produce.
type chaosBatch struct {
	dlDir    string
	upSHA    map[JobID]string // uploads: sha256 of the source
	dlSHA    map[JobID]string // downloads: sha256 of the object
	doomed   map[JobID]bool   // jobs a rule makes fail on every attempt
	cancel   []JobID          // jobs cancelled mid-flight
	queueErr []error          // Upload/Download calls that failed to queue
}

func TestChaosBatchEndsDoneAndExactOrFailedWithAReason(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("-short: a batch through every kind of fault takes about 12 s")
	}
	for _, seed := range faultSeeds(t, 1) {
		t.Run(fmt.Sprintf("seed=%d", seed), func(t *testing.T) {
			t.Parallel()
			runChaosBatch(t, seed)
		})
	}
}

func runChaosBatch(t *testing.T, seed int64) {
	start := time.Now()
	ff := newFaultFixture(t, seed)
	cb := &chaosBatch{dlDir: t.TempDir(), upSHA: map[JobID]string{}, dlSHA: map[JobID]string{}, doomed: map[JobID]bool{}}
	objects := seedDownloadSources(t, ff)
	upRoot := makeUploadSources(t, seed)

	dataPlane := func(r faultproxy.Record) bool { return r.Query.Has("X-Amz-Signature") } // presigned
	ff.fp.AddRule(faultproxy.Rule{Name: "doomed", Match: faultproxy.Match{Path: "doomed", Func: dataPlane},
		Fault: faultproxy.Fault{Kind: faultproxy.InternalError}})
	ff.fp.AddRule(faultproxy.Rule{Name: "slow", Match: faultproxy.Match{Path: "/slow"},
		Fault: faultproxy.Fault{Kind: faultproxy.Throttle, RequestBPS: 2 * mib, ResponseBPS: 2 * mib}})
	ff.fp.SetChaos(faultproxy.Chaos{Seed: seed, Rate: 0.2, Stall: 300 * time.Millisecond,
		Latency: 100 * time.Millisecond, BytesPerSec: 4 * mib})
	o := chaosOptions()
	o.JournalPath = filepath.Join(t.TempDir(), "transfers.journal")
	e, statuses := ff.faultEngine(o)

	queueChaosBatch(t, ff, e, cb, upRoot, objects)
	cancelSlowJobs(t, e, cb)
	ctx, stop := context.WithTimeout(context.Background(), 3*time.Minute)
	defer stop()
	if err := e.Wait(ctx); err != nil {
		t.Fatalf("the batch did not finish: %v", err)
	}
	ff.fp.WaitIdle(10 * time.Second)
	reqs := ff.fp.Requests()
	faults := faultSummary(reqs)
	ff.fp.Reset() // the network is fine again while the user cleans up

	counts := checkChaosOutcome(t, ff, e, cb, reqs)
	giveUpAndCheckClean(t, ff, e, cb, o)
	t.Logf("chaos seed %d: %s; jobs done %d, failed %d (doomed %d), cancelled %d; %d retry statuses shown; %s",
		seed, faults, counts.done, counts.failed, counts.doomedFailed, counts.cancelled, len(statuses.all()),
		time.Since(start).Round(time.Second))
	for _, err := range cb.queueErr {
		t.Logf("  not queued: %v", err)
	}
	for _, r := range counts.reasons {
		t.Logf("  failed: %s", r)
	}
}

// seedDownloadSources stores the objects the batch downloads (directly,
// without faults) and returns their keys with the sha256 of each.
func seedDownloadSources(t *testing.T, ff *faultFixture) map[string]string {
	dir := filepath.Join(t.TempDir(), "src")
	sizes := map[string]int64{}
	for i := range 30 {
		sizes[fmt.Sprintf("tree/d%d/f%02d.bin", i%4, i)] = int64(i * 7919 % (200 << 10))
	}
	for i := range 6 {
		sizes[fmt.Sprintf("ranged-%d.bin", i)] = 2*mib + int64(i)*300_001
	}
	for i := range 3 {
		sizes[fmt.Sprintf("mp-%d.bin", i)] = 11*mib + int64(i)*77
	}
	sizes["slow-dl.bin"] = 9 * mib
	sizes["doomed-dl.bin"] = 3 * mib
	for name, size := range sizes {
		writeRandom(t, filepath.Join(dir, filepath.FromSlash(name)), size, uint64(size)+uint64(len(name)))
	}
	e := ff.engine(Options{PartSize: 5 * mib, MultipartThreshold: 5 * mib, JournalPath: "-"})
	for _, name := range []string{"tree"} {
		if _, err := e.Upload(context.Background(), filepath.Join(dir, name), ff.loc("src/")); err != nil {
			t.Fatal(err)
		}
	}
	for name := range sizes {
		if !strings.HasPrefix(name, "tree/") {
			if _, err := e.Upload(context.Background(), filepath.Join(dir, name), ff.loc("src/"+name)); err != nil {
				t.Fatal(err)
			}
		}
	}
	wait(t, e, Done)
	out := map[string]string{}
	for name := range sizes {
		out["src/"+name] = fileSHA(t, filepath.Join(dir, filepath.FromSlash(name)))
	}
	return out
}

// makeUploadSources writes the local files the batch uploads: a folder of
// 60 small files, files just over the multipart threshold (one part),
// 3-part files, slow ones to cancel and doomed ones.
func makeUploadSources(t *testing.T, seed int64) string {
	root := t.TempDir()
	for i := range 60 {
		size := int64((i*104729 + int(seed)*31) % (256 << 10))
		if i%10 == 0 {
			size = 0
		}
		writeRandom(t, filepath.Join(root, "tree", fmt.Sprintf("s%d", i%5), fmt.Sprintf("small-%02d.dat", i)), size, uint64(seed)*1000+uint64(i))
	}
	for i := range 6 {
		writeRandom(t, filepath.Join(root, "mid", fmt.Sprintf("mid-%d.bin", i)), mib+int64(i)*400_003, uint64(seed)*2000+uint64(i))
	}
	for i := range 3 {
		writeRandom(t, filepath.Join(root, "big", fmt.Sprintf("big-%d.bin", i)), 11*mib+int64(i)*13, uint64(seed)*3000+uint64(i))
	}
	for i := range 2 {
		writeRandom(t, filepath.Join(root, "slow", fmt.Sprintf("slow-%d.bin", i)), 16*mib, uint64(seed)*4000+uint64(i))
	}
	writeRandom(t, filepath.Join(root, "doomed", "doomed-small.txt"), 1000, 1)
	writeRandom(t, filepath.Join(root, "doomed", "doomed-mp.bin"), 6*mib, 2)
	return root
}

// queueChaosBatch queues every upload and download and notes what each
// job should end with.
func queueChaosBatch(t *testing.T, ff *faultFixture, e *Engine, cb *chaosBatch, upRoot string, objects map[string]string) {
	upload := func(local, key string) {
		b, err := e.Upload(context.Background(), local, ff.loc(key))
		if err != nil {
			cb.queueErr = append(cb.queueErr, err)
			return
		}
		for _, id := range b.Jobs {
			s, _ := e.Job(id)
			cb.upSHA[id] = fileSHA(t, s.Local)
			cb.doomed[id] = strings.Contains(s.Local, "doomed")
			if strings.Contains(s.Local, "/slow/") {
				cb.cancel = append(cb.cancel, id)
			}
		}
	}
	download := func(key string) {
		var b Batch
		var err error
		for range 3 { // a listing or HEAD that failed is an error the user sees and tries again
			if b, err = e.Download(context.Background(), ff.loc(key), cb.dlDir, PolicyDefault); err == nil {
				break
			}
			cb.queueErr = append(cb.queueErr, err)
		}
		if err != nil {
			return
		}
		for _, id := range b.Jobs {
			s, _ := e.Job(id)
			cb.dlSHA[id] = objects[s.Remote.Key]
			cb.doomed[id] = strings.Contains(s.Remote.Key, "doomed")
			if strings.Contains(s.Remote.Key, "/slow") {
				cb.cancel = append(cb.cancel, id)
			}
		}
	}
	upload(filepath.Join(upRoot, "tree"), "up/")
	for _, dir := range []string{"mid", "big", "slow", "doomed"} {
		ents, _ := os.ReadDir(filepath.Join(upRoot, dir))
		for _, ent := range ents {
			upload(filepath.Join(upRoot, dir, ent.Name()), "up/"+dir+"/"+ent.Name())
		}
	}
	download("src/tree/")
	for key := range objects {
		if !strings.HasPrefix(key, "src/tree/") {
			download(key)
		}
	}
	if n := len(cb.upSHA) + len(cb.dlSHA); n < 100 {
		t.Fatalf("only %d transfers queued (%d calls failed: %v)", n, len(cb.queueErr), cb.queueErr)
	}
}

// cancelSlowJobs cancels the throttled jobs once they have moved some
// bytes, as a user changing their mind would.
func cancelSlowJobs(t *testing.T, e *Engine, cb *chaosBatch) {
	for _, id := range cb.cancel {
		waitFor(t, "a slow job to make progress", func() bool {
			s, _ := e.Job(id)
			return s.State.Finished() || (s.State == Running && s.Done > 2*mib)
		})
		if err := e.Cancel(id); err != nil {
			t.Logf("cancel %s: %v (it had ended)", id, err)
		}
	}
}

// chaosCounts sums up how the jobs ended.
type chaosCounts struct {
	done, failed, cancelled, doomedFailed int
	reasons                               []string
}

// checkChaosOutcome checks every job against the promise.
func checkChaosOutcome(t *testing.T, ff *faultFixture, e *Engine, cb *chaosBatch, reqs []faultproxy.Record) chaosCounts {
	var c chaosCounts
	for _, err := range cb.queueErr {
		checkReason(t, "queueing", err.Error())
	}
	uploadIDs := map[string]bool{}
	for _, s := range e.Jobs() {
		want, isUp := cb.upSHA[s.ID]
		if !isUp {
			want = cb.dlSHA[s.ID]
		}
		got := ""
		if isUp {
			got = ff.storedSHA(t, s.Remote.Key)
		} else if _, err := os.Lstat(s.Local); err == nil {
			got = fileSHA(t, s.Local)
		}
		switch s.State {
		case Done:
			c.done++
			if got != want {
				t.Errorf("%s %s → %s is done but its bytes differ", s.Dir, s.Local, s.Remote)
			}
		case Failed:
			c.failed++
			if cb.doomed[s.ID] {
				c.doomedFailed++
			}
			checkReason(t, s.Local, s.Err)
			c.reasons = append(c.reasons, s.Err)
			if got != "" && got != want {
				t.Errorf("%s %s → %s failed and left wrong bytes under the final name", s.Dir, s.Local, s.Remote)
			}
			if id := e.uploadIDOf(s.ID); id != "" {
				uploadIDs[id] = true
			}
		case Cancelled:
			c.cancelled++
			if got != "" && got != want {
				t.Errorf("%s %s → %s was cancelled and left wrong bytes", s.Dir, s.Local, s.Remote)
			}
		default:
			t.Errorf("%s %s → %s ended %s", s.Dir, s.Local, s.Remote, s.State)
		}
		if cb.doomed[s.ID] && s.State != Failed {
			t.Errorf("doomed %s ended %s, want failed after its retries", s.Local, s.State)
		}
	}
	// A multipart upload still on the server belongs to a failed job the
	// user can retry (it resumes from the parts already sent).
	for _, up := range ff.uploadsLeft(t, "up/") {
		if !uploadIDs[up.UploadID] {
			t.Errorf("multipart upload of %s (%s) is on the server but no job holds it", up.Key, up.UploadID)
			logRequestsFor(t, reqs, up.Key)
		}
	}
	if c.doomedFailed < 3 {
		t.Errorf("only %d doomed jobs failed; the rule did not bite", c.doomedFailed)
	}
	if c.cancelled == 0 {
		t.Error("no job was cancelled mid-flight")
	}
	return c
}

// checkReason fails unless reason is a sentence a user can act on: it
// says what failed, and a retryable failure says it was retried.
func checkReason(t *testing.T, what, reason string) {
	t.Helper()
	switch {
	case strings.TrimSpace(reason) == "":
		t.Errorf("%s failed without a reason", what)
	case strings.Contains(reason, "X-Amz-Signature") || strings.Contains(reason, "X-Amz-Credential"):
		t.Errorf("%s: the reason shows a presigned URL: %s", what, reason)
	case strings.Contains(reason, "internal error") && !strings.Contains(reason, "attempts"):
		t.Errorf("%s: a retryable failure does not say it was retried: %s", what, reason)
	}
}

// giveUpAndCheckClean cancels every failed job, as a user giving up
// would, closes the engine and checks nothing is left behind: no
// multipart upload on the server, no temp file, no partial file.
func giveUpAndCheckClean(t *testing.T, ff *faultFixture, e *Engine, cb *chaosBatch, o Options) {
	for _, s := range e.Jobs() {
		if s.State == Failed {
			if err := e.Cancel(s.ID); err != nil {
				t.Errorf("cancel failed job: %v", err)
			}
		}
	}
	if err := e.Close(); err != nil {
		t.Errorf("close: %v", err)
	}
	// Uploads the closed engine was still watching are checked again by
	// the next one, once nothing is in flight any more.
	ff.fp.WaitIdle(10 * time.Second)
	next, _ := ff.faultEngine(o)
	settleAborts(t, next)
	if ups := ff.uploadsLeft(t, ""); len(ups) != 0 {
		t.Errorf("%d multipart uploads left after cancelling: %+v", len(ups), ups)
	}
	if left := tempFilesUnder(cb.dlDir); len(left) != 0 {
		t.Errorf("temp files left after cancelling: %q", left)
	}
	for _, s := range e.Jobs() {
		if s.Dir == Download && s.State == Cancelled {
			if _, err := os.Lstat(s.Local); err == nil && fileSHA(t, s.Local) != cb.dlSHA[s.ID] {
				t.Errorf("a cancelled download left wrong bytes at %s", s.Local)
			}
		}
	}
}

// faultSummary counts the requests and the faults injected, by rule and
// kind: "312 requests, faults chaos:reset-request=3 doomed:internal-error=40".
func faultSummary(reqs []faultproxy.Record) string {
	byKind := map[string]int{}
	for _, r := range reqs {
		if r.Rule != "" {
			byKind[r.Rule+":"+r.Fault.Kind.String()]++
		}
	}
	var parts []string
	for k, n := range byKind {
		parts = append(parts, fmt.Sprintf("%s=%d", k, n))
	}
	slices.Sort(parts)
	return fmt.Sprintf("%d requests, faults %s", len(reqs), strings.Join(parts, " "))
}

// logRequestsFor logs what the proxy saw for key, to tell what happened.
func logRequestsFor(t *testing.T, reqs []faultproxy.Record, key string) {
	for _, r := range reqs {
		if strings.HasSuffix(r.Path, "/"+key) && !r.Query.Has("partNumber") {
			t.Logf("  #%d %s %s uploads=%v uploadId=%q status=%d fault=%v err=%s", r.Seq, r.Method, r.Path,
				r.Query.Has("uploads"), r.Query.Get("uploadId"), r.Status, r.Fault, r.Err)
		}
	}
}
