package transfer

import (
	"context"
	"net/http"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/ferry-s3/ferry/internal/faultproxy"
)

// A store that refuses checksums (an older S3-compatible server answers
// 400 to the header, and to the algorithm declared at create) gets plain
// uploads, checked by MD5 as before: Content-MD5 on a single PUT, each
// part's ETag against the MD5 of what was sent, so an altered part is
// still caught and sent again.
func TestAStoreThatRefusesChecksumsGetsUploadsCheckedByMD5(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	fp := faultproxy.Start(t, f.srv.Endpoint, faultproxy.WithLogf(nil))
	refuse := newProxy(t, fp.URL())
	var refused atomic.Int32
	refuse.setHook(func(r *http.Request) action {
		for k := range r.Header {
			if strings.HasPrefix(strings.ToLower(k), "x-amz-checksum-") || strings.EqualFold(k, "x-amz-sdk-checksum-algorithm") {
				refused.Add(1)
				return action{Status: http.StatusBadRequest, Code: "InvalidArgument"}
			}
		}
		return action{}
	})
	flip := fp.AddRule(faultproxy.Rule{Name: "flip a part", Match: faultproxy.Match{Method: "PUT", Path: "old/big.bin", Query: []string{"partNumber=2"}},
		Fault: faultproxy.Fault{Kind: faultproxy.Corrupt, After: mib}, MaxHits: 1})
	c := f.connect(refuse.URL())
	e := New(c, smallParts(filepath.Join(t.TempDir(), "j")))
	t.Cleanup(func() { e.Close() })
	statuses := &statusLog{retrying: map[JobID][]string{}}
	go func() {
		for u := range e.Updates() {
			statuses.add(u)
		}
	}()
	dir := t.TempDir()
	for name, size := range map[string]int64{"small.bin": mib, "big.bin": 12 * mib} {
		writeRandom(t, filepath.Join(dir, name), size, uint64(size))
		if _, err := e.Upload(context.Background(), filepath.Join(dir, name), f.loc("old/"+name)); err != nil {
			t.Fatal(err)
		}
	}
	wait(t, e, Done)
	for _, name := range []string{"small.bin", "big.bin"} {
		if f.storedSHA(t, "old/"+name) != fileSHA(t, filepath.Join(dir, name)) {
			t.Fatalf("%s is stored with other bytes than sent", name)
		}
	}
	if refused.Load() == 0 || e.crcStateOf() != crcRefused {
		t.Fatalf("checksums refused %d times, state %d: the store's refusal was not noticed", refused.Load(), e.crcStateOf())
	}
	if flip.Hits() != 1 || !strings.Contains(strings.Join(statuses.all(), "\n"), "checksum does not match") {
		t.Fatalf("the altered part (%d alterations) was not caught by its ETag: %q", flip.Hits(), statuses.all())
	}
}

// A store that takes checksums proves it once, and from then on bodies
// are not hashed with MD5 as well.
func TestAStoreThatEchoesChecksumsIsTrusted(t *testing.T) {
	t.Parallel()
	f := newFixture(t, false)
	e := f.engine(smallParts(""))
	src := filepath.Join(t.TempDir(), "a.bin")
	writeRandom(t, src, 12*mib, 3)
	if _, err := e.Upload(context.Background(), src, f.loc("new/a.bin")); err != nil {
		t.Fatal(err)
	}
	wait(t, e, Done)
	if e.crcStateOf() != crcProven || f.storedSHA(t, "new/a.bin") != fileSHA(t, src) {
		t.Fatalf("state %d after an upload to a store that takes checksums", e.crcStateOf())
	}
}
