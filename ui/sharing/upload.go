package sharing

import (
	"context"
	"errors"
	"strings"

	"charm.land/bubbles/v2/key"
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// Upload is the upload-link dialog: a presigned PUT of a new object in
// the pane's location, with its Content-Type signed in, copied together
// with the curl command that uploads a file with it; or an upload page
// for teammates, into a folder of its own below the pane's location
// (upload_page.go).
type Upload struct {
	dialog
	folder s3ops.Location

	kind    *form.Choice // a link or a page
	maxSize *form.Text   // upload page: the largest file accepted
	page    *madePage

	name        *form.Text
	ctype       *form.Text
	ctypeEdited bool // the user typed a type: stop guessing it from the name
	made        *madeUpload
}

// madeUpload is the outcome of the last enter.
type madeUpload struct {
	with settings
	link share.Link
	err  error
}

func (m *Manager) openUpload(p Pane) tea.Cmd {
	src, folder, why := uploadTarget(p)
	if why != "" {
		return status(common.LevelInfo, why)
	}
	st := m.ctx.Styles
	u := &Upload{dialog: newDialog(m, src.Client), folder: folder,
		name: newText(st, "e.g. report.csv or inbox/photo.jpg"), ctype: newText(st, "guessed from the name"),
		kind: &form.Choice{Options: []string{"upload link", "upload page"}}, maxSize: newText(st, "e.g. 100MiB, 2GiB")}
	u.conn = src.Conn
	u.maxSize.Set(defaultMaxSize)
	u.name.OnEdit, u.ctype.OnEdit = u.nameEdited, u.typeEdited
	u.texts = []*form.Text{u.name, u.ctype, u.expiry.custom, u.maxSize}
	u.fields, u.submit = u.rows, u.submitAny
	first := u.start()
	// The name is what most people type first; the kind row above it is
	// one shift+tab away.
	return m.show(u.id, u, tea.Batch(first, u.form.FocusOn(u.name)))
}

func (u *Upload) rows() []form.Field {
	if u.pageMode() {
		return u.pageRows()
	}
	rows := []form.Field{u.kind, u.name, u.ctype, u.expiry, u.expiry.custom}
	if u.signer.temporary() {
		rows = append(rows, &u.signer)
	}
	return rows
}

// target is where the upload will land, or why the name cannot be one.
func (u *Upload) target() (s3ops.Location, error) {
	name := u.name.Trimmed()
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
	ct := u.ctype.Trimmed()
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

// nameEdited: the content type follows the name until the user types
// one.
func (u *Upload) nameEdited(bool) {
	if !u.ctypeEdited {
		u.ctype.SetValue(guessType(u.name.Value()))
	}
}

// typeEdited stops guessing the type once the user typed one (and
// guesses again once it is cleared).
func (u *Upload) typeEdited(changed bool) {
	if changed {
		u.ctypeEdited = u.ctype.Trimmed() != ""
	}
}

func guessType(name string) string {
	if strings.TrimSpace(name) == "" {
		return ""
	}
	return share.GuessContentType(name)
}

// submit makes the upload link, or copies the one on show again.
func (u *Upload) submitLink() tea.Cmd {
	s, err := u.settings()
	if err != nil {
		return nil
	}
	if cur := u.current(); cur != nil {
		return u.copy(cur.link)
	}
	id, client := u.id, u.client
	loc := s3ops.Location{Bucket: u.folder.Bucket, Key: s.name}
	opt := share.UploadOptions{Expiry: s.expiry, Policy: s.policy, ContentType: s.contentType}
	return u.run(func(ctx context.Context) tea.Msg {
		l, err := share.UploadLink(ctx, client, loc, opt)
		return uploadMsg{id: id, with: s, link: l, err: err}
	})
}

func (u *Upload) handle(msg Msg) tea.Cmd {
	if p, ok := msg.(pageMadeMsg); ok {
		return u.pageMade(p)
	}
	made, ok := msg.(uploadMsg)
	if !ok {
		u.handleCommon(msg)
		return nil
	}
	u.busy = false
	u.made = &madeUpload{with: made.with, link: made.link, err: made.err}
	u.copied = ""
	if made.err != nil {
		return status(common.LevelError, firstLine(made.err))
	}
	u.mgr.history.Add(made.link)
	return u.copy(made.link)
}

// uploadText is what an upload link puts on the clipboard: the link,
// then the command that uses it.
func uploadText(l share.Link) string { return l.URL + "\n" + l.Curl + "\n" }

func (u *Upload) copy(l share.Link) tea.Cmd {
	return copyText(u.id, uploadText(l), copyWhat{subject: "upload link and curl command", end: l.Expires()})
}

// ShortHelp lists the keys that work on the focused row.
func (u *Upload) ShortHelp() []key.Binding { return u.shortHelp() }

// FullHelp lists every key of the dialog.
func (u *Upload) FullHelp() [][]key.Binding {
	k := u.ctx.Keys.Share
	return [][]key.Binding{{k.Copy, k.NextField, k.PrevField}, {k.PrevChoice, k.NextChoice, k.Toggle, k.Close}}
}
