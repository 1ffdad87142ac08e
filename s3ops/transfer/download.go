package transfer

import (
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
)

// download fetches one object into a hidden temp file beside the target,
// verifies it, fsyncs it and moves it under the target name without ever
// replacing a file the conflict policy does not allow to replace.
func (e *Engine) download(ctx context.Context, j *job) error {
	if err := e.prepareDownload(ctx, j); err != nil {
		return err
	}
	if e.downloadedBefore(j) { // see resume.go
		e.dropTemp(j)
		j.setDone(j.rec.Size)
		return nil
	}
	if err := e.resolveConflict(j); err != nil {
		return err
	}
	if err := ensureDirInside(j.rec.Root, filepath.Dir(j.rec.Local)); err != nil {
		return err
	}
	if err := e.checkRoom(j); err != nil { // see diskfull.go
		return err
	}
	e.learnStored(ctx, j) // see crcverify.go
	err := e.fetchChecked(ctx, j)
	tries := 1
	for ; errors.Is(err, errMismatch) && tries < maxMismatches; tries++ {
		// Bytes altered on the way: fetch the whole object again.
		e.setRetrying(j, fmt.Sprintf("%s; downloading it again (attempt %d of %d)", sentence(err), tries+1, maxMismatches))
		err = e.fetchChecked(ctx, j)
	}
	switch {
	case isDiskFull(err):
		return e.diskFull(j, err)
	case errors.Is(err, errMismatch):
		e.dropTemp(j) // nothing in it is worth keeping for a retry
		return fmt.Errorf("%w; gave up after %d attempts, retry to download it again", err, tries)
	case err != nil:
		return err
	case tries > 1:
		e.setRetrying(j, "")
	}
	return e.commit(j)
}

// maxMismatches is how often a download whose bytes fail verification
// is fetched whole before the job fails.
const maxMismatches = 3

// fetchChecked fetches the object into the temp file (what the temp
// file does not hold yet) and verifies it.
func (e *Engine) fetchChecked(ctx context.Context, j *job) error {
	f, err := e.openTemp(j)
	if err != nil {
		return err
	}
	sum, err := e.fetch(ctx, j, f)
	if err == nil {
		e.setFinishing(j, FinishingVerify)
		err = e.verify(ctx, j, f, sum)
	}
	if err != nil && s3ops.KindOf(err) == s3ops.KindNoSuchKey && strings.ContainsRune(j.rec.Key, utf8.RuneError) {
		err = fmt.Errorf("%w: the server listed this key with U+FFFD (\uFFFD) in place of characters "+
			"it cannot send in a listing, so the object cannot be fetched by that name", err)
	}
	if serr := e.closeTemp(j, f); err == nil {
		err = serr
	}
	return err
}

// dropTemp removes the job's temp file and forgets the ranges it held.
func (e *Engine) dropTemp(j *job) {
	e.mu.Lock()
	temp := j.rec.Temp
	j.rec.Temp = ""
	j.forgetRanges()
	e.persistLocked()
	e.mu.Unlock()
	if temp != "" {
		_ = os.Remove(temp)
	}
}

// prepareDownload starts over when Retry asked for it (the object or the
// temp file is no longer what the job had) and refreshes size and ETag.
func (e *Engine) prepareDownload(ctx context.Context, j *job) error {
	e.mu.Lock()
	restart, temp := j.restart, j.rec.Temp
	j.restart = false
	e.mu.Unlock()
	if !restart || j.rec.Version != "" {
		return nil // a version never changes: what was fetched stays good
	}
	info, err := e.c.Head(ctx, j.loc())
	if err != nil {
		return err
	}
	if temp != "" && info.ETag == j.rec.ETag && info.Size == j.rec.Size {
		return nil // same object: keep the ranges already fetched
	}
	if temp != "" {
		_ = os.Remove(temp)
	}
	e.mu.Lock()
	j.rec.Size, j.rec.ETag, j.rec.Temp, j.rec.PartSize, j.rec.Encrypted = info.Size, info.ETag, "", 0, false
	j.forgetRanges()
	e.persistLocked()
	e.mu.Unlock()
	j.setDone(0)
	return nil
}

// resolveConflict applies the policy when the target exists. At commit
// time the bytes are already here, and Skip discards them.
func (e *Engine) resolveConflict(j *job) error {
	fi, err := os.Lstat(j.rec.Local)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if fi.IsDir() {
		return fmt.Errorf("a folder named %s is in the way", j.rec.Local)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	switch e.policyOf(j) {
	case Overwrite:
		return nil
	case Skip:
		return errSkipped
	case KeepBoth:
		j.rec.Local = keepBothName(j.rec.Local)
		e.persistLocked()
		return nil
	}
	return &needDecision{what: fmt.Sprintf("%s already exists (%s, modified %s)",
		j.rec.Local, units.Bytes(fi.Size()), fi.ModTime().Format("2006-01-02 15:04"))}
}

// policyOf is the job's own decision, else its batch's, else the engine's.
func (e *Engine) policyOf(j *job) Policy {
	for _, p := range []Policy{j.rec.Policy, j.batch.policy, j.rec.BatchPolicy} {
		if p != PolicyDefault {
			return p
		}
	}
	return e.o.Conflict
}

// openTemp opens (or creates) the job's temp file and decides between one
// GET and ranged GETs.
func (e *Engine) openTemp(j *job) (*os.File, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if j.rec.Temp == "" {
		j.rec.Temp = tempName(j.rec.Local, j.rec.ID)
		j.forgetRanges()
	}
	if j.rec.PartSize == 0 && j.rec.Size > e.o.MultipartThreshold {
		// Ranges the size of the parts ferry's own uploads use: an object
		// ferry uploaded is then verified from the ranges' MD5s.
		j.rec.PartSize = e.o.PartSize
		if ps, err := uploadPartSize(j.rec.Size, e.o.PartSize); err == nil {
			j.rec.PartSize = ps
		}
	}
	f, err := os.OpenFile(j.rec.Temp, os.O_RDWR|os.O_CREATE, 0o666)
	if err != nil {
		return nil, err
	}
	fi, err := f.Stat()
	if err == nil {
		j.rec.TempID = fileID(fi)
	}
	if err != nil || fi.Size() != j.rec.Size || j.ranges == nil {
		// A fresh start, or a temp file that is not what the journal says.
		j.forgetRanges()
		j.ranges = make([]bool, rangeCount(j.rec.Size, j.rec.PartSize))
		j.rangeSums = nil
		j.done.Store(0)
		if err := f.Truncate(j.rec.Size); err != nil {
			f.Close()
			return nil, err // diskFull removes the file if this is ENOSPC
		}
	}
	if len(j.rangeSums) != len(j.ranges) {
		j.rangeSums = make([][]byte, len(j.ranges))
	}
	j.file = f
	e.persistLocked()
	return f, nil
}

// closeTemp makes the temp file's bytes durable before the journal can
// claim them, then closes it.
func (e *Engine) closeTemp(j *job, f *os.File) error {
	err := f.Sync()
	e.mu.Lock()
	j.file = nil
	if err == nil {
		j.durable, j.durablePartial, j.unsynced = encodeRanges(j.ranges), maps.Clone(j.partial), false
	}
	e.mu.Unlock()
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}

// verify checks the temp file's size and its content: against the
// checksum the store keeps of it when it keeps one (crcverify.go), else
// against the ETag: the MD5 of the content for an object uploaded whole,
// the MD5 of the parts' MD5s for one uploaded in parts (verifyparts.go);
// not for one encrypted with KMS or a customer key (as the GET answers
// say), whose ETag is opaque. sum is the MD5 computed while downloading,
// or "" to hash the file now.
func (e *Engine) verify(ctx context.Context, j *job, f *os.File, sum string) error {
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if fi.Size() != j.rec.Size {
		return e.corrupt(j, fmt.Sprintf("the file is %d bytes, the object %d", fi.Size(), j.rec.Size))
	}
	if j.rec.Size == 0 || e.o.SizeOnlyDownloads {
		return nil
	}
	if e.hasStored(j) {
		return e.verifyStored(ctx, j, f)
	}
	if e.encrypted(j) {
		return nil
	}
	if n := partsETagCount(j.rec.ETag); n > 0 {
		return e.verifyParts(ctx, j, f, n)
	}
	if !isMD5(j.rec.ETag) {
		return nil
	}
	if sum == "" {
		b, err := sectionSum(f, 0, j.rec.Size)
		if err != nil {
			return err
		}
		sum = hex.EncodeToString(b)
	}
	if !strings.EqualFold(sum, j.rec.ETag) {
		return e.corrupt(j, fmt.Sprintf("MD5 %s, ETag %s", sum, j.rec.ETag))
	}
	return nil
}

// errMismatch is a download whose bytes fail verification.
var errMismatch = errors.New("the downloaded data does not match the object")

// corrupt discards what a download fetched when it failed verification:
// the next fetch starts over, and a Retry asks the object again.
func (e *Engine) corrupt(j *job, detail string) error {
	e.mu.Lock()
	j.forgetRanges()
	j.restart = true
	e.mu.Unlock()
	return fmt.Errorf("%w (%s)", errMismatch, detail)
}

func isMD5(etag string) bool {
	if len(etag) != 32 {
		return false
	}
	_, err := hex.DecodeString(etag)
	return err == nil
}

// commit moves the verified temp file under its final name, applying the
// conflict policy again if a file appeared there meanwhile.
func (e *Engine) commit(j *job) error {
	for range 100 {
		e.mu.Lock()
		overwrite := e.policyOf(j) == Overwrite
		tmp, target := j.rec.Temp, j.rec.Local
		e.mu.Unlock()
		var err error
		if overwrite {
			err = os.Rename(tmp, target)
		} else {
			err = commitNoReplace(tmp, target)
		}
		if err == nil {
			e.mu.Lock()
			j.rec.Temp = ""
			j.forgetRanges()
			e.mu.Unlock()
			return nil
		}
		if !errors.Is(err, os.ErrExist) {
			return err
		}
		if err := e.resolveConflict(j); err != nil {
			if errors.Is(err, errSkipped) {
				_ = os.Remove(tmp)
			}
			return err
		}
	}
	return fmt.Errorf("cannot find a free name beside %s", j.rec.Local)
}

// presignedGet returns the job's cached GET URL, signing a new one when it
// is within the safety margin of its expiry.
func (e *Engine) presignedGet(ctx context.Context, j *job) (s3ops.Presigned, error) {
	e.mu.Lock()
	p := j.url
	e.mu.Unlock()
	if p.URL != "" && e.o.Now().Before(p.Expires.Add(-e.presignMargin())) {
		return p, nil
	}
	p, err := e.c.PresignGet(ctx, j.loc(), e.o.PresignLifetime, s3ops.GetOptions{VersionID: j.rec.Version})
	if err != nil {
		return p, err
	}
	// A URL signed with temporary credentials stops working when they
	// expire, whatever its own lifetime: re-sign it before then.
	if creds, err := e.c.Credentials(ctx); err == nil && creds.CanExpire && creds.Expires.Before(p.Expires) {
		p.Expires = creds.Expires
	}
	e.mu.Lock()
	j.url = p
	e.mu.Unlock()
	return p, nil
}

// dropURL forgets a URL the server called expired.
func (e *Engine) dropURL(j *job) {
	e.mu.Lock()
	j.url = s3ops.Presigned{}
	e.mu.Unlock()
}
