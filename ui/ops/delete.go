package ops

import (
	"context"
	"errors"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/jobs"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// previewRows is how many entries a question lists by name.
const previewRows = 6

// delete asks before deleting the focused pane's selection. The question
// states how many objects (or files) and bytes go, counting through
// folders while it is open.
func (m *Manager) delete(p Pane) tea.Cmd {
	sel := p.Selection()
	if len(sel) == 0 {
		return statusCmd(common.LevelInfo, "nothing to delete here")
	}
	src := p.Source()
	id := m.newID()
	ctx, cancel := context.WithCancel(m.ctx.Base)
	count := source.Shallow(sel)
	a := &ask{mgr: m, ctx: m.ctx, id: id, yes: "Delete", danger: true, onEnd: cancel,
		title: deleteTitle(sel)}
	a.body = func(w int) []string { return m.deleteBody(src, sel, count, w) }
	a.onMsg = func(msg Msg) {
		if c, ok := msg.(countMsg); ok {
			count = c.t
		}
	}
	a.onYes = func() tea.Cmd { return m.runDelete(src, sel, count) }
	var counting tea.Cmd
	if !count.Done {
		counting = countCmd(ctx, id, src, sel)
	}
	return m.show(id, a, counting)
}

func deleteTitle(sel []source.Entry) string {
	if len(sel) == 1 {
		return "Delete " + entryName(sel[0]) + "?"
	}
	return fmt.Sprintf("Delete %s?", units.Plural(len(sel), "item"))
}

// deleteBody lists what goes, how much, and what happens to it.
func (m *Manager) deleteBody(src source.Source, sel []source.Entry, count source.Tally, w int) []string {
	st := m.ctx.Styles
	noun := "file"
	if src.Kind() == source.KindS3 {
		noun = "object"
	}
	lines := []string{st.DialogLabel.Render("in ") + st.DialogValue.Render(common.Sanitize(source.Label(src)))}
	lines = append(lines, entryLines(st, sel, w)...)
	lines = append(lines, "", st.DialogValue.Render(count.Text(noun)))
	if count.Folders > 0 {
		lines = append(lines, st.Hint.Render("Folders are deleted with everything in them."))
	}
	return append(lines, common.Wrapped(m.deleteNote(src, len(sel)), w, st.DialogWarn.Render)...)
}

// deleteNote says whether the delete of n entries can be undone.
func (m *Manager) deleteNote(src source.Source, n int) string {
	if src.Kind() == source.KindLocal {
		they := "They go"
		if n == 1 {
			they = "It goes"
		}
		return they + " to the trash (if this folder has none, ferry asks again before deleting for good)."
	}
	if s, ok := src.(source.S3); ok && m.versioned(s) {
		return "Versioning is on in this bucket: S3 keeps the old versions, and " +
			m.ctx.Keys.Ops.Versions.Help().Key + " on an object can restore one."
	}
	return "This cannot be undone."
}

// entryLines lists the first entries with their sizes.
func entryLines(st *common.Styles, sel []source.Entry, w int) []string {
	var lines []string
	for i, e := range sel {
		if i == previewRows {
			lines = append(lines, st.Hint.Render(fmt.Sprintf("  and %s more", units.Count(int64(len(sel)-i)))))
			break
		}
		size := common.HumanSize(e.Size)
		if e.IsDir {
			size = "folder"
		}
		lines = append(lines, "  "+st.DialogValue.Render(common.Fit(entryName(e), max(10, min(48, w-12))))+" "+
			st.DialogLabel.Render(common.PadLeft(size, 8)))
	}
	return lines
}

// runDelete deletes the selection: local entries go to the trash, S3
// objects are deleted at once and anything bigger runs as a task.
func (m *Manager) runDelete(src source.Source, sel []source.Entry, counted source.Tally) tea.Cmd {
	switch s := src.(type) {
	case source.Local:
		return m.trashLocal(s, sel)
	case source.S3:
		if len(sel) == 1 && !sel[0].IsDir {
			return m.deleteObject(s, sel[0])
		}
		return m.deleteTask(s, sel, counted)
	}
	return nil
}

// deleteObject deletes one object without a task (it is one request).
func (m *Manager) deleteObject(s source.S3, e source.Entry) tea.Cmd {
	loc := s3Loc(s, e)
	c := s.Client
	ctx, cancel := m.opContext()
	return func() tea.Msg {
		defer cancel()
		_, err := c.Delete(ctx, loc, s3ops.DeleteOptions{})
		r := resultMsg{changed: []where{s3Where(loc.Bucket)}, status: "deleted " + common.Sanitize(loc.String())}
		if err != nil {
			r.err = fmt.Errorf("could not delete %s: %w", common.Sanitize(loc.String()), err)
		}
		return r
	}
}

// deleteTask deletes folders and several objects in the background,
// prefixes in batches of 1,000 keys, collecting every key the server
// refuses.
func (m *Manager) deleteTask(s source.S3, sel []source.Entry, counted source.Tally) tea.Cmd {
	locs := make([]s3ops.Location, len(sel))
	for i, e := range sel {
		locs[i] = s3Loc(s, e)
	}
	var floor int64
	if counted.Done && counted.Err == nil {
		floor = counted.Files // the question counted them: show that total from the start
	}
	spec := jobs.Delete(s.Client, s.Loc, locs, floor)
	spec.Conn = source.ConnName(s.Conn)
	return m.startTask(spec, origin{src: s})
}

// trashLocal moves local entries to the trash. Entries that have no
// trash are left alone and a stronger question follows for them.
func (m *Manager) trashLocal(s source.Local, sel []source.Entry) tea.Cmd {
	trash := m.o.Trash
	return func() tea.Msg {
		var noTrash []source.Entry
		var errs []error
		moved := 0
		for _, e := range sel {
			_, err := trash(e.Key)
			switch {
			case errors.Is(err, localops.ErrNoTrash):
				noTrash = append(noTrash, e)
			case err != nil:
				errs = append(errs, err)
			default:
				moved++
			}
		}
		r := resultMsg{changed: []where{{dir: s.Dir}}, status: "moved " + units.Plural(moved, "item") + " to the trash"}
		if len(errs) > 0 {
			r.err = firstOf(fmt.Sprintf("could not trash %d of %d", len(errs), len(sel)), errs)
		}
		if len(noTrash) > 0 {
			ask := askRemoveMsg{src: s, sel: noTrash}
			r.then = func() tea.Msg { return ask }
		}
		return r
	}
}

// askRemoveMsg asks, more firmly, to delete local entries that have no
// trash for good.
type askRemoveMsg struct {
	src source.Local
	sel []source.Entry
}

func (askRemoveMsg) viewID() int { return 0 }

// confirmRemove asks to delete entries for good: the user types "delete".
func (m *Manager) confirmRemove(msg askRemoveMsg) tea.Cmd {
	s, sel := msg.src, msg.sel
	id := m.newID()
	f := &form{mgr: m, ctx: m.ctx, id: id, danger: true,
		title: "No trash here: delete " + units.Plural(len(sel), "item") + " for good?"}
	f.intro = []string{"There is no trash for these on this filesystem. Deleting them cannot be undone:"}
	for i, e := range sel {
		if i == previewRows {
			f.intro = append(f.intro, fmt.Sprintf("  and %d more", len(sel)-i))
			break
		}
		f.intro = append(f.intro, "  "+entryName(e))
	}
	f.addText("Type "+confirmWord, "", "to delete them for good")
	f.note = "esc keeps them."
	f.submit = func(f *form) tea.Cmd {
		if f.fields[0].value() != confirmWord {
			f.err = fmt.Sprintf("type %q to delete for good, or press esc to keep them", confirmWord)
			return nil
		}
		return removeLocal(id, s, sel)
	}
	return m.show(id, f, f.start())
}

// confirmWord is what the user types to delete for good.
const confirmWord = "delete"

func removeLocal(id int, s source.Local, sel []source.Entry) tea.Cmd {
	return func() tea.Msg {
		var errs []error
		for _, e := range sel {
			if err := localops.Remove(e.Key); err != nil {
				errs = append(errs, err)
			}
		}
		r := resultMsg{id: id, changed: []where{{dir: s.Dir}},
			status: "deleted " + units.Plural(len(sel)-len(errs), "item") + " for good"}
		if len(errs) > 0 {
			r.err = firstOf(fmt.Sprintf("could not delete %d of %d", len(errs), len(sel)), errs)
		}
		return r
	}
}

// firstOf is one error for the status line: what happened and the first
// reason.
func firstOf(what string, errs []error) error {
	return fmt.Errorf("%s: %w", what, errs[0])
}
