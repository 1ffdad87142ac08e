package cli

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/charmbracelet/x/term"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
)

// Item statuses, as printed and in --json output.
const (
	statusDone      = "done"
	statusSkipped   = "skipped"
	statusFailed    = "failed"
	statusCancelled = "cancelled"
)

// item is one finished unit of work of a command: a file uploaded,
// downloaded or copied (or skipped, or failed), an object deleted.
type item struct {
	Op      string // upload, download, copy, delete
	Status  string
	Source  string // as shown: a local path or an s3:// URI
	Dest    string // "" for a delete
	Bucket  string
	Key     string // the object's key (the destination's for uploads and copies)
	Bytes   int64
	Seconds float64
	Reason  string // why it failed or was skipped
	Objects int    // deletes: how many objects went
	Kept    int64  // of Bytes, already there from an earlier run (not moved by this one)
	id      string // the collector's id of the item
}

// jsonItem is the --json form of an item: one object per line.
type jsonItem struct {
	Key         string  `json:"key"`
	Bytes       int64   `json:"bytes"`
	Seconds     float64 `json:"seconds"`
	Status      string  `json:"status"`
	Op          string  `json:"op"`
	Bucket      string  `json:"bucket"`
	Source      string  `json:"source"`
	Destination string  `json:"destination,omitempty"`
	Error       string  `json:"error,omitempty"`
	Objects     int     `json:"objects,omitempty"`
}

// activity is one running item for the progress display.
type activity struct {
	ID    string
	Name  string
	Done  int64
	Total int64
	Rate  float64 // bytes/s, 0 when unknown
	seq   int     // order of arrival, to keep bars in place
}

// tally is a command's running totals.
type tally struct {
	Items, Finished, Failed, Skipped int
	Bytes, BytesDone                 int64
	BytesKept                        int64 // of BytesDone, already there before this run
	Rate                             float64
	Started                          time.Time
}

// reporter shows a command's progress and results in one of the output
// modes: progress bars (terminal), lines, JSON lines, or quiet.
type reporter interface {
	progress(active []activity, t tally) // a snapshot, about ten times a second
	finished(it item, t tally)
	close() // stop drawing; the summary is printed after
}

// newReporter picks the output mode: bars only when stdout is a terminal
// and neither --quiet nor --json was given.
func newReporter(out outputFlags, stdout io.Writer) reporter {
	switch {
	case out.json:
		return &jsonReporter{w: bufio.NewWriter(stdout)}
	case out.quiet:
		return quietReporter{}
	case isTerminal(stdout):
		return &lateBars{w: safetext.Raw(stdout)}
	}
	return &lineReporter{w: bufio.NewWriter(stdout)}
}

// isTerminal reports whether w (or the writer a safetext.Writer wraps)
// is a terminal that can draw progress.
func isTerminal(w io.Writer) bool {
	f, ok := safetext.Raw(w).(*os.File)
	return ok && term.IsTerminal(f.Fd()) && os.Getenv("TERM") != "dumb"
}

// line is the plain-text form of an item.
func line(it item) string {
	var b strings.Builder
	switch it.Status {
	case statusDone:
		b.WriteString(it.Op + ": ")
	default:
		b.WriteString(it.Status + ": ")
	}
	b.WriteString(it.Source)
	if it.Dest != "" {
		b.WriteString(" -> " + it.Dest)
	}
	switch {
	case it.Status == statusDone && (it.Op == "delete" || it.Op == "would delete") && strings.HasSuffix(it.Source, "/"):
		fmt.Fprintf(&b, " (%s)", count(it.Objects, "object"))
	case it.Status == statusDone && (it.Op == "delete" || it.Op == "would delete"):
	case it.Status == statusDone:
		fmt.Fprintf(&b, " (%s, %s)", units.Bytes(it.Bytes), seconds(time.Duration(it.Seconds*float64(time.Second))))
	case it.Reason != "":
		b.WriteString(": " + it.Reason)
	}
	return b.String()
}

// lineReporter prints a line per finished item, buffered, flushed at
// least every 100ms so a reader on a pipe sees progress.
type lineReporter struct {
	mu      sync.Mutex
	w       *bufio.Writer
	flushed time.Time
}

func (r *lineReporter) progress([]activity, tally) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.w.Flush()
}

func (r *lineReporter) finished(it item, _ tally) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.w.WriteString(line(it))
	r.w.WriteByte('\n')
	if time.Since(r.flushed) > 100*time.Millisecond {
		r.w.Flush()
		r.flushed = time.Now()
	}
}

func (r *lineReporter) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.w.Flush()
}

// jsonReporter prints one JSON object per finished item.
type jsonReporter struct {
	mu sync.Mutex
	w  *bufio.Writer
}

func (r *jsonReporter) progress([]activity, tally) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.w.Flush()
}

func (r *jsonReporter) finished(it item, _ tally) {
	b, _ := json.Marshal(jsonItem{Key: it.Key, Bytes: it.Bytes, Seconds: it.Seconds, Status: it.Status, Op: it.Op,
		Bucket: it.Bucket, Source: it.Source, Destination: it.Dest, Error: it.Reason, Objects: it.Objects})
	r.mu.Lock()
	defer r.mu.Unlock()
	r.w.Write(safetext.JSON(b))
	r.w.WriteByte('\n')
}

func (r *jsonReporter) close() {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.w.Flush()
}

// quietReporter shows nothing; failures are listed in the summary.
type quietReporter struct{}

func (quietReporter) progress([]activity, tally) {}
func (quietReporter) finished(item, tally)       {}
func (quietReporter) close()                     {}

// summary tells, on stderr, what a command did and lists what failed and
// why. It is printed in every output mode.
type summary struct {
	cmd     string // "ferry cp"
	noun    string // "file"
	verbed  string // "copied"
	t       tally
	elapsed time.Duration
	failed  []item
	skipped []item
	// ok, when set, is the count of things done (objects deleted)
	// instead of the finished items that neither failed nor were skipped.
	ok *int
	// also follows the main phrase ("; 4 unchanged").
	also string
}

// maxListed is how many failures the summary lists one by one.
const maxListed = 20

func (s summary) print(w io.Writer) {
	ok := s.t.Finished - s.t.Failed - s.t.Skipped
	if s.ok != nil {
		ok = *s.ok
	}
	switch {
	case ok == 0:
		fmt.Fprintf(w, "%s: nothing %s", s.cmd, s.verbed)
	case s.noun == "file" && s.t.BytesKept > 0:
		moved := s.t.BytesDone - s.t.BytesKept
		fmt.Fprintf(w, "%s: %s %s (%s moved in %s, %s; %s already there from an earlier run)", s.cmd, count(ok, s.noun), s.verbed,
			units.Bytes(moved), seconds(s.elapsed), rate(moved, s.elapsed), units.Bytes(s.t.BytesKept))
	case s.noun == "file":
		fmt.Fprintf(w, "%s: %s %s (%s in %s, %s)", s.cmd, count(ok, s.noun), s.verbed,
			units.Bytes(s.t.BytesDone), seconds(s.elapsed), rate(s.t.BytesDone, s.elapsed))
	default:
		fmt.Fprintf(w, "%s: %s %s in %s", s.cmd, count(ok, s.noun), s.verbed, seconds(s.elapsed))
	}
	fmt.Fprint(w, s.also)
	if n := len(s.skipped); n > 0 {
		fmt.Fprintf(w, "; %d skipped", n)
		if reason := commonReason(s.skipped); reason != "" {
			fmt.Fprintf(w, " (%s)", reason)
		}
	}
	if len(s.failed) > 0 {
		fmt.Fprintf(w, "; %d failed:\n", len(s.failed))
		for i, it := range s.failed {
			if i == maxListed {
				fmt.Fprintf(w, "  … and %d more\n", len(s.failed)-maxListed)
				break
			}
			fmt.Fprintf(w, "  %s\n", strings.TrimPrefix(line(it), "failed: "))
		}
		return
	}
	fmt.Fprintln(w)
}

// commonReason is the reason all skipped items share, if they do.
func commonReason(items []item) string {
	r := items[0].Reason
	for _, it := range items[1:] {
		if it.Reason != r {
			return ""
		}
	}
	return r
}

func count(n int, noun string) string {
	if n == 1 {
		return "1 " + noun
	}
	return fmt.Sprintf("%d %ss", n, noun)
}

// workDir is the working directory, looked up once per command.
var workDir = sync.OnceValue(func() string {
	wd, _ := os.Getwd()
	return wd
})

// display shows a local path relative to the working directory when it
// lies inside it, absolute otherwise.
func display(path string) string {
	wd := workDir()
	if wd == "" {
		return path
	}
	rel, err := filepath.Rel(wd, path)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return path
	}
	return rel
}
