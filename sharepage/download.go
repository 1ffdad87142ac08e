package sharepage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

// DownloadRequest asks for a download page of a Selection (see Collect).
type DownloadRequest struct {
	Selection Selection
	// Expiry is how long the page and its links work (at most 7 days).
	Expiry time.Duration
	// Policy says what to do when the signing credentials expire first.
	Policy share.Policy
	// PagesPrefix is where the page object goes ("" = DefaultPagesPrefix).
	PagesPrefix string
	// Title heads the page ("" = the shared folder's name, or "N files").
	Title string
}

// MakeDownloadPage writes a page listing the selection's files, each with
// a presigned GET that saves it under its name (attachment), all with the
// page's expiry, and signs the page's own link. Nothing is written when a
// link cannot be made.
func MakeDownloadPage(ctx context.Context, c *s3ops.Client, req DownloadRequest) (Page, error) {
	sel := req.Selection
	if len(sel.Files) == 0 {
		return Page{}, fmt.Errorf("nothing to put on the page: name files or a folder holding some")
	}
	prefix, err := CheckPagesPrefix(req.PagesPrefix)
	if err != nil {
		return Page{}, err
	}
	plan, err := share.PlanFor(ctx, c, req.Expiry, req.Policy)
	if err != nil {
		return Page{}, err
	}
	files, ends, err := signFiles(ctx, c, sel, plan.Sign)
	if err != nil {
		return Page{}, err
	}
	expires := pageEnd(plan, ends)
	rec := share.PageRecord{Kind: share.DownloadPage, Bucket: sel.Bucket, Prefix: sel.Base, Count: len(files), Expires: expires}
	rec.Key = pageKey(prefix, rec.Kind, expires, newID())
	view := downloadView{Title: req.Title, Summary: sel.Summary(), Files: files}
	if view.Title == "" {
		view.Title = defaultTitle(sel)
	}
	view.ExpiresISO, view.ExpiresText = expiryTexts(expires)
	return publish(ctx, c, rec, plan, "download.tmpl", view)
}

// signFiles presigns an attachment GET of every file for d and returns
// the rows of the page and the earliest expiry among the links.
func signFiles(ctx context.Context, c *s3ops.Client, sel Selection, d time.Duration) ([]fileView, time.Time, error) {
	files := make([]fileView, 0, len(sel.Files))
	var end time.Time
	for _, f := range sel.Files {
		name := share.DownloadName(f.Key)
		loc := s3ops.Location{Bucket: sel.Bucket, Key: f.Key}
		p, err := c.PresignGet(ctx, loc, d, s3ops.GetOptions{ContentDisposition: share.ContentDisposition(name)})
		if err != nil {
			return nil, end, fmt.Errorf("%s: %w", loc, err)
		}
		if end.IsZero() || p.Expires.Before(end) {
			end = p.Expires
		}
		files = append(files, fileView{Name: f.Name, Download: name, URL: p.URL, Size: f.Size, SizeText: units.Bytes(f.Size)})
	}
	return files, end, nil
}

// pageEnd is when the page's links really stop: their signed expiry, or
// the credentials' expiry when they were signed past it (share.Warn).
func pageEnd(plan share.Plan, signedEnd time.Time) time.Time {
	if plan.Limited && plan.CredentialsExpire.Before(signedEnd) {
		return plan.CredentialsExpire
	}
	return signedEnd
}

// defaultTitle names a page after the shared folder, or counts its files.
func defaultTitle(sel Selection) string {
	if base := strings.TrimSuffix(sel.Base, "/"); base != "" {
		return base[strings.LastIndexByte(base, '/')+1:]
	}
	if len(sel.Files) == 1 {
		return sel.Files[0].Name
	}
	return fmt.Sprintf("%d files from %s", len(sel.Files), sel.Bucket)
}

// publish renders a page, writes it and signs its link. The link is
// signed for what is left of plan, and carries plan (with the link's own
// end), so its note says why it is shorter than asked, when it is.
func publish(ctx context.Context, c *s3ops.Client, rec share.PageRecord, plan share.Plan, tmpl string, view any) (Page, error) {
	body, err := render(tmpl, view)
	if err != nil {
		return Page{}, err
	}
	if err := putPage(ctx, c, s3ops.Location{Bucket: rec.Bucket, Key: rec.Key}, body); err != nil {
		return Page{}, err
	}
	link, err := pageLink(ctx, c, rec, plan.Policy)
	if err != nil {
		return Page{}, err
	}
	plan.Sign, plan.End = link.Plan.Sign, link.Plan.End
	link.Plan = plan
	if link.Expires().Before(rec.Expires) {
		rec.Expires = link.Expires()
	}
	return Page{PageRecord: rec, Link: link}, nil
}
