package cli

import (
	"errors"
	"fmt"
	"regexp"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

const cpLong = `Copies files to S3 (upload), from S3 (download) or within S3 (a server-side
copy: the bytes never pass through this machine). SOURCE and DEST are local
paths or s3://bucket/key URIs, or NAME:s3://bucket/key on a named connection.

Between two connections (work:s3://… to lab:s3://…) the copy is server-side
when both reach the same endpoint with the same access key; otherwise it is
streamed: read from one store and written to the other part by part over
presigned URLs, through memory only (nothing is written to disk), checked
part by part, with content type, metadata and tags carried over.

Where things land:
  - A file or object keeps its name when DEST is a folder: an s3:// URI
    ending in "/" (or a bucket, s3://bucket), an existing local folder or S3
    "folder" (a prefix that holds keys), or any DEST of several SOURCEs.
    Otherwise DEST is the new name.
  - With -r, a folder is copied into DEST keeping its name: ferry cp -r
    photos s3://b/backup/ makes s3://b/backup/photos/...

Existing files and objects are never replaced silently: by default they are
skipped and counted in the summary; --conflict says otherwise.

Sizes (--part-size, --multipart-threshold) are ` + units.SizeHelp + `: 16M =
16MiB = 16,777,216 bytes, 16MB = 16,000,000.

Defaults: the [transfers] section of the config file
($XDG_CONFIG_HOME/ferry/config.toml, usually ~/.config/ferry/config.toml)
sets the defaults of the transfer flags under the same names
(files_in_flight, parts_per_file, part_size, multipart_threshold,
presign_lifetime, conflict, follow_symlinks, verify_downloads); a flag on
the command line wins over it. A bad value there stops ferry cp (exit 2)
with the file and line. conflict = "ask" is for the TUI, which can ask:
ferry cp cannot, so it skips existing files instead and says so.

Progress: bars for the running files and totals when stdout is a terminal;
one line per finished file otherwise. The summary and failures go to stderr.
Exit status: 0 when everything was copied or skipped, 1 when anything
failed, 2 for bad usage, 130 when interrupted.

Resuming: uploads, downloads and streamed copies keep a journal under
$XDG_STATE_HOME/ferry/cp/. If a run is interrupted (Ctrl-C, a crash, a lost
connection), run the same command again: it continues the unfinished files
from the parts already sent or received.`

const cpExamples = `
ferry cp report.pdf s3://docs/2025/
ferry cp -r ./photos s3://backup/ --concurrency 16
ferry cp s3://docs/2025/report.pdf ~/Downloads/
ferry cp -r s3://backup/photos/ . --conflict overwrite
ferry cp -r s3://old-bucket/site/ s3://new-bucket/
ferry cp -r work:s3://logs/2024/ r2:s3://archive/
`

// cpArgs are the parsed arguments of `ferry cp`.
type cpArgs struct {
	srcs      []endpoint
	dst       endpoint
	recursive bool
	out       outputFlags
	x         xferFlags
	opts      transfer.Options
}

// endpoint is one side of a copy: a local path or an S3 location.
type endpoint struct {
	arg   string // as typed
	local string // set for a local path
	loc   s3ops.Location
	conn  string // the connection an S3 location names ("": the flags')
	isS3  bool
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)

func parseEndpoint(arg string) (endpoint, error) {
	if isS3Arg(arg) {
		conn, loc, err := splitS3(arg)
		if err != nil {
			return endpoint{}, err
		}
		if loc.Bucket == "" {
			return endpoint{}, fmt.Errorf("%q names no bucket", arg)
		}
		return endpoint{arg: arg, loc: loc, conn: conn, isS3: true}, nil
	}
	if schemeRE.MatchString(arg) {
		return endpoint{}, fmt.Errorf("%q: only local paths and s3:// URIs can be copied", arg)
	}
	if arg == "" {
		return endpoint{}, errors.New("an empty path")
	}
	return endpoint{arg: arg, local: arg}, nil
}

// cpCommand is `ferry cp`.
func (a *app) cpCommand() *cobra.Command {
	var c cpArgs
	cmd := &cobra.Command{
		Use:               "cp SOURCE... DEST",
		Short:             "Upload, download, or copy within S3",
		Long:              prose(cpLong),
		Example:           cpExamples,
		ValidArgsFunction: a.completeS3(s3OrLocal, -1),
		RunE:              a.action(func(s *session, _ []string) error { return c.run(s) }),
	}
	cmd.Args = positional(func(pos []string) error { return c.check(cmd.Flags(), pos) })
	fs := cmd.Flags()
	fs.BoolVarP(&c.recursive, "recursive", "r", false, "copy folders (local folders, or S3 prefixes)")
	c.x.register(cmd)
	c.out.register(fs, "one JSON object per finished file: key, bytes, seconds, status, ...")
	a.conn.register(cmd)
	return cmd
}

// run copies, with the config file's settings under the flags given.
// Finished files go to stdout; the summary to stderr.
func (a *cpArgs) run(s *session) error {
	note, err := a.applyConfig(dirsOf(s.ctx))
	if err != nil {
		return settingError(err)
	}
	if note != "" && !a.out.quiet {
		fmt.Fprintf(s.stderr, "ferry cp: note: %s\n", note)
	}
	client, err := s.connectNamed(a.s3Connection())
	if err != nil {
		return connectFailure(s, err)
	}
	if a.srcs[0].isS3 && a.dst.isS3 && a.srcs[0].conn != a.dst.conn {
		dst, err := s.connectNamed(a.dst.conn)
		if err != nil {
			return connectFailure(s, err)
		}
		if !s3ops.SameIdentity(s.ctx, client, dst) { // else one identity on one store: server-side, as on one connection
			return runCpFrom(s.ctx, dst, client, sourceOf(a.srcs[0].conn, client), *a, s.stdout, s.stderr)
		}
	}
	return runCp(s.ctx, client, *a, s.stdout, s.stderr)
}

// check reads the positional arguments and the transfer flags.
func (a *cpArgs) check(fs *pflag.FlagSet, pos []string) error {
	a.x.noteGiven(fs)
	if err := a.out.check(); err != nil {
		return err
	}
	var err error
	if a.opts, err = a.x.options(); err != nil {
		return err
	}
	if len(pos) < 2 {
		return errors.New("name a SOURCE and a DEST")
	}
	a.srcs = nil
	for _, arg := range pos[:len(pos)-1] {
		ep, err := parseEndpoint(arg)
		if err != nil {
			return err
		}
		a.srcs = append(a.srcs, ep)
	}
	if a.dst, err = parseEndpoint(pos[len(pos)-1]); err != nil {
		return err
	}
	return checkSides(a.srcs, a.dst)
}

// checkSides refuses copies ferry does not do: local to local, a mix
// of local and S3 sources, sources on several connections.
func checkSides(srcs []endpoint, dst endpoint) error {
	s3 := srcs[0].isS3
	names := make([]string, len(srcs))
	for i, s := range srcs {
		if s.isS3 != s3 {
			return errors.New("the sources must all be local or all s3:// URIs")
		}
		names[i] = s.conn
	}
	if !s3 && !dst.isS3 {
		return errors.New("neither side is an s3:// URI; ferry copies to, from and within S3 (use cp for local copies)")
	}
	if _, err := oneConnection(names); err != nil {
		return fmt.Errorf("sources: %w", err)
	}
	return nil
}

// sourceOf resolves the one connection a streamed copy reads from (its
// journal is the command's own, so a restored copy names the same one);
// the client is connected already, so the engine's job goroutines share
// it without touching the session.
func sourceOf(name string, c *s3ops.Client) func(string) (*s3ops.Client, error) {
	return func(n string) (*s3ops.Client, error) {
		if n != name {
			return nil, fmt.Errorf("this command copies from %s, not %s", shownName(name), shownName(n))
		}
		return c, nil
	}
}

// s3Connection is the connection the copy talks to: the destination's
// for an upload, the sources' otherwise.
func (a *cpArgs) s3Connection() string {
	if a.dst.isS3 && !a.srcs[0].isS3 {
		return a.dst.conn
	}
	return a.srcs[0].conn
}
