package transfer

import (
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// JobID names one file transfer; it stays the same across restarts.
type JobID string

// BatchID names the group of jobs one Upload or Download call created.
type BatchID string

// Direction is which way a job moves bytes.
type Direction int

// The directions. A Copy moves an object from another connection's
// store into the engine's (copyjob.go): it sends like an upload.
const (
	Upload Direction = iota
	Download
	Copy
)

func (d Direction) String() string {
	switch d {
	case Download:
		return "download"
	case Copy:
		return "copy"
	}
	return "upload"
}

// State is where a job is in its life.
type State int

// Job states. Done, Failed, Cancelled and Skipped are final until Retry
// (Failed) or ClearFinished.
const (
	Queued        State = iota // waiting for a free slot
	Running                    // moving bytes
	Paused                     // stopped by the user (or restored after a restart)
	NeedsDecision              // a download's target exists and the policy is Ask
	Done                       // transferred and verified
	Failed                     // gave up; Err says why, Retry tries again
	Cancelled                  // stopped by the user; server and temp files cleaned up
	Skipped                    // target existed and the policy said skip
)

var stateNames = [...]string{"queued", "running", "paused", "needs decision", "done", "failed", "cancelled", "skipped"}

func (s State) String() string {
	if int(s) < len(stateNames) {
		return stateNames[s]
	}
	return "unknown"
}

// Finished reports whether the job will not move by itself any more
// (done, failed, cancelled or skipped).
func (s State) Finished() bool { return s >= Done }

// JobStatus is a snapshot of one job, safe to keep and compare.
type JobStatus struct {
	ID    JobID
	Batch BatchID
	Dir   Direction
	Local string // the local file: source of an upload, target of a download
	// Root is the folder a download was asked into (Local is inside it);
	// "" for uploads.
	Root string
	// Into is where the copy was asked to go: the local folder of a
	// download, the key prefix of an upload ("" in journals from before
	// it was kept). Rows name the file from there: "tree/a/b.md".
	Into   string
	Remote s3ops.Location // the object
	// From is a copy's source object, on the connection called FromConn
	// ("" for the default one); zero for uploads and downloads.
	From     s3ops.Location
	FromConn string
	// Move marks a copy that deletes its source once complete: a move
	// between connections (movesource.go).
	Move  bool
	State State
	Done  int64 // bytes transferred and kept
	// Kept is how much of Done was already there before this run moved
	// anything (parts or ranges an earlier run sent, an object or file
	// found complete): Done minus Kept is what this run moved.
	Kept  int64
	Total int64         // bytes to transfer
	Rate  float64       // smoothed bytes per second while running
	ETA   time.Duration // time left at Rate; -1 when unknown
	// Err is the sentence to show when State is Failed.
	Err string
	// Retrying is the last retry reason while a request is being retried
	// (e.g. "network error … retrying in 2s (attempt 3 of 8)"); "" otherwise.
	Retrying string
	// Conflict says what is in the way while State is NeedsDecision.
	Conflict string
	// Finishing names what a running job does once its bytes have moved,
	// which can take a while on big files: FinishingComplete (the server
	// assembles a multipart upload) or FinishingVerify (a download is
	// checked and synced to disk). Rate and ETA are zero meanwhile.
	Finishing string
	// Started is when the job last started running; Ended is when it
	// last reached a final state (zero while it has not).
	Started, Ended time.Time
	// Stalled is how long a running job has moved no byte (0 until it
	// is a few seconds): no Rate or ETA is given then.
	Stalled time.Duration
	// RetryAt is when the next attempt of a retrying job starts (zero
	// when not known); no Rate or ETA is given while retrying.
	RetryAt time.Time
	// Resumable says a run of the same copy would continue this job
	// where it stopped: false once it is done, skipped or cancelled, or
	// failed for good and kept nothing (see lost.go).
	Resumable bool
}

// What JobStatus.Finishing says.
const (
	FinishingComplete = "completing"
	FinishingVerify   = "verifying"
	// FinishingAnswer is an upload whose bytes were all handed to the
	// network, waiting for the server to say it has them.
	FinishingAnswer = "waiting for the server"
)

// BatchStatus sums up the jobs of one batch.
type BatchStatus struct {
	ID         BatchID
	Jobs       int // jobs in the batch
	Finished   int // of which done, skipped or cancelled
	Failed     int
	Done       int64 // bytes
	Total      int64
	Rate       float64
	ETA        time.Duration // -1 when unknown
	NeedAction int           // jobs waiting for a decision
}

// Update is one progress report. Final is set on the report that moves a
// job into Done, Failed, Cancelled or Skipped, so the UI can refresh the
// destination pane. Batch is the job's batch totals at the same moment.
type Update struct {
	Job   JobStatus
	Batch BatchStatus
	Final bool
	// Notice, when set, is news about the whole engine rather than a job
	// (Job and Batch are then zero): the journal could not be written,
	// or can be again.
	Notice *Notice
}

// Notice is engine-wide news for the user.
type Notice struct {
	Text string
	// Problem is true while something is wrong (the queue is not being
	// saved), false when it is mended.
	Problem bool
}

// Batch is what Upload and Download return: the jobs created, and the
// entries left out with the reason (symlinks not followed, special files,
// keys that cannot be local file names, ...).
type Batch struct {
	ID      BatchID
	Jobs    []JobID
	Bytes   int64
	Skipped []SkippedEntry
}

// SkippedEntry is one entry a batch left out and why.
type SkippedEntry struct {
	Path   string // local path or key
	Reason string
}
