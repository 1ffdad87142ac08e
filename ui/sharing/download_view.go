package sharing

import (
	"fmt"
	"strings"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// View draws the form, the plan of the link's life and, once made, the
// link itself; or only the QR code when it is on.
func (d *Download) View() string {
	w := boxWidth(d.width)
	cur := d.current()
	if d.showingQR() {
		l := *d.qrLink()
		name := share.DownloadName(l.Location.Key)
		if d.pageMode() {
			name = "page"
		}
		title := fmt.Sprintf("%s · ends %s", common.Sanitize(name), share.FormatEnd(l.Expires(), d.ctx.Clock.Now(), d.ctx.TimeZone))
		return qrScreen(d.ctx, &d.qr, l, d.width, d.height, title)
	}
	f := newLines(d.ctx.Styles, w-4)
	if d.pageMode() {
		d.pageLines(f)
		return box(d.ctx.Styles, w, d.height, d.title(), f.Lines, d.pageResultLines(w-4), d.footer())
	}
	d.formLines(f, cur)
	return box(d.ctx.Styles, w, d.height, d.title(), f.Lines, d.resultLines(w-4, cur), d.footer())
}

func (d *Download) title() string {
	if d.pageMode() {
		if len(d.objects) == 0 && len(d.folders) == 1 {
			return "Share " + d.folders[0].String() + " as one page"
		}
		return fmt.Sprintf("Share %d entries in s3://%s/ as one page", len(d.objects)+len(d.folders), d.bucket())
	}
	if d.versionID != "" {
		return "Share " + d.objects[0].String() + " (version " + shortVersion(d.versionID) + ")"
	}
	if d.single() {
		return "Share " + d.objects[0].String()
	}
	return fmt.Sprintf("Share %d objects in s3://%s/", len(d.objects), d.objects[0].Bucket)
}

func (d *Download) footer() string {
	if d.pageMode() {
		return "Anyone with the link can see the list and download every file on it until it ends."
	}
	if d.versionID != "" {
		return "Anyone with the link can download this version until it ends."
	}
	if d.single() {
		return "Anyone with the link can download the object until it ends."
	}
	return "Anyone with these links can download the objects until they end."
}

func (d *Download) formLines(f *form.Lines, cur *madeLinks) {
	st := d.ctx.Styles
	if len(d.objects)+len(d.folders) > 1 {
		f.Text(d.objectList(), st.DialogValue)
		if len(d.folders) > 0 {
			f.Text(fmt.Sprintf("%d marked folder(s) left out: links are for objects (one page lists folders too).", len(d.folders)), st.Hint)
		}
		f.Blank()
	}
	d.asLine(f)
	exp, err := d.expiryLines(f)
	var made *share.Plan
	if cur != nil {
		p := earliest(cur.links).Plan
		made = &p
	}
	d.signer.lifetimeLines(f, d.ctx, exp, err, d.focused(&d.signer), made)
	f.Field("Download", d.focused(&d.attachment), form.Check(st, d.attachment.On, "as an attachment (browsers save it under its name)"))
	f.Field("Content-Type", d.focused(d.ctype), d.ctype.View())
	if err := checkMediaType(d.ctype.Trimmed()); err != nil {
		f.Note(err.Error(), st.Error)
	}
	if d.single() {
		f.Field("QR code", d.focused(&d.qr), form.Check(st, d.qr.on, "show ("+d.ctx.Keys.Share.QR.Help().Key+")"))
	}
}

// objectList names the shared objects (and folders, for a page) on at
// most two lines.
func (d *Download) objectList() string {
	names := make([]string, 0, len(d.objects)+len(d.folders))
	for _, o := range d.objects {
		names = append(names, share.DownloadName(o.Key))
	}
	if d.pageMode() {
		for _, f := range d.folders {
			names = append(names, folderName(f.Key))
		}
	}
	s := strings.Join(names, ", ")
	if limit := 2 * (boxWidth(d.width) - 4); len(s) > limit {
		s = s[:limit-20] + "… (" + fmt.Sprint(len(names)) + " in all)"
	}
	return s
}

// resultLines show the outcome of the last enter: the link, the links,
// the failures, or that the settings changed since.
func (d *Download) resultLines(inner int, cur *madeLinks) []string {
	st := d.ctx.Styles
	f := newLines(st, inner)
	switch {
	case d.busy:
		f.Blank()
		f.Text(fmt.Sprintf("Making %s…", plural(len(d.objects), "link", "links")), st.Hint)
	case cur != nil && d.single():
		f.Blank()
		f.Field("Link", false, st.DialogValue.Render(d.copyState()))
		f.Hard(cur.links[0].URL, st.DialogValue)
	case cur != nil:
		d.manyLines(f, cur)
	case d.made != nil && d.madeNow():
		f.Blank()
		f.Text(d.made.err.Error(), st.Error)
	case d.made != nil && len(d.made.links) > 0:
		f.Blank()
		f.Text("The settings changed: "+d.ctx.Keys.Share.Copy.Help().Key+" makes a new link (the one made before still works).", st.Hint)
	}
	return f.Lines
}

// madeNow reports whether the last outcome was for the current settings.
func (d *Download) madeNow() bool {
	s, err := d.settings()
	return err == nil && d.made.with == s
}

func (d *Download) manyLines(f *form.Lines, cur *madeLinks) {
	st := d.ctx.Styles
	f.Blank()
	f.Text(fmt.Sprintf("%s made as name⇥url lines: %s", plural(len(cur.links), "link", "links"), d.copyState()), st.DialogValue)
	if cur.err != nil {
		failed := len(d.objects) - len(cur.links)
		f.Text(fmt.Sprintf("%d failed:", failed), st.Error)
		for _, line := range strings.Split(cur.err.Error(), "\n") {
			f.Text("  "+line, st.Error)
		}
	}
	nameW := 0
	for _, l := range cur.links {
		nameW = max(nameW, ansi.StringWidth(common.Sanitize(share.DownloadName(l.Location.Key))))
	}
	nameW = min(nameW, f.Inner/3)
	for _, l := range cur.links {
		name := common.Fit(common.Sanitize(share.DownloadName(l.Location.Key)), nameW)
		f.Lines = append(f.Lines, common.Fit(st.DialogValue.Render(name)+"  "+st.Hint.Render(l.URL), f.Inner))
	}
}

// copyState says how the last copy went.
func (d *Download) copyState() string {
	if d.copied == "" {
		return "copying…"
	}
	return "copied (" + d.copied + ")"
}

func earliest(links []share.Link) share.Link {
	e := links[0]
	for _, l := range links[1:] {
		if l.Expires().Before(e.Expires()) {
			e = l
		}
	}
	return e
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
