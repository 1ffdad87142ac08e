package s3ops

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// Bucket is one entry of the bucket list.
type Bucket struct {
	Name    string
	Created time.Time
	Region  string // "" when the server did not say
}

// Entry is one row of a prefix listing: an object or a common prefix.
type Entry struct {
	Name         string // relative to the listed prefix; prefixes end in "/"
	Key          string // full key
	IsPrefix     bool
	Size         int64
	Modified     time.Time
	ETag         string
	StorageClass string
	// Deleted marks an object whose latest version is a delete marker
	// (see ListDeleted); Modified is then when it was deleted.
	Deleted bool
}

// Page is one page of a streamed listing.
type Page struct {
	Entries []Entry
	Last    bool
}

// ListBuckets lists every bucket the credentials can see, recording the
// regions the server reports.
func (c *Client) ListBuckets(ctx context.Context) ([]Bucket, error) {
	var out []Bucket
	p := s3.NewListBucketsPaginator(c.base, &s3.ListBucketsInput{MaxBuckets: aws.Int32(1000)})
	for p.HasMorePages() {
		page, err := p.NextPage(ctx)
		if err != nil {
			return out, classify(err)
		}
		for _, b := range page.Buckets {
			bk := Bucket{Name: aws.ToString(b.Name), Created: aws.ToTime(b.CreationDate), Region: aws.ToString(b.BucketRegion)}
			c.SetBucketRegion(bk.Name, bk.Region)
			out = append(out, bk)
		}
	}
	return out, nil
}

// ListOptions tunes List.
type ListOptions struct {
	// Recursive lists every key below the prefix instead of one level.
	Recursive bool
	// PageSize is the number of keys per request (S3's maximum is 1000).
	PageSize int32
}

// List streams the listing of loc (a bucket and prefix) one page at a
// time to fn, so the first page can be shown while the rest load. fn
// returning false stops the listing. The prefix is taken as given: pass
// "dir/" to list inside dir.
func (c *Client) List(ctx context.Context, loc Location, opt ListOptions, fn func(Page) bool) error {
	cl, _ := c.clientFor(ctx, loc.Bucket)
	// Keys may hold characters XML 1.0 cannot carry (most control
	// characters); asked for URL-encoded keys, S3 sends them intact
	// instead of replacing them with U+FFFD (see keyencoding.go).
	in := &s3.ListObjectsV2Input{Bucket: aws.String(loc.Bucket), Prefix: aws.String(loc.Key),
		EncodingType: types.EncodingTypeUrl}
	if !opt.Recursive {
		in.Delimiter = aws.String("/")
	}
	if opt.PageSize > 0 {
		in.MaxKeys = aws.Int32(opt.PageSize)
	}
	p := s3.NewListObjectsV2Paginator(cl, in)
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return classify(err)
		}
		if !fn(Page{Entries: pageEntries(loc.Key, out), Last: !p.HasMorePages()}) {
			return nil
		}
	}
	return nil
}

func pageEntries(prefix string, out *s3.ListObjectsV2Output) []Entry {
	decodeListing(out)
	entries := make([]Entry, 0, len(out.CommonPrefixes)+len(out.Contents))
	for _, cp := range out.CommonPrefixes {
		k := aws.ToString(cp.Prefix)
		entries = append(entries, Entry{Name: strings.TrimPrefix(k, prefix), Key: k, IsPrefix: true})
	}
	for _, o := range out.Contents {
		k := aws.ToString(o.Key)
		if k == prefix && strings.HasSuffix(k, "/") {
			continue // the folder marker of the prefix being listed
		}
		entries = append(entries, Entry{
			Name: strings.TrimPrefix(k, prefix), Key: k, Size: aws.ToInt64(o.Size),
			Modified: aws.ToTime(o.LastModified), ETag: strings.Trim(aws.ToString(o.ETag), `"`),
			StorageClass: string(o.StorageClass),
		})
	}
	return entries
}
