package ops

import (
	"context"
	"fmt"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/jobs"
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
	plan := newPlan(src, dst.String())
	if t := source.Shallow(sel); t.Folders == 0 {
		plan.Bytes = t.Bytes
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
			plan.S3 = append(plan.S3, jobs.Pair{Src: from, Dst: to})
		}
	case source.Local:
		d := dst.(source.Local)
		for _, e := range sel {
			to := filepath.Join(d.Dir, filepath.Base(e.Key))
			if err := checkLocalPair(e, to); err != nil {
				return movePlan{}, err.Error()
			}
			plan.Local = append(plan.Local, jobs.LocalPair{Src: e.Key, Dst: to})
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
		lines := []string{st.DialogValue.Render(count.Text(nounOf(plan.src))), label("from", plan.src.String()), label("to", plan.To), ""}
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
	spec := jobs.Copy(plan.Plan, overwrite)
	spec.Conn = connOf(plan.src)
	return m.startTask(spec, origin{src: plan.src, run: m.copyTask})
}
