package sharing

import (
	"fmt"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
)

// row is one line of the links view: a link or a page.
type row struct {
	link *share.HistoryItem
	page *share.PageItem
}

func (r row) made() time.Time {
	if r.page != nil {
		return r.page.Made
	}
	return r.link.Made
}

func (r row) expires() time.Time {
	if r.page != nil {
		return r.page.Expires
	}
	return r.link.Expires()
}

func (r row) expired() bool {
	if r.page != nil {
		return r.page.Expired
	}
	return r.link.Expired
}

// rows are the run's links and pages, newest first.
func (v *Links) rows() []row {
	links, pages := v.mgr.history.List(), v.mgr.history.Pages()
	out := make([]row, 0, len(links)+len(pages))
	for len(links) > 0 || len(pages) > 0 {
		if len(pages) > 0 && (len(links) == 0 || !pages[0].Made.Before(links[0].Made)) {
			out = append(out, row{page: &pages[0]})
			pages = pages[1:]
			continue
		}
		out = append(out, row{link: &links[0]})
		links = links[1:]
	}
	return out
}

// View lists the links and pages with their countdowns, under what the
// last delete did and the expired pages found.
func (v *Links) View() string {
	st := v.ctx.Styles
	w := boxWidth(v.width)
	inner := w - 4
	rows := v.rows()
	title := fmt.Sprintf("Links made in this run (%d)", len(rows))
	if len(v.mgr.history.Pages()) > 0 {
		title = fmt.Sprintf("Links and pages made in this run (%d)", len(rows))
	}
	notes := v.noticeLines(inner)
	if len(rows) == 0 {
		body := wrap(fmt.Sprintf("No links yet. On an S3 object, %s makes a download link (on a folder or marked entries, one page); "+
			"in a bucket, %s makes an upload link or page. They are listed here until ferry quits (links are never saved).",
			v.ctx.Keys.Share.Share.Help().Key, v.ctx.Keys.Share.UploadLink.Help().Key), inner)
		return box(st, w, v.height, title, append(notes, body...), nil, v.footer(0, 0, 0))
	}
	end := min(len(rows), v.offset+v.rowsRoom())
	body := notes
	leftW := 0 // the countdown column fits the longest one shown
	for _, r := range rows[v.offset:end] {
		leftW = max(leftW, len(v.leftText(r)))
	}
	for i := v.offset; i < end; i++ {
		body = append(body, v.line(rows[i], i == v.cursor, inner, leftW))
	}
	return box(st, w, v.height, title, body, nil, v.footer(end-v.offset, len(rows), end))
}

// kindW is the width of the kind column ("download page").
const kindW = 13

// line is one link or page: kind, what it shares, time left and end; the
// cursor row is highlighted, expired ones are dimmed.
func (v *Links) line(r row, selected bool, inner, leftW int) string {
	st := v.ctx.Styles
	when := share.FormatWhen(r.expires(), v.ctx.Clock.Now(), v.ctx.TimeZone)
	right := fmt.Sprintf("  %-*s %s", leftW, v.leftText(r), when)
	nameW := max(8, inner-2-kindW-1-ansi.StringWidth(right))
	text := fmt.Sprintf("%-*s %s%s", kindW, v.kindText(r), common.Fit(common.Sanitize(v.nameText(r)), nameW), right)
	switch {
	case selected:
		return st.Cursor.Render(common.Fit("› "+text, inner))
	case r.expired():
		return st.Hint.Render(common.Fit("  "+text, inner))
	}
	return st.DialogValue.Render(common.Fit("  "+text, inner))
}

func (v *Links) kindText(r row) string {
	if r.page != nil {
		return r.page.Kind.String()
	}
	return r.link.Kind.String()
}

// nameText is what a row shares: the object (and version) of a link; the
// folder and file count of a download page; where an upload page's files
// land and how big each may be (cut first when the row is narrow).
func (v *Links) nameText(r row) string {
	if p := r.page; p != nil {
		folder := s3ops.Location{Bucket: p.Bucket, Key: p.Prefix}.String()
		if p.Kind == share.UploadPage {
			return fmt.Sprintf("%s · ≤ %s", folder, units.Bytes(p.MaxSize))
		}
		return fmt.Sprintf("%s · %s", folder, plural(p.Count, "file", "files"))
	}
	name := r.link.Location.String()
	if r.link.VersionID != "" {
		name += " (version " + shortVersion(r.link.VersionID) + ")"
	}
	return name
}

// leftText is how long a row has left, or since when it is expired.
func (v *Links) leftText(r row) string {
	now := v.ctx.Clock.Now()
	if r.expired() {
		return "expired " + share.FormatRemaining(now.Sub(r.expires())) + " ago"
	}
	return "in " + share.FormatRemaining(r.expires().Sub(now))
}

// shortVersion is a version id cut to what tells versions apart on screen.
func shortVersion(id string) string {
	if r := []rune(id); len(r) > 12 {
		return string(r[:12]) + "…"
	}
	return id
}
