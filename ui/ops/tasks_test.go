package ops

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// drive runs a task's commands as the root would: the start, then the
// re-armed watch, collecting what the transfers pane would be shown.
func drive(t *testing.T, r *runner, start tea.Cmd, during func(seen int)) ([]transfer.JobStatus, taskDoneMsg) {
	t.Helper()
	var shown []transfer.JobStatus
	msg := start()
	for i := 0; i < 1000; i++ {
		switch m := msg.(type) {
		case taskMsg:
			shown = append(shown, m.status)
			if during != nil {
				during(len(shown))
			}
			tk, _ := r.get(m.id)
			msg = tk.watch(m.at)()
		case taskDoneMsg:
			return append(shown, m.status), m
		default:
			t.Fatalf("unexpected %T", msg)
		}
	}
	t.Fatal("the task never ended")
	return nil, taskDoneMsg{}
}

func TestTaskReportsProgressAtMostTenTimesASecondAndEnds(t *testing.T) {
	r := newRunner(context.Background(), time.Now)
	_, start := r.start(taskSpec{kind: "delete", title: "logs/", unit: unitKeys, noun: "objects",
		run: func(ctx context.Context, tk *task) outcome {
			for i := 1; i <= 300; i++ {
				tk.report(int64(i), 300, 0, true)
				time.Sleep(time.Millisecond)
			}
			return outcome{summary: "deleted 300 objects"}
		}})
	began := time.Now()
	shown, done := drive(t, r, start, nil)
	took := time.Since(began)
	last := shown[len(shown)-1]
	if last.State != transfer.Done || last.Done != 300 || last.Total != 300 || done.out.summary != "deleted 300 objects" {
		t.Fatalf("last = %+v, outcome %+v", last, done.out)
	}
	if max := int(took/taskFrame) + 2; len(shown) > max {
		t.Fatalf("%d reports in %s: more than one a frame", len(shown), took)
	}
	if len(shown) < 3 {
		t.Fatalf("only %d reports: no progress shown on the way", len(shown))
	}
}

func TestCancelledTaskStopsAndSaysWhatItDid(t *testing.T) {
	r := newRunner(context.Background(), time.Now)
	tk, start := r.start(taskSpec{kind: "move", title: "photos/", unit: unitKeys, noun: "objects",
		run: func(ctx context.Context, tk *task) outcome {
			n := 0
			for ctx.Err() == nil {
				n++
				tk.report(int64(n), 1000, 0, false)
				time.Sleep(time.Millisecond)
			}
			return outcome{summary: "moved some objects"}
		}})
	shown, done := drive(t, r, start, func(seen int) {
		if seen == 2 {
			tk.cancel() // what CancelTask does
		}
	})
	last := shown[len(shown)-1]
	if last.State != transfer.Cancelled || !done.out.stopped || last.Err != "cancelled: moved some objects" {
		t.Fatalf("last = %+v, outcome %+v", last, done.out)
	}
	if r.running() != 0 {
		t.Fatal("the task still counts as running")
	}
}

// When the program ends, its tasks are cancelled and waited for: a
// cancelled server-side copy still has its multipart upload to abort.
func TestEndingWaitsForCancelledTasksToCleanUp(t *testing.T) {
	r := newRunner(context.Background(), time.Now)
	var cleaned atomic.Bool
	_, start := r.start(taskSpec{kind: "copy", title: "big.iso", unit: unitBytes,
		run: func(ctx context.Context, tk *task) outcome {
			<-ctx.Done()
			time.Sleep(150 * time.Millisecond) // the abort request
			cleaned.Store(true)
			return outcome{summary: "copied nothing"}
		}})
	_, never := r.start(taskSpec{kind: "delete", title: "queued, never launched", unit: unitKeys,
		run: func(context.Context, *task) outcome { return outcome{} }})
	_ = never // its command is never run: nothing to wait for
	start()
	r.cancelAll()
	if !r.wait(5*time.Second) || !cleaned.Load() {
		t.Fatal("the runner did not wait for the cancelled task's clean-up")
	}

	stuck := newRunner(context.Background(), time.Now)
	release := make(chan struct{})
	defer close(release)
	_, start = stuck.start(taskSpec{kind: "copy", title: "stuck", unit: unitBytes,
		run: func(context.Context, *task) outcome { <-release; return outcome{} }})
	start()
	stuck.cancelAll()
	if stuck.wait(50 * time.Millisecond) {
		t.Fatal("wait reported a task that never returned as finished")
	}
}
