package sharing

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
)

// Upload is the upload-link dialog: a presigned PUT of a new object in
// the pane's location, with its Content-Type signed in, copied together
// with the curl command that uploads a file with it.
type Upload struct {
	mgr    *Manager
	ctx    *common.Context
	id     int
	client *s3ops.Client
	folder s3ops.Location

	name        textinput.Model
	ctype       textinput.Model
	ctypeEdited bool // the user typed a type: stop guessing it from the name
	expiry      expiryPicker
	signer      signer
	focus       row
	width       int
	height      int

	busy   bool
	cancel context.CancelFunc
	made   *madeUpload
	copied string
}

// madeUpload is the outcome of the last enter.
type madeUpload struct {
	with settings
	link share.Link
	err  error
}

func (m *Manager) openUpload(p Pane) tea.Cmd {
	client, folder, why := uploadTarget(p)
	if why != "" {
		return status(common.LevelInfo, why)
	}
	id := m.newID()
	st := m.ctx.Styles
	u := &Upload{mgr: m, ctx: m.ctx, id: id, client: client, folder: folder,
		name: newField(st, "e.g. report.csv or inbox/photo.jpg"), ctype: newField(st, "guessed from the name"),
		expiry: newExpiryPicker(st, m.presets)}
	return m.show(id, u, tea.Batch(fetchCreds(m.ctx.Base, id, client), u.setFocus(rowName)))
}

func (u *Upload) rows() []row {
	rows := []row{rowName, rowUploadType, rowExpiry, rowCustom}
	if u.signer.temporary() {
		rows = append(rows, rowPolicy)
	}
	return rows
}

// SetSize sets the space the dialog may use.
func (u *Upload) SetSize(w, h int) {
	u.width, u.height = w, h
	field := boxWidth(w) - 4 - indent - 2 // the cursor takes a column more
	u.name.SetWidth(field)
	u.ctype.SetWidth(field)
	u.expiry.custom.SetWidth(field)
}

// Capturing is true while a text field has the focus.
func (u *Upload) Capturing() bool { return u.focus.isText() }

// target is where the upload will land, or why the name cannot be one.
func (u *Upload) target() (s3ops.Location, error) {
	name := strings.TrimSpace(u.name.Value())
	if name == "" {
		return s3ops.Location{}, errors.New("name the object the link will create")
	}
	if err := s3ops.CheckName(name); err != nil {
		return s3ops.Location{}, err
	}
	return s3ops.Location{Bucket: u.folder.Bucket, Key: u.folder.Key + name}, nil
}

func (u *Upload) settings() (settings, error) {
	loc, err := u.target()
	if err != nil {
		return settings{}, err
	}
	ct := strings.TrimSpace(u.ctype.Value())
	if ct == "" {
		return settings{}, errors.New("the link needs a content type, e.g. application/octet-stream")
	}
	if err := checkMediaType(ct); err != nil {
		return settings{}, err
	}
	exp, err := u.expiry.value()
	if err != nil {
		return settings{}, err
	}
	return settings{expiry: exp, policy: u.signer.policy, contentType: ct, name: loc.Key}, nil
}

func (u *Upload) current() *madeUpload {
	s, err := u.settings()
	if err != nil || u.made == nil || u.made.err != nil || u.made.with != s {
		return nil
	}
	return u.made
}

// Update handles keys and pastes; async results come through handle.
func (u *Upload) Update(msg tea.Msg) tea.Cmd {
	switch msg := msg.(type) {
	case tea.KeyPressMsg:
		return u.handleKey(msg)
	case tea.PasteMsg:
		if u.focus.isText() && !u.busy {
			return u.edit(msg)
		}
	}
	return nil
}

func (u *Upload) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	k := u.ctx.Keys.Share
	switch {
	case key.Matches(msg, k.Close):
		return u.close()
	case u.busy:
		return nil
	case key.Matches(msg, k.Copy):
		return u.submit()
	case key.Matches(msg, k.NextField):
		return u.setFocus(step(u.rows(), u.focus, 1))
	case key.Matches(msg, k.PrevField):
		return u.setFocus(step(u.rows(), u.focus, -1))
	case u.focus.isText():
		return u.edit(msg)
	case key.Matches(msg, k.PrevChoice) && u.focus == rowExpiry:
		u.expiry.move(-1)
	case key.Matches(msg, k.NextChoice, k.Toggle) && u.focus == rowExpiry:
		u.expiry.move(1)
	case key.Matches(msg, k.PrevChoice, k.NextChoice, k.Toggle) && u.focus == rowPolicy:
		u.signer.policy = 1 - u.signer.policy
	}
	return nil
}

// edit types into the focused field. The content type follows the name
// until the user types one.
func (u *Upload) edit(msg tea.Msg) tea.Cmd {
	var cmd tea.Cmd
	switch u.focus {
	case rowName:
		u.name, cmd = u.name.Update(msg)
		if !u.ctypeEdited {
			u.ctype.SetValue(guessType(u.name.Value()))
		}
	case rowUploadType:
		before := u.ctype.Value()
		u.ctype, cmd = u.ctype.Update(msg)
		if u.ctype.Value() != before {
			u.ctypeEdited = strings.TrimSpace(u.ctype.Value()) != ""
		}
	case rowCustom:
		cmd = u.expiry.editCustom(msg)
	}
	return cmd
}

func (u *Upload) close() tea.Cmd {
	if u.cancel != nil {
		u.cancel()
	}
	return u.mgr.closeView(u.id)
}

func guessType(name string) string {
	if strings.TrimSpace(name) == "" {
		return ""
	}
	return share.GuessContentType(name)
}

func (u *Upload) setFocus(r row) tea.Cmd {
	u.focus = r
	u.name.Blur()
	u.ctype.Blur()
	u.expiry.custom.Blur()
	switch r {
	case rowName:
		return u.name.Focus()
	case rowUploadType:
		return u.ctype.Focus()
	case rowCustom:
		return u.expiry.custom.Focus()
	}
	return nil
}

// submit makes the upload link, or copies the one on show again.
func (u *Upload) submit() tea.Cmd {
	s, err := u.settings()
	if err != nil {
		return nil
	}
	if cur := u.current(); cur != nil {
		return u.copy(cur.link)
	}
	u.busy = true
	ctx, cancel := context.WithCancel(u.ctx.Base)
	u.cancel = cancel
	id, client := u.id, u.client
	loc := s3ops.Location{Bucket: u.folder.Bucket, Key: s.name}
	opt := share.UploadOptions{Expiry: s.expiry, Policy: s.policy, ContentType: s.contentType}
	return func() tea.Msg {
		defer cancel()
		l, err := share.UploadLink(ctx, client, loc, opt)
		return uploadMsg{id: id, with: s, link: l, err: err}
	}
}

func (u *Upload) handle(msg Msg) tea.Cmd {
	switch msg := msg.(type) {
	case credsMsg:
		u.signer.fetched = true
		u.signer.creds, u.signer.err = &msg.creds, msg.err
		if msg.err != nil {
			u.signer.creds = nil
		}
	case uploadMsg:
		u.busy = false
		u.made = &madeUpload{with: msg.with, link: msg.link, err: msg.err}
		u.copied = ""
		if msg.err != nil {
			return status(common.LevelError, firstLine(msg.err))
		}
		u.mgr.history.Add(msg.link)
		return u.copy(msg.link)
	case copiedMsg:
		u.copied = msg.via()
	}
	return nil
}

// uploadText is what an upload link puts on the clipboard: the link,
// then the command that uses it.
func uploadText(l share.Link) string { return l.URL + "\n" + l.Curl + "\n" }

func (u *Upload) copy(l share.Link) tea.Cmd {
	return copyText(u.id, uploadText(l), copyWhat{subject: "upload link and curl command", end: l.Expires()})
}

// ShortHelp lists the keys that work on the focused row.
func (u *Upload) ShortHelp() []key.Binding {
	k := u.ctx.Keys.Share
	if u.busy {
		return []key.Binding{k.Close}
	}
	out := []key.Binding{k.Copy, k.NextField}
	if !u.focus.isText() {
		out = append(out, k.PrevChoice, k.NextChoice)
	}
	return append(out, k.Close)
}

// FullHelp lists every key of the dialog.
func (u *Upload) FullHelp() [][]key.Binding {
	k := u.ctx.Keys.Share
	return [][]key.Binding{{k.Copy, k.NextField, k.PrevField}, {k.PrevChoice, k.NextChoice, k.Toggle, k.Close}}
}
