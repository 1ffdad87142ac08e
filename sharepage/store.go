package sharepage

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

// pageHeader is what a page object is stored with: HTML, and no caching,
// so a deleted or replaced page is not served from a cache.
var pageHeader = http.Header{"Content-Type": {"text/html; charset=utf-8"}, "Cache-Control": {"no-store"}}

// putPage writes the page object through a presigned PUT (every byte ferry
// moves goes over presigned URLs).
func putPage(ctx context.Context, c *s3ops.Client, loc s3ops.Location, body []byte) error {
	p, err := c.PresignPutHeaders(ctx, loc, pageHeader, 15*time.Minute)
	if err != nil {
		return fmt.Errorf("%s: %w", loc, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, p.URL, bytes.NewReader(body))
	if err != nil {
		return fmt.Errorf("%s: %w", loc, unwrapURLError(err))
	}
	for k, v := range p.Header {
		if k != "Host" {
			req.Header[k] = v
		}
	}
	resp, err := c.HTTP().Do(req)
	if err != nil {
		return fmt.Errorf("%s: %w", loc, s3ops.Classify(unwrapURLError(err)))
	}
	defer resp.Body.Close()
	if resp.StatusCode >= 300 {
		return fmt.Errorf("%s: %w", loc, s3ops.ResponseError(resp))
	}
	return nil
}

// unwrapURLError drops the URL a *url.Error carries: a presigned URL is a
// secret and must not reach an error message.
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// pageLink signs the GET of a page object until the page expires, with
// the same credentials policy as every link. A presigned URL counts from
// its signing second, so the lifetime counts from the current second.
func pageLink(ctx context.Context, c *s3ops.Client, rec share.PageRecord, policy share.Policy) (share.Link, error) {
	left := rec.Expires.Sub(time.Now().Truncate(time.Second)).Truncate(time.Second)
	if left < time.Second {
		return share.Link{}, fmt.Errorf("the page s3://%s/%s has expired: make a new one", rec.Bucket, rec.Key)
	}
	loc := s3ops.Location{Bucket: rec.Bucket, Key: rec.Key}
	return share.DownloadLink(ctx, c, loc, share.DownloadOptions{Expiry: min(left, share.MaxExpiry), Policy: policy})
}

// Relink signs a new link to a page of the history (which keeps no URLs),
// working until the page expires.
func Relink(ctx context.Context, c *s3ops.Client, rec share.PageRecord, policy share.Policy) (share.Link, error) {
	return pageLink(ctx, c, rec, policy)
}
