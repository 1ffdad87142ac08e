package gwtest

import (
	"errors"
	"fmt"
	"os"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
)

// The shared gateway serves every test of a package that asks for it:
// started by the first, stopped by Main after the last. Starting a
// gateway per test costs a process and its start-up each time, and ties
// each test to its own; sharing one lets tests run in parallel, each in
// buckets of its own.
var shared struct {
	once    sync.Once
	root    string
	srv     *Server
	err     error
	buckets atomic.Int64
}

// Shared returns the package's shared gateway, starting it on first use.
// Tests using it must keep to buckets of their own (NewBucket) and must
// not stop it; a test that needs versioning, a fixed address or a
// gateway it can stop uses Start.
func Shared(t testing.TB) *Server {
	t.Helper()
	shared.once.Do(func() {
		shared.root, shared.err = os.MkdirTemp("", "gwtest-shared-")
		if shared.err == nil {
			shared.srv, shared.err = spawn(shared.root, nil)
		}
		if shared.srv != nil {
			shared.srv.shared = true
		}
	})
	if shared.err != nil {
		t.Fatalf("start the shared gateway: %v", shared.err)
	}
	return shared.srv
}

// stopShared stops the shared gateway, if one was started, and removes
// its files.
func stopShared() error {
	if shared.srv == nil {
		if shared.root != "" {
			return os.RemoveAll(shared.root)
		}
		return nil
	}
	return errors.Join(shared.srv.child.Stop(), os.RemoveAll(shared.root))
}

var notInBucketName = regexp.MustCompile(`[^a-z0-9-]+`)

// NewBucket returns a bucket name no other test of this process uses,
// made from the test's name so a failure shows whose bucket it was. It
// does not create the bucket: the test does, with its own client.
func (s *Server) NewBucket(t testing.TB) string {
	n := shared.buckets.Add(1)
	name := strings.Trim(notInBucketName.ReplaceAllString(strings.ToLower(t.Name()), "-"), "-")
	prefix := fmt.Sprintf("t%d-", n)
	name = strings.TrimRight(prefix+name[:min(len(name), 63-len(prefix))], "-")
	return name
}
