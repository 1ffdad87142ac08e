package sharing

import (
	"context"
	"time"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// dialog is what the share and the upload-link dialogs have in common:
// the form and its keys (share.*), the expiry and the credentials that
// sign, making the link in a Cmd that esc cancels, and how the last copy
// went. Download and Upload embed it and fill in the hooks.
type dialog struct {
	mgr    *Manager
	ctx    *common.Context
	id     int
	client *s3ops.Client
	conn   string // the name of client's connection ("" = the default)
	form   form.Form
	texts  []*form.Text // the text fields, sized with the dialog
	expiry *expiryPicker
	signer signer
	width  int
	height int

	busy   bool
	cancel context.CancelFunc
	copied string // how the last copy went ("OSC 52 + xclip"), "" until known

	// fields are the rows that can take the focus now.
	fields func() []form.Field
	// submit makes the link, or copies the one on show again.
	submit func() tea.Cmd
	// ownKey, when set, takes a dialog's own keys before the form's
	// (reporting whether it did); it is not asked while busy.
	ownKey func(tea.KeyPressMsg) bool
}

func newDialog(m *Manager, client *s3ops.Client) dialog {
	return dialog{mgr: m, ctx: m.ctx, id: m.newID(), client: client, expiry: newExpiryPicker(m.ctx.Styles, m.presets)}
}

// start focuses the first row and asks which credentials will sign.
func (d *dialog) start() tea.Cmd {
	d.form.SetFields(d.fields()...)
	return tea.Batch(fetchCreds(d.ctx.Base, d.id, d.client), d.form.FocusAt(0))
}

// SetSize sets the space the dialog may use.
func (d *dialog) SetSize(w, h int) {
	d.width, d.height = w, h
	width := newLines(d.ctx.Styles, boxWidth(w)-4).ValueWidth()
	for _, t := range d.texts {
		t.SetWidth(width)
	}
}

// Capturing is true while a text field has the focus: the root then
// sends every key and paste here.
func (d *dialog) Capturing() bool { return d.form.Typing() }

// focused reports whether fl has the focus.
func (d *dialog) focused(fl form.Field) bool { return d.form.Focused() == fl }

// Update handles keys and pastes; async results come through handle.
func (d *dialog) Update(msg tea.Msg) tea.Cmd {
	d.form.SetFields(d.fields()...)
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return d.handleKey(msg)
	case tea.PasteMsg:
		return d.form.Paste(msg, d.busy)
	}
	return nil
}

func (d *dialog) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if !d.busy && d.ownKey != nil && d.ownKey(msg) {
		return nil
	}
	out, cmd := d.form.Key(msg, form.ShareKeys(&d.ctx.Keys.Share), d.busy)
	switch out {
	case form.Cancel:
		return d.close()
	case form.Submit:
		return d.submit()
	}
	return cmd
}

func (d *dialog) close() tea.Cmd {
	if d.cancel != nil {
		d.cancel()
	}
	return d.mgr.closeView(d.id)
}

// run starts making the link: busy until its result comes back, and
// cancelled if the dialog closes first.
func (d *dialog) run(work func(ctx context.Context) tea.Msg) tea.Cmd {
	d.busy = true
	ctx, cancel := context.WithCancel(d.ctx.Base)
	d.cancel = cancel
	return func() tea.Msg {
		defer cancel()
		return work(ctx)
	}
}

// handleCommon takes the results both dialogs get: the credentials and
// how a copy went. It reports whether msg was one of them.
func (d *dialog) handleCommon(msg Msg) bool {
	switch msg := msg.(type) {
	case credsMsg:
		d.signer.fetched = true
		d.signer.creds, d.signer.err = &msg.creds, msg.err
		if msg.err != nil {
			d.signer.creds = nil
		}
	case copiedMsg:
		d.copied = msg.via()
	default:
		return false
	}
	return true
}

// shortHelp lists the keys that work on the focused row, own being the
// dialog's own keys shown before close.
func (d *dialog) shortHelp(own ...key.Binding) []key.Binding {
	k := d.ctx.Keys.Share
	if d.busy {
		return []key.Binding{k.Close}
	}
	out := []key.Binding{k.Copy, k.NextField}
	if !d.form.Typing() {
		out = append(out, k.PrevChoice, k.NextChoice)
	}
	return append(append(out, own...), k.Close)
}

// expiryLines draws the expiry rows every share dialog has (the choice,
// the custom field, and why a custom value does not read) and returns
// the expiry they say.
func (d *dialog) expiryLines(f *form.Lines) (time.Duration, error) {
	st := d.ctx.Styles
	f.Field("Expires in", d.focused(d.expiry), d.expiry.view(st, d.focused(d.expiry)))
	f.Field("Custom", d.focused(d.expiry.custom), d.expiry.custom.View())
	exp, err := d.expiry.value()
	if err != nil {
		f.Note(err.Error(), st.Error)
	}
	return exp, err
}
