package jobs

import (
	"time"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// Kind is what a background job does.
type Kind int

// The kinds of jobs: the engine's two, then the tasks.
const (
	KindUpload Kind = iota
	KindDownload
	KindDelete
	KindMove
	KindCopy
)

var kindNames = [...]string{"upload", "download", "delete", "move", "copy"}

func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "job"
}

// Unit is what a job's progress counts.
type Unit int

// Progress units.
const (
	Bytes Unit = iota
	Items      // objects or files, named by Progress.Noun
)

// Progress is how far a job is.
type Progress struct {
	Done, Total int64
	Unit        Unit
	Noun        string // what Items counts: "objects", "items"
	// Listed says Total is final; while false a listing is still
	// counting what there is to do.
	Listed bool
}

// Fraction is how far the job is, 0 to 1; an empty one is complete once
// done.
func (p Progress) Fraction(s transfer.State) float64 {
	if p.Total <= 0 {
		if s == transfer.Done {
			return 1
		}
		return 0
	}
	return min(1, max(0, float64(p.Done)/float64(p.Total)))
}

// Text is the progress in a few words: "3.1 MiB/12 MiB" (the total alone
// once done), "412/900 objects", "412/1,000+" while still listing.
func (p Progress) Text(s transfer.State) string {
	if p.Unit == Bytes {
		if s == transfer.Done || p.Done >= p.Total {
			return units.Bytes(p.Total)
		}
		return units.Bytes(p.Done) + "/" + units.Bytes(p.Total)
	}
	noun := " " + p.Noun
	switch {
	case s == transfer.Done:
		return units.Count(p.Done) + noun
	case !p.Listed:
		return units.Count(p.Done) + "/" + units.Count(p.Total) + "+"
	}
	return units.Count(p.Done) + "/" + units.Count(p.Total) + noun
}

// Job is a snapshot of one background job, safe to keep and compare.
type Job struct {
	ID    transfer.JobID
	Kind  Kind
	Name  string // what a list calls it: a transfer's key, a task's title
	Route string // what it does, from where to where
	// Conn names the connection a task works on ("" for local files and
	// for transfers, whose connection their presenter knows).
	Conn     string
	State    transfer.State
	Progress Progress
	Err      string // why it failed or was cancelled
	// Conflict says what waits for a decision (State NeedsDecision).
	Conflict       string
	Started, Ended time.Time
	// Failures are what failed while the rest of a task went on.
	Failures []Failure
	// Transfer is the engine's own report when the job is a transfer
	// (direction, rate, retries, its batch); nil for a task.
	Transfer *transfer.JobStatus
}

// IsTransfer reports whether the job belongs to the transfer engine (an
// upload, a download or a streamed copy) rather than to a Runner.
func (j Job) IsTransfer() bool { return j.Transfer != nil }

// Failure is one name that failed, and why.
type Failure struct{ Name, Reason string }

// FromTransfer is the job of a transfer's report.
func FromTransfer(s transfer.JobStatus) Job {
	kind := KindUpload
	switch s.Dir {
	case transfer.Download:
		kind = KindDownload
	case transfer.Copy: // streamed from another connection
		kind = KindCopy
	}
	return Job{ID: s.ID, Kind: kind, Name: s.Remote.Key, State: s.State, Err: s.Err, Conflict: s.Conflict, Started: s.Started, Ended: s.Ended,
		Progress: Progress{Done: s.Done, Total: s.Total, Unit: Bytes, Listed: true}, Transfer: &s}
}

// Canceller stops a job by its id: the transfer engine its transfers, a
// Runner its tasks.
type Canceller interface {
	Cancel(id transfer.JobID) error
}

var (
	_ Canceller = (*transfer.Engine)(nil)
	_ Canceller = (*Runner)(nil)
)
