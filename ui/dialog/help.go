package dialog

import (
	"fmt"
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/ui/common"
)

// helpChrome is the help dialog's rows around its body: the border, the
// title and the gap under it, the gap above the footer and the footer.
const helpChrome = 6

// groupGap separates the columns of key groups side by side.
const groupGap = "   "

// Help shows the full key help of what was focused when it opened. Its
// groups of bindings flow into as many columns as the window fits (a
// group never splits), and the rows of groups scroll in a viewport —
// with the dialog's up/down and page keys or the wheel — when they are
// taller than the window; the footer says so.
type Help struct {
	ctx    *common.Context
	groups [][]key.Binding
	closer key.Binding
	width  int
	height int
	vp     viewport.Model
}

// NewHelp returns a help dialog for the binding groups; the closer key
// (the one that opened it) closes it too.
func NewHelp(ctx *common.Context, groups [][]key.Binding, closer key.Binding) *Help {
	d := &Help{ctx: ctx, groups: groups, closer: closer, vp: viewport.New()}
	k := ctx.Keys.Dialog
	off := key.NewBinding(key.WithDisabled())
	d.vp.KeyMap = viewport.KeyMap{Up: k.Up, Down: k.Down, PageUp: k.PageUp, PageDown: k.PageDown,
		HalfPageUp: off, HalfPageDown: off, Left: off, Right: off}
	return d
}

// SetSize sets the space the dialog may use and reflows the groups.
func (d *Help) SetSize(w, h int) {
	d.width, d.height = w, h
	d.layout()
}

// Update closes the dialog on cancel, select or the help key, and
// scrolls it on the scroll keys and the wheel.
func (d *Help) Update(msg tea.Msg) tea.Cmd {
	keys := d.ctx.Keys.Dialog
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		if key.Matches(msg, keys.Cancel, keys.Select, d.closer) {
			return common.CloseDialogOf(d)
		}
		d.vp, _ = d.vp.Update(msg)
	case tea.MouseWheelMsg:
		d.vp, _ = d.vp.Update(msg)
	}
	return nil
}

// View draws the groups that fit and the footer.
func (d *Help) View() string {
	d.layout() // the styles may have changed since the last frame
	body := strings.Split(d.vp.View(), "\n")
	inner := d.innerWidth()
	footer := d.ctx.Styles.Hint.Render(d.footer(inner))
	w := contentWidth(append(body, footer), inner)
	return frame(d.ctx.Styles, "Keys", body, footer, w+4)
}

// innerWidth is the widest the text inside the border may be.
func (d *Help) innerWidth() int { return max(16, d.width-4) }

// layout flows the groups into the width and sizes the viewport to them,
// at most as high as the window allows.
func (d *Help) layout() {
	content := flow(d.blocks(), d.innerWidth())
	lines := strings.Count(content, "\n") + 1
	d.vp.SetWidth(max(1, lipgloss.Width(content)))
	d.vp.SetHeight(max(1, min(lines, d.height-helpChrome)))
	d.vp.SetContent(content)
}

// blocks are the groups drawn by the help component, one block each;
// groups with nothing enabled are left out.
func (d *Help) blocks() []string {
	h := help.New()
	h.Styles = d.ctx.Styles.Help
	var out []string
	for _, g := range d.groups {
		if b := h.FullHelpView([][]key.Binding{g}); b != "" {
			out = append(out, b)
		}
	}
	return out
}

// flow puts blocks side by side while they fit in width, then starts a
// new row of blocks under a blank line.
func flow(blocks []string, width int) string {
	var rows, row []string
	used := 0
	for _, b := range blocks {
		w := lipgloss.Width(b)
		if len(row) > 0 && used+len(groupGap)+w > width {
			rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
			row, used = nil, 0
		}
		if len(row) > 0 {
			row = append(row, groupGap)
			used += len(groupGap)
		}
		row = append(row, b)
		used += w
	}
	if len(row) > 0 {
		rows = append(rows, lipgloss.JoinHorizontal(lipgloss.Top, row...))
	}
	return strings.Join(rows, "\n\n")
}

// scrolls reports whether the groups are taller than the dialog.
func (d *Help) scrolls() bool { return d.vp.TotalLineCount() > d.vp.Height() }

// footer says how to close the dialog and, when it scrolls, which lines
// are on show and how to see the others, in the longest wording that fits.
func (d *Help) footer(width int) string {
	k := d.ctx.Keys.Dialog
	closeText := k.Cancel.Help().Key + " closes"
	if !d.scrolls() {
		return closeText
	}
	top := d.vp.YOffset()
	total := d.vp.TotalLineCount()
	end := min(total, top+d.vp.Height())
	keys := fmt.Sprintf("%s %s %s %s", k.Up.Help().Key, k.Down.Help().Key, k.PageUp.Help().Key, k.PageDown.Help().Key)
	for _, text := range []string{
		fmt.Sprintf("lines %d–%d of %d: %s or the wheel scroll · %s", top+1, end, total, keys, closeText),
		fmt.Sprintf("lines %d–%d of %d · %s scroll · %s", top+1, end, total, keys, closeText),
		fmt.Sprintf("%d–%d of %d · scrolls · %s", top+1, end, total, closeText),
	} {
		if ansi.StringWidth(text) <= width {
			return text
		}
	}
	return fmt.Sprintf("%d–%d/%d", top+1, end, total)
}

// ShortHelp lists how to close the dialog, and to scroll it when it
// does.
func (d *Help) ShortHelp() []key.Binding {
	k := d.ctx.Keys.Dialog
	if !d.scrolls() {
		return []key.Binding{k.Cancel}
	}
	return []key.Binding{k.Down, k.Up, k.PageDown, k.PageUp, k.Cancel}
}

// FullHelp lists the dialog's keys.
func (d *Help) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
