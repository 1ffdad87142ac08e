package sharepage

import (
	"context"
	"fmt"
	"time"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

// UploadRequest asks for an upload page into a folder.
type UploadRequest struct {
	// Folder is where uploads land: a bucket, or a key ending in "/". Each
	// page uploads into its own sub-folder of it (Folder + page id + "/").
	Folder s3ops.Location
	// Expiry is how long the page and its upload policy work (at most 7 days).
	Expiry time.Duration
	// Policy says what to do when the signing credentials expire first.
	Policy share.Policy
	// MaxSize is the largest file accepted, 1 byte to 5 GiB (MaxPostSize).
	MaxSize int64
	// PagesPrefix is where the page object goes ("" = DefaultPagesPrefix).
	PagesPrefix string
	// Title heads the page ("" = "Send files to <folder>").
	Title string
}

// MakeUploadPage writes a page from which a person uploads files into a
// sub-folder of req.Folder unique to the page, with an S3 POST policy
// (browser-based upload, SigV4) limited to that sub-folder, to MaxSize per
// file and to the page's expiry, and signs the page's own link. The page
// and the form's target share the bucket's origin, so no CORS is needed.
func MakeUploadPage(ctx context.Context, c *s3ops.Client, req UploadRequest) (Page, error) {
	if err := checkUpload(req); err != nil {
		return Page{}, err
	}
	prefix, err := CheckPagesPrefix(req.PagesPrefix)
	if err != nil {
		return Page{}, err
	}
	if err := c.CheckBucket(ctx, req.Folder.Bucket); err != nil {
		return Page{}, err
	}
	plan, err := share.PlanFor(ctx, c, req.Expiry, req.Policy)
	if err != nil {
		return Page{}, err
	}
	id := newID()
	view, expires, err := uploadForm(ctx, c, req, plan, req.Folder.Key+id+"/")
	if err != nil {
		return Page{}, err
	}
	rec := share.PageRecord{Kind: share.UploadPage, Bucket: req.Folder.Bucket, Prefix: view.KeyPrefix,
		MaxSize: req.MaxSize, Expires: expires}
	rec.Key = pageKey(prefix, rec.Kind, expires, id)
	return publish(ctx, c, rec, plan, "upload.tmpl", view)
}

func checkUpload(req UploadRequest) error {
	if err := checkFolder(req.Folder); err != nil {
		return err
	}
	if req.MaxSize < 1 || req.MaxSize > MaxPostSize {
		return fmt.Errorf("the size limit %s is out of range: a browser upload can be 1 byte to 5 GiB", units.Bytes(req.MaxSize))
	}
	return nil
}

// uploadForm signs the POST policy and the listing of the page's folder,
// and returns what the page shows and when the policy expires.
func uploadForm(ctx context.Context, c *s3ops.Client, req UploadRequest, plan share.Plan, keyPrefix string) (uploadView, time.Time, error) {
	target, err := c.PostTargetFor(ctx, req.Folder.Bucket)
	if err != nil {
		return uploadView{}, time.Time{}, err
	}
	creds, err := c.Credentials(ctx)
	if err != nil {
		return uploadView{}, time.Time{}, err
	}
	list, err := c.PresignList(ctx, req.Folder.Bucket, keyPrefix, plan.Sign)
	if err != nil {
		return uploadView{}, time.Time{}, err
	}
	expires := pageEnd(plan, list.Expires)
	pol := postPolicy{Bucket: req.Folder.Bucket, KeyPrefix: keyPrefix, Region: target.Region, MaxSize: req.MaxSize, Expires: expires}
	view := uploadView{Title: req.Title, Action: target.URL, ListURL: list.URL, KeyPrefix: keyPrefix,
		MaxSize: req.MaxSize, MaxSizeText: units.Bytes(req.MaxSize), Fields: pol.signedFields(creds, list.Signed)}
	if view.Title == "" {
		view.Title = "Send files to " + req.Folder.Bucket + "/" + req.Folder.Key
	}
	view.ExpiresISO, view.ExpiresText = expiryTexts(expires)
	return view, expires, nil
}
