package sharing

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
	"github.com/ferry-s3/ferry/ui/source"
)

// settings are the choices a link is made with; a link on show is
// current while the dialog's settings still equal the ones it was made
// with, and enter then copies it again instead of making another.
type settings struct {
	expiry      time.Duration
	policy      share.Policy
	attachment  bool
	contentType string
	name        string // upload: the object's key
	page        bool   // a page, not links
	maxSize     int64  // upload page: the largest file accepted
}

// Download is the share dialog: a presigned download link of one object,
// or one link per object when several are marked; or, for several
// objects or folders, one link to a download page listing them all
// (download_page.go).
type Download struct {
	dialog
	objects []s3ops.Location
	folders []s3ops.Location // marked folders (or the one under the cursor): pages only
	// versionID shares one version of the single object ("" for the
	// current one).
	versionID string

	attachment form.Toggle
	ctype      *form.Text
	qr         qrView
	made       *madeLinks

	// as chooses links or one page; nil when only one of them fits (one
	// object: a link; only folders: a page).
	as   *form.Choice
	page pageState
}

// madeLinks is the outcome of the last enter.
type madeLinks struct {
	with  settings
	links []share.Link
	err   error // the objects that failed (or why none worked)
}

func (m *Manager) openDownload(p Pane) tea.Cmd {
	t, why := downloadTargets(p)
	if why != "" {
		return status(common.LevelInfo, why)
	}
	return m.openShare(t, "")
}

// ShareVersion opens the share dialog on one version of the object at
// loc: a link signed with its versionId keeps serving that version
// whatever is written over the key later.
func (m *Manager) ShareVersion(client *s3ops.Client, loc s3ops.Location, versionID string) tea.Cmd {
	return m.openShare(targets{src: source.S3{Client: client}, objects: []s3ops.Location{loc}}, versionID)
}

func (m *Manager) openShare(t targets, versionID string) tea.Cmd {
	d := &Download{dialog: newDialog(m, t.src.Client), objects: t.objects, folders: t.folders, versionID: versionID,
		ctype: newText(m.ctx.Styles, "keep the object's own")}
	d.conn = t.src.Conn
	if len(t.objects) > 1 || (len(t.objects) == 1 && len(t.folders) > 0) {
		d.as = &form.Choice{Options: []string{"one link each", "one page"}}
	}
	d.texts = []*form.Text{d.expiry.custom, d.ctype}
	d.fields, d.submit, d.ownKey = d.rows, d.submitShare, d.qrKey
	return m.show(d.id, d, tea.Batch(d.start(), d.countFiles()))
}

// fetchCreds asks once which credentials links will be signed with.
func fetchCreds(base context.Context, id int, c *s3ops.Client) tea.Cmd {
	return func() tea.Msg {
		creds, err := c.Credentials(base)
		return credsMsg{id: id, creds: creds, err: err}
	}
}

// single reports whether the dialog shares one object as a link.
func (d *Download) single() bool { return len(d.objects) == 1 && !d.pageMode() }

// oneLink reports whether the dialog makes one link (one object, or a
// page): QR and the full link are shown only then.
func (d *Download) oneLink() bool { return d.single() || d.pageMode() }

func (d *Download) rows() []form.Field {
	var rows []form.Field
	if d.as != nil {
		rows = append(rows, d.as)
	}
	rows = append(rows, d.expiry, d.expiry.custom)
	if d.signer.temporary() {
		rows = append(rows, &d.signer)
	}
	if !d.pageMode() {
		rows = append(rows, &d.attachment, d.ctype)
	}
	if d.oneLink() {
		rows = append(rows, &d.qr)
	}
	return rows
}

// settings are the dialog's current choices, or the first reason they
// cannot make a link (shown inline by the view).
func (d *Download) settings() (settings, error) {
	exp, err := d.expiry.value()
	if err != nil {
		return settings{}, err
	}
	ct := d.ctype.Trimmed()
	if err := checkMediaType(ct); err != nil {
		return settings{}, err
	}
	return settings{expiry: exp, policy: d.signer.policy, attachment: d.attachment.On, contentType: ct}, nil
}

// checkMediaType accepts "" (no override) or a media type such as
// "text/plain; charset=utf-8".
func checkMediaType(ct string) error {
	if ct == "" {
		return nil
	}
	if _, _, err := mime.ParseMediaType(ct); err != nil || !strings.Contains(ct, "/") {
		return fmt.Errorf("%q is not a content type: write one like text/plain or application/pdf", ct)
	}
	return nil
}

// current is the link(s) on show when they match the settings.
func (d *Download) current() *madeLinks {
	s, err := d.settings()
	if err != nil || d.made == nil || len(d.made.links) == 0 || d.made.with != s {
		return nil
	}
	return d.made
}

// showingQR reports whether the QR code replaces the form: it is on and
// the link it encodes is made.
func (d *Download) showingQR() bool { return d.qr.on && d.qrLink() != nil }

// qrLink is the one link on show, nil when none is.
func (d *Download) qrLink() *share.Link {
	if d.pageMode() {
		if p := d.page.current(d); p != nil {
			return &p.Link
		}
		return nil
	}
	if cur := d.current(); cur != nil && d.single() {
		return &cur.links[0]
	}
	return nil
}

// qrKey shows or hides the QR code of a single link.
func (d *Download) qrKey(msg tea.KeyPressMsg) bool {
	if !key.Matches(msg, d.ctx.Keys.Share.QR) || !d.oneLink() {
		return false
	}
	d.qr.on = !d.qr.on
	return true
}

// submitShare makes the link(s) or the page.
func (d *Download) submitShare() tea.Cmd {
	if d.pageMode() {
		return d.submitPage()
	}
	return d.submitLinks()
}

// submitLinks makes the link(s) with the current settings, or copies the
// ones on show again. Invalid settings do nothing: the view already says
// why.
func (d *Download) submitLinks() tea.Cmd {
	s, err := d.settings()
	if err != nil {
		return nil
	}
	if cur := d.current(); cur != nil {
		return d.copy(cur)
	}
	id, client, objects := d.id, d.client, d.objects
	opt := share.DownloadOptions{Expiry: s.expiry, Policy: s.policy, Attachment: s.attachment, ContentType: s.contentType,
		VersionID: d.versionID}
	return d.run(func(ctx context.Context) tea.Msg {
		if len(objects) == 1 {
			l, err := share.DownloadLink(ctx, client, objects[0], opt)
			if err != nil {
				return linksMsg{id: id, with: s, err: err}
			}
			return linksMsg{id: id, with: s, links: []share.Link{l}}
		}
		links, err := share.Many(ctx, client, objects, opt)
		return linksMsg{id: id, with: s, links: links, err: err}
	})
}

// handle takes the dialog's async results.
func (d *Download) handle(msg Msg) tea.Cmd {
	switch msg := msg.(type) {
	case linksMsg:
		return d.linksMade(msg)
	case countedMsg:
		d.counted(msg)
		return nil
	case pageMadeMsg:
		return d.pageMade(msg)
	}
	d.handleCommon(msg)
	return nil
}

// linksMade records the links made, adds them to the run's history and
// copies them.
func (d *Download) linksMade(msg linksMsg) tea.Cmd {
	d.busy = false
	d.made = &madeLinks{with: msg.with, links: msg.links, err: msg.err}
	d.copied = ""
	for _, l := range msg.links {
		d.mgr.history.Add(l)
	}
	if len(msg.links) == 0 {
		return status(common.LevelError, firstLine(msg.err))
	}
	d.qrTakesFocus()
	return d.copy(d.made)
}

// qrTakesFocus moves the focus to the QR row when the code replaces the
// form, which keeps typing out of the fields.
func (d *Download) qrTakesFocus() {
	if d.showingQR() {
		d.form.SetFields(d.rows()...)
		d.form.FocusOn(&d.qr)
	}
}

// copy puts the link (or the name<TAB>url lines) on the clipboard.
func (d *Download) copy(m *madeLinks) tea.Cmd {
	what := copyWhat{subject: "link", end: earliest(m.links).Expires()}
	text := m.links[0].URL
	if !d.single() {
		text = share.Lines(m.links)
		what.subject, what.plural = fmt.Sprintf("%d links", len(m.links)), len(m.links) > 1
		if failed := len(d.objects) - len(m.links); failed > 0 {
			what.note = fmt.Sprintf("; %d failed (see the dialog)", failed)
		}
	}
	return copyText(d.id, text, what)
}

// firstLine is the first of the (joined) errors, for the status line.
func firstLine(err error) string {
	if err == nil {
		return ""
	}
	s, _, _ := strings.Cut(err.Error(), "\n")
	var joined interface{ Unwrap() []error }
	if errors.As(err, &joined) && len(joined.Unwrap()) > 1 {
		s = fmt.Sprintf("%s (and %d more)", s, len(joined.Unwrap())-1)
	}
	return s
}

// ShortHelp lists the keys that work on the focused row.
func (d *Download) ShortHelp() []key.Binding {
	k := d.ctx.Keys.Share
	if d.showingQR() && !d.busy {
		hide := k.QR
		hide.SetHelp(hide.Help().Key, "back to the form")
		return []key.Binding{hide, k.Copy, k.Close}
	}
	if d.oneLink() {
		return d.shortHelp(k.QR)
	}
	return d.shortHelp()
}

// FullHelp lists every key of the dialog.
func (d *Download) FullHelp() [][]key.Binding {
	k := d.ctx.Keys.Share
	return [][]key.Binding{{k.Copy, k.NextField, k.PrevField}, {k.PrevChoice, k.NextChoice, k.Toggle, k.QR, k.Close}}
}
