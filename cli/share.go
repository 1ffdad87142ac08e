package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/clipboard"
	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

const shareLong = `Prints a presigned download link for each object: the URL alone for one
object, "name<TAB>url" lines for several. With --upload, prints an upload
link and the curl command that uploads a file with it. When the links expire
goes to stderr.

With --page, several objects or a folder (listed recursively, at most
--max-files files, counted before anything is made) are shared as one link to
a small web page listing each file with its size and a download link. With
--upload-page, the link opens a page where a person picks or drops files to
upload into a sub-folder of the folder named, each at most --max-size. Pages
are written into the bucket under .ferry/pages/ ([share] pages_prefix in the
config file) and expire with their links.

A presigned link can last 7 days at most. Links signed with temporary
credentials (SSO, STS, assume-role, instance roles) stop working when those
credentials expire, so they can be shorter: --cap (the default) signs them
only until then, --warn signs for the full time and says when they stop.

Exit status: 0 when every link was made, 1 when any could not be, 2 for bad
usage, 130 when interrupted.`

const shareExamples = `
ferry share s3://reports/2025/q3.pdf --expires 3d --download-name
ferry share --upload s3://inbox/notes.txt --content-type text/plain --expires 1h
ferry share --page s3://reports/2025/ --expires 3d
ferry share --page s3://reports/q3.pdf s3://reports/q3.xlsx
ferry share --upload-page s3://team/inbox/ --expires 3d --max-size 2GiB
`

// shareArgs are the parsed arguments of `ferry share`.
type shareArgs struct {
	conn        string // the connection the objects name ("": the flags')
	locs        []s3ops.Location
	expires     string
	expiry      time.Duration
	policy      share.Policy
	capFlag     bool
	warnFlag    bool
	attachment  bool
	contentType string
	qr, qrLight bool
	copy        bool
	upload      bool
	page        pageArgs
}

// shareCommand is `ferry share`.
func (a *app) shareCommand() *cobra.Command {
	var sa shareArgs
	cmd := &cobra.Command{
		Use:               "share s3://bucket/key... | --page s3://bucket/folder/ | --upload-page s3://bucket/folder/",
		Short:             "Print presigned download or upload links",
		Long:              prose(shareLong),
		Example:           shareExamples,
		Args:              positional(sa.check),
		ValidArgsFunction: a.completeS3(s3Only, -1),
		RunE:              a.action(func(s *session, _ []string) error { return runShare(s, sa) }),
	}
	fs := cmd.Flags()
	fs.StringVar(&sa.expires, "expires", "24h", "how long the link works: 90m, 36h, 3d, 1w, 1h30m; at most 7d")
	fs.BoolVar(&sa.attachment, "download-name", false, "make browsers save the file under its own name (as an attachment)")
	fs.StringVar(&sa.contentType, "content-type", "",
		"download: the Content-Type to serve; upload: the one the uploader must\nsend (default: guessed from the name)")
	fs.BoolVar(&sa.capFlag, "cap", false, "when the credentials expire before the link would, sign it only until\nthen (default)")
	fs.BoolVar(&sa.warnFlag, "warn", false, "sign for the full expiry anyway, and say when the link stops working")
	fs.BoolVar(&sa.qr, "qr", false, "draw a QR code of the link below it")
	fs.BoolVar(&sa.qrLight, "qr-invert", false, "draw the QR code for a light terminal background")
	fs.BoolVar(&sa.copy, "copy", false, "also copy the link (upload: the curl command) to the clipboard")
	fs.BoolVar(&sa.upload, "upload", false, "make upload links instead of download links")
	sa.page.register(fs)
	cmd.RegisterFlagCompletionFunc("expires", cobra.FixedCompletions([]string{"15m", "1h", "8h", "24h", "7d"}, cobra.ShellCompDirectiveNoFileComp))
	a.conn.register(cmd)
	return cmd
}

// runShare makes the links. Links go to stdout; errors, warnings and
// notes to stderr.
func runShare(s *session, a shareArgs) error {
	client, err := s.connectNamed(a.conn)
	if err != nil {
		return connectFailure(s, err)
	}
	sayWhereDemoLinksWork(s, s.connection(a.conn))
	links := runDownloadShare
	switch {
	case a.upload:
		links = runUploadShare
	case a.page.download:
		links = runDownloadPage
	case a.page.upload:
		links = runUploadPage
	}
	if code := links(s.ctx, client, a, s.stdout, s.stderr); s.ctx.Err() == nil {
		return exitCode(code)
	}
	return failure(s.ctx, s.ctx.Err())
}

// sayWhereDemoLinksWork tells, on --demo, how long the links can work:
// as long as the running demo does, or not at all when the gateway this
// command started stops with it.
func sayWhereDemoLinksWork(s *session, c *connection) {
	switch {
	case c.demoEndsWithCommand():
		fmt.Fprintln(s.stderr, "ferry share: warning: no demo was running, so this command started one that stops as it ends: "+
			"the link will not work. Run `ferry --demo` or `ferry demo serve` in another terminal, then share again.")
	case c.running != nil:
		fmt.Fprintf(s.stderr, "ferry share: the link works while the demo stays up (ferry pid %d runs it)\n", c.running.PID)
	}
}

// check reads the positional arguments and the flags.
func (a *shareArgs) check(uris []string) error {
	var err error
	if a.expiry, err = share.ParseExpiry(a.expires); err != nil {
		return fmt.Errorf("--expires: %w", err)
	}
	a.policy = share.Cap
	if a.warnFlag {
		a.policy = share.Warn
	}
	if err := a.checkFlags(len(uris)); err != nil {
		return err
	}
	if a.page.download || a.page.upload {
		return a.checkPage(uris)
	}
	if err := a.page.checkUnused(); err != nil {
		return err
	}
	a.conn, a.locs, err = parseObjectURIs(uris)
	return err
}

// checkFlags refuses flags that do not go together, for n objects.
func (a *shareArgs) checkFlags(n int) error {
	switch {
	case n == 0:
		return errors.New("name at least one object, e.g. s3://bucket/key")
	case a.capFlag && a.warnFlag:
		return errors.New("--cap and --warn exclude each other")
	case a.upload && a.attachment:
		return errors.New("--download-name is for download links, not --upload")
	case a.qr && n > 1 && !a.page.download:
		return errors.New("--qr draws one link; name one object")
	case a.qrLight && !a.qr:
		return errors.New("--qr-invert goes with --qr")
	}
	return nil
}

// parseObjectURIs reads the objects to share, all on one connection.
func parseObjectURIs(uris []string) (string, []s3ops.Location, error) {
	return parseShareURIs(uris, share.CheckObject)
}

// parseShareURIs reads the locations of a share, each passing check,
// all on one connection.
func parseShareURIs(uris []string, check func(s3ops.Location) error) (string, []s3ops.Location, error) {
	locs := make([]s3ops.Location, 0, len(uris))
	names := make([]string, 0, len(uris))
	for _, u := range uris {
		conn, loc, err := splitS3(u)
		if err != nil {
			return "", nil, err
		}
		if err := check(loc); err != nil {
			return "", nil, err
		}
		locs, names = append(locs, loc), append(names, conn)
	}
	conn, err := oneConnection(names)
	return conn, locs, err
}

func runDownloadShare(ctx context.Context, c *s3ops.Client, a shareArgs, stdout, stderr io.Writer) int {
	opt := share.DownloadOptions{Expiry: a.expiry, Policy: a.policy, Attachment: a.attachment, ContentType: a.contentType}
	links, err := share.Many(ctx, c, a.locs, opt)
	for _, e := range splitErrors(err) {
		fmt.Fprintf(stderr, "ferry share: %v\n", e)
	}
	if len(links) == 0 {
		return exitFail
	}
	text := links[0].URL + "\n"
	if len(a.locs) > 1 {
		text = share.Lines(links)
	}
	// share.Lines is tab-separated with safe names: written raw, or the
	// tabs would be escaped too.
	fmt.Fprint(safetext.Raw(stdout), text)
	if a.qr {
		if code := printQR(links[0].URL, a.qrLight, stdout, stderr); code != exitOK {
			return code
		}
	}
	return finish(links, strings.TrimSuffix(text, "\n"), a.copy, err, stderr)
}

func runUploadShare(ctx context.Context, c *s3ops.Client, a shareArgs, stdout, stderr io.Writer) int {
	opt := share.UploadOptions{Expiry: a.expiry, Policy: a.policy, ContentType: a.contentType}
	var links []share.Link
	var failed error
	for _, loc := range a.locs {
		l, err := share.UploadLink(ctx, c, loc, opt)
		if err != nil {
			fmt.Fprintf(stderr, "ferry share: %v\n", err)
			failed = err
			continue
		}
		if len(links) > 0 {
			fmt.Fprintln(stdout)
		}
		fmt.Fprintf(stdout, "%s\n%s\n", l.URL, l.Curl)
		links = append(links, l)
	}
	if len(links) == 0 {
		return exitFail
	}
	if a.qr {
		if code := printQR(links[0].URL, a.qrLight, stdout, stderr); code != exitOK {
			return code
		}
	}
	curls := make([]string, len(links))
	for i, l := range links {
		curls[i] = l.Curl
	}
	return finish(links, strings.Join(curls, "\n"), a.copy, failed, stderr)
}

func printQR(url string, light bool, stdout, stderr io.Writer) int {
	code, err := share.QRWith(url, share.QROptions{LightBackground: light})
	if err != nil {
		fmt.Fprintf(stderr, "ferry share: %v\n", err)
		return exitFail
	}
	fmt.Fprint(stdout, "\n"+code)
	return exitOK
}

// finish tells when the links expire (and why earlier than asked, when
// the credentials expire first), copies if asked, and picks the exit code.
func finish(links []share.Link, clip string, copy bool, failed error, stderr io.Writer) int {
	switch plan := links[0].Plan; {
	case plan.Note == "":
		fmt.Fprintf(stderr, "ferry share: expires %s\n", share.FormatEnd(links[0].Expires(), time.Now(), nil))
	case plan.Capped:
		fmt.Fprintf(stderr, "ferry share: note: %s\n", plan.Note)
	default:
		fmt.Fprintf(stderr, "ferry share: warning: %s\n", plan.Note)
	}
	code := exitOK
	if copy && !copyText(clip, stderr) {
		code = exitFail
	}
	if failed != nil {
		code = exitFail
	}
	return code
}

// copyText copies with a native clipboard tool, or else through the
// terminal with OSC 52 when stderr is a terminal.
func copyText(text string, stderr io.Writer) bool {
	tool, err := clipboard.Native(text)
	if err == nil {
		fmt.Fprintf(stderr, "ferry share: copied to the clipboard (%s)\n", tool)
		return true
	}
	if ok, _ := clipboard.WriteOSC52(safetext.Raw(stderr), text); ok {
		fmt.Fprintln(stderr, "ferry share: copied through the terminal (OSC 52)")
		return true
	}
	fmt.Fprintf(stderr, "ferry share: --copy: %v; and stderr is not a terminal for OSC 52\n", err)
	return false
}

// splitErrors undoes errors.Join so each failure gets its own line.
func splitErrors(err error) []error {
	if err == nil {
		return nil
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
