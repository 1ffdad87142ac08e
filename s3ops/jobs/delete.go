package jobs

import (
	"context"
	"fmt"
	"path"
	"strings"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
)

// Delete deletes objects and prefixes of the S3 folder in (prefixes
// recursively, in batches of 1,000 keys), collecting every key the
// server refuses. counted is how many objects a question counted
// beforehand (0: unknown), shown as the total from the start.
func Delete(c *s3ops.Client, in s3ops.Location, locs []s3ops.Location, counted int64) Spec {
	title := nameOf(locs[0])
	if len(locs) > 1 {
		title = units.Plural(len(locs), "item")
	}
	where := title + " in " + safetext.Text(in.String())
	spec := Spec{Kind: KindDelete, Title: where, Route: "delete " + where, Unit: Items, Noun: "objects"}
	spec.Run = func(ctx context.Context, t *Task) Outcome {
		t.mu.Lock()
		t.floor = counted
		t.mu.Unlock()
		var base s3ops.Progress
		var failed []s3ops.KeyError
		var stop error
		for i, loc := range locs {
			latest := s3ops.Progress{}
			report := t.s3Reporter(&base, i == len(locs)-1)
			res, err := c.Delete(ctx, loc, s3ops.DeleteOptions{Progress: func(p s3ops.Progress) {
				latest = p
				report(p)
			}})
			failed = append(failed, res.Failed...)
			base.Done, base.Total, base.Failed = base.Done+res.Deleted, base.Total+latest.Total, base.Failed+len(res.Failed)
			if err != nil {
				stop = err
				break
			}
		}
		out := Outcome{Err: stop, Failed: keyFailures(failed), Noun: "key", Changed: []Place{bucketPlace(in.Bucket)},
			Summary: fmt.Sprintf("deleted %s in %s", units.Plural(base.Done, "object"), safetext.Text(in.String()))}
		if stop != nil && s3ops.KindOf(stop) != s3ops.KindCanceled {
			out.Err = fmt.Errorf("delete stopped after %s: %w", units.Plural(base.Done, "object"), stop)
		}
		return out
	}
	return spec
}

// nameOf is a location's last name as a list shows it, a prefix's with
// its "/".
func nameOf(loc s3ops.Location) string {
	name := path.Base(strings.TrimSuffix(loc.Key, "/"))
	if loc.IsPrefix() {
		name += "/"
	}
	return safetext.Text(name)
}

// s3Reporter adapts s3ops progress to the task, adding what earlier
// entries of the same task already did.
func (t *Task) s3Reporter(base *s3ops.Progress, last bool) func(s3ops.Progress) {
	return func(p s3ops.Progress) {
		done, total := int64(base.Done+p.Done), int64(base.Total+p.Total)
		if t.spec.Unit == Bytes {
			t.mu.Lock()
			total = t.total
			t.mu.Unlock()
			done = base.Bytes + p.Bytes
		}
		t.Report(done, total, last && p.Listed)
	}
}

func keyFailures(es []s3ops.KeyError) []Failure {
	out := make([]Failure, len(es))
	for i, e := range es {
		out[i] = Failure{Name: e.Key, Reason: e.Err.Error()}
	}
	return out
}
