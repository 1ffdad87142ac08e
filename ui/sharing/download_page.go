package sharing

import (
	"context"
	"slices"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/sharepage"
	"github.com/ferry-s3/ferry/ui/common"
)

// pageState is the share dialog's download page: the files it will list,
// counted (sharepage.Collect) before anything is made so the dialog can
// show how many and how big, and the page made last.
type pageState struct {
	asked bool // counting was started
	sel   *sharepage.Selection
	err   error // why the files could not be counted
	made  *madePage
}

// madePage is the outcome of the last enter on a page.
type madePage struct {
	with settings
	page sharepage.Page
	err  error
}

// countedMsg carries the files a download page will list.
type countedMsg struct {
	id  int
	sel sharepage.Selection
	err error
}

// pageMadeMsg carries the page made for a dialog.
type pageMadeMsg struct {
	id   int
	with settings
	page sharepage.Page
	err  error
}

func (m countedMsg) viewID() int  { return m.id }
func (m pageMadeMsg) viewID() int { return m.id }

// pageMode reports whether the dialog makes one page: chosen, or the only
// way to share folders.
func (d *Download) pageMode() bool {
	if d.as != nil {
		return d.as.Index == 1
	}
	return len(d.objects) == 0
}

// Update takes keys and pastes, and starts counting the files once the
// page is chosen.
func (d *Download) Update(msg tea.Msg) tea.Cmd {
	return tea.Batch(d.dialog.Update(msg), d.countFiles())
}

// countFiles gathers the page's files in a Cmd, once: the dialog is busy
// until the count is in (esc cancels it).
func (d *Download) countFiles() tea.Cmd {
	if !d.pageMode() || d.page.asked || d.busy {
		return nil
	}
	d.page.asked = true
	id, client, locs, prefix := d.id, d.client, append(slices.Clone(d.objects), d.folders...), d.mgr.pagesPrefix()
	return d.run(func(ctx context.Context) tea.Msg {
		sel, err := sharepage.Collect(ctx, client, locs, sharepage.DefaultMaxFiles, prefix)
		return countedMsg{id: id, sel: sel, err: err}
	})
}

func (d *Download) counted(msg countedMsg) {
	d.busy = false
	d.page.sel, d.page.err = nil, msg.err
	if msg.err == nil {
		d.page.sel = &msg.sel
	}
}

// pageSettings are the page's choices, or why they cannot make one.
func (d *Download) pageSettings() (settings, error) {
	exp, err := d.expiry.value()
	if err != nil {
		return settings{}, err
	}
	return settings{expiry: exp, policy: d.signer.policy, page: true}, nil
}

// current is the page on show when it matches the settings.
func (p *pageState) current(d *Download) *sharepage.Page {
	s, err := d.pageSettings()
	if err != nil || p.made == nil || p.made.err != nil || p.made.with != s {
		return nil
	}
	return &p.made.page
}

// submitPage makes the page (counting again first when counting failed),
// or copies the one on show again.
func (d *Download) submitPage() tea.Cmd {
	if d.page.sel == nil {
		d.page.asked = false
		return d.countFiles()
	}
	s, err := d.pageSettings()
	if err != nil {
		return nil
	}
	if p := d.page.current(d); p != nil {
		return d.copyPage(*p)
	}
	id, client := d.id, d.client
	req := sharepage.DownloadRequest{Selection: *d.page.sel, Expiry: s.expiry, Policy: s.policy, PagesPrefix: d.mgr.pagesPrefix()}
	return d.run(func(ctx context.Context) tea.Msg {
		p, err := sharepage.MakeDownloadPage(ctx, client, req)
		return pageMadeMsg{id: id, with: s, page: p, err: err}
	})
}

// pageMade records the page in the run's history, with the connection
// that made it, and copies its link.
func (d *Download) pageMade(msg pageMadeMsg) tea.Cmd {
	d.busy = false
	d.page.made = &madePage{with: msg.with, page: msg.page, err: msg.err}
	d.copied = ""
	if msg.err != nil {
		return status(common.LevelError, firstLine(msg.err))
	}
	d.mgr.addPage(msg.page, owner{client: d.client, conn: d.conn})
	d.qrTakesFocus()
	return d.copyPage(msg.page)
}

func (d *Download) copyPage(p sharepage.Page) tea.Cmd {
	return copyText(d.id, p.URL(), copyWhat{subject: "page link", end: p.Link.Expires()})
}
