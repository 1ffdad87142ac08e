package versions

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/key"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
)

// Column widths of the list.
const (
	idCols   = 14
	sizeCols = 9
	timeCols = len(common.TimeLayout)
)

// rowCols is the width of a version row with its longest note.
const rowCols = 2 + idCols + 1 + sizeCols + 1 + timeCols + 1 + len("latest delete marker")

// inner is the dialog's text width: what the title and rows need, at
// most what the window gives.
func (d *Dialog) inner() int {
	need := max(rowCols, ansi.StringWidth("Versions of "+common.Sanitize(d.loc.String())), 60)
	return max(20, min(d.width-4, 92, need))
}

// View draws the title, the versions (scrolled to the cursor), the last
// outcome and what the keys do now.
func (d *Dialog) View() string {
	w := d.inner()
	header := "  " + common.Fit("Version", idCols) + " " + common.PadLeft("Size", sizeCols) + " " + common.Fit("Modified", timeCols) + " "
	return common.ListDialog(d.ctx.Styles, w, d.height, "Versions of "+common.Sanitize(d.loc.String()), header,
		func(n int) []string { return d.rows(w, n) }, d.footer(w))
}

// rows are the visible versions.
func (d *Dialog) rows(w, n int) []string {
	st := d.ctx.Styles
	switch {
	case !d.loaded:
		return []string{st.Loading.Render("  listing versions…")}
	case len(d.versions) == 0:
		return []string{st.Empty.Render("  no versions (the object may have been written before versioning was on)")}
	}
	if d.cursor < d.offset {
		d.offset = d.cursor
	}
	if d.cursor >= d.offset+n {
		d.offset = d.cursor - n + 1
	}
	var out []string
	for i := d.offset; i < min(len(d.versions), d.offset+n); i++ {
		v := d.versions[i]
		size, note := common.HumanSize(v.Size), ""
		if v.DeleteMarker {
			size, note = "—", "delete marker"
		}
		if v.IsLatest {
			note = strings.TrimSpace("latest " + note)
		}
		mark := "  "
		if i == d.cursor {
			mark = "› "
		}
		line := mark + common.Fit(common.Sanitize(short(v.VersionID)), idCols) + " " + common.PadLeft(size, sizeCols) + " " +
			common.Fit(common.FormatTime(v.Modified, d.ctx.TimeZone), timeCols) + " " + note
		switch {
		case i == d.cursor:
			line = st.Cursor.Render(common.Fit(line, w))
		case v.DeleteMarker:
			line = st.Hint.Render(line)
		}
		out = append(out, line)
	}
	return out
}

// footer is the outcome line and the keys of the current mode.
func (d *Dialog) footer(w int) []string {
	st := d.ctx.Styles
	out := []string{""}
	switch {
	case d.busy != "":
		out = append(out, st.Loading.Render(d.busy))
	case d.err != "":
		out = append(out, common.Wrapped(d.err, w, st.Error.Render)...)
	case d.note != "":
		out = append(out, common.Wrapped(d.note, w, st.StatusGood.UnsetBackground().Render)...)
	}
	return append(out, d.modeLine(w)...)
}

func (d *Dialog) modeLine(w int) []string {
	st := d.ctx.Styles
	dk := d.ctx.Keys.Dialog
	switch d.mode {
	case restoring:
		v, _ := d.Current()
		q := d.restoreText(v)
		return append(common.Wrapped(q, w, st.DialogWarn.Render), st.Hint.Render(dk.Confirm.Help().Key+" restore · "+dk.Cancel.Help().Key+" keep"))
	}
	var parts []string
	for _, k := range append(d.actionKeys(), dk.Cancel) {
		parts = append(parts, k.Help().Key+" "+k.Help().Desc)
	}
	var out []string
	for _, l := range common.WrapParts(parts, " · ", w) {
		out = append(out, st.Hint.Render(l))
	}
	return out
}

// restoreText says what restoring v will do, as RestoreVersion does it:
// the delete markers on top of the object are removed first; if that
// leaves v the latest, that is all, else a copy of v is written on top.
func (d *Dialog) restoreText(v s3ops.Version) string {
	name := fmt.Sprintf("version %s (%s)", short(v.VersionID), common.FormatTime(v.Modified, d.ctx.TimeZone))
	markers := 0
	for _, o := range d.versions {
		if !o.DeleteMarker {
			break
		}
		markers++
	}
	removed := "The delete marker on top is removed (for good)"
	if markers > 1 {
		removed = fmt.Sprintf("The %d delete markers on top are removed (for good)", markers)
	}
	switch {
	case markers == 0:
		return "Make " + name + " the latest? A copy of it is written as the newest version; every version stays."
	case markers < len(d.versions) && d.versions[markers].VersionID == v.VersionID:
		return "Make " + name + " the latest? " + removed + ", which makes it the latest again; nothing is copied."
	}
	return "Make " + name + " the latest? " + removed + ", then a copy of it is written as the newest version; every other version stays."
}

// actionKeys are the keys that act on the version under the cursor (a
// delete marker has no content; downloads need the transfer queue).
func (d *Dialog) actionKeys() []key.Binding {
	vk := d.ctx.Keys.Ops
	v, ok := d.Current()
	if !ok || v.DeleteMarker {
		return nil
	}
	var out []key.Binding
	if d.mgr.o.Engine != nil {
		out = append(out, vk.VersionDownload)
	}
	return append(out, vk.VersionShare, vk.VersionRestore)
}

// ShortHelp lists the keys that work now.
func (d *Dialog) ShortHelp() []key.Binding {
	dk := d.ctx.Keys.Dialog
	switch d.mode {
	case restoring:
		return []key.Binding{dk.Confirm, dk.Cancel}
	}
	return append(append([]key.Binding{dk.Up, dk.Down}, d.actionKeys()...), dk.Cancel)
}

// FullHelp lists the keys that work now.
func (d *Dialog) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
