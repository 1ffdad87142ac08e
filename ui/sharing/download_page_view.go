package sharing

import (
	"errors"
	"fmt"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
	"github.com/ferry-s3/ferry/ui/form"
)

// asLine is the links-or-page choice, when there is one.
func (d *Download) asLine(f *form.Lines) {
	if d.as != nil {
		f.Field("Share as", d.focused(d.as), form.Brackets(d.ctx.Styles, d.as.Options, d.as.Index, d.focused(d.as)))
	}
}

// pageLines draw the page's form: what it will list (counted first), the
// expiry and the credentials, and the QR toggle.
func (d *Download) pageLines(f *form.Lines) {
	st := d.ctx.Styles
	if len(d.objects)+len(d.folders) > 1 {
		f.Text(d.objectList(), st.DialogValue)
		f.Blank()
	}
	d.asLine(f)
	switch {
	case d.page.sel != nil:
		sel := d.page.sel
		from := s3ops.Location{Bucket: sel.Bucket, Key: sel.Base}
		f.Field("Files", false, st.DialogValue.Render(sel.Summary()+" from "+from.String()))
	case d.page.err != nil:
		f.Field("Files", false, st.Error.Render("cannot be listed"))
		f.Note(d.page.err.Error(), st.Error)
		again := d.ctx.Keys.Share.Copy.Help().Key + " counts again."
		if tooMany := (*sharepage.TooManyFilesError)(nil); errors.As(d.page.err, &tooMany) {
			again = fmt.Sprintf("A page made here lists at most %d files; on the command line, "+
				"ferry share --page --max-files N lists more. %s", sharepage.DefaultMaxFiles, again)
		}
		f.Note(again, st.Hint)
	default:
		f.Field("Files", false, st.Hint.Render("counting…"))
	}
	exp, err := d.expiryLines(f)
	var made *share.Plan
	if p := d.page.current(d); p != nil {
		made = &p.Link.Plan
	}
	d.signer.lifetimeLines(f, d.ctx, exp, err, d.focused(&d.signer), made)
	f.Field("QR code", d.focused(&d.qr), form.Check(st, d.qr.on, "show ("+d.ctx.Keys.Share.QR.Help().Key+")"))
}

// pageResultLines show the outcome of the last enter on a page: its link
// and where it lives, why it failed, or that the settings changed since.
func (d *Download) pageResultLines(inner int) []string {
	st := d.ctx.Styles
	f := newLines(st, inner)
	made := d.page.made
	switch p := d.page.current(d); {
	case d.busy && d.page.sel == nil:
		f.Blank()
		f.Text("Counting the files…", st.Hint)
	case d.busy:
		f.Blank()
		f.Text("Making the page…", st.Hint)
	case p != nil:
		f.Blank()
		f.Field("Link", false, st.DialogValue.Render(d.copyState()))
		f.Hard(p.URL(), st.DialogValue)
		f.Field("Page", false, st.DialogValue.Render(s3ops.Location{Bucket: p.Bucket, Key: p.Key}.String()))
		f.Note(d.ctx.Keys.Share.Links.Help().Key+" lists it; deleting it there stops the link.", st.Hint)
	case made != nil && made.err != nil && d.pageMadeNow():
		f.Blank()
		f.Text(made.err.Error(), st.Error)
	case made != nil && made.err == nil:
		f.Blank()
		f.Text("The settings changed: "+d.ctx.Keys.Share.Copy.Help().Key+" makes a new page (the one made before still works).", st.Hint)
	}
	return f.Lines
}

// pageMadeNow reports whether the last page's outcome was for the
// current settings.
func (d *Download) pageMadeNow() bool {
	s, err := d.pageSettings()
	return err == nil && d.page.made.with == s
}

// bucket is the bucket of what is shared.
func (d *Download) bucket() string {
	if len(d.objects) > 0 {
		return d.objects[0].Bucket
	}
	return d.folders[0].Bucket
}

// folderName is a folder's last name with its slash ("q3/").
func folderName(key string) string {
	key = strings.TrimSuffix(key, "/")
	return share.DownloadName(key) + "/"
}
