package s3ops

import "context"

// deleteKeysBatch is how many keys one DeleteObjects request carries
// (S3's limit).
const deleteKeysBatch = 1000

// DeleteKeys deletes the named objects of bucket, a thousand per request
// (what a sync found only at its destination). Every key the server
// refused is in Failed with its reason; an error stops the rest.
func (c *Client) DeleteKeys(ctx context.Context, bucket string, keys []string, progress func(deleted, failed int)) (DeleteResult, error) {
	var r DeleteResult
	for start := 0; start < len(keys); start += deleteKeysBatch {
		batch := keys[start:min(start+deleteKeysBatch, len(keys))]
		failed, err := c.deleteBatch(ctx, bucket, batch)
		if err != nil {
			return r, err
		}
		r.Deleted += len(batch) - len(failed)
		r.Failed = append(r.Failed, failed...)
		if progress != nil {
			progress(r.Deleted, len(r.Failed))
		}
	}
	return r, nil
}
