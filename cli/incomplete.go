package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/charmbracelet/x/term"
	"golang.org/x/sync/errgroup"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// Unfinished multipart uploads cost storage until they are completed or
// aborted, and no listing of objects shows them: `ferry ls --incomplete`
// lists them (with what ferry's ledger knows: whether running the same
// copy again resumes one) and `ferry rm --incomplete` aborts them.

// listIncomplete lists the unfinished uploads under loc for `ferry ls
// --incomplete`, and names the stale ferry cp journals that keep
// transfers of its bucket.
func listIncomplete(ctx context.Context, c *s3ops.Client, a lsArgs, w io.Writer, stderr io.Writer) error {
	ups, err := transfer.ListIncomplete(ctx, c, a.loc, ledgerPath(ctx))
	if err != nil {
		return fmt.Errorf("%s: %w", a.loc, err)
	}
	now := time.Now()
	for _, s := range staleJournals(ctx, a.loc.Bucket, now) {
		if a.json {
			writeStaleJSON(w, s)
		} else {
			fmt.Fprintf(stderr, "ferry ls: %s; ferry rm --incomplete %s cleans it\n", staleText(s, a.loc.Bucket), a.loc)
		}
	}
	for _, u := range ups {
		if a.json {
			writeIncompleteJSON(w, u, now)
			continue
		}
		size := fmt.Sprint(u.Bytes)
		if a.human {
			size = units.Bytes(u.Bytes)
		}
		fmt.Fprintf(w, "%s  %5d  %10s  %-9s  %s\n", u.Initiated.Local().Format(time.DateTime), u.Parts, size,
			u.State(now), strings.TrimPrefix(u.Key, a.loc.Key))
	}
	switch {
	case a.json:
	case len(ups) == 0:
		fmt.Fprintf(stderr, "ferry ls: no incomplete uploads under %s\n", a.loc)
	default:
		fmt.Fprintf(stderr, "ferry ls: %s\n", incompleteSummary(ups, a.loc, now))
	}
	return nil
}

// incompleteSummary is "3 incomplete uploads, 45.0 MiB stored; 1 ferry can
// resume (run the same copy again); ferry rm --incomplete s3://b/ aborts them".
func incompleteSummary(ups []transfer.Incomplete, loc s3ops.Location, now time.Time) string {
	var bytes int64
	resumable := 0
	for _, u := range ups {
		bytes += u.Bytes
		if u.State(now) == "resumable" {
			resumable++
		}
	}
	s := fmt.Sprintf("%s, %s stored", units.Plural(len(ups), "incomplete upload"), units.Bytes(bytes))
	if resumable > 0 {
		s += fmt.Sprintf("; %d ferry can resume (run the same copy again)", resumable)
	}
	return s + "; ferry rm --incomplete " + loc.String() + " aborts them"
}

// staleJournals are the ferry cp journals stale at now that keep
// transfers of bucket.
func staleJournals(ctx context.Context, bucket string, now time.Time) []transfer.StaleJournal {
	dir, err := cpJournalDir(dirsOf(ctx))
	if err != nil {
		return nil
	}
	all, _ := transfer.StaleJournals(dir, now)
	var out []transfer.StaleJournal
	for _, s := range all {
		if s.Holds(bucket) {
			out = append(out, s)
		}
	}
	return out
}

// staleText is "a ferry cp journal not run since 2026-11-20 15:04 keeps
// 3 unfinished transfers with s3://b (1.2 GiB in temp files)".
func staleText(s transfer.StaleJournal, bucket string) string {
	t := fmt.Sprintf("a ferry cp journal not run since %s keeps %s with s3://%s", s.Touched.Local().Format("2006-01-02 15:04"),
		units.Plural(len(s.Jobs), "unfinished transfer"), bucket)
	if n := s.TempBytes(); n > 0 {
		t += fmt.Sprintf(" (%s in temp files)", units.Bytes(n))
	}
	return t
}

// staleJSON is the --json form of a stale journal.
type staleJSON struct {
	Type      string    `json:"type"` // "journal"
	Journal   string    `json:"journal"`
	Touched   time.Time `json:"touched"`
	Transfers int       `json:"transfers"`
	TempBytes int64     `json:"temp_bytes"`
}

func writeStaleJSON(w io.Writer, s transfer.StaleJournal) {
	b, _ := json.Marshal(staleJSON{Type: "journal", Journal: s.Path, Touched: s.Touched.UTC(), Transfers: len(s.Jobs), TempBytes: s.TempBytes()})
	w.Write(append(safetext.JSON(b), '\n'))
}

// incompleteJSON is the --json form of an unfinished upload.
type incompleteJSON struct {
	Type       string     `json:"type"` // "upload"
	Key        string     `json:"key"`
	UploadID   string     `json:"upload_id"`
	Initiated  time.Time  `json:"initiated"`
	Parts      int        `json:"parts"`
	Bytes      int64      `json:"bytes"`
	State      string     `json:"state"`
	Source     string     `json:"source,omitempty"`
	LastWorked *time.Time `json:"last_worked,omitempty"`
	Error      string     `json:"error,omitempty"`
}

func writeIncompleteJSON(w io.Writer, u transfer.Incomplete, now time.Time) {
	j := incompleteJSON{Type: "upload", Key: u.Key, UploadID: u.UploadID, Initiated: u.Initiated.UTC(), Parts: u.Parts, Bytes: u.Bytes,
		State: u.State(now)}
	if u.Ledger != nil {
		t := u.Ledger.LastWorked().UTC()
		j.Source, j.LastWorked = u.Ledger.Source, &t
	}
	if u.PartsErr != nil {
		j.Error = u.PartsErr.Error()
	}
	b, _ := json.Marshal(j)
	w.Write(append(safetext.JSON(b), '\n'))
}

// ledgerPath is the ledger every ferry shares ("" when there is no state
// dir: nothing is then known as ferry's).
func ledgerPath(ctx context.Context) string {
	p, _ := transfer.LedgerPathIn(dirsOf(ctx))
	return p
}

// abortIncomplete runs `ferry rm --incomplete`: it lists the unfinished
// uploads under each location, asks first on a terminal (unless -f or
// --dry-run), and aborts them.
func (d *deleter) abortIncomplete(stdin io.Reader) {
	var all []incompleteAt
	for _, loc := range d.a.locs {
		ups, err := transfer.ListIncomplete(d.ctx, d.c, loc, ledgerPath(d.ctx))
		if err != nil {
			d.col.plan(1, 0)
			d.col.finish("list "+loc.String(), item{Op: "abort", Status: statusFailed, Source: loc.String(), Bucket: loc.Bucket,
				Key: loc.Key, Reason: errorText(err)})
			continue
		}
		for _, u := range ups {
			all = append(all, incompleteAt{loc: loc, u: u})
		}
	}
	stale := d.staleOfTargets()
	if len(all)+len(stale) > 0 && !d.a.dryRun && !d.a.force && askable(stdin, d.stderr) &&
		!confirm(stdin, d.stderr, abortQuestion(all, len(stale))) {
		d.col.planned()
		return
	}
	d.abortAll(all)
	for i, s := range stale {
		d.col.plan(1, 0)
		d.col.finish(fmt.Sprintf("clean%d", i), d.cleanOne(s))
	}
	d.col.planned()
}

// abortAll aborts the uploads eight at a time: each abort is watched a
// moment, as a part still on its way can bring the upload back.
func (d *deleter) abortAll(all []incompleteAt) {
	items := make([]item, len(all))
	var g errgroup.Group
	g.SetLimit(8)
	for i, x := range all {
		d.col.plan(1, x.u.Bytes)
		g.Go(func() error {
			items[i] = d.abortOne(x)
			d.col.finish(fmt.Sprintf("abort%d", i), items[i])
			return nil
		})
	}
	g.Wait()
	for _, it := range items {
		if it.Status == statusDone {
			d.objects++
		}
	}
}

// staleOfTargets are the stale journals keeping transfers of the buckets
// named, each once.
func (d *deleter) staleOfTargets() []transfer.StaleJournal {
	seen := map[string]bool{}
	var out []transfer.StaleJournal
	for _, loc := range d.a.locs {
		for _, s := range staleJournals(d.ctx, loc.Bucket, time.Now()) {
			if !seen[s.Path] {
				seen[s.Path] = true
				out = append(out, s)
			}
		}
	}
	return out
}

// cleanOne removes a stale journal with what it keeps.
func (d *deleter) cleanOne(s transfer.StaleJournal) item {
	start := time.Now()
	it := item{Op: "clean", Status: statusDone, Source: display(s.Path), Bytes: s.TempBytes()}
	switch {
	case d.a.dryRun:
		it.Op = "would clean"
	default:
		if err := s.Clean(d.ctx, d.c, ledgerPath(d.ctx)); err != nil {
			it.Status, it.Reason = statusFailed, errorText(err)
		}
	}
	it.Seconds = time.Since(start).Seconds()
	return it
}

type incompleteAt struct {
	loc s3ops.Location
	u   transfer.Incomplete
}

func (d *deleter) abortOne(x incompleteAt) item {
	start := time.Now()
	it := item{Op: "abort", Status: statusDone, Source: s3ops.Location{Bucket: x.loc.Bucket, Key: x.u.Key}.String(),
		Bucket: x.loc.Bucket, Key: x.u.Key, Bytes: x.u.Bytes}
	switch err := d.abortUnlessDry(x); {
	case err != nil:
		it.Status, it.Reason = statusFailed, errorText(err)
	case d.a.dryRun:
		it.Op = "would abort"
	}
	it.Seconds = time.Since(start).Seconds()
	return it
}

func (d *deleter) abortUnlessDry(x incompleteAt) error {
	if d.a.dryRun {
		return nil
	}
	return transfer.AbortIncomplete(d.ctx, d.c, x.loc.Bucket, x.u, ledgerPath(d.ctx))
}

func abortQuestion(all []incompleteAt, stale int) string {
	var bytes int64
	resumable := 0
	now := time.Now()
	for _, x := range all {
		bytes += x.u.Bytes
		if x.u.State(now) == "resumable" {
			resumable++
		}
	}
	q := fmt.Sprintf("abort %s (%s stored", units.Plural(len(all), "incomplete upload"), units.Bytes(bytes))
	if resumable > 0 {
		q += fmt.Sprintf("; ferry could still resume %d of them", resumable)
	}
	q += ")"
	if stale > 0 {
		q += fmt.Sprintf(" and clean %s not run for a week (their temp files go too)", units.Plural(stale, "ferry cp journal"))
	}
	return q + "?"
}

// askable reports whether a question can be asked: the answer comes from
// a terminal and the question goes to one.
func askable(stdin io.Reader, stderr io.Writer) bool {
	f, ok := stdin.(*os.File)
	return ok && term.IsTerminal(f.Fd()) && isTerminal(stderr)
}

// confirm asks question on out and reports whether the line read from in
// says yes ("y" or "yes", any case). Anything else, or no answer, is no.
func confirm(in io.Reader, out io.Writer, question string) bool {
	return confirmAs("ferry rm", in, out, question)
}

// confirmAs is confirm for the command cmd.
func confirmAs(cmd string, in io.Reader, out io.Writer, question string) bool {
	fmt.Fprintf(out, "%s: %s [y/N] ", cmd, question)
	line, _ := bufio.NewReader(in).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes":
		return true
	}
	return false
}
