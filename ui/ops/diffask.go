package ops

import (
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/foldercmp"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/syncplan"
	"github.com/ferry-s3/ferry/ui/common"
)

// CopyDifferences asks before copying the differences a comparison
// found in direction d, and runs the copy as one task (see jobs.Differences).
// The question states the copies and the deletes, each with its count
// and bytes; the compare delete key adds (or drops) deleting what only
// the target holds. eng does uploads and downloads (nil: only S3 to S3
// works); then runs when the user says yes.
func (m *Manager) CopyDifferences(res *foldercmp.Result, d foldercmp.Direction, eng *transfer.Engine, then tea.Cmd) tea.Cmd {
	plain, withDel := res.Job(d, false), res.Job(d, true)
	arrow := directionText(d)
	if len(plain.Copy) == 0 && len(withDel.Delete) == 0 {
		why := "nothing to copy " + arrow + ": " + common.Sanitize(plain.To.String()) + " has every file " +
			common.Sanitize(plain.From.String()) + " has, the same"
		if withDel.Refused != "" {
			why = withDel.Refused
		}
		return statusCmd(common.LevelInfo, why)
	}
	if (plain.From.IsS3() != plain.To.IsS3()) && eng == nil {
		return statusCmd(common.LevelError, "transfers are not available in this session")
	}
	id := m.newID()
	del := false
	a := &ask{mgr: m, ctx: m.ctx, id: id, yes: "Copy", yesHi: true, title: "Copy the differences " + arrow + "?"}
	if len(withDel.Delete) > 0 {
		a.toggle = &m.ctx.Keys.Compare.Delete
		a.onToggle = func() {
			del = !del
			a.danger, a.yesHi = del, !del // enter never deletes without a look at the buttons
			a.yes = "Copy"
			if del && len(plain.Copy) == 0 {
				a.yes = "Delete" // nothing to copy: yes only deletes
			}
		}
	}
	other := res.Job(1-d, false)
	a.body = func(w int) []string { return m.diffBody(plain, withDel, other, del, w) }
	a.onYes = func() tea.Cmd {
		j := plain
		if del {
			j = withDel
		}
		if len(j.Copy)+len(j.Delete) == 0 {
			return statusCmd(common.LevelInfo, "nothing copied: there was nothing to copy and deleting was not asked for")
		}
		return tea.Batch(m.startTask(jobs.Differences(j, eng, m.o.Trash), origin{}), then)
	}
	return m.show(id, a)
}

func directionText(d foldercmp.Direction) string {
	if d == foldercmp.RightToLeft {
		return "right → left"
	}
	return "left → right"
}

// diffBody says what the copy does: from, to, the copies and the
// deletes with their counts and bytes, and what the other way would
// copy.
func (m *Manager) diffBody(plain, withDel, other foldercmp.Job, del bool, w int) []string {
	st := m.ctx.Styles
	label := func(l, v string) string {
		return st.DialogLabel.Render(fmt.Sprintf("%-6s", l)) + " " + st.DialogValue.Render(common.FitLeft(common.Sanitize(v), w-7))
	}
	missing := 0
	for _, a := range plain.Copy {
		if a.Why == syncplan.Missing {
			missing++
		}
	}
	lines := []string{label("from", plain.From.String()), label("to", plain.To.String()), ""}
	lines = append(lines, label("copy", fmt.Sprintf("%s, %s (%d only at the source, %d different)",
		units.Plural(len(plain.Copy), "file"), common.HumanSize(plain.CopyBytes()), missing, len(plain.Copy)-missing)))
	dk := m.ctx.Keys.Compare.Delete.Help().Key
	switch {
	case len(withDel.Delete) > 0 && del:
		lines = append(lines, common.Wrapped(fmt.Sprintf("delete %s, %s only at the target, once every copy has succeeded (%s: keep them)",
			units.Plural(len(withDel.Delete), "file"), common.HumanSize(withDel.DeleteBytes()), dk), w, st.DialogWarn.Render)...)
	case len(withDel.Delete) > 0:
		lines = append(lines, label("keep", fmt.Sprintf("%s, %s only at the target (%s deletes them too)",
			units.Plural(len(withDel.Delete), "file"), common.HumanSize(withDel.DeleteBytes()), dk)))
	case withDel.Refused != "":
		lines = append(lines, common.Wrapped(withDel.Refused, w, st.DialogWarn.Render)...)
	}
	lines = append(lines, st.Hint.Render(common.Fit(fmt.Sprintf("the other way: %s, %s", units.Plural(len(other.Copy), "file"),
		common.HumanSize(other.CopyBytes())), w)), "")
	how := "Uploads and downloads go through the transfer queue; files that differ are replaced."
	if plain.From.IsS3() && plain.To.IsS3() {
		how = "Server-side copies: nothing passes through this machine; objects that differ are replaced."
	}
	return append(lines, common.Wrapped(how+" Nothing is deleted before every copy has succeeded.", w, st.Hint.Render)...)
}
