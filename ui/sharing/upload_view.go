package sharing

import (
	"github.com/ferry-s3/ferry/share"
)

// View draws the form, the plan of the link's life and, once made, the
// link and the curl command.
func (u *Upload) View() string {
	w := boxWidth(u.width)
	st := u.ctx.Styles
	f := &form{st: st, inner: w - 4}
	cur := u.current()
	u.formLines(f, cur)
	return box(st, w, u.height, "Upload link into "+u.folder.String(), f.lines, u.resultLines(w-4, cur), u.footer())
}

func (u *Upload) formLines(f *form, cur *madeUpload) {
	st := u.ctx.Styles
	f.field("Name", u.focus == rowName, u.name.View())
	if _, err := u.target(); err != nil && u.name.Value() != "" {
		f.note(err.Error(), st.Error)
	}
	f.field("Content-Type", u.focus == rowUploadType, u.ctype.View())
	if err := checkMediaType(u.ctype.Value()); err != nil {
		f.note(err.Error(), st.Error)
	} else if !u.ctypeEdited && u.ctype.Value() != "" {
		f.note("guessed from the name; the uploader must send exactly this type", st.Hint)
	}
	f.field("Expires in", u.focus == rowExpiry, u.expiry.view(st, u.focus == rowExpiry))
	f.field("Custom", u.focus == rowCustom, u.expiry.custom.View())
	exp, err := u.expiry.value()
	if err != nil {
		f.note(err.Error(), st.Error)
	}
	var made *share.Plan
	if cur != nil {
		made = &cur.link.Plan
	}
	u.signer.lifetimeLines(f, u.ctx, exp, err, u.focus, made)
}

func (u *Upload) resultLines(inner int, cur *madeUpload) []string {
	st := u.ctx.Styles
	f := &form{st: st, inner: inner}
	switch {
	case u.busy:
		f.blank()
		f.text("Making the upload link…", st.Hint)
	case cur != nil:
		f.blank()
		state := st.Hint.Render("copying…")
		if u.copied != "" {
			state = st.DialogValue.Render("link and command copied (" + u.copied + ")")
		}
		f.field("Link", false, state)
		f.hard(cur.link.URL, st.DialogValue)
		f.field("Command", false, st.Hint.Render("run it where the file is:"))
		f.hard(cur.link.Curl, st.DialogValue)
	case u.made != nil && u.made.err != nil:
		if s, err := u.settings(); err == nil && s == u.made.with {
			f.blank()
			f.text(u.made.err.Error(), st.Error)
		}
	}
	return f.lines
}

func (u *Upload) footer() string {
	what := "an object"
	if loc, err := u.target(); err == nil {
		what = loc.String()
	}
	return "Anyone with the link can upload one file as " + what + ", replacing any object of that name, until it ends."
}
