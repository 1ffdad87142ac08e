package sharepage_test

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// requireChromium is the variable CI sets (.ci/run) so that a missing
// browser fails the browser tests instead of skipping them.
const requireChromium = "FERRY_REQUIRE_CHROMIUM"

// findChromium is the Chromium (or Chrome) to drive: $FERRY_CHROMIUM, or
// the first of the usual names on PATH ("" when there is none).
func findChromium() string {
	if p := os.Getenv("FERRY_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// chromium starts a headless Chromium for t (with --no-sandbox when run
// as root, where Chromium's sandbox cannot start) and returns a context
// for one tab in it. Without a Chromium the test is skipped, or fails when
// FERRY_REQUIRE_CHROMIUM is set.
func chromium(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("browser tests start Chromium: skipped with -short")
	}
	path := findChromium()
	if path == "" {
		msg := "no Chromium found ($FERRY_CHROMIUM, chromium, chromium-browser, google-chrome on PATH): " +
			"install it (e.g. apt-get install chromium) to run the browser tests"
		if os.Getenv(requireChromium) != "" {
			t.Fatal(msg + "; " + requireChromium + " is set, so this fails instead of skipping")
		}
		t.Skip(msg)
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:], chromedp.ExecPath(path), chromedp.WindowSize(1280, 900))
	if os.Geteuid() == 0 {
		opts = append(opts, chromedp.NoSandbox)
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	tab, cancelTab := chromedp.NewContext(alloc)
	ctx, cancel := context.WithTimeout(tab, 2*time.Minute)
	t.Cleanup(func() { cancel(); cancelTab(); cancelAlloc() })
	return ctx
}

// do runs browser steps, failing t on an error.
func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// eval evaluates a JavaScript expression in the page.
func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor waits until a JavaScript condition holds in the page.
func waitFor(t *testing.T, ctx context.Context, js string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[chromedp.Void](js)); err != nil {
		t.Fatalf("waiting for %s: %v", js, err)
	}
}
