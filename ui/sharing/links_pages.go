package sharing

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
	"github.com/ferry-s3/ferry/ui/common"
	uidialog "github.com/ferry-s3/ferry/ui/dialog"
)

// expiredScan is what the links view found of expired pages in the
// buckets on show and the buckets of the run's pages.
type expiredScan struct {
	found []share.PageRecord
	err   error
}

// expiredMsg carries the expired pages found, each with the connection
// of the bucket it was found in.
type expiredMsg struct {
	id     int
	found  []share.PageRecord
	owners []owner
	err    error
}

// relinkedMsg carries a page's link, signed anew.
type relinkedMsg struct {
	id   int
	link share.Link
	err  error
}

// deleteMsg is the user saying yes to deleting pages; note is what
// deleting them does not revoke.
type deleteMsg struct {
	id   int
	recs []share.PageRecord
	note string
}

// deletedMsg carries the pages deleted and the failures.
type deletedMsg struct {
	id   int
	recs []share.PageRecord
	note string
	err  error
}

func (m expiredMsg) viewID() int  { return m.id }
func (m relinkedMsg) viewID() int { return m.id }
func (m deleteMsg) viewID() int   { return m.id }
func (m deletedMsg) viewID() int  { return m.id }

// bucketOn is a bucket on one connection, where pages may be.
type bucketOn struct {
	owner
	bucket string
}

// pageBuckets are the buckets on show and those of the run's pages, each
// once.
func (m *Manager) pageBuckets() []bucketOn {
	var out []bucketOn
	seen := map[string]bool{}
	add := func(o owner, bucket string) {
		if id := o.conn + "\x00" + bucket; !seen[id] && bucket != "" && o.client != nil {
			seen[id] = true
			out = append(out, bucketOn{o, bucket})
		}
	}
	if m.pages.InView != nil {
		for _, s := range m.pages.InView() {
			add(owner{client: s.Client, conn: s.Conn}, s.Loc.Bucket)
		}
	}
	for _, p := range m.history.Pages() {
		o, _ := m.ownerOf(p.PageRecord)
		add(o, p.Bucket)
	}
	return out
}

// scanExpired lists the pages prefix of each bucket for expired pages,
// in a Cmd.
func (v *Links) scanExpired() tea.Cmd {
	buckets, prefix, now, id := v.mgr.pageBuckets(), v.mgr.pagesPrefix(), v.ctx.Clock.Now(), v.id
	if len(buckets) == 0 {
		return nil
	}
	base := v.ctx.Base
	return func() tea.Msg {
		msg := expiredMsg{id: id}
		var errs []error
		for _, b := range buckets {
			recs, err := sharepage.FindExpired(base, b.client, b.bucket, prefix, now)
			if err != nil {
				errs = append(errs, fmt.Errorf("s3://%s/: %w", b.bucket, err))
			}
			for _, r := range recs {
				msg.found, msg.owners = append(msg.found, r), append(msg.owners, b.owner)
			}
		}
		msg.err = errors.Join(errs...)
		return msg
	}
}

func (v *Links) scanned(msg expiredMsg) {
	v.scan = expiredScan{found: msg.found, err: msg.err}
	for i, rec := range msg.found {
		v.mgr.own(rec, msg.owners[i])
	}
}

// relink signs a new link to the page and copies it.
func (v *Links) relink(p share.PageItem) tea.Cmd {
	if p.Expired {
		return status(common.LevelWarn, "that page has expired: make a new one with "+v.ctx.Keys.Share.Share.Help().Key+
			" (its object can go: "+v.ctx.Keys.Share.DeletePage.Help().Key+")")
	}
	o, ok := v.mgr.ownerOf(p.PageRecord)
	if !ok || v.busy {
		return nil
	}
	v.busy = true
	id, rec, base := v.id, p.PageRecord, v.ctx.Base
	return func() tea.Msg {
		l, err := sharepage.Relink(base, o.client, rec, share.Cap)
		return relinkedMsg{id: id, link: l, err: err}
	}
}

func (v *Links) relinked(msg relinkedMsg) tea.Cmd {
	v.busy = false
	if msg.err != nil {
		return status(common.LevelError, firstLine(msg.err))
	}
	return copyText(v.id, msg.link.URL, copyWhat{subject: "page link", end: msg.link.Expires()})
}

// openFolder shows the folder of the page under the cursor in an S3 pane
// (an upload page's: what arrived) and closes the view.
func (v *Links) openFolder() tea.Cmd {
	r, ok := v.selected()
	if !ok || r.page == nil {
		return status(common.LevelInfo, v.ctx.Keys.Share.OpenPage.Help().Key+" shows the folder of a page: move to a page's row")
	}
	o, ok := v.mgr.ownerOf(r.page.PageRecord)
	if !ok {
		return nil
	}
	src := folderOf(r.page.PageRecord, o)
	return tea.Batch(v.mgr.closeView(v.id), func() tea.Msg { return OpenMsg{Source: src} })
}

// askDelete asks before deleting the page under the cursor, saying what
// deleting it does not revoke.
func (v *Links) askDelete() tea.Cmd {
	r, ok := v.selected()
	if !ok || v.busy {
		return nil
	}
	if r.page == nil {
		return status(common.LevelInfo, "a link cannot be deleted: it works until it expires (revoking the credentials that signed it stops it sooner)")
	}
	rec := r.page.PageRecord
	note := sharepage.DeleteNote(rec, v.ctx.Clock.Now())
	body := fmt.Sprintf("%s will be deleted. %s", pageLoc(rec), note)
	yes := func() tea.Msg { return deleteMsg{id: v.id, recs: []share.PageRecord{rec}, note: note} }
	return common.OpenDialog(uidialog.NewConfirm(v.ctx, "Delete this "+rec.Kind.String()+"?", body, yes, nil))
}

// askCleanUp asks before deleting the expired pages found.
func (v *Links) askCleanUp() tea.Cmd {
	found := v.scan.found
	if v.busy {
		return nil
	}
	if len(found) == 0 {
		return status(common.LevelInfo, "no expired pages found in the buckets on show")
	}
	body := fmt.Sprintf("%s in %s will be deleted. They no longer work: deleting them only tidies the bucket.",
		plural(len(found), "expired page", "expired pages"), strings.Join(bucketsOf(found), ", "))
	recs := append([]share.PageRecord(nil), found...)
	yes := func() tea.Msg { return deleteMsg{id: v.id, recs: recs} }
	return common.OpenDialog(uidialog.NewConfirm(v.ctx, "Delete "+plural(len(found), "expired page", "expired pages")+"?", body, yes, nil))
}

// deletePages deletes the pages the user said yes to, in a Cmd, each with
// the connection it was made on (or found through).
func (v *Links) deletePages(msg deleteMsg) tea.Cmd {
	v.busy = true
	owners := make([]owner, len(msg.recs))
	for i, rec := range msg.recs {
		owners[i], _ = v.mgr.ownerOf(rec)
	}
	id, base := v.id, v.ctx.Base
	return func() tea.Msg {
		out := deletedMsg{id: id, note: msg.note}
		var errs []error
		for i, rec := range msg.recs {
			err := errors.New("no connection to delete it with")
			if owners[i].client != nil {
				err = sharepage.Delete(base, owners[i].client, rec)
			}
			if err != nil {
				errs = append(errs, err)
				continue
			}
			out.recs = append(out.recs, rec)
		}
		out.err = errors.Join(errs...)
		return out
	}
}

// deleted forgets the pages deleted and says what was done, and what it
// did not revoke.
func (v *Links) deleted(msg deletedMsg) tea.Cmd {
	v.busy = false
	gone := map[string]bool{}
	for _, rec := range msg.recs {
		v.mgr.forgetPage(rec)
		gone[pageID(rec)] = true
	}
	var kept []share.PageRecord
	for _, rec := range v.scan.found {
		if !gone[pageID(rec)] {
			kept = append(kept, rec)
		}
	}
	v.scan.found = kept
	switch {
	case len(msg.recs) == 1 && msg.note != "":
		v.notice = fmt.Sprintf("Deleted %s. %s", pageLoc(msg.recs[0]), msg.note)
	case len(msg.recs) > 0:
		v.notice = "Deleted " + plural(len(msg.recs), "expired page", "expired pages") + "."
	default:
		v.notice = ""
	}
	v.clamp()
	if msg.err != nil {
		v.notice = strings.TrimSpace(v.notice + " Not deleted: " + msg.err.Error())
		return status(common.LevelError, firstLine(msg.err))
	}
	if len(msg.recs) == 1 && msg.note != "" {
		return status(common.LevelSuccess, "page deleted: its link no longer works")
	}
	return status(common.LevelSuccess, strings.TrimSuffix(v.notice, "."))
}

// noticeLines are what the last delete did and the expired pages found,
// above the rows.
func (v *Links) noticeLines(inner int) []string {
	st := v.ctx.Styles
	f := newLines(st, inner)
	if v.notice != "" {
		f.Text(v.notice, st.DialogWarn)
	}
	if n := len(v.scan.found); n > 0 {
		them := "them"
		if n == 1 {
			them = "it"
		}
		f.Text(fmt.Sprintf("%s in %s… press %s to delete %s.", plural(n, "expired page", "expired pages"),
			strings.Join(bucketsOf(v.scan.found), ", "), v.ctx.Keys.Share.CleanUp.Help().Key, them), st.DialogWarn)
	}
	if v.scan.err != nil {
		f.Text("Could not look for expired pages: "+firstLine(v.scan.err), st.Hint)
	}
	if len(f.Lines) > 0 {
		f.Blank()
	}
	return f.Lines
}

// bucketsOf names the buckets of pages, each once.
func bucketsOf(recs []share.PageRecord) []string {
	var out []string
	for _, r := range recs {
		if b := "s3://" + r.Bucket + "/"; !slices.Contains(out, b) {
			out = append(out, b)
		}
	}
	return out
}

func pageLoc(rec share.PageRecord) string {
	return s3ops.Location{Bucket: rec.Bucket, Key: rec.Key}.String()
}
