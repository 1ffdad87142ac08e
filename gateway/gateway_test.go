package gateway_test

import (
	"net/http"
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
)

func TestMain(m *testing.M) { gwtest.Main(m) }

func TestGatewayServesSignedRequestsOnlyAndStops(t *testing.T) {
	srv := gwtest.Start(t)
	resp, err := http.Get(srv.Endpoint + "/")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("anonymous list buckets: got %d, want 403", resp.StatusCode)
	}
	if err := srv.Stop(); err != nil {
		t.Fatal(err)
	}
	if _, err := http.Get(srv.Endpoint + "/"); err == nil {
		t.Fatal("gateway still answers after Stop")
	}
}
