package transfers

import (
	"fmt"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// rateText is a transfer rate, e.g. "12.3 MiB/s" (at most 10 columns).
func rateText(bps float64) string {
	if bps < 1 {
		return ""
	}
	return common.HumanSize(int64(bps)) + "/s"
}

// etaText is a time left, e.g. "45s", "3m04s", "2h05m" (at most 6
// columns; "" when unknown).
func etaText(d time.Duration) string {
	switch {
	case d < 0:
		return ""
	case d < time.Minute:
		return fmt.Sprintf("%ds", int(d.Seconds()))
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	case d < 100*time.Hour:
		return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
	}
	return ">99h"
}

// fraction is how far a job is, 0 to 1.
func fraction(done, total int64) float64 {
	if total <= 0 {
		return 0
	}
	return min(1, max(0, float64(done)/float64(total)))
}

// jobFraction is how far a job is; an empty one is complete once done.
func jobFraction(j jobs.Job) float64 { return j.Progress.Fraction(j.State) }

// glyph shows the direction: ↑ upload, ↓ download, ⇄ a copy streamed
// between two connections.
func glyph(d transfer.Direction) string {
	switch d {
	case transfer.Download:
		return "↓"
	case transfer.Copy:
		return "⇄"
	}
	return "↑"
}

// displayName is what a row calls a job: the path of the file it
// writes from where the copy was asked to go (the object's key below the
// upload's prefix, the local file below the download's folder, which a
// "keep both" answer may have renamed), so a folder copied either way
// shows as "tree/a/b.md"; the details line shows the whole path. The
// end is kept when the column is narrow, so the file name shows.
func displayName(j jobs.Job) string {
	s := j.Transfer
	if s == nil {
		return common.Sanitize(j.Name) // a task's title
	}
	if s.Dir != transfer.Download {
		if rel, ok := strings.CutPrefix(s.Remote.Key, s.Into); ok && rel != "" {
			return common.Sanitize(rel)
		}
		return common.Sanitize(s.Remote.Key)
	}
	for _, from := range []string{s.Into, s.Root} { // journals from before Into have Root only
		if from == "" {
			continue
		}
		if rel, err := filepath.Rel(from, s.Local); err == nil && filepath.IsLocal(rel) {
			return common.Sanitize(rel)
		}
	}
	return common.Sanitize(s.Local)
}

// baseName is the file name of a job, for messages.
func baseName(j jobs.Job) string {
	return common.Sanitize(path.Base(strings.TrimSuffix(j.Name, "/")))
}

// stateText is the state column: the state, with the reason for the
// states that have one.
func stateText(j jobs.Job) string {
	var s transfer.JobStatus // a task has no retries and no finishing steps
	if j.Transfer != nil {
		s = *j.Transfer
	}
	switch {
	case j.State == transfer.Running && s.Retrying != "":
		return "retrying: " + rowCause(s.Retrying)
	case j.State == transfer.Running && s.Finishing == transfer.FinishingComplete:
		return "completing upload…"
	case j.State == transfer.Running && s.Finishing == transfer.FinishingVerify:
		return "verifying and saving…"
	case j.State == transfer.Running && s.Finishing == transfer.FinishingRemove:
		return "copied; deleting the source…"
	case j.State == transfer.Running && s.Finishing == transfer.FinishingAnswer:
		return "sent, awaiting reply…"
	case j.State == transfer.Failed && j.Err != "":
		return "failed: " + rowCause(j.Err)
	case j.State == transfer.Cancelled && j.Err != "":
		return oneLine(j.Err)
	case j.State == transfer.Skipped:
		return "skipped (exists)"
	case j.State == transfer.Done && s.Move:
		return "moved"
	}
	return j.State.String()
}

// rowCause is the words of an error that fit a row: the cause, without
// the part or range it happened to ("part 19: ") and the retry count
// and wait after it ("; retrying in 2s (attempt 2 of 6)", "; gave up
// after 6 attempts"), which the rate column and the details show.
func rowCause(err string) string {
	cause := partLabel.ReplaceAllString(oneLine(err), "")
	for _, tail := range []string{"; retrying in ", "; gave up after "} {
		if i := strings.LastIndex(cause, tail); i > 0 {
			cause = cause[:i]
		}
	}
	return cause
}

// partLabel is the "part 19: " or "range 3: " an error starts with.
var partLabel = regexp.MustCompile(`^(part|range) [0-9]+: `)

func oneLine(s string) string {
	return common.Sanitize(strings.Join(strings.Fields(s), " "))
}

// percent formats a fraction as "42%".
func percent(f float64) string { return fmt.Sprintf("%d%%", int(f*100)) }
