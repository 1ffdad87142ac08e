package transfers

import (
	"fmt"
	"path/filepath"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/dropped"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Drop answers files dropped on the window (pasted as paths): it asks
// whether to upload the ones that exist to target, the S3 location on
// show, listing what was found and marking what was not.
func (m *Model) Drop(paths []dropped.Path, target source.Source) tea.Cmd {
	if m.eng == nil {
		return nil
	}
	dst, ok := target.(source.S3)
	switch {
	case target == nil || !ok:
		return common.Status(common.LevelWarn, "dropped files are uploaded to the S3 pane's folder, but no pane shows S3")
	case dst.Loc.Bucket == "":
		return common.Status(common.LevelWarn, "open a bucket first: dropped files are uploaded to the folder the S3 pane shows")
	}
	var found []source.Entry
	for _, p := range paths {
		if p.Exists {
			found = append(found, source.Entry{Name: filepath.Base(p.Path), Key: p.Path, IsDir: p.IsDir, Size: p.Size})
		}
	}
	if len(found) == 0 {
		first := strings.TrimRight(common.FitLeft(common.Sanitize(paths[0].Path), 60), " ")
		return common.Status(common.LevelError, fmt.Sprintf("dropped %s, but none exists here (first: %s)",
			units.Plural(len(paths), "path"), first))
	}
	plan := Plan{Dir: transfer.Upload, Entries: found, Dest: dst.Loc, Conn: dst.Conn}
	title := fmt.Sprintf("Upload %s dropped here?", units.Plural(len(found), "item"))
	q := newQuestion(m.ctx, title, m.dropLines(paths, found, dst), "Upload", m.Queue(plan))
	return tea.Batch(common.OpenDialog(q), m.countFor(q, nil, found, transfer.Upload))
}

// dropLines are the drop dialog's body: where, how much, and the paths.
func (m *Model) dropLines(paths []dropped.Path, found []source.Entry, dst source.S3) []string {
	st := m.ctx.Styles
	lines := []string{
		m.tallyLine(source.Shallow(found), transfer.Upload),
		st.DialogLabel.Render("to   ") + " " + st.DialogValue.Render(common.Sanitize(dst.Loc.String())), "",
	}
	for i, p := range paths {
		if i == previewRows {
			lines = append(lines, st.Hint.Render(fmt.Sprintf("  and %s more", units.Count(len(paths)-i))))
			break
		}
		lines = append(lines, m.dropLine(p))
	}
	if missing := len(paths) - len(found); missing > 0 {
		lines = append(lines, "", m.styles().warn.Render(fmt.Sprintf("%s not found: left out.", units.Plural(missing, "path"))))
	}
	return append(lines, "", st.Hint.Render(uploadNote(m.eng.Options().Conflict)))
}

func (m *Model) dropLine(p dropped.Path) string {
	st := m.ctx.Styles
	name := common.FitLeft(common.Sanitize(p.Path), 62)
	switch {
	case !p.Exists:
		return "  " + st.DialogLabel.Render(name) + " " + m.styles().warn.Render(common.PadLeft("not found", 9))
	case p.IsDir:
		return "  " + st.DialogValue.Render(name) + " " + st.DialogLabel.Render(common.PadLeft("folder", 9))
	}
	return "  " + st.DialogValue.Render(name) + " " + st.DialogLabel.Render(common.PadLeft(common.HumanSize(p.Size), 9))
}
