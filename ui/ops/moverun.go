package ops

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
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
	case len(plan.s3) == 1 && !plan.s3[0].src.IsPrefix() && plan.bytes <= quickMoveMax:
		return m.moveOneObject(id, plan, run)
	case len(plan.loc) == 1:
		return m.moveOneLocal(id, plan, false, run)
	}
	return tea.Batch(m.closeView(id), m.moveTask(plan, false))
}

func (m *Manager) moveOneObject(id int, plan movePlan, run func(movePlan, bool) tea.Cmd) tea.Cmd {
	s := plan.src.(source.S3)
	pair := plan.s3[0]
	ctx, cancel := m.opContext()
	return func() tea.Msg {
		defer cancel()
		_, err := s.Client.Move(ctx, pair.src, pair.dst, s3ops.CopyOptions{})
		if errors.Is(err, s3ops.ErrDestinationExists) {
			return conflictMsg{id: id, plan: plan, run: run}
		}
		return resultMsg{id: id, err: err, status: movedText(pair.src.String(), pair.dst.String(), sameFolderS3(pair)),
			changed: []where{s3Where(pair.src.Bucket), s3Where(pair.dst.Bucket)},
			focus:   []focusOn{{src: pair.dst.Parent().String(), name: path.Base(pair.dst.Key)}}}
	}
}

func (m *Manager) moveOneLocal(id int, plan movePlan, overwrite bool, run func(movePlan, bool) tea.Cmd) tea.Cmd {
	pair := plan.loc[0]
	return func() tea.Msg {
		err := localops.Move(pair.src, pair.dst, localops.MoveOptions{Overwrite: overwrite})
		if errors.Is(err, localops.ErrDestinationExists) {
			return conflictMsg{id: id, plan: plan, run: run}
		}
		fi, statErr := os.Stat(pair.dst)
		return resultMsg{id: id, err: err, status: movedText(pair.src, pair.dst, filepath.Dir(pair.src) == filepath.Dir(pair.dst)),
			changed: []where{localWhere(pair.src), localWhere(pair.dst)},
			focus:   []focusOn{{src: filepath.Dir(pair.dst), name: filepath.Base(pair.dst), isDir: statErr == nil && fi.IsDir()}}}
	}
}

func sameFolderS3(p movePair) bool {
	return p.src.Bucket == p.dst.Bucket && p.src.Parent() == p.dst.Parent()
}

func movedText(from, to string, rename bool) string {
	if rename {
		return "renamed " + common.Sanitize(from) + " to " + common.Sanitize(filepath.Base(to))
	}
	return "moved " + common.Sanitize(from) + " to " + common.Sanitize(to)
}

// dests names the plan's destinations.
func (p movePlan) dests() []string {
	var out []string
	for _, s := range p.s3 {
		out = append(out, s.dst.String())
	}
	for _, l := range p.loc {
		out = append(out, l.dst)
	}
	return out
}

// moveTask moves the plan in the background; destinations that exist
// are left alone and asked about at the end (unless overwrite).
func (m *Manager) moveTask(plan movePlan, overwrite bool) tea.Cmd {
	title := fmt.Sprintf("%s → %s", units.Plural(len(plan.s3)+len(plan.loc), "item"), common.Sanitize(plan.dest))
	if n := plan.dests(); len(n) == 1 {
		title = common.Sanitize(filepath.Base(plan.firstSource())) + " → " + common.Sanitize(n[0])
	}
	spec := taskSpec{kind: "move", title: title, route: "move " + common.Sanitize(plan.src.String()) + " → " + common.Sanitize(plan.dest),
		unit: unitKeys, noun: "objects", conn: connOf(plan.src)}
	if plan.src.Kind() == source.KindLocal {
		spec.noun = "items"
		spec.run = func(ctx context.Context, t *task) outcome { return m.moveLocalTask(ctx, t, plan, overwrite) }
	} else {
		spec.run = func(ctx context.Context, t *task) outcome { return m.moveS3Task(ctx, t, plan, overwrite) }
	}
	return m.startTask(spec)
}

func (p movePlan) firstSource() string {
	if len(p.s3) > 0 {
		return p.s3[0].src.Key
	}
	return p.loc[0].src
}

func (m *Manager) moveS3Task(ctx context.Context, t *task, plan movePlan, overwrite bool) outcome {
	c := plan.src.(source.S3).Client
	r := runS3Pairs(ctx, t, plan, unitKeys, func(ctx context.Context, p movePair, progress func(s3ops.Progress)) (int, int64, []s3ops.KeyError, error) {
		res, err := c.Move(ctx, p.src, p.dst, s3ops.CopyOptions{Overwrite: overwrite, Progress: progress})
		return res.Moved, res.Bytes, res.Failed, err
	})
	var changed []where
	for _, pair := range plan.s3[:r.reached] {
		changed = append(changed, s3Where(pair.src.Bucket), s3Where(pair.dst.Bucket))
	}
	if r.cancelled {
		return outcome{summary: "moved " + units.Plural(r.base.Done, "object"), changed: changed}
	}
	return m.moveOutcome(r.base.Done, "object", r.failed, r.conflicts, changed)
}

// pairsRun is how a server-side copy or move of a plan's pairs went.
type pairsRun struct {
	base      s3ops.Progress // keys done and bytes copied, in all
	failed    []failure
	conflicts movePlan // the pairs whose destination exists
	reached   int      // pairs started (all of them unless cancelled)
	cancelled bool
}

// runS3Pairs runs op (a server-side copy or move) on each pair of plan in
// turn, adding up progress for the task; destinations that exist are set
// aside to ask about, failures collected, and a cancel stops it.
func runS3Pairs(ctx context.Context, t *task, plan movePlan, u unit,
	op func(context.Context, movePair, func(s3ops.Progress)) (int, int64, []s3ops.KeyError, error)) pairsRun {
	r := pairsRun{conflicts: movePlan{src: plan.src, dest: plan.dest}}
	for i, pair := range plan.s3 {
		r.reached = i + 1
		latest := s3ops.Progress{}
		report := t.s3Reporter(&r.base, i == len(plan.s3)-1, u)
		done, bytes, failedKeys, err := op(ctx, pair, func(p s3ops.Progress) {
			latest = p
			report(p)
		})
		r.base.Done, r.base.Total, r.base.Failed = r.base.Done+done, r.base.Total+latest.Total, r.base.Failed+len(failedKeys)
		r.base.Bytes += bytes
		r.failed = append(r.failed, keyFailures(failedKeys)...)
		switch {
		case errors.Is(err, s3ops.ErrDestinationExists):
			r.conflicts.s3 = append(r.conflicts.s3, pair)
		case err != nil && s3ops.KindOf(err) == s3ops.KindCanceled:
			r.cancelled = true
			return r
		case err != nil:
			r.failed = append(r.failed, failure{name: pair.src.String(), reason: err.Error()})
		}
	}
	return r
}

func (m *Manager) moveLocalTask(ctx context.Context, t *task, plan movePlan, overwrite bool) outcome {
	var failed []failure
	conflicts := movePlan{src: plan.src, dest: plan.dest}
	var changed []where
	done := 0
	for _, pair := range plan.loc {
		if ctx.Err() != nil {
			return outcome{summary: "moved " + units.Plural(done, "item"), changed: changed}
		}
		err := localops.Move(pair.src, pair.dst, localops.MoveOptions{Overwrite: overwrite})
		changed = append(changed, localWhere(pair.src), localWhere(pair.dst))
		switch {
		case errors.Is(err, localops.ErrDestinationExists):
			conflicts.loc = append(conflicts.loc, pair)
		case err != nil:
			failed = append(failed, failure{name: pair.src, reason: err.Error()})
		default:
			done++
		}
		t.report(int64(done), int64(len(plan.loc)), len(failed), true)
	}
	return m.moveOutcome(done, "item", failed, conflicts, changed)
}

func (m *Manager) moveOutcome(done int, noun string, failed []failure, conflicts movePlan, changed []where) outcome {
	out := outcome{failed: failed, noun: "item", changed: changed,
		summary: "moved " + units.Plural(done, noun) + " to " + common.Sanitize(conflicts.dest)}
	if len(conflicts.s3)+len(conflicts.loc) > 0 {
		out.conflict = &conflictMsg{plan: conflicts, run: func(p movePlan, overwrite bool) tea.Cmd { return m.moveTask(p, overwrite) }}
		out.summary += fmt.Sprintf("; %d already there (asking)", len(conflicts.s3)+len(conflicts.loc))
	}
	return out
}
