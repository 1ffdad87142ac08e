package dialog

import (
	"strings"

	"charm.land/bubbles/v2/help"
	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/ui/common"
)

// Help shows the full key help of what was focused when it opened.
type Help struct {
	ctx    *common.Context
	groups [][]key.Binding
	closer key.Binding
	width  int
	height int
}

// NewHelp returns a help dialog for the binding columns in groups; the
// closer key (the one that opened it) closes it too.
func NewHelp(ctx *common.Context, groups [][]key.Binding, closer key.Binding) *Help {
	return &Help{ctx: ctx, groups: groups, closer: closer}
}

// SetSize sets the space the dialog may use.
func (d *Help) SetSize(w, h int) { d.width, d.height = w, h }

// Update closes the dialog on cancel, select or the help key.
func (d *Help) Update(msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	keys := d.ctx.Keys.Dialog
	if ok && key.Matches(k, keys.Cancel, keys.Select, d.closer) {
		return common.CloseDialogOf(d)
	}
	return nil
}

// View draws the key columns.
func (d *Help) View() string {
	h := help.New()
	h.Styles = d.ctx.Styles.Help
	h.FullSeparator = "   "
	h.SetWidth(max(20, d.width-4))
	body := strings.Split(h.FullHelpView(d.groups), "\n")
	if limit := d.height - 6; limit > 0 && len(body) > limit {
		body = body[:limit]
	}
	footer := d.ctx.Styles.Hint.Render("esc closes")
	w := contentWidth(append(body, footer), max(16, d.width-4))
	return frame(d.ctx.Styles, "Keys", body, footer, w+4)
}

// ShortHelp lists how to close the dialog.
func (d *Help) ShortHelp() []key.Binding { return []key.Binding{d.ctx.Keys.Dialog.Cancel} }

// FullHelp lists how to close the dialog.
func (d *Help) FullHelp() [][]key.Binding { return [][]key.Binding{d.ShortHelp()} }
