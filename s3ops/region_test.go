package s3ops_test

import (
	"net"
	"net/http"
	"testing"
)

// newRegionRedirectServer answers every request the way AWS answers a
// request for a bucket in another region: 301 with x-amz-bucket-region.
func newRegionRedirectServer(t *testing.T, region string) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("X-Amz-Bucket-Region", region)
		w.WriteHeader(http.StatusMovedPermanently)
	})}
	go srv.Serve(l)
	t.Cleanup(func() { srv.Close() })
	return "http://" + l.Addr().String()
}
