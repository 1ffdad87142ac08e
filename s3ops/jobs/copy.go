package jobs

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
)

// Copy copies the plan: between S3 locations server-side (no byte passes
// through this machine), between local folders as a file copy.
// Destinations that exist are left alone and named in the Outcome's
// Conflicts (unless overwrite).
func Copy(plan Plan, overwrite bool) Spec {
	title := fmt.Sprintf("%s → %s", units.Plural(plan.Len(), "item"), safetext.Text(plan.To))
	if n := plan.Dests(); len(n) == 1 {
		title = safetext.Text(n[0])
	}
	spec := Spec{Kind: KindCopy, Title: title, Route: "copy " + safetext.Text(plan.From) + " → " + safetext.Text(plan.To),
		Unit: Items, Noun: "objects"}
	if plan.IsLocal() {
		spec.Unit = Bytes
		spec.Run = func(ctx context.Context, t *Task) Outcome { return copyLocal(ctx, t, plan, overwrite) }
		return spec
	}
	if plan.Bytes > 0 {
		spec.Unit = Bytes
	}
	spec.Run = func(ctx context.Context, t *Task) Outcome { return copyS3(ctx, t, plan, overwrite) }
	return spec
}

func copyS3(ctx context.Context, t *Task, plan Plan, overwrite bool) Outcome {
	t.Report(0, plan.Bytes, plan.Bytes > 0)
	r := runS3Pairs(ctx, t, plan, func(ctx context.Context, p Pair, progress func(s3ops.Progress)) (int, int64, []s3ops.KeyError, error) {
		res, err := plan.Client.Copy(ctx, p.Src, p.Dst, s3ops.CopyOptions{Overwrite: overwrite, Progress: progress})
		return res.Copied, res.Bytes, res.Failed, err
	})
	changed := []Place{bucketPlace(plan.S3[0].Dst.Bucket)}
	if r.cancelled {
		return Outcome{Summary: "copied " + units.Plural(r.base.Done, "object"), Changed: changed}
	}
	out := copied(fmt.Sprintf("%s (%s, server-side)", units.Plural(r.base.Done, "object"), units.Bytes(r.base.Bytes)), r.failed, r.conflicts)
	out.Changed = changed
	return out
}

func copyLocal(ctx context.Context, t *Task, plan Plan, overwrite bool) Outcome {
	var total int64
	for _, p := range plan.Local {
		_, bytes, _ := localops.CountTree(ctx, p.Src)
		total += bytes
	}
	t.Report(0, total, true)
	var failed []Failure
	conflicts := plan.only()
	var done int64
	n := 0
	for _, pair := range plan.Local {
		before := done
		err := localops.Copy(ctx, pair.Src, pair.Dst, localops.CopyOptions{Overwrite: overwrite, Progress: func(b int64) {
			done = before + b
			t.Report(done, total, true)
		}})
		switch {
		case errors.Is(err, localops.ErrDestinationExists):
			conflicts.Local = append(conflicts.Local, pair)
		case ctx.Err() != nil:
			return Outcome{Summary: "copied " + units.Plural(n, "item"), Changed: []Place{dirOf(pair.Dst)}}
		case err != nil:
			failed = append(failed, Failure{Name: pair.Src, Reason: err.Error()})
		default:
			n++
		}
	}
	t.Report(done, max(done, total), true)
	out := copied(fmt.Sprintf("%s (%s)", units.Plural(n, "item"), units.Bytes(done)), failed, conflicts)
	out.Changed = []Place{{Dir: filepath.Dir(plan.Local[0].Dst)}}
	return out
}

func copied(what string, failed []Failure, conflicts Plan) Outcome {
	out := Outcome{Failed: failed, Noun: "item", Summary: "copied " + what + " to " + safetext.Text(conflicts.To)}
	if n := conflicts.Len(); n > 0 {
		out.Conflicts = &conflicts
		out.Summary += fmt.Sprintf("; %d already there (asking)", n)
	}
	return out
}

// pairsRun is how a server-side copy or move of a plan's pairs went.
type pairsRun struct {
	base      s3ops.Progress // keys done and bytes copied, in all
	failed    []Failure
	conflicts Plan // the pairs whose destination exists
	reached   int  // pairs started (all of them unless cancelled)
	cancelled bool
}

// runS3Pairs runs op (a server-side copy or move) on each pair of plan in
// turn, adding up progress for the task; destinations that exist are set
// aside to ask about, failures collected, and a cancel stops it.
func runS3Pairs(ctx context.Context, t *Task, plan Plan,
	op func(context.Context, Pair, func(s3ops.Progress)) (int, int64, []s3ops.KeyError, error)) pairsRun {
	r := pairsRun{conflicts: plan.only()}
	for i, pair := range plan.S3 {
		r.reached = i + 1
		latest := s3ops.Progress{}
		report := t.s3Reporter(&r.base, i == len(plan.S3)-1)
		done, bytes, failedKeys, err := op(ctx, pair, func(p s3ops.Progress) {
			latest = p
			report(p)
		})
		r.base.Done, r.base.Total, r.base.Failed = r.base.Done+done, r.base.Total+latest.Total, r.base.Failed+len(failedKeys)
		r.base.Bytes += bytes
		r.failed = append(r.failed, keyFailures(failedKeys)...)
		switch {
		case errors.Is(err, s3ops.ErrDestinationExists):
			r.conflicts.S3 = append(r.conflicts.S3, pair)
		case err != nil && s3ops.KindOf(err) == s3ops.KindCanceled:
			r.cancelled = true
			return r
		case err != nil:
			r.failed = append(r.failed, Failure{Name: pair.Src.String(), Reason: err.Error()})
		}
	}
	return r
}
