package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/sharepage"
	"github.com/ferry-s3/ferry/xdg"
)

// pageArgs are the flags of `ferry share --page` and `--upload-page`.
type pageArgs struct {
	download, upload bool
	maxFiles         int
	maxSize          string
	maxBytes         int64
	flags            *pflag.FlagSet
}

func (p *pageArgs) register(fs *pflag.FlagSet) {
	p.flags = fs
	fs.BoolVar(&p.download, "page", false, "share the objects, or every object below the folders, as one link to a\ndownload page")
	fs.BoolVar(&p.upload, "upload-page", false, "make a page where a person uploads files into a sub-folder of the\nfolder named")
	fs.IntVar(&p.maxFiles, "max-files", sharepage.DefaultMaxFiles, "the most files a --page may list")
	fs.StringVar(&p.maxSize, "max-size", "5GiB", "the largest file an --upload-page accepts; at most 5GiB")
}

// checkUnused refuses page flags without a page.
func (p *pageArgs) checkUnused() error {
	for _, name := range []string{"max-files", "max-size"} {
		if p.flags.Changed(name) {
			return fmt.Errorf("--%s goes with --page or --upload-page", name)
		}
	}
	return nil
}

// checkPage reads the locations and flags of a page.
func (a *shareArgs) checkPage(uris []string) error {
	p := &a.page
	switch {
	case p.download && p.upload:
		return errors.New("--page and --upload-page exclude each other")
	case a.upload:
		return errors.New("--upload makes links, not pages: use --upload-page for a page")
	case a.attachment || a.contentType != "":
		return errors.New("--download-name and --content-type are for single links: a page's links always save files under their names")
	case p.upload && len(uris) != 1:
		return errors.New("--upload-page takes one folder, e.g. s3://bucket/inbox/")
	case p.download && p.flags.Changed("max-size"), p.upload && p.flags.Changed("max-files"):
		return errors.New("--max-files goes with --page, --max-size with --upload-page")
	case p.maxFiles < 1:
		return errors.New("--max-files must be at least 1")
	}
	var err error
	if p.maxBytes, err = units.ParseBytes(p.maxSize); err != nil {
		return fmt.Errorf("--max-size: %w", err)
	}
	if p.upload && (p.maxBytes < 1 || p.maxBytes > sharepage.MaxPostSize) {
		return fmt.Errorf("--max-size %s is out of range: a browser upload can be 1 byte to 5GiB", p.maxSize)
	}
	a.conn, a.locs, err = parsePageURIs(uris)
	if err == nil && p.upload && a.locs[0].Key != "" && !strings.HasSuffix(a.locs[0].Key, "/") {
		a.locs[0].Key += "/" // uploads always go into a folder: s3://b/inbox means inbox/
	}
	return err
}

// parsePageURIs reads the objects and folders of a page, all on one
// connection.
func parsePageURIs(uris []string) (string, []s3ops.Location, error) {
	return parseShareURIs(uris, func(loc s3ops.Location) error {
		if loc.Bucket == "" {
			return errors.New("name a bucket, a folder or objects, e.g. s3://bucket/folder/")
		}
		return nil
	})
}

// pagesPrefix reads [share] pages_prefix from the config file.
func pagesPrefix(d xdg.Dirs, stderr io.Writer) (string, bool) {
	cfg, err := config.LoadIn(d)
	if err == nil {
		var p string
		if p, err = cfg.SharePagesPrefix(); err == nil {
			return p, true
		}
	}
	fmt.Fprintf(stderr, "ferry share: %v\n", err)
	return "", false
}

func runDownloadPage(ctx context.Context, c *s3ops.Client, a shareArgs, stdout, stderr io.Writer) int {
	prefix, ok := pagesPrefix(dirsOf(ctx), stderr)
	if !ok {
		return exitFail
	}
	sel, err := sharepage.Collect(ctx, c, a.locs, a.page.maxFiles, prefix)
	if tooMany := (*sharepage.TooManyFilesError)(nil); errors.As(err, &tooMany) {
		err = fmt.Errorf("%w (--max-files)", err)
	}
	if err != nil {
		fmt.Fprintf(stderr, "ferry share: %v\n", err)
		return exitFail
	}
	where := s3ops.Location{Bucket: sel.Bucket, Key: sel.Base}
	fmt.Fprintf(stderr, "ferry share: the page lists %s from %s\n", sel.Summary(), where)
	page, err := sharepage.MakeDownloadPage(ctx, c, sharepage.DownloadRequest{
		Selection: sel, Expiry: a.expiry, Policy: a.policy, PagesPrefix: prefix})
	return printPage(page, err, a, stdout, stderr)
}

func runUploadPage(ctx context.Context, c *s3ops.Client, a shareArgs, stdout, stderr io.Writer) int {
	prefix, ok := pagesPrefix(dirsOf(ctx), stderr)
	if !ok {
		return exitFail
	}
	page, err := sharepage.MakeUploadPage(ctx, c, sharepage.UploadRequest{Folder: a.locs[0], Expiry: a.expiry,
		Policy: a.policy, MaxSize: a.page.maxBytes, PagesPrefix: prefix})
	if err == nil {
		where := s3ops.Location{Bucket: page.Bucket, Key: page.Prefix}
		fmt.Fprintf(stderr, "ferry share: uploads land in %s, %s at most each\n", where, units.Bytes(page.MaxSize))
	}
	return printPage(page, err, a, stdout, stderr)
}

// printPage prints the page link (and its QR code), then where the page
// is and when it expires on stderr.
func printPage(page sharepage.Page, err error, a shareArgs, stdout, stderr io.Writer) int {
	if err != nil {
		fmt.Fprintf(stderr, "ferry share: %v\n", err)
		return exitFail
	}
	fmt.Fprintln(safetext.Raw(stdout), page.URL())
	if a.qr {
		if code := printQR(page.URL(), a.qrLight, stdout, stderr); code != exitOK {
			return code
		}
	}
	loc := s3ops.Location{Bucket: page.Bucket, Key: page.Key}
	fmt.Fprintf(stderr, "ferry share: the page is %s. %s\n", loc, sharepage.DeleteNote(page.PageRecord, time.Now()))
	return finish([]share.Link{page.Link}, page.URL(), a.copy, nil, stderr)
}
