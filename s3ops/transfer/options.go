package transfer

import (
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// Options configure an Engine. Zero fields take the defaults below.
type Options struct {
	// FilesInFlight is how many jobs transfer at the same time (default 8).
	FilesInFlight int
	// PartsPerFile is how many parts or ranges of one file are in flight
	// at once (default 4).
	PartsPerFile int
	// PartSize is the preferred multipart part and download range size
	// (default 16 MiB). Uploads raise it so no upload needs more than
	// 10,000 parts; it is never under 5 MiB.
	PartSize int64
	// MultipartThreshold is the size above which uploads use multipart
	// and downloads use parallel ranged GETs (default 16 MiB).
	MultipartThreshold int64
	// JournalPath is the journal file (default
	// $XDG_STATE_HOME/ferry/transfers.journal). "-" disables the journal.
	JournalPath string
	// UploadsPath is the ledger of unfinished multipart uploads shared by
	// every ferry (see ledger.go; DefaultLedgerPath); "" keeps none.
	UploadsPath string
	// Conflict is what happens when a download's target already exists
	// and the batch does not say (default Ask).
	Conflict Policy
	// FollowSymlinks makes folder uploads follow symbolic links.
	FollowSymlinks bool
	// SizeOnlyDownloads checks downloads by their size alone, not by the
	// MD5 their ETag holds: it spares the CPU of hashing every byte
	// (which bounds a download from a store on the same machine) at the
	// price of not catching bytes altered on the way.
	SizeOnlyDownloads bool
	// PresignLifetime is how long each presigned URL is valid (default 1h).
	PresignLifetime time.Duration
	// Sources resolves the connection name a streamed copy reads from
	// (Engine.Copy, and copies restored from the journal, which keeps
	// the name) to its client.
	Sources func(name string) (*s3ops.Client, error)
	// MaxRetries is how many times one request is retried after a
	// retryable failure before the job fails (default 8).
	MaxRetries int

	// Now is the clock cached presigned URLs are checked against
	// (default time.Now; tests step a manual one).
	Now func() time.Time
	// StallTimeout is how long one presigned request may go without
	// moving a byte before it is abandoned and retried (default 60s;
	// see stall.go).
	StallTimeout time.Duration
	// AbortLateWatch is how long an aborted multipart upload is watched
	// for coming back after its last abort (default 30s; see
	// abortwatch.go).
	AbortLateWatch time.Duration
	// TempWriter is where a download's bytes go: its temp file at off
	// (default io.NewOffsetWriter; tests inject write failures).
	TempWriter func(f *os.File, off int64) io.Writer
}

// The defaults suit a laptop on a home or office link.
const (
	DefaultFilesInFlight      = 8
	DefaultPartsPerFile       = 4
	DefaultPartSize           = 16 << 20
	DefaultMultipartThreshold = 16 << 20
	DefaultPresignLifetime    = time.Hour
	DefaultMaxRetries         = 8
	DefaultStallTimeout       = 60 * time.Second
	DefaultAbortLateWatch     = 30 * time.Second
)

func (o Options) withDefaults() Options {
	if o.FilesInFlight <= 0 {
		o.FilesInFlight = DefaultFilesInFlight
	}
	if o.PartsPerFile <= 0 {
		o.PartsPerFile = DefaultPartsPerFile
	}
	if o.PartSize <= 0 {
		o.PartSize = DefaultPartSize
	}
	if o.MultipartThreshold <= 0 {
		o.MultipartThreshold = DefaultMultipartThreshold
	}
	if o.PresignLifetime <= 0 {
		o.PresignLifetime = DefaultPresignLifetime
	}
	if o.MaxRetries <= 0 {
		o.MaxRetries = DefaultMaxRetries
	}
	if o.Conflict == PolicyDefault {
		o.Conflict = Ask
	}
	return o.timingDefaults()
}

// timingDefaults fills in the clock, timeouts and writer that only tests
// change.
func (o Options) timingDefaults() Options {
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.StallTimeout <= 0 {
		o.StallTimeout = DefaultStallTimeout
	}
	if o.AbortLateWatch <= 0 {
		o.AbortLateWatch = DefaultAbortLateWatch
	}
	if o.TempWriter == nil {
		o.TempWriter = func(f *os.File, off int64) io.Writer { return io.NewOffsetWriter(f, off) }
	}
	return o
}

// Policy says what a download does when its target file already exists.
type Policy int

// The conflict policies. PolicyDefault means "the engine's Options.Conflict".
const (
	PolicyDefault Policy = iota
	Ask                  // pause the job in NeedsDecision until Decide
	Skip                 // leave the existing file, mark the job Skipped
	Overwrite            // replace the existing file (atomically, at the end)
	KeepBoth             // save as "name (1).ext", "name (2).ext", ...
)

var policyNames = map[Policy]string{PolicyDefault: "default", Ask: "ask", Skip: "skip",
	Overwrite: "overwrite", KeepBoth: "keep-both"}

func (p Policy) String() string { return policyNames[p] }

// ParsePolicy reads a policy as written in the config file: ask, skip,
// overwrite, keep-both (or keep_both).
func ParsePolicy(s string) (Policy, error) {
	s = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(s)), "_", "-")
	for p, name := range policyNames {
		if name == s && p != PolicyDefault {
			return p, nil
		}
	}
	return PolicyDefault, fmt.Errorf("conflict policy %q: want ask, skip, overwrite or keep-both", s)
}
