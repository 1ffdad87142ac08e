package transfers_test

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// fakeTasks records cancels, as the jobs.Runner that runs tasks would
// act on them.
type fakeTasks struct{ cancelled []transfer.JobID }

func (f *fakeTasks) Cancel(id transfer.JobID) error {
	f.cancelled = append(f.cancelled, id)
	return nil
}

func taskRow(state transfer.State) jobs.Job {
	return jobs.Job{ID: "task-1", Kind: jobs.KindDelete, Name: "logs/ in s3://b/", Route: "delete logs/ in s3://b/",
		State: state, Progress: jobs.Progress{Done: 412, Total: 900, Unit: jobs.Items, Noun: "objects", Listed: true}}
}

func TestTaskRowsDrawCancelAndAreNotTransfers(t *testing.T) {
	km := keymap.Default()
	m := transfers.New(common.NewContext(context.Background(), &km), nil)
	hooks := &fakeTasks{}
	m.SetTasks(hooks, nil)
	m.SetSize(120, 10)
	m.SetFocused(true)
	m.ApplyTasks([]jobs.Job{taskRow(transfer.Running)})
	view := ansi.Strip(m.View())
	for _, want := range []string{"✗ logs/ in s3://b/", "412/900 objects", "running", "delete logs/ in s3://b/"} {
		if !strings.Contains(view, want) {
			t.Fatalf("view lacks %q:\n%s", want, view)
		}
	}
	if c := m.Counts(); c.Active() != 0 || c.Tasks != 1 || c.Total != 0 {
		t.Fatalf("counts = %+v: a task is not a transfer and has no bytes", c)
	}
	if q := m.QuitQuestion(true); q != "1 operation (delete, move or copy) running: quit and stop it where it is?" {
		t.Fatalf("quit question = %q", q)
	}
	m.Update(tea.KeyPressMsg{Code: 'x', Text: "x"})
	if len(hooks.cancelled) != 1 || hooks.cancelled[0] != "task-1" {
		t.Fatalf("cancelled = %v", hooks.cancelled)
	}
	cmd := m.Update(tea.KeyPressMsg{Code: 'p', Text: "p"})
	if msg, ok := cmd().(common.StatusMsg); !ok || !strings.Contains(msg.Text, "cannot be paused") {
		t.Fatalf("pause on a task: %#v", cmd())
	}
	m.ApplyTasks([]jobs.Job{taskRow(transfer.Done)})
	if q := m.QuitQuestion(true); q != "" {
		t.Fatalf("a finished task asks before quitting: %q", q)
	}
}
