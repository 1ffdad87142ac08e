package ops

import (
	"errors"
	"os"
	"path"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// quickMoveMax is the largest single object moved while the dialog
// waits; bigger ones (a long server-side copy) run as a task.
const quickMoveMax = 64 << 20

// conflictMsg says some destinations exist: the user is asked what to
// do with them (see conflict.go).
type conflictMsg struct {
	id   int            // the dialog that asked for the operation
	task transfer.JobID // the task that met them ("" for a quick move)
	plan movePlan       // only the pairs whose destination exists
	run  func(plan movePlan, overwrite bool) tea.Cmd
}

func (m conflictMsg) viewID() int { return 0 }

// runMove moves one small object or one local entry while the dialog
// waits (so a refusal shows in it); anything else — a folder, several
// entries, an object big enough for a long server-side copy (its size as
// listed) — runs as a task.
func (m *Manager) runMove(id int, plan movePlan) tea.Cmd {
	run := func(p movePlan, overwrite bool) tea.Cmd { return m.moveTask(p, overwrite) }
	switch {
	case len(plan.S3) == 1 && !plan.S3[0].Src.IsPrefix() && plan.Bytes <= quickMoveMax:
		return m.moveOneObject(id, plan, run)
	case len(plan.Local) == 1:
		return m.moveOneLocal(id, plan, false, run)
	}
	return tea.Batch(m.closeView(id), m.moveTask(plan, false))
}

func (m *Manager) moveOneObject(id int, plan movePlan, run func(movePlan, bool) tea.Cmd) tea.Cmd {
	s := plan.src.(source.S3)
	pair := plan.S3[0]
	ctx, cancel := m.opContext()
	return func() tea.Msg {
		defer cancel()
		_, err := s.Client.Move(ctx, pair.Src, pair.Dst, s3ops.CopyOptions{})
		if errors.Is(err, s3ops.ErrDestinationExists) {
			return conflictMsg{id: id, plan: plan, run: run}
		}
		return resultMsg{id: id, err: err, status: movedText(pair.Src.String(), pair.Dst.String(), sameFolderS3(pair)),
			changed: []where{s3Where(pair.Src.Bucket), s3Where(pair.Dst.Bucket)},
			focus:   []focusOn{{src: pair.Dst.Parent().String(), name: path.Base(pair.Dst.Key)}}}
	}
}

func (m *Manager) moveOneLocal(id int, plan movePlan, overwrite bool, run func(movePlan, bool) tea.Cmd) tea.Cmd {
	pair := plan.Local[0]
	return func() tea.Msg {
		err := localops.Move(pair.Src, pair.Dst, localops.MoveOptions{Overwrite: overwrite})
		if errors.Is(err, localops.ErrDestinationExists) {
			return conflictMsg{id: id, plan: plan, run: run}
		}
		fi, statErr := os.Stat(pair.Dst)
		return resultMsg{id: id, err: err, status: movedText(pair.Src, pair.Dst, filepath.Dir(pair.Src) == filepath.Dir(pair.Dst)),
			changed: []where{localWhere(pair.Src), localWhere(pair.Dst)},
			focus:   []focusOn{{src: filepath.Dir(pair.Dst), name: filepath.Base(pair.Dst), isDir: statErr == nil && fi.IsDir()}}}
	}
}

func sameFolderS3(p jobs.Pair) bool {
	return p.Src.Bucket == p.Dst.Bucket && p.Src.Parent() == p.Dst.Parent()
}

func movedText(from, to string, rename bool) string {
	if rename {
		return "renamed " + common.Sanitize(from) + " to " + common.Sanitize(filepath.Base(to))
	}
	return "moved " + common.Sanitize(from) + " to " + common.Sanitize(to)
}

// moveTask moves the plan in the background; destinations that exist
// are left alone and asked about at the end (unless overwrite).
func (m *Manager) moveTask(plan movePlan, overwrite bool) tea.Cmd {
	spec := jobs.Move(plan.Plan, overwrite)
	spec.Conn = connOf(plan.src)
	return m.startTask(spec, origin{src: plan.src, run: m.moveTask})
}
