package share

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/preview"
	"github.com/ferry-s3/ferry/s3ops"
)

// Kind tells download links from upload links.
type Kind int

const (
	// Download is a presigned GET of an existing object.
	Download Kind = iota
	// Upload is a presigned PUT that creates or replaces an object.
	Upload
)

func (k Kind) String() string {
	if k == Upload {
		return "upload"
	}
	return "download"
}

// Link is one signed share link. URL is a bearer secret: show it, copy it,
// never log or store it.
type Link struct {
	Kind     Kind
	Location s3ops.Location
	URL      string
	Method   string
	// Header holds the headers the URL was signed with; a request must send
	// them exactly (for uploads: Content-Type).
	Header http.Header
	// ContentType is the signed Content-Type of an upload, or the response
	// Content-Type override of a download ("" for none).
	ContentType string
	// Disposition is the response Content-Disposition of a download ("" for none).
	Disposition string
	// VersionID is the version a download link reads ("" for the current one).
	VersionID string
	// Curl is the command that uploads a file to an upload link.
	Curl string
	// Plan is how long the link lasts and why; Plan.End is when it really
	// stops working.
	Plan Plan
	// Signed is the signing time (X-Amz-Date).
	Signed time.Time
}

// Expires is when the link stops working: its own expiry or the expiry of
// the credentials that signed it, whichever comes first.
func (l Link) Expires() time.Time { return l.Plan.End }

// DownloadOptions are the choices of a download link.
type DownloadOptions struct {
	Expiry time.Duration
	Policy Policy
	// Attachment makes browsers save the file (Content-Disposition:
	// attachment) under Name, or under the object's own name when Name is "".
	Attachment bool
	Name       string
	// ContentType overrides the Content-Type of the response ("" keeps the object's).
	ContentType string
	// VersionID shares one version of the object ("" for the current one).
	VersionID string
}

// UploadOptions are the choices of an upload link.
type UploadOptions struct {
	Expiry time.Duration
	Policy Policy
	// ContentType is signed into the link, so the uploader must send exactly
	// it. "" guesses it from the object name (GuessContentType).
	ContentType string
}

// DownloadLink checks that the object exists (so a typo gives "no such
// object" instead of a dead link) and presigns a GET of it, signed for the
// bucket's own region.
func DownloadLink(ctx context.Context, c *s3ops.Client, loc s3ops.Location, opt DownloadOptions) (Link, error) {
	if err := CheckObject(loc); err != nil {
		return Link{}, err
	}
	if err := ValidateExpiry(opt.Expiry); err != nil {
		return Link{}, err
	}
	if _, err := c.HeadVersion(ctx, loc, opt.VersionID); err != nil {
		return Link{}, locError(loc, err)
	}
	get := s3ops.GetOptions{ContentType: opt.ContentType, VersionID: opt.VersionID}
	if opt.Attachment {
		name := opt.Name
		if name == "" {
			name = DownloadName(loc.Key)
		}
		get.ContentDisposition = ContentDisposition(name)
	}
	l := Link{Kind: Download, Location: loc, ContentType: opt.ContentType, Disposition: get.ContentDisposition, VersionID: opt.VersionID}
	return sign(ctx, c, l, opt.Expiry, opt.Policy, func(d time.Duration) (s3ops.Presigned, error) {
		return c.PresignGet(ctx, loc, d, get)
	})
}

// UploadLink presigns a PUT of loc with its Content-Type signed in, and
// the curl command that uploads a file of the object's name with it.
func UploadLink(ctx context.Context, c *s3ops.Client, loc s3ops.Location, opt UploadOptions) (Link, error) {
	if err := CheckObject(loc); err != nil {
		return Link{}, err
	}
	if err := ValidateExpiry(opt.Expiry); err != nil {
		return Link{}, err
	}
	if err := c.CheckBucket(ctx, loc.Bucket); err != nil {
		return Link{}, locError(loc, err) // a link into no bucket could only fail
	}
	ct := opt.ContentType
	if ct == "" {
		ct = GuessContentType(loc.Key)
	}
	l := Link{Kind: Upload, Location: loc, ContentType: ct}
	l, err := sign(ctx, c, l, opt.Expiry, opt.Policy, func(d time.Duration) (s3ops.Presigned, error) {
		return c.PresignPut(ctx, loc, ct, d)
	})
	if err != nil {
		return Link{}, err
	}
	l.Curl = CurlCommand(l.URL, ct, DownloadName(loc.Key))
	return l, nil
}

// GuessContentType is the MIME type for the object name's extension, or
// application/octet-stream.
func GuessContentType(key string) string { return preview.ContentType(key, nil) }

// sign plans the link with fresh credentials and presigns it. When capped,
// the signed lifetime is checked against the credentials' expiry once the
// signing time is known, and trimmed if a second boundary passed between
// planning and signing, so the link never outlives its credentials.
func sign(ctx context.Context, c *s3ops.Client, l Link, expiry time.Duration, policy Policy,
	presign func(time.Duration) (s3ops.Presigned, error)) (Link, error) {
	plan, err := PlanFor(ctx, c, expiry, policy)
	if err != nil {
		return Link{}, err
	}
	p, err := presign(plan.Sign)
	if err != nil {
		return Link{}, locError(l.Location, err)
	}
	if over := p.Expires.Sub(plan.CredentialsExpire); plan.Capped && over > 0 {
		plan.Sign -= (over + time.Second - 1).Truncate(time.Second)
		if plan.Sign < time.Second {
			return Link{}, ValidateExpiry(plan.Sign)
		}
		if p, err = presign(plan.Sign); err != nil {
			return Link{}, locError(l.Location, err)
		}
	}
	plan.settle(p.Signed, p.Expires)
	l.URL, l.Method, l.Header, l.Signed, l.Plan = p.URL, p.Method, p.Header, p.Signed, plan
	return l, nil
}

// CheckObject refuses locations that cannot be shared because they are
// not a single object (a bucket, a folder), with a sentence saying so.
func CheckObject(loc s3ops.Location) error {
	switch {
	case loc.Bucket == "":
		return errors.New("name an object to share, e.g. s3://bucket/key")
	case loc.Key == "":
		return fmt.Errorf("%s is a bucket: name an object inside it to share", loc)
	case strings.HasSuffix(loc.Key, "/"):
		return fmt.Errorf("%s is a folder: share links are for single objects", loc)
	}
	return nil
}

// locError prefixes an S3 error with the object it is about, keeping its
// kind for errors.As.
func locError(loc s3ops.Location, err error) error {
	var e *s3ops.Error
	if errors.As(err, &e) {
		c := *e
		c.Msg = loc.String() + ": " + e.Msg
		return &c
	}
	return fmt.Errorf("%s: %w", loc, err)
}
