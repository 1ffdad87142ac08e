package transfer

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// Regression tests for jobs whose last step happened just before a
// crash, before the journal recorded it (found by killtest_test.go).

// journalWith writes a journal holding recs and returns its path.
func journalWith(t *testing.T, recs ...record) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "transfers.journal")
	if err := writeJournal(path, journalDoc{Jobs: recs}); err != nil {
		t.Fatal(err)
	}
	return path
}

// dataRequests counts the presigned requests the proxy saw.
func dataRequests(f *fixture) int {
	n := 0
	for _, r := range f.proxy.log(false) {
		if r.Query.Has("X-Amz-Signature") {
			n++
		}
	}
	return n
}

func TestADownloadMovedIntoPlaceJustBeforeACrashIsNotAskedAbout(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	src := filepath.Join(t.TempDir(), "src")
	writeRandom(t, filepath.Join(src, "single.bin"), 300_000, 1) // MD5 ETag
	writeRandom(t, filepath.Join(src, "multi.bin"), 6*mib, 2)    // multipart ETag
	e := f.engine(smallParts(""))
	e.Upload(context.Background(), filepath.Join(src, "single.bin"), f.loc("res/single.bin"))
	e.Upload(context.Background(), filepath.Join(src, "multi.bin"), f.loc("res/multi.bin"))
	wait(t, e, Done)

	dst := t.TempDir()
	var recs []record
	for _, name := range []string{"single.bin", "multi.bin"} {
		info, err := f.c.Head(context.Background(), f.loc("res/"+name))
		if err != nil {
			t.Fatal(err)
		}
		target := filepath.Join(dst, name)
		data, _ := os.ReadFile(filepath.Join(src, name))
		os.WriteFile(target, data, 0o644) // the previous run's commit
		fi, _ := os.Stat(target)
		id := JobID("j" + name)
		recs = append(recs, record{ID: id, Batch: "b", Dir: Download, Local: target, Root: dst, Bucket: f.bucket,
			Key: "res/" + name, Size: info.Size, ETag: info.ETag, PartSize: mib, Temp: tempName(target, id),
			TempID: fileID(fi), Ranges: "0", State: Running})
	}
	f.proxy.log(true)
	e2 := f.engine(smallParts(journalWith(t, recs...)))
	e2.ResumeAll()
	wait(t, e2, Done)
	if n := dataRequests(f); n != 0 {
		t.Errorf("%d downloads were made again", n)
	}
}

func TestAnUploadCompletedJustBeforeACrashIsNotSentAgain(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	src := filepath.Join(t.TempDir(), "done.bin")
	writeRandom(t, src, 11*mib, 3)
	small := filepath.Join(t.TempDir(), "small.txt")
	os.WriteFile(small, []byte("already there"), 0o644)
	e := f.engine(smallParts(""))
	b, _ := e.Upload(context.Background(), src, f.loc("res/done.bin"))
	e.Upload(context.Background(), small, f.loc("res/small.txt"))
	wait(t, e, Done)
	// What the journal held: the upload running, one part known, an
	// upload id that Complete has since retired.
	e.mu.Lock()
	big := e.jobs[b.Jobs[0]].record()
	e.mu.Unlock()
	big.State, big.UploadID, big.Parts = Running, "retired-by-complete", big.Parts[:0]
	fi, _ := os.Stat(src)
	big.Src, big.PartSize = &srcStat{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}, 5*mib
	big.Parts = []partRec{{N: 1, ETag: fileMD5(src, 0, 5*mib)}}
	sfi, _ := os.Stat(small)
	smallRec := record{ID: "jsmall", Batch: "b", Dir: Upload, Local: small, Bucket: f.bucket, Key: "res/small.txt",
		Size: sfi.Size(), Src: &srcStat{Size: sfi.Size(), MTime: sfi.ModTime().UnixNano()}, State: Running}

	f.proxy.log(true)
	e2 := f.engine(smallParts(journalWith(t, big, smallRec)))
	e2.ResumeAll()
	wait(t, e2, Done)
	for _, r := range f.proxy.log(false) {
		if r.Method == "PUT" || r.Method == "POST" {
			t.Errorf("sent again: %s %s %v", r.Method, r.Key, r.Query)
		}
	}
	if _, err := f.c.Head(context.Background(), f.loc("res/done.bin")); err != nil {
		t.Fatal(err)
	}
}

func TestAConflictWaitingForTheUserSurvivesARestart(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	rec := record{ID: "jc", Batch: "b", Dir: Download, Local: "/tmp/x", Root: "/tmp", Bucket: f.bucket, Key: "x",
		Size: 1, State: NeedsDecision, Conflict: "/tmp/x already exists (1 B, modified 2026-01-01 10:00)"}
	e := f.engine(Options{JournalPath: journalWith(t, rec)})
	s, _ := e.Job("jc")
	if s.State != NeedsDecision || s.Conflict != rec.Conflict {
		t.Fatalf("restored %s with conflict %q", s.State, s.Conflict)
	}
}

func TestJournalTempFilesLeftByACrashAreRemoved(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	path := journalWith(t)
	stale := filepath.Join(filepath.Dir(path), ".transfers.journal.tmp-123456")
	os.WriteFile(stale, []byte("half a journal"), 0o600)
	f.engine(Options{JournalPath: path})
	if _, err := os.Stat(stale); !os.IsNotExist(err) {
		t.Fatalf("stale temp file still there: %v", err)
	}
}

func TestAnUploadCreatedJustBeforeACrashIsNotOrphaned(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	src := filepath.Join(t.TempDir(), "new.bin")
	writeRandom(t, src, 6*mib, 4)
	fi, _ := os.Stat(src)
	// The killed run journaled that it was creating the upload, the
	// server created it, and the run died before it learned the id.
	marked := time.Now()
	if _, err := f.c.CreateMultipartUpload(context.Background(), f.loc("res/new.bin"), ""); err != nil {
		t.Fatal(err)
	}
	rec := record{ID: "jnew", Batch: "b", Dir: Upload, Local: src, Bucket: f.bucket, Key: "res/new.bin",
		Size: fi.Size(), Src: &srcStat{Size: fi.Size(), MTime: fi.ModTime().UnixNano()}, State: Running,
		ContentType: "application/octet-stream", Creating: marked.UnixNano()}
	e := f.engine(smallParts(journalWith(t, rec)))
	e.ResumeAll()
	wait(t, e, Done)
	if ups := f.uploadsLeft(t, "res/"); len(ups) != 0 {
		t.Fatalf("the crashed run's upload is orphaned: %+v", ups)
	}
	if f.storedSHA(t, "res/new.bin") != fileSHA(t, src) {
		t.Fatal("object differs")
	}
}
