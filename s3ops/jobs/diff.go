package jobs

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/ferry-s3/ferry/foldercmp"
	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// jobPoll is how often a copy of the differences looks at the state of
// the uploads or downloads it queued.
const jobPoll = 100 * time.Millisecond

// Differences copies the differences of a comparison as one task: S3 to
// S3 by server-side copies, else through the transfer queue of eng (the
// files show as jobs of their own, and the task waits for them). The
// deletes run only once every copy has succeeded, as `ferry sync
// --delete` does; local files go to the trash through trash (for good
// where there is none).
func Differences(j foldercmp.Job, eng *transfer.Engine, trash func(path string) (localops.TrashedItem, error)) Spec {
	route := "copy differences " + safetext.Text(j.From.String()) + " → " + safetext.Text(j.To.String())
	title := fmt.Sprintf("differences → %s", safetext.Text(j.To.String()))
	return Spec{Kind: KindCopy, Title: title, Route: route, Unit: Items, Noun: "files",
		Run: func(ctx context.Context, t *Task) Outcome { return runDiff(ctx, t, j, eng, trash) }}
}

func runDiff(ctx context.Context, t *Task, j foldercmp.Job, eng *transfer.Engine, trash func(string) (localops.TrashedItem, error)) Outcome {
	total := int64(len(j.Copy) + len(j.Delete))
	t.Report(0, total, true)
	var failed []Failure
	var copied int
	switch {
	case j.From.IsS3() && j.To.IsS3() && j.From.Conn != j.To.Conn:
		copied, failed = copyStreamed(ctx, t, j, eng, total)
	case j.From.IsS3() && j.To.IsS3():
		copied, failed = copyServerSide(ctx, t, j, total)
	default:
		copied, failed = copyQueued(ctx, t, j, eng, total)
	}
	out := Outcome{Noun: "file", Failed: failed, Changed: []Place{sidePlace(j.To)}}
	out.Summary = fmt.Sprintf("copied %s to %s", units.Plural(copied, "file"), safetext.Text(j.To.String()))
	switch {
	case len(j.Delete) == 0:
	case ctx.Err() != nil || len(failed) > 0:
		out.Summary += fmt.Sprintf("; not deleting %s only there: not every copy succeeded", units.Plural(len(j.Delete), "file"))
	default:
		deleted, dfailed := deleteExtras(ctx, j, trash)
		out.Failed = append(out.Failed, dfailed...)
		t.Report(int64(copied+deleted), total, true)
		out.Summary += fmt.Sprintf("; deleted %s only there", units.Plural(deleted, "file"))
	}
	return out
}

func sidePlace(s foldercmp.Side) Place {
	if s.IsS3() {
		return bucketPlace(s.Loc.Bucket)
	}
	return Place{Dir: s.Local}
}

// copyStreamed has eng (the destination connection's engine) stream
// each file from the source connection, replacing what differs, and
// waits until every one has ended.
func copyStreamed(ctx context.Context, t *Task, j foldercmp.Job, eng *transfer.Engine, total int64) (int, []Failure) {
	pairs := make([]transfer.CopyPair, len(j.Copy))
	for i, a := range j.Copy {
		pairs[i] = transfer.CopyPair{Src: j.From.Object(a.Path), Dst: j.To.Object(a.Path), Size: a.Src.Size}
	}
	if len(pairs) == 0 {
		return 0, nil
	}
	b, err := eng.CopyPairs(ctx, j.From.Conn, pairs, j.To.Loc.Key, transfer.Overwrite)
	if err != nil {
		return 0, []Failure{{Name: j.From.String(), Reason: err.Error()}}
	}
	var failed []Failure
	for _, s := range b.Skipped {
		failed = append(failed, Failure{Name: s.Path, Reason: s.Reason})
	}
	done, jobFailed := waitJobs(ctx, t, eng, b.Jobs, total, len(failed))
	return done, append(failed, jobFailed...)
}

// copyServerSide copies each file S3 to S3, replacing what differs.
func copyServerSide(ctx context.Context, t *Task, j foldercmp.Job, total int64) (int, []Failure) {
	var failed []Failure
	done := 0
	for _, a := range j.Copy {
		if ctx.Err() != nil {
			break
		}
		src, dst := j.From.Object(a.Path), j.To.Object(a.Path)
		if _, err := j.From.Client.Copy(ctx, src, dst, s3ops.CopyOptions{Overwrite: true}); err != nil {
			failed = append(failed, Failure{Name: src.String(), Reason: err.Error()})
		} else {
			done++
		}
		t.Report(int64(done+len(failed)), total, true)
	}
	return done, failed
}

// copyQueued hands each file to the transfer queue (uploads replace the
// objects that differ; downloads overwrite the files) and waits until
// every one has ended.
func copyQueued(ctx context.Context, t *Task, j foldercmp.Job, eng *transfer.Engine, total int64) (int, []Failure) {
	var failed []Failure
	var ids []transfer.JobID
	for _, a := range j.Copy {
		if ctx.Err() != nil {
			return 0, append(failed, Failure{Name: a.Path, Reason: "cancelled"})
		}
		var b transfer.Batch
		var err error
		if j.To.IsS3() {
			b, err = eng.Upload(ctx, a.Src.Local, j.To.Object(a.Path))
		} else {
			var target string
			if target, err = j.To.File(a.Path); err == nil {
				b, err = eng.DownloadAs(ctx, j.From.Object(a.Path), target, transfer.Overwrite)
			}
		}
		if err != nil {
			failed = append(failed, Failure{Name: a.Path, Reason: err.Error()})
			continue
		}
		for _, s := range b.Skipped {
			failed = append(failed, Failure{Name: s.Path, Reason: s.Reason})
		}
		ids = append(ids, b.Jobs...)
	}
	done, jobFailed := waitJobs(ctx, t, eng, ids, total, len(failed))
	return done, append(failed, jobFailed...)
}

// waitJobs waits until every job has ended (or ctx ends), reporting
// progress; it returns how many were done and the others.
func waitJobs(ctx context.Context, t *Task, eng *transfer.Engine, ids []transfer.JobID, total int64, failedBefore int) (int, []Failure) {
	tick := time.NewTicker(jobPoll)
	defer tick.Stop()
	for {
		done, ended := 0, 0
		var failed []Failure
		for _, id := range ids {
			s, ok := eng.Job(id)
			switch {
			case !ok:
				ended++
				failed = append(failed, Failure{Name: string(id), Reason: "the transfer was cleared before it ended"})
			case s.State == transfer.Done:
				done++
				ended++
			case s.State.Finished():
				ended++
				failed = append(failed, Failure{Name: jobName(s), Reason: jobProblem(s)})
			}
		}
		t.Report(int64(done+len(failed)+failedBefore), total, true)
		if ended == len(ids) {
			return done, failed
		}
		select {
		case <-ctx.Done():
			return done, append(failed, Failure{Name: "the copy", Reason: "cancelled"})
		case <-tick.C:
		}
	}
}

func jobName(s transfer.JobStatus) string {
	if s.Dir == transfer.Upload {
		return s.Local
	}
	return s.Remote.String()
}

func jobProblem(s transfer.JobStatus) string {
	if s.Err != "" {
		return s.Err
	}
	return s.State.String()
}

// deleteExtras deletes what only the target holds: objects in batches,
// local files to the trash (for good where there is none).
func deleteExtras(ctx context.Context, j foldercmp.Job, trash func(string) (localops.TrashedItem, error)) (int, []Failure) {
	if j.To.IsS3() {
		keys := make([]string, len(j.Delete))
		for i, a := range j.Delete {
			keys[i] = j.To.Object(a.Path).Key
		}
		res, err := j.To.Client.DeleteKeys(ctx, j.To.Loc.Bucket, keys, nil)
		failed := keyFailures(res.Failed)
		if err != nil {
			failed = append(failed, Failure{Name: j.To.String(), Reason: err.Error()})
		}
		return res.Deleted, failed
	}
	var failed []Failure
	deleted := 0
	for _, a := range j.Delete {
		path, err := j.To.File(a.Path)
		if err == nil {
			_, err = trash(path)
			if errors.Is(err, localops.ErrNoTrash) {
				err = os.Remove(path)
			}
		}
		if err != nil {
			failed = append(failed, Failure{Name: a.Path, Reason: err.Error()})
			continue
		}
		deleted++
		removeEmptyDirs(filepath.Dir(path), j.To.Local)
	}
	return deleted, failed
}

// removeEmptyDirs removes dir and the folders above it, up to root,
// while the deletes left them empty.
func removeEmptyDirs(dir, root string) {
	root, _ = filepath.Abs(root)
	for dir, _ = filepath.Abs(dir); dir != root && len(dir) > len(root); dir = filepath.Dir(dir) {
		if os.Remove(dir) != nil {
			return
		}
	}
}
