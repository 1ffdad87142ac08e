package qrtest_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/internal/qrtest"
	"github.com/ferry-s3/ferry/share"
)

// TestEveryDrawnLinkScans draws 500 presigned-looking links for both
// terminal backgrounds and scans each as drawn. The links change every
// run (as ports and signatures do in the other tests); a failure names
// the seed that replays it.
func TestEveryDrawnLinkScans(t *testing.T) {
	for _, light := range []bool{false, true} {
		t.Run(fmt.Sprintf("light terminal %v", light), func(t *testing.T) {
			t.Parallel()
			seed := uint64(time.Now().UnixNano())
			r := rand.New(rand.NewPCG(seed, 19))
			for i := range 500 {
				scanDrawn(t, presignedLooking(r), light, i%10 == 0, fmt.Sprintf("seed %d, link %d", seed, i))
			}
		})
	}
}

// scanDrawn draws link for a terminal background and fails unless it
// scans back as link; withNegative also checks that the drawing read
// for the other background does not scan (the negative costs a full
// scan, so a sample shows the decoder still tells them apart).
func scanDrawn(t *testing.T, link string, light, withNegative bool, which string) {
	t.Helper()
	code, err := share.QRWith(link, share.QROptions{LightBackground: light})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := qrtest.Decode(qrtest.Lines(code), light); err != nil || got != link {
		t.Fatalf("%s scans as %q (%v), want %q", which, got, err, link)
	}
	if !withNegative {
		return
	}
	if got, err := qrtest.Decode(qrtest.Lines(code), !light); err == nil {
		t.Fatalf("%s: its negative scans as %q", which, got)
	}
}

// presignedLooking makes a link shaped like ferry's presigned GETs: a
// random port, key length, credential, expiry and signature, and now
// and then a session token or an escaped unicode key.
func presignedLooking(r *rand.Rand) string {
	key := strings.Repeat("k", 1+r.IntN(60))
	if r.IntN(4) == 0 {
		key = "dir%20with%20space/%E6%97%A5%E6%9C%AC-" + key
	}
	link := fmt.Sprintf("http://127.0.0.1:%d/docs/%s.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256"+
		"&X-Amz-Credential=%s%%2F20261205%%2Fus-east-1%%2Fs3%%2Faws4_request&X-Amz-Date=20261205T%06dZ"+
		"&X-Amz-Expires=%d&X-Amz-SignedHeaders=host",
		1024+r.IntN(64511), key, randomText(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 20), r.IntN(235960), 60+r.IntN(604740))
	if r.IntN(5) == 0 {
		link += "&X-Amz-Security-Token=" + randomText(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789%", 100+r.IntN(300))
	}
	return link + "&X-Amz-Signature=" + randomText(r, "0123456789abcdef", 64)
}

func randomText(r *rand.Rand, alphabet string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = alphabet[r.IntN(len(alphabet))]
	}
	return string(b)
}
