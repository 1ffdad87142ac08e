package sharing

import (
	"context"
	"fmt"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// defaultMaxSize is the size limit an upload page dialog starts with:
// the most a browser upload can send.
const defaultMaxSize = "5GiB"

// pageMode reports whether the dialog makes an upload page.
func (u *Upload) pageMode() bool { return u.kind.Index == 1 }

func (u *Upload) pageRows() []form.Field {
	rows := []form.Field{u.kind, u.maxSize, u.expiry, u.expiry.custom}
	if u.signer.temporary() {
		rows = append(rows, &u.signer)
	}
	return rows
}

// maxBytes is the size limit typed, or why it is not one.
func (u *Upload) maxBytes() (int64, error) {
	n, err := units.ParseBytes(u.maxSize.Value())
	if err != nil {
		return 0, err
	}
	if n < 1 || n > sharepage.MaxPostSize {
		return 0, fmt.Errorf("%s is out of range: a browser upload can be 1 byte to 5GiB", units.Bytes(n))
	}
	return n, nil
}

// pageSettings are the page's choices, or the first reason they cannot
// make one.
func (u *Upload) pageSettings() (settings, error) {
	size, err := u.maxBytes()
	if err != nil {
		return settings{}, err
	}
	exp, err := u.expiry.value()
	if err != nil {
		return settings{}, err
	}
	return settings{expiry: exp, policy: u.signer.policy, page: true, maxSize: size}, nil
}

// currentPage is the page on show when it matches the settings.
func (u *Upload) currentPage() *sharepage.Page {
	s, err := u.pageSettings()
	if err != nil || u.page == nil || u.page.err != nil || u.page.with != s {
		return nil
	}
	return &u.page.page
}

// submitAny makes the link or the page.
func (u *Upload) submitAny() tea.Cmd {
	if u.pageMode() {
		return u.submitPage()
	}
	return u.submitLink()
}

// submitPage makes the upload page, or copies the one on show again.
func (u *Upload) submitPage() tea.Cmd {
	s, err := u.pageSettings()
	if err != nil {
		return nil
	}
	if p := u.currentPage(); p != nil {
		return u.copyPage(*p)
	}
	id, client := u.id, u.client
	req := sharepage.UploadRequest{Folder: u.folder, Expiry: s.expiry, Policy: s.policy, MaxSize: s.maxSize,
		PagesPrefix: u.mgr.pagesPrefix()}
	return u.run(func(ctx context.Context) tea.Msg {
		p, err := sharepage.MakeUploadPage(ctx, client, req)
		return pageMadeMsg{id: id, with: s, page: p, err: err}
	})
}

// pageMade records the page with the connection that made it and copies
// its link.
func (u *Upload) pageMade(msg pageMadeMsg) tea.Cmd {
	u.busy = false
	u.page = &madePage{with: msg.with, page: msg.page, err: msg.err}
	u.copied = ""
	if msg.err != nil {
		return status(common.LevelError, firstLine(msg.err))
	}
	u.mgr.addPage(msg.page, owner{client: u.client, conn: u.conn})
	return u.copyPage(msg.page)
}

func (u *Upload) copyPage(p sharepage.Page) tea.Cmd {
	return copyText(u.id, p.URL(), copyWhat{subject: "upload page link", end: p.Link.Expires()})
}

// pageLines draw the page's form.
func (u *Upload) pageLines(f *form.Lines) {
	st := u.ctx.Styles
	u.kindLine(f)
	f.Field("Max size", u.focused(u.maxSize), u.maxSize.View())
	if _, err := u.maxBytes(); err != nil {
		f.Note(err.Error(), st.Error)
	} else {
		f.Note("per file; the page and S3 both refuse a larger one", st.Hint)
	}
	exp, err := u.expiryLines(f)
	var made *share.Plan
	if p := u.currentPage(); p != nil {
		made = &p.Link.Plan
	}
	u.signer.lifetimeLines(f, u.ctx, exp, err, u.focused(&u.signer), made)
}

func (u *Upload) kindLine(f *form.Lines) {
	f.Field("Make", u.focused(u.kind), form.Brackets(u.ctx.Styles, u.kind.Options, u.kind.Index, u.focused(u.kind)))
}

// pageResultLines show the page made: its link and where uploads land.
func (u *Upload) pageResultLines(inner int) []string {
	st := u.ctx.Styles
	f := newLines(st, inner)
	switch p := u.currentPage(); {
	case u.busy:
		f.Blank()
		f.Text("Making the upload page…", st.Hint)
	case p != nil:
		f.Blank()
		f.Field("Link", false, copyState(st, "copied", u.copied))
		f.Hard(p.URL(), st.DialogValue)
		f.Field("Uploads land", false, st.DialogValue.Render("s3://"+p.Bucket+"/"+p.Prefix))
		f.Note(u.ctx.Keys.Share.Links.Help().Key+" lists the page: "+u.ctx.Keys.Share.OpenPage.Help().Key+
			" there shows what arrived, "+u.ctx.Keys.Share.DeletePage.Help().Key+" deletes it.", st.Hint)
	case u.page != nil && u.page.err != nil:
		if s, err := u.pageSettings(); err == nil && s == u.page.with {
			f.Blank()
			f.Text(u.page.err.Error(), st.Error)
		}
	}
	return f.Lines
}

func (u *Upload) pageFooter() string {
	limit := ""
	if n, err := u.maxBytes(); err == nil {
		limit = " (up to " + units.Bytes(n) + " each)"
	}
	return "Anyone with the link can upload files" + limit + " into a new folder below this one, never over an existing object, until it ends."
}
