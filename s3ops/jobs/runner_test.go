package jobs

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// follow reads a task's reports until it ends, as a presenter would,
// calling during after each; it returns every status seen, the last one
// after the end.
func follow(t *testing.T, tk *Task, during func(seen int)) []Job {
	t.Helper()
	var shown []Job
	timeout := time.After(30 * time.Second)
	for {
		select {
		case <-tk.Changed():
			shown = append(shown, tk.Status())
			if during != nil {
				during(len(shown))
			}
		case <-tk.Finished():
			return append(shown, tk.Status())
		case <-timeout:
			t.Fatal("the task never ended")
		}
	}
}

func TestTaskReportsProgressAndEndsDoneWithItsTotal(t *testing.T) {
	r := NewRunner(context.Background(), time.Now)
	tk := r.Start(Spec{Kind: KindDelete, Title: "logs/", Unit: Items, Noun: "objects",
		Run: func(ctx context.Context, tk *Task) Outcome {
			for i := 1; i <= 300; i++ {
				tk.Report(int64(i), 300, true)
			}
			return Outcome{Summary: "deleted 300 objects"}
		}})
	shown := follow(t, tk, nil)
	last := shown[len(shown)-1]
	if last.State != transfer.Done || last.Progress.Done != 300 || last.Progress.Total != 300 || tk.Outcome().Summary != "deleted 300 objects" {
		t.Fatalf("last = %+v, outcome %+v", last, tk.Outcome())
	}
	if last.Kind != KindDelete || last.Progress.Text(last.State) != "300 objects" || last.Transfer != nil {
		t.Fatalf("as a job: %+v (%q)", last, last.Progress.Text(last.State))
	}
}

func TestCancelledTaskStopsAndSaysWhatItDid(t *testing.T) {
	r := NewRunner(context.Background(), time.Now)
	tk := r.Start(Spec{Kind: KindMove, Title: "photos/", Unit: Items, Noun: "objects",
		Run: func(ctx context.Context, tk *Task) Outcome {
			n := 0
			for ctx.Err() == nil {
				n++
				tk.Report(int64(n), 1000, false)
				time.Sleep(time.Millisecond)
			}
			return Outcome{Summary: "moved some objects"}
		}})
	shown := follow(t, tk, func(seen int) {
		if seen == 2 {
			if err := r.Cancel(tk.ID()); err != nil {
				t.Error(err)
			}
		}
	})
	last := shown[len(shown)-1]
	if last.State != transfer.Cancelled || !tk.Outcome().Stopped || last.Err != "cancelled: moved some objects" {
		t.Fatalf("last = %+v, outcome %+v", last, tk.Outcome())
	}
	if r.Running() != 0 {
		t.Fatal("the task still counts as running")
	}
}

func TestAFinishedTaskCanWaitForADecisionAndSettle(t *testing.T) {
	r := NewRunner(context.Background(), time.Now)
	tk := r.Start(Spec{Kind: KindCopy, Title: "a.txt", Unit: Items, Noun: "objects",
		Run: func(context.Context, *Task) Outcome { return Outcome{Summary: "copied 0 objects"} }})
	<-tk.Finished()
	waiting, ok := r.Await(tk.ID(), "1 thing already there")
	if !ok || waiting.State != transfer.NeedsDecision || waiting.Conflict != "1 thing already there" {
		t.Fatalf("waiting = %+v", waiting)
	}
	if settled, _ := r.Settle(tk.ID()); settled.State != transfer.Done || settled.Conflict != "" {
		t.Fatalf("settled = %+v", settled)
	}
}

// When the program ends, its tasks are cancelled and waited for: a
// cancelled server-side copy still has its multipart upload to abort.
func TestEndingWaitsForCancelledTasksToCleanUp(t *testing.T) {
	r := NewRunner(context.Background(), time.Now)
	var cleaned atomic.Bool
	started := make(chan struct{})
	r.Start(Spec{Kind: KindCopy, Title: "big.iso", Unit: Bytes,
		Run: func(ctx context.Context, tk *Task) Outcome {
			close(started)
			<-ctx.Done()
			time.Sleep(150 * time.Millisecond) // the abort request
			cleaned.Store(true)
			return Outcome{Summary: "copied nothing"}
		}})
	<-started
	r.CancelAll()
	if !r.Wait(5*time.Second) || !cleaned.Load() {
		t.Fatal("the runner did not wait for the cancelled task's clean-up")
	}

	stuck := NewRunner(context.Background(), time.Now)
	release := make(chan struct{})
	defer close(release)
	stuck.Start(Spec{Kind: KindCopy, Title: "stuck", Unit: Bytes,
		Run: func(context.Context, *Task) Outcome { <-release; return Outcome{} }})
	stuck.CancelAll()
	if stuck.Wait(50 * time.Millisecond) {
		t.Fatal("wait reported a task that never returned as finished")
	}
}

func TestATransferIsAJobOfBytesWithTheEnginesReport(t *testing.T) {
	s := transfer.JobStatus{ID: "j1", Dir: transfer.Download, State: transfer.Running, Done: 1 << 20, Total: 4 << 20}
	s.Remote.Key = "docs/a.pdf"
	j := FromTransfer(s)
	if j.Kind != KindDownload || !j.IsTransfer() || j.Name != "docs/a.pdf" || j.Transfer == nil || j.Transfer.ID != "j1" {
		t.Fatalf("job = %+v", j)
	}
	if got := j.Progress.Text(j.State); got != "1.0 MiB/4.0 MiB" {
		t.Fatalf("progress = %q", got)
	}
	if f := j.Progress.Fraction(j.State); f != 0.25 {
		t.Fatalf("fraction = %v", f)
	}
}

func TestAStreamedCopyIsACopyJobOfTheEngine(t *testing.T) {
	j := FromTransfer(transfer.JobStatus{ID: "j2", Dir: transfer.Copy, State: transfer.Queued})
	if j.Kind != KindCopy || !j.IsTransfer() {
		t.Fatalf("a streamed copy is a %v job (transfer %v), want a copy of the engine", j.Kind, j.IsTransfer())
	}
	if task := (Job{Kind: KindCopy}); task.IsTransfer() {
		t.Fatal("a task without an engine report counts as a transfer")
	}
}
