package ops

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/pane"
	"github.com/ferry-s3/ferry/ui/source"
)

// Copy handles the copy key when both panes are of one kind: between two
// S3 locations the copy is server-side (CopyObject, or UploadPartCopy in
// parallel parts for objects over 5 GiB; across buckets and regions, with
// no byte passing through this machine), between two local folders it
// is a file copy. handled is false when the panes differ in kind (an
// upload or a download, which the transfer queue does).
func (m *Manager) Copy(from, to Pane) (tea.Cmd, bool) {
	src, dst := from.Source(), to.Source()
	if src.Kind() != dst.Kind() {
		return nil, false
	}
	sel := from.Selection()
	if len(sel) == 0 {
		return statusCmd(common.LevelInfo, "nothing to copy here"), true
	}
	plan, why := planCopy(src, sel, dst)
	if why != "" {
		return statusCmd(common.LevelWarn, why), true
	}
	return m.confirmCopy(plan, sel, pane.Unmark(from.ID(), source.Keys(sel))), true
}

// planCopy pairs every entry with where it lands in the other pane's
// location, or says why the copy cannot be done.
func planCopy(src source.Source, sel []source.Entry, dst source.Source) (movePlan, string) {
	if src.String() == dst.String() {
		return movePlan{}, "both panes show " + common.Sanitize(src.String()) + ": open another folder in the other pane to copy there"
	}
	plan := movePlan{src: src, dest: dst.String()}
	if t := source.Shallow(sel); t.Folders == 0 {
		plan.bytes = t.Bytes
	}
	switch s := src.(type) {
	case source.S3:
		d := dst.(source.S3)
		if s.Loc.Bucket == "" {
			return movePlan{}, "buckets themselves cannot be copied: open one and mark what to copy"
		}
		if d.Loc.Bucket == "" {
			return movePlan{}, "open a bucket in the other pane first: the copy goes into the folder it shows"
		}
		for _, e := range sel {
			from := s3Loc(s, e)
			to := s3ops.Into(from, d.Loc)
			if err := checkS3Pair(from, to); err != nil {
				return movePlan{}, err.Error()
			}
			plan.s3 = append(plan.s3, movePair{src: from, dst: to})
		}
	case source.Local:
		d := dst.(source.Local)
		for _, e := range sel {
			to := filepath.Join(d.Dir, filepath.Base(e.Key))
			if err := checkLocalPair(e, to); err != nil {
				return movePlan{}, err.Error()
			}
			plan.loc = append(plan.loc, localPair{src: e.Key, dst: to})
		}
	}
	return plan, ""
}

// confirmCopy asks before copying, counting through folders while the
// question is open; unmark runs with the copy.
func (m *Manager) confirmCopy(plan movePlan, sel []source.Entry, unmark tea.Cmd) tea.Cmd {
	id := m.newID()
	ctx, cancel := context.WithCancel(m.ctx.Base)
	count := source.Shallow(sel)
	a := &ask{mgr: m, ctx: m.ctx, id: id, yes: "Copy", yesHi: true, onEnd: cancel}
	a.onMsg = func(msg Msg) {
		if c, ok := msg.(countMsg); ok {
			count = c.t
		}
	}
	a.title = "Copy " + units.Plural(len(sel), "item") + "?"
	if len(sel) == 1 {
		a.title = "Copy " + entryName(sel[0]) + "?"
	}
	a.body = func(w int) []string {
		st := m.ctx.Styles
		label := func(l, v string) string {
			return st.DialogLabel.Render(fmt.Sprintf("%-5s", l)) + " " + st.DialogValue.Render(common.FitLeft(common.Sanitize(v), w-6))
		}
		lines := []string{st.DialogValue.Render(count.Text(nounOf(plan.src))), label("from", plan.src.String()), label("to", plan.dest), ""}
		lines = append(lines, entryLines(st, sel, w)...)
		how := "A file copy on this machine. Nothing already there is replaced without asking."
		if plan.src.Kind() == source.KindS3 {
			how = "Server-side copy: S3 copies the bytes itself (in parallel parts for objects over 5 GiB); nothing passes through this machine. Content type, metadata and tags are kept; nothing already there is replaced without asking."
		}
		return append(append(lines, ""), common.Wrapped(how, w, st.Hint.Render)...)
	}
	a.onYes = func() tea.Cmd { return tea.Batch(m.copyTask(plan, false), unmark) }
	var counting tea.Cmd
	if !count.Done {
		counting = countCmd(ctx, id, plan.src, sel)
	}
	return m.show(id, a, counting)
}

func nounOf(src source.Source) string {
	if src.Kind() == source.KindS3 {
		return "object"
	}
	return "file"
}

// copyTask copies the plan in the background; destinations that exist
// are asked about at the end (unless overwrite).
func (m *Manager) copyTask(plan movePlan, overwrite bool) tea.Cmd {
	title := fmt.Sprintf("%s → %s", units.Plural(len(plan.s3)+len(plan.loc), "item"), common.Sanitize(plan.dest))
	if n := plan.dests(); len(n) == 1 {
		title = common.Sanitize(n[0])
	}
	spec := taskSpec{kind: "copy", title: title, route: "copy " + common.Sanitize(plan.src.String()) + " → " + common.Sanitize(plan.dest),
		unit: unitKeys, noun: "objects", conn: connOf(plan.src)}
	if plan.src.Kind() == source.KindLocal {
		spec.unit = unitBytes
		spec.run = func(ctx context.Context, t *task) outcome { return m.copyLocalTask(ctx, t, plan, overwrite) }
	} else {
		if plan.bytes > 0 {
			spec.unit = unitBytes
		}
		spec.run = func(ctx context.Context, t *task) outcome { return m.copyS3Task(ctx, t, plan, overwrite) }
	}
	return m.startTask(spec)
}

func (m *Manager) copyS3Task(ctx context.Context, t *task, plan movePlan, overwrite bool) outcome {
	c := plan.src.(source.S3).Client
	t.report(0, plan.bytes, 0, plan.bytes > 0)
	r := runS3Pairs(ctx, t, plan, t.spec.unit, func(ctx context.Context, p movePair, progress func(s3ops.Progress)) (int, int64, []s3ops.KeyError, error) {
		res, err := c.Copy(ctx, p.src, p.dst, s3ops.CopyOptions{Overwrite: overwrite, Progress: progress})
		return res.Copied, res.Bytes, res.Failed, err
	})
	changed := []where{s3Where(plan.s3[0].dst.Bucket)}
	if r.cancelled {
		return outcome{summary: "copied " + units.Plural(r.base.Done, "object"), changed: changed}
	}
	out := m.copyOutcome(fmt.Sprintf("%s (%s, server-side)", units.Plural(r.base.Done, "object"), common.HumanSize(r.base.Bytes)), r.failed, r.conflicts)
	out.changed = changed
	return out
}

func (m *Manager) copyLocalTask(ctx context.Context, t *task, plan movePlan, overwrite bool) outcome {
	var total source.Tally
	for _, p := range plan.loc {
		_ = source.CountFolder(ctx, p.src, &total)
	}
	t.report(0, total.Bytes, 0, true)
	var failed []failure
	conflicts := movePlan{src: plan.src, dest: plan.dest}
	var copied int64
	done := 0
	for _, pair := range plan.loc {
		before := copied
		err := localops.Copy(ctx, pair.src, pair.dst, localops.CopyOptions{Overwrite: overwrite, Progress: func(n int64) {
			copied = before + n
			t.report(copied, total.Bytes, len(failed), true)
		}})
		switch {
		case errors.Is(err, localops.ErrDestinationExists):
			conflicts.loc = append(conflicts.loc, pair)
		case ctx.Err() != nil:
			return outcome{summary: "copied " + units.Plural(done, "item"), changed: []where{{dir: filepath.Dir(pair.dst)}}}
		case err != nil:
			failed = append(failed, failure{name: pair.src, reason: err.Error()})
		default:
			done++
		}
	}
	t.report(copied, max(copied, total.Bytes), len(failed), true)
	out := m.copyOutcome(fmt.Sprintf("%s (%s)", units.Plural(done, "item"), common.HumanSize(copied)), failed, conflicts)
	out.changed = []where{{dir: filepath.Dir(plan.loc[0].dst)}}
	return out
}

func (m *Manager) copyOutcome(what string, failed []failure, conflicts movePlan) outcome {
	out := outcome{failed: failed, noun: "item", summary: "copied " + what + " to " + common.Sanitize(conflicts.dest)}
	if n := len(conflicts.s3) + len(conflicts.loc); n > 0 {
		out.conflict = &conflictMsg{plan: conflicts, run: func(p movePlan, overwrite bool) tea.Cmd { return m.copyTask(p, overwrite) }}
		out.summary += fmt.Sprintf("; %d already there (asking)", n)
	}
	return out
}
