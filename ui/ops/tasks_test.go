package ops

import (
	"context"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// drive runs a task's commands as the root would: the start, then the
// re-armed watch, collecting what the transfers pane would be shown.
func drive(t *testing.T, r *jobs.Runner, start tea.Cmd) ([]jobs.Job, taskDoneMsg) {
	t.Helper()
	var shown []jobs.Job
	msg := start()
	for i := 0; i < 1000; i++ {
		switch m := msg.(type) {
		case taskMsg:
			shown = append(shown, m.status)
			tk, _ := r.Get(m.id)
			msg = watch(tk, m.at, m.from)()
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
	r := jobs.NewRunner(context.Background(), time.Now)
	m := &Manager{run: r}
	start := m.startTask(jobs.Spec{Kind: jobs.KindDelete, Title: "logs/", Unit: jobs.Items, Noun: "objects",
		Run: func(ctx context.Context, tk *jobs.Task) jobs.Outcome {
			for i := 1; i <= 300; i++ {
				tk.Report(int64(i), 300, true)
				time.Sleep(time.Millisecond)
			}
			return jobs.Outcome{Summary: "deleted 300 objects"}
		}}, origin{})
	began := time.Now()
	shown, done := drive(t, r, start().(tea.BatchMsg)[0])
	took := time.Since(began)
	last := shown[len(shown)-1]
	if last.State != transfer.Done || last.Progress.Done != 300 || last.Progress.Total != 300 || done.out.Summary != "deleted 300 objects" {
		t.Fatalf("last = %+v, outcome %+v", last, done.out)
	}
	if max := int(took/taskFrame) + 2; len(shown) > max {
		t.Fatalf("%d reports in %s: more than one a frame", len(shown), took)
	}
	if len(shown) < 3 {
		t.Fatalf("only %d reports: no progress shown on the way", len(shown))
	}
}
