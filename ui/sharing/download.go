package sharing

import (
	"context"
	"errors"
	"fmt"
	"mime"
	"strings"
	"time"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
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
}

// Download is the share dialog: a presigned download link of one object,
// or one link per object when several are marked.
type Download struct {
	mgr     *Manager
	ctx     *common.Context
	id      int
	client  *s3ops.Client
	objects []s3ops.Location
	skipped int // marked folders left out
	// versionID shares one version of the single object ("" for the
	// current one).
	versionID string

	expiry     expiryPicker
	signer     signer
	attachment bool
	ctype      textinput.Model
	qr         qrView
	focus      row
	width      int
	height     int

	busy   bool
	cancel context.CancelFunc
	made   *madeLinks
	copied string // how the last copy went ("OSC 52 + xclip"), "" until known
}

// madeLinks is the outcome of the last enter.
type madeLinks struct {
	with  settings
	links []share.Link
	err   error // the objects that failed (or why none worked)
}

func (m *Manager) openDownload(p Pane) tea.Cmd {
	client, objects, skipped, why := downloadTargets(p)
	if why != "" {
		return status(common.LevelInfo, why)
	}
	id := m.newID()
	d := &Download{mgr: m, ctx: m.ctx, id: id, client: client, objects: objects, skipped: skipped,
		expiry: newExpiryPicker(m.ctx.Styles, m.presets), focus: rowExpiry,
		ctype: newField(m.ctx.Styles, "keep the object's own")}
	return m.show(id, d, fetchCreds(m.ctx.Base, id, client))
}

// ShareVersion opens the share dialog on one version of the object at
// loc: a link signed with its versionId keeps serving that version
// whatever is written over the key later.
func (m *Manager) ShareVersion(client *s3ops.Client, loc s3ops.Location, versionID string) tea.Cmd {
	id := m.newID()
	d := &Download{mgr: m, ctx: m.ctx, id: id, client: client, objects: []s3ops.Location{loc}, versionID: versionID,
		expiry: newExpiryPicker(m.ctx.Styles, m.presets), focus: rowExpiry,
		ctype: newField(m.ctx.Styles, "keep the object's own")}
	return m.show(id, d, fetchCreds(m.ctx.Base, id, client))
}

// fetchCreds asks once which credentials links will be signed with.
func fetchCreds(base context.Context, id int, c *s3ops.Client) tea.Cmd {
	return func() tea.Msg {
		creds, err := c.Credentials(base)
		return credsMsg{id: id, creds: creds, err: err}
	}
}

// single reports whether the dialog shares one object (QR and the full
// link are shown only then).
func (d *Download) single() bool { return len(d.objects) == 1 }

func (d *Download) rows() []row {
	rows := []row{rowExpiry, rowCustom}
	if d.signer.temporary() {
		rows = append(rows, rowPolicy)
	}
	rows = append(rows, rowAttachment, rowType)
	if d.single() {
		rows = append(rows, rowQR)
	}
	return rows
}

// SetSize sets the space the dialog may use.
func (d *Download) SetSize(w, h int) {
	d.width, d.height = w, h
	field := boxWidth(w) - 4 - indent - 2 // the cursor takes a column more
	d.expiry.custom.SetWidth(field)
	d.ctype.SetWidth(field)
}

// Capturing is true while a text field has the focus: the root then
// sends every key and paste here.
func (d *Download) Capturing() bool { return d.focus.isText() }

// settings are the dialog's current choices, or the first reason they
// cannot make a link (shown inline by the view).
func (d *Download) settings() (settings, error) {
	exp, err := d.expiry.value()
	if err != nil {
		return settings{}, err
	}
	ct := strings.TrimSpace(d.ctype.Value())
	if err := checkMediaType(ct); err != nil {
		return settings{}, err
	}
	return settings{expiry: exp, policy: d.signer.policy, attachment: d.attachment, contentType: ct}, nil
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
func (d *Download) showingQR() bool { return d.qr.on && d.single() && d.current() != nil }

// Update handles keys and pastes; async results come through handle.
func (d *Download) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return d.handleKey(msg)
	case tea.PasteMsg:
		if d.focus.isText() && !d.busy {
			return d.edit(msg)
		}
	}
	return nil
}

func (d *Download) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := d.ctx.Keys.Share
	switch {
	case key.Matches(msg, k.Close):
		return d.close()
	case d.busy:
		return nil // only esc while the link is being made
	case key.Matches(msg, k.Copy):
		return d.submit()
	case key.Matches(msg, k.QR) && d.single():
		d.qr.on = !d.qr.on
		return nil
	case key.Matches(msg, k.NextField):
		return d.setFocus(step(d.rows(), d.focus, 1))
	case key.Matches(msg, k.PrevField):
		return d.setFocus(step(d.rows(), d.focus, -1))
	case d.focus.isText():
		return d.edit(msg)
	}
	d.choose(msg)
	return nil
}

// choose handles the keys of the choice and toggle rows.
func (d *Download) choose(msg tea.KeyPressMsg) {
	k := d.ctx.Keys.Share
	delta := 0
	switch {
	case key.Matches(msg, k.PrevChoice):
		delta = -1
	case key.Matches(msg, k.NextChoice), key.Matches(msg, k.Toggle):
		delta = 1
	default:
		return
	}
	switch d.focus {
	case rowExpiry:
		d.expiry.move(delta)
	case rowPolicy:
		d.signer.policy = 1 - d.signer.policy
	case rowAttachment:
		d.attachment = !d.attachment
	case rowQR:
		d.qr.on = !d.qr.on
	}
}

// edit types into the focused field; typing a custom expiry chooses it.
func (d *Download) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch d.focus {
	case rowCustom:
		cmd = d.expiry.editCustom(msg)
	case rowType:
		d.ctype, cmd = d.ctype.Update(msg)
	}
	return cmd
}

func (d *Download) setFocus(r row) tea.Cmd {
	d.focus = r
	d.expiry.custom.Blur()
	d.ctype.Blur()
	switch r {
	case rowCustom:
		return d.expiry.custom.Focus()
	case rowType:
		return d.ctype.Focus()
	}
	return nil
}

func (d *Download) close() tea.Cmd {
	if d.cancel != nil {
		d.cancel()
	}
	return d.mgr.closeView(d.id)
}

// submit makes the link(s) with the current settings, or copies the ones
// on show again. Invalid settings do nothing: the view already says why.
func (d *Download) submit() tea.Cmd {
	s, err := d.settings()
	if err != nil {
		return nil
	}
	if cur := d.current(); cur != nil {
		return d.copy(cur)
	}
	d.busy = true
	ctx, cancel := context.WithCancel(d.ctx.Base)
	d.cancel = cancel
	id, client, objects := d.id, d.client, d.objects
	opt := share.DownloadOptions{Expiry: s.expiry, Policy: s.policy, Attachment: s.attachment, ContentType: s.contentType,
		VersionID: d.versionID}
	return func() tea.Msg {
		defer cancel()
		if len(objects) == 1 {
			l, err := share.DownloadLink(ctx, client, objects[0], opt)
			if err != nil {
				return linksMsg{id: id, with: s, err: err}
			}
			return linksMsg{id: id, with: s, links: []share.Link{l}}
		}
		links, err := share.Many(ctx, client, objects, opt)
		return linksMsg{id: id, with: s, links: links, err: err}
	}
}

// handle takes the dialog's async results.
func (d *Download) handle(msg Msg) tea.Cmd {
	switch msg := msg.(type) {
	case credsMsg:
		d.signer.fetched = true
		d.signer.creds, d.signer.err = &msg.creds, msg.err
		if msg.err != nil {
			d.signer.creds = nil
		}
	case linksMsg:
		return d.linksMade(msg)
	case copiedMsg:
		d.copied = msg.via()
	}
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
	if d.single() && d.qr.on {
		d.focus = rowQR // the QR replaces the form; keep typing out of the fields
	}
	return d.copy(d.made)
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
	if d.busy {
		return []key.Binding{k.Close}
	}
	if d.showingQR() {
		hide := k.QR
		hide.SetHelp(hide.Help().Key, "back to the form")
		return []key.Binding{hide, k.Copy, k.Close}
	}
	out := []key.Binding{k.Copy, k.NextField}
	if !d.focus.isText() {
		out = append(out, k.PrevChoice, k.NextChoice)
	}
	if d.single() {
		out = append(out, k.QR)
	}
	return append(out, k.Close)
}

// FullHelp lists every key of the dialog.
func (d *Download) FullHelp() [][]key.Binding {
	k := d.ctx.Keys.Share
	return [][]key.Binding{{k.Copy, k.NextField, k.PrevField}, {k.PrevChoice, k.NextChoice, k.Toggle, k.QR, k.Close}}
}
