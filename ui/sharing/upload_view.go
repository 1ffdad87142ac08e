package sharing

import (
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// View draws the form, the plan of the link's life and, once made, the
// link and the curl command.
func (u *Upload) View() string {
	w := boxWidth(u.width)
	st := u.ctx.Styles
	f := newLines(st, w-4)
	if u.pageMode() {
		u.pageLines(f)
		return box(st, w, u.height, "Upload page into "+u.folder.String(), f.Lines, u.pageResultLines(w-4), u.pageFooter())
	}
	cur := u.current()
	u.formLines(f, cur)
	return box(st, w, u.height, "Upload link into "+u.folder.String(), f.Lines, u.resultLines(w-4, cur), u.footer())
}

func (u *Upload) formLines(f *form.Lines, cur *madeUpload) {
	st := u.ctx.Styles
	u.kindLine(f)
	f.Field("Name", u.focused(u.name), u.name.View())
	if _, err := u.target(); err != nil && u.name.Value() != "" {
		f.Note(err.Error(), st.Error)
	}
	f.Field("Content-Type", u.focused(u.ctype), u.ctype.View())
	if err := checkMediaType(u.ctype.Value()); err != nil {
		f.Note(err.Error(), st.Error)
	} else if !u.ctypeEdited && u.ctype.Value() != "" {
		f.Note("guessed from the name; the uploader must send exactly this type", st.Hint)
	}
	exp, err := u.expiryLines(f)
	var made *share.Plan
	if cur != nil {
		made = &cur.link.Plan
	}
	u.signer.lifetimeLines(f, u.ctx, exp, err, u.focused(&u.signer), made)
}

func (u *Upload) resultLines(inner int, cur *madeUpload) []string {
	st := u.ctx.Styles
	f := newLines(st, inner)
	switch {
	case u.busy:
		f.Blank()
		f.Text("Making the upload link…", st.Hint)
	case cur != nil:
		f.Blank()
		f.Field("Link", false, copyState(st, "link and command copied", u.copied))
		f.Hard(cur.link.URL, st.DialogValue)
		f.Field("Command", false, st.Hint.Render("run it where the file is:"))
		f.Hard(cur.link.Curl, st.DialogValue)
	case u.made != nil && u.made.err != nil:
		if s, err := u.settings(); err == nil && s == u.made.with {
			f.Blank()
			f.Text(u.made.err.Error(), st.Error)
		}
	}
	return f.Lines
}

func (u *Upload) footer() string {
	what := "an object"
	if loc, err := u.target(); err == nil {
		what = loc.String()
	}
	return "Anyone with the link can upload one file as " + what + ", replacing any object of that name, until it ends."
}

// copyState is the Link row while a link is being copied, then what was
// copied and how (via, e.g. "OSC 52 and wl-copy").
func copyState(st *common.Styles, what, via string) string {
	if via == "" {
		return st.Hint.Render("copying…")
	}
	return st.DialogValue.Render(what + " (" + via + ")")
}
