package s3ops

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/preview"
)

// Preview data travels like every other byte: a presigned GET over the
// data-plane client, here with a Range header so only the first bytes
// leave the server however large the object is.

// previewExpiry is how long a preview's presigned URL lives; it is used
// at once.
const previewExpiry = 5 * time.Minute

// Preview fetches the first max bytes of the object at loc (max <= 0
// means preview.DefaultMax), with its total size and content type.
// Sniff the result with preview.Detect.
func (c *Client) Preview(ctx context.Context, loc Location, max int64) (preview.Head, error) {
	if max <= 0 {
		max = preview.DefaultMax
	}
	if loc.Bucket == "" || loc.IsPrefix() {
		return preview.Head{}, &Error{Kind: KindInvalidArgument, Msg: "only objects can be previewed"}
	}
	p, err := c.PresignGet(ctx, loc, previewExpiry, GetOptions{})
	if err != nil {
		return preview.Head{}, err
	}
	req, err := http.NewRequestWithContext(ctx, p.Method, p.URL, nil)
	if err != nil {
		return preview.Head{}, Classify(err)
	}
	for k, v := range p.Header {
		req.Header[k] = v
	}
	req.Header.Set("Range", fmt.Sprintf("bytes=0-%d", max-1))
	resp, err := c.data.Do(req)
	if err != nil {
		return preview.Head{}, Classify(err)
	}
	defer resp.Body.Close()
	return readPreview(resp, max)
}

// readPreview reads a ranged GET's answer: 206 with the range asked for,
// 200 from a server that ignores ranges (only max bytes are read), or
// 416 for an empty object, which has no byte 0.
func readPreview(resp *http.Response, max int64) (preview.Head, error) {
	h := preview.Head{ContentType: resp.Header.Get("Content-Type")}
	switch resp.StatusCode {
	case http.StatusPartialContent:
		h.Size = rangeTotal(resp.Header.Get("Content-Range"))
	case http.StatusOK:
		h.Size = resp.ContentLength
	case http.StatusRequestedRangeNotSatisfiable:
		if rangeTotal(resp.Header.Get("Content-Range")) <= 0 {
			return h, nil
		}
		return h, ResponseError(resp)
	default:
		return h, ResponseError(resp)
	}
	data, err := io.ReadAll(io.LimitReader(resp.Body, max))
	if err != nil {
		return h, Classify(err)
	}
	h.Data = data
	if h.Size < int64(len(data)) {
		h.Size = int64(len(data)) // the server did not say; at least this much
	}
	h.Truncated = int64(len(data)) < h.Size || resp.StatusCode == http.StatusOK && resp.ContentLength < 0
	return h, nil
}

// rangeTotal is the complete length in a Content-Range header
// ("bytes 0-99/1234" or "bytes */0"), or -1 when it is not given.
func rangeTotal(cr string) int64 {
	i := strings.LastIndexByte(cr, '/')
	if i < 0 {
		return -1
	}
	n, err := strconv.ParseInt(cr[i+1:], 10, 64)
	if err != nil {
		return -1
	}
	return n
}
