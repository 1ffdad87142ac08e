package transfer

import (
	"crypto/rand"
	"encoding/hex"
	"sync/atomic"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// job is the engine's state for one file. Fields other than done are
// guarded by Engine.mu.
type job struct {
	rec   record
	batch *batch
	state State
	err   string
	// conflict describes what is in the way while NeedsDecision.
	conflict string
	retrying string
	// finishing names the step after the bytes moved (see JobStatus).
	finishing string
	// started and ended time the last run (see JobStatus).
	started, ended time.Time

	// done counts bytes transferred and kept; workers add to it without
	// the engine lock.
	done atomic.Int64
	// kept is what done was last set to (setDone): bytes already there
	// before this run moved any (resumed parts and ranges, work found
	// done), so "moved" is done minus kept.
	kept  atomic.Int64
	meter meter
	// retryAt is when the next attempt starts while retrying.
	retryAt time.Time
	// shownPhase is the phase the last report showed (see phase).
	shownPhase string

	cancel func(error) // set while running
	// restart asks the next run to start over where it cannot continue
	// (a changed source or object), set by Retry.
	restart bool
	// resumed marks a job brought back from the journal: its work may be
	// done already (resume.go).
	resumed bool

	// uploads: completed parts by number, with the ETags the server gave
	// (the parts' MD5s, unless encrypted with KMS or a customer key), and
	// the checksums they were sent with when the upload declared one
	parts    map[int32]string
	partCRCs map[int32]checksum.Value
	// downloads: completed ranges, and whether some are not yet fsynced
	ranges []bool
	// downloads: the digest of each range fetched by this process (nil
	// for ranges fetched before a restart): the CRC of the object's stored
	// checksum (8 bytes, big-endian) when it has one, else the MD5, so the
	// object is verified without reading it back
	rangeSums [][]byte
	// downloads: the checksum the store keeps of the object, asked once
	// per run (stored is nil when it keeps none ferry can compute)
	stored      *s3ops.StoredChecksum
	storedAsked bool
	unsynced    bool
	durable     string // ranges known to be on disk, as journaled
	// downloads: bytes of an unfinished range written from its start
	// (a pause, a failure, a crash keeps them: the range goes on from
	// there), and the counts known to be on disk, as journaled
	partial        map[int]int64
	durablePartial map[int]int64
	file           fileSyncer
	url            s3ops.Presigned // cached presigned GET of a download
}

// fileSyncer is the temp file of a running download (an *os.File).
type fileSyncer interface{ Sync() error }

func (j *job) loc() s3ops.Location { return s3ops.Location{Bucket: j.rec.Bucket, Key: j.rec.Key} }

// add counts n transferred bytes (negative to take back a failed attempt).
func (j *job) add(n int64) {
	j.done.Add(n)
	j.batch.done.Add(n)
}

// moved is what this run moved: bytes sent or received, not those kept
// from before (resumed parts and ranges), so a resume shows no burst.
func (j *job) moved() int64 { return j.done.Load() - j.kept.Load() }

// forgetRanges forgets a download's progress (a new temp file, or none).
func (j *job) forgetRanges() {
	j.ranges, j.durable, j.partial, j.durablePartial = nil, "", nil, nil
}

// partialBytes is what the unfinished ranges hold.
func (j *job) partialBytes() int64 {
	var n int64
	for _, p := range j.partial {
		n += p
	}
	return n
}

// resetParts forgets the parts sent (a new upload, or none).
func (j *job) resetParts() {
	j.parts, j.partCRCs = map[int32]string{}, map[int32]checksum.Value{}
}

// setDone sets the byte count to what the job already has (a resumed
// job's parts, a file found complete, 0 to start over): kept bytes, not
// moved ones.
func (j *job) setDone(n int64) {
	j.kept.Store(n)
	j.add(n - j.done.Load())
}

func (j *job) status() JobStatus {
	s := JobStatus{ID: j.rec.ID, Batch: j.rec.Batch, Dir: j.rec.Dir, Local: j.rec.Local, Root: j.rec.Root, Into: j.rec.Into, Remote: j.loc(),
		State: j.state, Done: j.done.Load(), Total: j.rec.Size, Err: j.err, Retrying: j.retrying,
		Conflict: j.conflict, ETA: -1, Started: j.started, Ended: j.ended,
		Resumable: !j.rec.Lost && j.state != Done && j.state != Skipped && j.state != Cancelled, Kept: j.kept.Load()}
	if f := j.rec.From; f != nil {
		s.From, s.FromConn, s.Move = f.loc(), f.Conn, f.Move
	}
	if j.state != Running {
		return s
	}
	now := time.Now()
	phase := j.phase(now)
	if phase == phaseAnswer {
		s.Done = s.Total - 1 // sent, not yet answered: never 100% before the answer
	}
	switch {
	case j.retrying != "":
		s.RetryAt = j.retryAt // waiting for the next attempt: no rate, no ETA
	case j.finishing != "":
		s.Finishing = j.finishing // nothing moves now: no rate, no ETA
	case phase == phaseAnswer:
		s.Finishing = FinishingAnswer // the last bytes are on their way
	case phase == phaseStalled:
		s.Stalled = j.meter.stalled(now)
	default:
		s.Rate = j.meter.rate
		s.ETA = eta(s.Total-s.Done, s.Rate)
	}
	return s
}

// batch groups the jobs of one Upload or Download call.
type batch struct {
	id     BatchID
	policy Policy
	jobs   []*job
	done   atomic.Int64
	meter  meter
}

func (b *batch) status() BatchStatus {
	s := BatchStatus{ID: b.id, Jobs: len(b.jobs), ETA: -1}
	running := false
	for _, j := range b.jobs {
		s.Total += j.rec.Size
		switch j.state {
		case Done, Skipped, Cancelled:
			s.Finished++
		case Failed:
			s.Failed++
		case NeedsDecision:
			s.NeedAction++
		case Running:
			running = true
		}
	}
	s.Done = b.done.Load()
	if running {
		s.Done = min(s.Done, max(0, s.Total-1))
		s.Rate = b.meter.rate
		s.ETA = eta(s.Total-s.Done, s.Rate)
	}
	return s
}

func eta(left int64, rate float64) time.Duration {
	if rate < 1 || left < 0 {
		return -1
	}
	return time.Duration(float64(left) / rate * float64(time.Second)).Round(time.Second)
}

func newID(prefix string) string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return prefix + hex.EncodeToString(b[:])
}

// Phases a running job's rate gives way to (see status).
const (
	phaseStalled = "stalled"
	phaseAnswer  = FinishingAnswer
)

// phase is what a running job shows instead of a rate, "" for a rate.
// Called with e.mu held.
func (j *job) phase(now time.Time) string {
	switch {
	case j.finishing != "":
		return "" // the server confirmed every byte and is finishing
	case j.rec.Dir != Download && j.rec.Size > 0 && j.done.Load() >= j.rec.Size:
		return phaseAnswer
	case j.meter.stalled(now) > 0:
		return phaseStalled
	}
	return ""
}
