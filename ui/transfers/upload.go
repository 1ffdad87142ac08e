package transfers

import (
	"context"
	"fmt"
	"path"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
)

// uploadHint tells a user whose credentials may write but not read how
// to upload without the check for existing objects.
const uploadHint = `set conflict = "overwrite" in the config's [transfers] to upload without checking`

// uploadPlacer is the engine's placer with the TUI's hint for refused
// checks.
func uploadPlacer(ctx context.Context, eng *transfer.Engine, policy transfer.Policy, local string, folder bool) *transfer.Placer {
	p := eng.Placer(ctx, policy, local, folder)
	p.Hint = uploadHint
	return p
}

// uploadNote says what an upload does to objects already at its keys.
func uploadNote(policy transfer.Policy) string {
	switch policy {
	case transfer.Skip:
		return "Files whose objects already exist are skipped."
	case transfer.Overwrite:
		return "Objects already at the same keys are replaced."
	case transfer.KeepBoth:
		return "Objects that already exist are kept; the upload gets a new name."
	}
	return "For objects that already exist, ferry asks what to do."
}

// queueUploads queues p's entries under the conflict policy: existing
// objects are overwritten, left out, or kept beside a renamed upload;
// under "ask" the files in the way are left out and listed in
// q.Conflicts, for the question that follows. The single files are
// checked together (a few HEADs at a time); each folder's destination
// is listed once.
func queueUploads(ctx context.Context, eng *transfer.Engine, p Plan, q *QueuedMsg) {
	policy := eng.Options().Conflict
	files := uploadPlacer(ctx, eng, policy, "", false)
	var dsts []s3ops.Location
	for _, e := range p.Entries {
		if !e.IsDir {
			dsts = append(dsts, s3ops.Location{Bucket: p.Dest.Bucket, Key: p.Dest.Key + filepath.Base(e.Key)})
		}
	}
	if len(dsts) > 1 {
		files.Check(dsts)
	}
	for _, e := range p.Entries {
		pl := files
		if e.IsDir {
			pl = uploadPlacer(ctx, eng, policy, e.Key, true)
		}
		if pl.Err() != nil {
			q.failOnce(pl.Err())
			continue
		}
		b, err := eng.UploadWith(ctx, e.Key, p.Dest, transfer.UploadOptions{Place: pl.Func()})
		if err == nil && pl.Err() != nil {
			_ = eng.CancelBatch(b.ID) // nothing of a copy that could not be checked
			q.failOnce(pl.Err())
			continue
		}
		q.add(eng, b, err)
		if e.IsDir {
			q.Conflicts = append(q.Conflicts, pl.Conflicts()...)
		}
	}
	q.Conflicts = append(q.Conflicts, files.Conflicts()...)
	if policy == transfer.Ask {
		q.Skipped = withoutConflicts(q.Skipped)
	} else {
		q.Conflicts = nil // Skip: they are reported among the left out
	}
}

// failOnce records err unless it is the one recorded last (the same
// failed check stops every file of the copy).
func (q *QueuedMsg) failOnce(err error) {
	if n := len(q.Errs); n == 0 || q.Errs[n-1] != err.Error() {
		q.Errs = append(q.Errs, err.Error())
	}
}

// withoutConflicts drops the entries left out because their objects
// exist: under "ask" those are asked about, not reported as left out.
func withoutConflicts(skipped []transfer.SkippedEntry) []transfer.SkippedEntry {
	out := skipped[:0:0]
	for _, s := range skipped {
		if s.Reason != transfer.ReasonExists {
			out = append(out, s)
		}
	}
	return out
}

// askUploadConflicts asks what to do with uploads whose objects exist.
func (m *Model) askUploadConflicts(group int, cs []transfer.UploadConflict) tea.Cmd {
	dests := make([]s3ops.Location, len(cs))
	for i, c := range cs {
		dests[i] = c.Dest
	}
	return m.askConflicts(dests, "the upload", m.queueConflicts(group, cs, transfer.Overwrite),
		m.queueConflicts(group, cs, transfer.KeepBoth))
}

// askConflicts asks what to do with the copies whose objects (dests)
// exist: skip them, overwrite the objects, or keep both (the copy gets a
// free "name (1).ext"). Esc skips. The highlight starts on Skip, so
// enter never replaces anything. what names the copy ("the upload").
func (m *Model) askConflicts(dests []s3ops.Location, what string, overwrite, keepBoth tea.Cmd) tea.Cmd {
	skip := common.Status(common.LevelInfo, fmt.Sprintf("left out %s that already exist", units.Plural(len(dests), "file")))
	return m.askConflictsWith(dests, what, skip, overwrite, keepBoth)
}

// askConflictsWith is askConflicts with what skipping (or esc) runs.
func (m *Model) askConflictsWith(dests []s3ops.Location, what string, skip, overwrite, keepBoth tea.Cmd) tea.Cmd {
	st := m.ctx.Styles
	title := fmt.Sprintf("%s already exist", units.Plural(len(dests), "object"))
	if len(dests) == 1 {
		title = path.Base(dests[0].Key) + " already exists"
	}
	lines := []string{st.DialogValue.Render("in " + common.Sanitize(commonDir(dests))), ""}
	for i, d := range dests {
		if i == previewRows {
			lines = append(lines, st.Hint.Render(fmt.Sprintf("  and %s more", units.Count(len(dests)-i))))
			break
		}
		lines = append(lines, "  "+st.DialogValue.Render(common.Fit(common.Sanitize(d.Key), 60)))
	}
	tk := m.ctx.Keys.Transfers
	lines = append(lines, "", st.Hint.Render(tk.Skip.Help().Key+" skip · "+tk.Overwrite.Help().Key+" overwrite · "+
		tk.KeepBoth.Help().Key+" keep both ("+what+" gets a new name) · "+m.ctx.Keys.Dialog.Cancel.Help().Key+" skip"))
	d := &Question{ctx: m.ctx, title: title, lines: lines, cancel: skip, answers: []answer{
		{label: "Skip", key: &tk.Skip, run: skip},
		{label: "Overwrite", key: &tk.Overwrite, run: overwrite},
		{label: "Keep both", key: &tk.KeepBoth, run: keepBoth},
	}}
	return common.OpenDialog(d)
}

// queueConflicts uploads the files that were in the way as the user
// answered: over the existing objects, or beside them under free names.
// They join the copy they came from (group).
func (m *Model) queueConflicts(group int, cs []transfer.UploadConflict, policy transfer.Policy) tea.Cmd {
	conn := m.groupConn[group]
	eng, ctx := m.EngineFor(conn), m.ctx.Base
	if eng == nil {
		return nil
	}
	return func() tea.Msg {
		dests := make([]s3ops.Location, len(cs))
		for i, c := range cs {
			dests[i] = c.Dest
		}
		q := QueuedMsg{Group: group, Conn: conn, Dir: transfer.Upload, Dest: commonDir(dests), requeue: true}
		pl := uploadPlacer(ctx, eng, policy, "", false)
		for _, c := range cs {
			if pl.Err() != nil {
				q.failOnce(pl.Err())
				break
			}
			b, err := eng.UploadWith(ctx, c.Local, c.Dest, transfer.UploadOptions{Place: pl.Func()})
			q.add(eng, b, err)
		}
		// Another writer may have taken a key since: under overwrite that
		// does not matter; under keep-both FreeName looked again.
		return q
	}
}

// commonDir is the S3 folder the conflicting objects share (the copy's
// destination, or a folder below it).
func commonDir(dests []s3ops.Location) string {
	dir := path.Dir(dests[0].Key)
	for _, d := range dests[1:] {
		for dir != "." && !strings.HasPrefix(d.Key, dir+"/") {
			dir = path.Dir(dir)
		}
	}
	loc := s3ops.Location{Bucket: dests[0].Bucket}
	if dir != "." && dir != "/" {
		loc.Key = dir + "/"
	}
	return loc.String()
}
