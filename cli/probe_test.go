package cli_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

func TestProbeSeparatesFatalFromPaneErrors(t *testing.T) {
	t.Parallel()
	srv := gwtest.Start(t)
	c := connectWith(t, srv, s3ops.Settings{AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, nil)
	ctx := context.Background()
	if err := cli.Probe(ctx, c, s3ops.Location{}); err != nil {
		t.Fatalf("healthy endpoint: %v", err)
	}
	if err := cli.Probe(ctx, c, s3ops.Location{Bucket: "no-such-bucket"}); err != nil {
		t.Fatalf("a missing start bucket is for the pane to show, got %v", err)
	}
	bad, _ := s3ops.Connect(ctx, s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: "wrong"})
	if err := cli.Probe(ctx, bad, s3ops.Location{}); err == nil || !strings.Contains(err.Error(), "signature") {
		t.Fatalf("wrong secret should be fatal: %v", err)
	}
	unknown, _ := s3ops.Connect(ctx, s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: "nobody", SecretKey: "wrong"})
	if err := cli.Probe(ctx, unknown, s3ops.Location{}); err == nil || !strings.Contains(err.Error(), "access key is not valid") {
		t.Fatalf("unknown access key should be fatal: %v", err)
	}
	srv.Stop()
	err := cli.Probe(ctx, c, s3ops.Location{Bucket: "docs"})
	if err == nil || !strings.Contains(err.Error(), "cannot reach the S3 endpoint "+srv.Endpoint) {
		t.Fatalf("stopped gateway: %v", err)
	}
}
