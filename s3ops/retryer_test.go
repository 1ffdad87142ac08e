package s3ops_test

import (
	"context"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/internal/faultproxy"
	"github.com/ferry-s3/ferry/s3ops"
)

// A listing whose answer is cut off mid-body is retried (the SDK alone
// reports a "deserialization error" on a 200 and gives up), and when it
// keeps being cut the user is told the connection broke.
func TestACutOffAnswerIsRetriedThenReportedAsANetworkFailure(t *testing.T) {
	t.Parallel()
	srv := gwtest.Start(t)
	fp := faultproxy.Start(t, srv.Endpoint, faultproxy.WithLogf(nil))
	c, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: fp.URL(), Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: srv.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.CreateBucket(context.Background(), "cut", ""); err != nil {
		t.Fatal(err)
	}
	list := faultproxy.Match{Method: "GET", Query: []string{"list-type=2"}}
	for _, kind := range []faultproxy.Kind{faultproxy.Truncate, faultproxy.ResetResponse} {
		rule := fp.AddRule(faultproxy.Rule{Match: list, Fault: faultproxy.Fault{Kind: kind, After: 20}, MaxHits: 1})
		err := c.List(context.Background(), s3ops.Location{Bucket: "cut"}, s3ops.ListOptions{}, func(s3ops.Page) bool { return true })
		if err != nil || rule.Hits() != 1 {
			t.Fatalf("%s once: %v (%d hits)", kind, err, rule.Hits())
		}
		rule.Remove()
	}
	fp.AddRule(faultproxy.Rule{Match: list, Fault: faultproxy.Fault{Kind: faultproxy.Truncate, After: 20}})
	err = c.List(context.Background(), s3ops.Location{Bucket: "cut"}, s3ops.ListOptions{}, func(s3ops.Page) bool { return true })
	if s3ops.KindOf(err) != s3ops.KindNetwork || !strings.Contains(err.Error(), "connection broke") {
		t.Fatalf("always cut: %v (kind %v)", err, s3ops.KindOf(err))
	}
}
