package transfers_test

import (
	"context"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/keymap"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// fakeTasks describes tasks the way ui/ops does and records cancels.
type fakeTasks struct{ cancelled []transfer.JobID }

func (f *fakeTasks) TaskView(s transfer.JobStatus) transfers.TaskView {
	return transfers.TaskView{Glyph: "✗", Progress: "412/900 objects", Route: "delete logs/ in s3://b/",
		Details: func() []source.Field { return []source.Field{{Label: "Operation", Value: "delete"}} }}
}

func (f *fakeTasks) CancelTask(id transfer.JobID) tea.Cmd {
	f.cancelled = append(f.cancelled, id)
	return nil
}

func taskRow(state transfer.State) transfer.JobStatus {
	return transfer.JobStatus{ID: "task-1", Batch: "task-1", Dir: transfers.TaskDir, Remote: s3ops.Location{Key: "logs/ in s3://b/"},
		State: state, Done: 412, Total: 900, ETA: -1}
}

func TestTaskRowsDrawCancelAndAreNotTransfers(t *testing.T) {
	km := keymap.Default()
	m := transfers.New(common.NewContext(context.Background(), &km), nil)
	hooks := &fakeTasks{}
	m.SetTaskHooks(hooks)
	m.SetSize(120, 10)
	m.SetFocused(true)
	m.ApplyTasks([]transfer.JobStatus{taskRow(transfer.Running)})
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
	m.ApplyTasks([]transfer.JobStatus{taskRow(transfer.Done)})
	if q := m.QuitQuestion(true); q != "" {
		t.Fatalf("a finished task asks before quitting: %q", q)
	}
}
