package gateway_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"

	"github.com/ferry-s3/ferry/gateway"
)

// While a demo runs, other commands find it through its file, and only
// while it answers: a second demo leaves the first one published, and a
// file left by a demo that was killed (or names other keys) is not
// trusted and goes away.
func TestARunningDemoIsFoundOnlyWhileItAnswers(t *testing.T) {
	exe, _ := os.Executable()
	ctx := context.Background()
	dir, file := t.TempDir(), filepath.Join(t.TempDir(), "demo.json")
	first, err := gateway.StartPublishedDemo(ctx, exe, dir, file)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Stop()
	found, err := gateway.FindDemoAt(ctx, file)
	if err != nil || found.Endpoint != first.Endpoint || found.AccessKey != first.AccessKey ||
		found.SecretKey != first.SecretKey || found.PID != os.Getpid() {
		t.Fatalf("found %+v, %v; want the demo at %s", found, err, first.Endpoint)
	}
	if fi, err := os.Stat(file); err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("the demo's file (it holds keys) must be 0600: %v %v", fi.Mode(), err)
	}
	second, err := gateway.StartPublishedDemo(ctx, exe, dir, file)
	if err != nil {
		t.Fatal(err)
	}
	second.Stop()
	if found, err := gateway.FindDemoAt(ctx, file); err != nil || found.Endpoint != first.Endpoint {
		t.Fatalf("after a second demo came and went: %+v, %v; want the first one still", found, err)
	}
	first.Stop()
	if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
		t.Fatalf("the file outlived its demo: %v", err)
	}
	if _, err := gateway.FindDemoAt(ctx, file); !errors.Is(err, gateway.ErrNoDemo) {
		t.Fatalf("no demo: got %v", err)
	}

	other, err := gateway.StartDemoIn(ctx, exe, dir) // answers, to keys of its own
	if err != nil {
		t.Fatal(err)
	}
	defer other.Stop()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	deadEndpoint := "http://" + l.Addr().String()
	l.Close()
	for name, endpoint := range map[string]string{"killed": deadEndpoint, "other keys": other.Endpoint} {
		b, _ := json.Marshal(gateway.RunningDemo{Endpoint: endpoint, Region: "us-east-1", AccessKey: "K", SecretKey: "S"})
		if err := os.WriteFile(file, b, 0o600); err != nil {
			t.Fatal(err)
		}
		if got, err := gateway.FindDemoAt(ctx, file); !errors.Is(err, gateway.ErrNoDemo) {
			t.Errorf("%s: found %+v, %v", name, got, err)
		}
		if _, err := os.Stat(file); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("%s: the stale file stays", name)
		}
	}
}
