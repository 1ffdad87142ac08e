package cli

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// probeTimeout bounds the reachability check before the TUI starts.
const probeTimeout = 5 * time.Second

// Probe makes one quick request to tell, before the TUI starts, whether
// the endpoint answers and accepts the credentials. It lists one key of
// the start bucket, or the buckets. An unreachable endpoint, rejected
// credentials or a wrong secret is fatal (nothing would work); anything
// else (AccessDenied on ListBuckets, a missing bucket) is not: the pane
// shows it and the user can go elsewhere.
func Probe(ctx context.Context, c *s3ops.Client, start s3ops.Location) error {
	ctx, cancel := context.WithTimeout(ctx, probeTimeout)
	defer cancel()
	var err error
	if start.Bucket != "" {
		opt := s3ops.ListOptions{PageSize: 1}
		err = c.List(ctx, s3ops.Location{Bucket: start.Bucket}, opt, func(s3ops.Page) bool { return false })
	} else {
		_, err = c.ListBuckets(ctx)
	}
	return fatalProbeError(ctx, c, err)
}

func fatalProbeError(ctx context.Context, c *s3ops.Client, err error) error {
	if err == nil {
		return nil
	}
	where := c.Endpoint()
	if where == "" {
		where = "AWS S3 (" + c.Region() + ")"
	}
	if errors.Is(ctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("cannot reach the S3 endpoint %s: no answer within %s", where, probeTimeout)
	}
	switch s3ops.KindOf(err) {
	case s3ops.KindNetwork:
		detail := strings.TrimPrefix(err.Error(), "cannot reach the S3 endpoint: ")
		return fmt.Errorf("cannot reach the S3 endpoint %s: %s", where, detail)
	case s3ops.KindCredentials, s3ops.KindSignature, s3ops.KindExpired, s3ops.KindCanceled:
		return err
	}
	return nil
}
