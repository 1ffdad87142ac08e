package ops

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/dialog"
	"github.com/ferry-s3/ferry/ui/source"
)

// Options configure the operations.
type Options struct {
	Client *s3ops.Client
	// S3Start and LocalDir are where a pane switched to the other kind
	// goes when it has not been there before and the other pane is not
	// of that kind either.
	S3Start  s3ops.Location
	LocalDir string
	// SwitchNote follows the status line of a switch to S3 (the root
	// offers the connections picker there: " · @ picks another…").
	SwitchNote string
	// Trash moves a local path to the trash (nil: localops.Trash).
	// Tests replace it to exercise the no-trash confirmation.
	Trash func(path string) (localops.TrashedItem, error)
}

// Sink is where task rows go: the transfers pane, through the root.
type Sink interface {
	ApplyTasks(ss []jobs.Job)
	// ShowTasks puts the transfers pane on screen (without focus).
	ShowTasks()
}

// Msg is a result for the operations: the root hands every Msg to
// Manager.Update.
type Msg interface{ viewID() int }

// view is an open operation dialog that takes its own results.
type view interface {
	common.Component
	handle(msg Msg) tea.Cmd
}

// resultMsg is the end of a quick operation (one that is not a task).
type resultMsg struct {
	id      int   // the dialog waiting for it (0: none)
	err     error // shown in that dialog while it is open, else on the status line
	status  string
	changed []where
	focus   []focusOn // entries to put the cursor on
	then    tea.Cmd
}

func (m resultMsg) viewID() int { return m.id }

// Manager opens the operation dialogs, runs the work and its tasks, and
// routes the results. The root owns one.
type Manager struct {
	ctx     *common.Context
	o       Options
	run     *jobs.Runner
	sink    Sink
	open    common.OpenSet[view] // the dialogs open, by id
	memory  map[int]paneMemory
	buckets map[string]bucketState // versioning, by bucket
	// later holds conflicts left for later, by the task row they wait on.
	later map[transfer.JobID]conflictMsg
}

// NewManager returns the operations of one session.
func NewManager(ctx *common.Context, o Options) *Manager {
	if o.Trash == nil {
		o.Trash = localops.Trash
	}
	return &Manager{ctx: ctx, o: o, run: jobs.NewRunner(ctx.Base, ctx.Clock.Now),
		memory: map[int]paneMemory{}, buckets: map[string]bucketState{}, later: map[transfer.JobID]conflictMsg{}}
}

// SetSink connects the task rows to the transfers pane.
func (m *Manager) SetSink(s Sink) { m.sink = s }

// Tasks runs the background tasks (the transfers pane cancels them).
func (m *Manager) Tasks() *jobs.Runner { return m.run }

// Close cancels the running tasks (the program is ending).
func (m *Manager) Close() { m.run.CancelAll() }

// Wait waits, at most timeout, for the tasks Close cancelled to finish
// their clean-up; false when some had not.
func (m *Manager) Wait(timeout time.Duration) bool { return m.run.Wait(timeout) }

// HandleKey runs the operation msg asks for on the focused pane (other
// is the other file pane). handled is false for other keys.
func (m *Manager) HandleKey(msg tea.KeyPressMsg, focused, other Pane) (tea.Cmd, bool) {
	k := m.ctx.Keys.Ops
	if key.Matches(msg, k.SwitchKind) {
		return m.switchKind(focused, other), true
	}
	if inBucketList(focused.Source()) {
		switch {
		case key.Matches(msg, k.NewBucket):
			return m.newBucket(focused), true
		case key.Matches(msg, k.DeleteBucket):
			return m.deleteBucket(focused), true
		}
		return nil, false
	}
	switch {
	case key.Matches(msg, k.Delete):
		return m.delete(focused), true
	case key.Matches(msg, k.Move):
		return m.move(focused, other), true
	case key.Matches(msg, k.Mkdir):
		return m.mkdir(focused), true
	case key.Matches(msg, k.EditMeta):
		return m.editMeta(focused), true
	}
	return nil, false
}

// PaneKeys are the operation keys as they stand in one pane, each
// disabled where it does nothing: in the bucket list NewBucket and
// DeleteBucket take the places of Mkdir and Delete, and the folder keys
// are off.
type PaneKeys struct {
	Delete, Move, Mkdir, EditMeta, Versions key.Binding
	NewBucket, DeleteBucket                 key.Binding
	SwitchKind                              key.Binding
	BucketList                              bool
}

// KeysIn are the operation keys of pane p, each enabled only where it
// works (the help bar picks among them by where the cursor is).
func (m *Manager) KeysIn(p Pane) PaneKeys {
	k := m.ctx.Keys.Ops
	_, hasEntry := p.Current()
	out := PaneKeys{Delete: k.Delete, Move: k.Move, Mkdir: k.Mkdir, EditMeta: k.EditMeta, Versions: k.Versions,
		NewBucket: k.NewBucket, DeleteBucket: k.DeleteBucket, SwitchKind: k.SwitchKind, BucketList: inBucketList(p.Source())}
	if out.BucketList {
		for _, b := range []*key.Binding{&out.Delete, &out.Move, &out.Mkdir, &out.EditMeta, &out.Versions} {
			b.SetEnabled(false)
		}
		out.DeleteBucket.SetEnabled(out.DeleteBucket.Enabled() && hasEntry)
		return out
	}
	out.NewBucket.SetEnabled(false)
	out.DeleteBucket.SetEnabled(false)
	out.Delete.SetEnabled(out.Delete.Enabled() && hasEntry)
	out.Move.SetEnabled(out.Move.Enabled() && hasEntry)
	_, _, why := metaTarget(p)
	out.EditMeta.SetEnabled(out.EditMeta.Enabled() && why == "")
	_, why = m.VersionsTarget(p)
	out.Versions.SetEnabled(out.Versions.Enabled() && why == "")
	return out
}

// Keys are the operation keys that work in p right now, for the help.
func (m *Manager) Keys(p Pane) []key.Binding {
	k := m.KeysIn(p)
	if k.BucketList {
		return []key.Binding{k.NewBucket, k.DeleteBucket, k.SwitchKind}
	}
	return []key.Binding{k.Delete, k.Move, k.Mkdir, k.EditMeta, k.Versions, k.SwitchKind}
}

// Update takes an operation Msg: task reports go to the task rows, a
// result for an open dialog to that dialog, and a finished operation
// reports on the status line and lists the changed panes again.
func (m *Manager) Update(msg Msg, panes []Pane) tea.Cmd {
	switch msg := msg.(type) {
	case taskMsg:
		m.apply(msg.status)
		if t, ok := m.run.Get(msg.id); ok {
			return watch(t, msg.at, msg.from)
		}
		return nil
	case taskDoneMsg:
		m.apply(msg.status)
		return m.taskDone(msg, panes)
	case resultMsg:
		return m.result(msg, panes)
	case askRemoveMsg:
		return m.confirmRemove(msg)
	case conflictMsg:
		return m.askConflict(msg)
	case keptBothMsg:
		return m.keptBoth(msg)
	case plannedMsg:
		return m.planned(msg)
	case versioningMsg:
		m.noteVersioning(msg)
		return nil
	}
	if v, ok := m.open.Get(msg.viewID()); ok {
		return v.handle(msg)
	}
	return nil
}

func (m *Manager) apply(j jobs.Job) {
	if m.sink != nil {
		m.sink.ApplyTasks([]jobs.Job{j})
	}
}

// result ends a quick operation: an error goes back to its dialog when
// it is still open (so the user can fix the name), else to the status
// line; success closes the dialog.
func (m *Manager) result(r resultMsg, panes []Pane) tea.Cmd {
	v, open := m.open.Get(r.id)
	if r.err != nil && open {
		return v.handle(r)
	}
	var cmds []tea.Cmd
	if open {
		cmds = append(cmds, m.closeView(r.id))
	}
	switch {
	case r.err != nil:
		cmds = append(cmds, statusCmd(common.LevelError, r.err.Error()))
	case r.status != "":
		cmds = append(cmds, statusCmd(common.LevelSuccess, r.status))
	}
	return tea.Batch(append(cmds, refreshPanes(panes, r.changed, r.focus...), r.then)...)
}

// taskDone reports a finished task: what it did, what failed (listed in
// a dialog, never only counted), and refreshes the panes it changed.
// Destinations that were in the way are asked about.
func (m *Manager) taskDone(msg taskDoneMsg, panes []Pane) tea.Cmd {
	out := msg.out
	cmds := []tea.Cmd{refreshPanes(panes, places(out.Changed))}
	switch {
	case out.Stopped:
		cmds = append(cmds, statusCmd(common.LevelWarn, "cancelled; "+out.Summary))
	case out.Err != nil:
		cmds = append(cmds, statusCmd(common.LevelError, out.Err.Error()))
	case len(out.Failed) > 0:
		cmds = append(cmds, statusCmd(common.LevelError, msg.status.Err), m.failureReport(out))
	default:
		cmds = append(cmds, statusCmd(common.LevelSuccess, out.Summary))
	}
	if c := out.Conflicts; c != nil && !out.Stopped && msg.from.run != nil {
		cmds = append(cmds, m.askConflict(conflictMsg{task: msg.id, plan: movePlan{Plan: *c, src: msg.from.src}, run: msg.from.run}))
	}
	return tea.Batch(cmds...)
}

// maxReported caps the failures listed by name in a report.
const maxReported = 200

// failureReport lists what failed, with the reasons.
func (m *Manager) failureReport(out jobs.Outcome) tea.Cmd {
	d := source.Details{Title: out.Summary, Fields: []source.Field{{Label: "Failed", Value: units.Plural(len(out.Failed), out.Noun)}}}
	for i, f := range out.Failed {
		if i == maxReported {
			d.Fields = append(d.Fields, source.Field{Label: "…", Value: units.Plural(len(out.Failed)-i, "more "+out.Noun)})
			break
		}
		d.Fields = append(d.Fields, source.Field{Label: f.Name, Value: f.Reason})
	}
	return common.OpenDialog(dialog.NewInfo(m.ctx, d))
}

// newID reserves the id of a dialog about to open.
func (m *Manager) newID() int { return m.open.NewID() }

// show registers v as open and opens it.
func (m *Manager) show(id int, v view, first ...tea.Cmd) tea.Cmd { return m.open.Show(id, v, first...) }

// isLive reports whether dialog id is still open.
func (m *Manager) isLive(id int) bool { _, ok := m.open.Get(id); return ok }

// closeView forgets the dialog (its late results are dropped) and closes it.
func (m *Manager) closeView(id int) tea.Cmd { return m.open.Close(id) }

func statusCmd(level common.Level, text string) tea.Cmd {
	return func() tea.Msg { return common.StatusMsg{Text: text, Level: level, For: statusFor(level)} }
}

// statusFor keeps errors, which the user must read, on the line longer.
func statusFor(level common.Level) time.Duration {
	if level == common.LevelError || level == common.LevelWarn {
		return 12 * time.Second
	}
	return 0
}

// opContext bounds a quick operation.
func (m *Manager) opContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(m.ctx.Base, quickTimeout)
}

// quickTimeout bounds the operations that are not tasks (one object,
// a folder marker, a bucket) so a dead endpoint cannot hang a dialog.
const quickTimeout = 2 * time.Minute
