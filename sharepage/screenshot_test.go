package sharepage_test

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
)

// TestScreenshotPages writes PNGs of both pages, at desktop and phone
// width, into $FERRY_PAGE_SCREENSHOTS (skipped when it is unset), to look
// at after changing the pages' design.
func TestScreenshotPages(t *testing.T) {
	dir := os.Getenv("FERRY_PAGE_SCREENSHOTS")
	if dir == "" {
		t.Skip("set FERRY_PAGE_SCREENSHOTS to a directory to write screenshots of the pages")
	}
	ctx := chromium(t)
	c, _ := connect(t, "team")
	files := hostileFiles()
	files["share/Q3 report – final.pdf"] = randomBytes(1 << 20)
	down := makeDownloadPage(t, c, files, 3*24*time.Hour)
	up := makeUploadPage(t, c, "inbox/", 3*24*time.Hour, 2<<20)
	paths := localFiles(t, map[string][]byte{"holiday photo.jpg": randomBytes(900 << 10), "notes.txt": []byte("n"),
		"raw-footage.mov": randomBytes(3 << 20)})
	for _, size := range []struct {
		name   string
		w, h   int64
		scheme string
	}{{"desktop", 1280, 800, "light"}, {"phone", 390, 844, "light"}, {"phone-dark", 390, 844, "dark"}} {
		if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{
			Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: size.scheme}}}); err != nil {
			t.Fatal(err)
		}
		do(t, ctx, chromedp.EmulateViewport(size.w, size.h), chromedp.Navigate(down.URL()))
		shot(t, ctx, filepath.Join(dir, "download-"+size.name+".png"))
		do(t, ctx, chromedp.Navigate(up.URL()))
		chooseFiles(t, ctx, 3, paths["holiday photo.jpg"], paths["notes.txt"], paths["raw-footage.mov"])
		shot(t, ctx, filepath.Join(dir, "upload-"+size.name+".png"))
	}
}

func shot(t *testing.T, ctx context.Context, path string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
}
