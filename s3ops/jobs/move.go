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

// Move moves the plan: on S3 a server-side copy, then the delete of the
// original once its copy exists; locally a rename (or a copy and delete
// across file systems). Destinations that exist are left alone and
// named in the Outcome's Conflicts (unless overwrite).
func Move(plan Plan, overwrite bool) Spec {
	title := fmt.Sprintf("%s → %s", units.Plural(plan.Len(), "item"), safetext.Text(plan.To))
	if n := plan.Dests(); len(n) == 1 {
		title = safetext.Text(filepath.Base(plan.FirstSource())) + " → " + safetext.Text(n[0])
	}
	spec := Spec{Kind: KindMove, Title: title, Route: "move " + safetext.Text(plan.From) + " → " + safetext.Text(plan.To),
		Unit: Items, Noun: "objects"}
	if plan.IsLocal() {
		spec.Noun = "items"
		spec.Run = func(ctx context.Context, t *Task) Outcome { return moveLocal(ctx, t, plan, overwrite) }
		return spec
	}
	spec.Run = func(ctx context.Context, t *Task) Outcome { return moveS3(ctx, t, plan, overwrite) }
	return spec
}

func moveS3(ctx context.Context, t *Task, plan Plan, overwrite bool) Outcome {
	r := runS3Pairs(ctx, t, plan, func(ctx context.Context, p Pair, progress func(s3ops.Progress)) (int, int64, []s3ops.KeyError, error) {
		res, err := plan.Client.Move(ctx, p.Src, p.Dst, s3ops.CopyOptions{Overwrite: overwrite, Progress: progress})
		return res.Moved, res.Bytes, res.Failed, err
	})
	var changed []Place
	for _, pair := range plan.S3[:r.reached] {
		changed = append(changed, bucketPlace(pair.Src.Bucket), bucketPlace(pair.Dst.Bucket))
	}
	if r.cancelled {
		return Outcome{Summary: "moved " + units.Plural(r.base.Done, "object"), Changed: changed}
	}
	return moved(r.base.Done, "object", r.failed, r.conflicts, changed)
}

func moveLocal(ctx context.Context, t *Task, plan Plan, overwrite bool) Outcome {
	var failed []Failure
	conflicts := plan.only()
	var changed []Place
	done := 0
	for _, pair := range plan.Local {
		if ctx.Err() != nil {
			return Outcome{Summary: "moved " + units.Plural(done, "item"), Changed: changed}
		}
		err := localops.Move(pair.Src, pair.Dst, localops.MoveOptions{Overwrite: overwrite})
		changed = append(changed, dirOf(pair.Src), dirOf(pair.Dst))
		switch {
		case errors.Is(err, localops.ErrDestinationExists):
			conflicts.Local = append(conflicts.Local, pair)
		case err != nil:
			failed = append(failed, Failure{Name: pair.Src, Reason: err.Error()})
		default:
			done++
		}
		t.Report(int64(done), int64(len(plan.Local)), true)
	}
	return moved(done, "item", failed, conflicts, changed)
}

func moved(done int, noun string, failed []Failure, conflicts Plan, changed []Place) Outcome {
	out := Outcome{Failed: failed, Noun: "item", Changed: changed,
		Summary: "moved " + units.Plural(done, noun) + " to " + safetext.Text(conflicts.To)}
	if n := conflicts.Len(); n > 0 {
		out.Conflicts = &conflicts
		out.Summary += fmt.Sprintf("; %d already there (asking)", n)
	}
	return out
}
