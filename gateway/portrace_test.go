package gateway_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway"
)

// A free port is picked a moment before the gateway binds it; another
// process may take it in between (CI saw a test talk to another test
// package's gateway: "the access key is not valid for this endpoint").
// A gateway whose address is already served by someone else must fail
// to start, not report itself ready because a TCP connect succeeded.
func TestAGatewayDoesNotTakeAnotherServerForItself(t *testing.T) {
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.WriteHeader(http.StatusForbidden) // what another S3 server says to keys it does not know
	}))
	defer other.Close()
	exe, _ := os.Executable()
	base := t.TempDir()
	addr := strings.TrimPrefix(other.URL, "http://")
	o := gateway.Options{Dir: filepath.Join(base, "data"), MetaDir: filepath.Join(base, "meta"), Addr: addr}
	child, err := gateway.Spawn(context.Background(), []string{exe, "serve"}, o)
	if err == nil {
		child.Stop()
		t.Fatalf("the gateway reported itself ready on %s, which another server holds", addr)
	}
	t.Logf("refused as it should be: %v", err)
}
