package main

import (
	"io"
	"log"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
)

// TLS certificates are verified unless --insecure is given, and then
// ferry says loudly that they are not. The endpoint is a TLS server on
// 127.0.0.1 with a self-signed certificate, in front of the gateway.
func TestTLSIsVerifiedUnlessInsecureIsGivenAndThenItWarns(t *testing.T) {
	srv := gwtest.Start(t)
	if err := makeBucket(srv, "tls-test"); err != nil {
		t.Fatal(err)
	}
	up, _ := url.Parse(srv.Endpoint)
	tlsSrv := httptest.NewUnstartedServer(httputil.NewSingleHostReverseProxy(up))
	tlsSrv.Config.ErrorLog = log.New(io.Discard, "", 0) // refused handshakes are the point
	tlsSrv.StartTLS()
	defer tlsSrv.Close()
	if !strings.HasPrefix(tlsSrv.URL, "https://127.0.0.1:") {
		t.Fatalf("TLS server at %s", tlsSrv.URL)
	}
	s := newSession(t, tlsSrv.URL, srv.AccessKey, srv.SecretKey, "")
	file := filepath.Join(t.TempDir(), "f.txt")
	writeFile(t, file, 1234)

	for _, args := range [][]string{{"ls", "s3://tls-test/"}, {"cp", file, "s3://tls-test/f.txt"}} {
		code, _, errOut := s.ferry("", true, args...)
		t.Logf("without --insecure, %s: %s", args[0], strings.TrimSpace(errOut))
		if code != 1 || !strings.Contains(errOut, "TLS certificate is not trusted") || !strings.Contains(errOut, "--insecure") {
			t.Errorf("without --insecure, %s: exit %d: %s", args[0], code, errOut)
		}
		if strings.Contains(errOut, "warning") {
			t.Errorf("a warning without --insecure: %s", errOut)
		}
	}
	for _, args := range [][]string{{"--insecure", "cp", file, "s3://tls-test/f.txt"}, {"--insecure", "ls", "s3://tls-test/"}} {
		code, out, errOut := s.ferry("", true, args...)
		if code != 0 {
			t.Errorf("with --insecure, %s: exit %d: %s", args[1], code, errOut)
		}
		if !strings.Contains(errOut, "warning: --insecure: TLS certificates are NOT verified") {
			t.Errorf("with --insecure, %s printed no warning: %s", args[1], errOut)
		}
		if args[1] == "ls" && !strings.Contains(out, "f.txt") {
			t.Errorf("ls over --insecure: %q", out)
		}
	}
}
