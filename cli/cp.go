package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"regexp"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// Connector connects to S3 when a command needs it (never for --help or
// bad arguments, so those work without credentials).
type Connector func(context.Context) (*s3ops.Client, error)

const cpUsage = `Usage:
  ferry cp [flags] SOURCE... DEST

Copies files to S3 (upload), from S3 (download) or within S3 (a
server-side copy: the bytes never pass through this machine). SOURCE and
DEST are local paths or s3://bucket/key URIs.

Where things land:
  - A file or object keeps its name when DEST is a folder: an s3:// URI
    ending in "/" (or a bucket, s3://bucket), an existing local folder or
    S3 "folder" (a prefix that holds keys), or any DEST of several SOURCEs.
    Otherwise DEST is the new name.
  - With -r, a folder is copied into DEST keeping its name:
    ferry cp -r photos s3://b/backup/ makes s3://b/backup/photos/...

Existing files and objects are never replaced silently: by default they
are skipped and counted in the summary; --conflict says otherwise.

Flags (the defaults shown are ferry's own; the config file can change
them, see Defaults below):
  -r, --recursive            copy folders (local folders, or S3 prefixes)
  --conflict POLICY          when the destination exists: skip (default),
                             overwrite, or keep-both (saves "name (1).ext")
  --concurrency N            files in flight at once (the same as
                             --files-in-flight; default 8)
  --files-in-flight N        files in flight at once (default 8)
  --parts-per-file N         parts or ranges of one file in flight (default 4)
  --part-size SIZE           multipart part and download range size
                             (default 16MiB; at least 5MiB)
  --multipart-threshold SIZE files larger than this move in parts
                             (default 16MiB)
                             SIZE is bytes, or a number with a unit:
                             KiB, MiB, GiB (or K, M, G) count in 1024s,
                             KB, MB, GB in 1000s: 16M = 16MiB, 16MB is less
  --presign-lifetime DUR     how long each presigned URL is valid (default 1h)
  --follow-symlinks          follow symbolic links inside folders (default:
                             skip them)
  --verify-downloads=false   check downloads by size only, not by the MD5
                             their ETag holds (spares the CPU of hashing)
  -q, --quiet                print nothing but the summary and failures
  --json                     print one JSON object per finished file:
                             {"key","bytes","seconds","status",...}
  -h, --help                 show this help

Sizes take binary units: 8M = 8MiB = 8388608 bytes.

Defaults: the [transfers] section of the config file
($XDG_CONFIG_HOME/ferry/config.toml, usually ~/.config/ferry/config.toml)
sets the defaults of these flags under the same names (files_in_flight,
parts_per_file, part_size, multipart_threshold, presign_lifetime,
conflict, follow_symlinks, verify_downloads); a flag on the command line wins over it. In
the file, KB/MB/GB are powers of 1000 and KiB/MiB/GiB powers of 1024. A
bad value there stops ferry cp (exit 2) with the file and line.
conflict = "ask" is for the TUI, which can ask: ferry cp cannot, so it
skips existing files instead and prints a note saying so.

Progress: bars for the running files and totals when stdout is a terminal;
one line per finished file otherwise. The summary and failures go to
stderr. Exit status: 0 when everything was copied or skipped, 1 when
anything failed, 2 for bad usage, 130 when interrupted.

Resuming: uploads and downloads keep a journal under
$XDG_STATE_HOME/ferry/cp/. If a run is interrupted (Ctrl-C, a crash, a
lost connection), run the same command again: it continues the unfinished
files from the parts already sent or received.

Examples:
  ferry cp report.pdf s3://docs/2025/
  ferry cp -r ./photos s3://backup/ --concurrency 16
  ferry cp s3://docs/2025/report.pdf ~/Downloads/
  ferry cp -r s3://backup/photos/ . --conflict overwrite
  ferry cp -r s3://old-bucket/site/ s3://new-bucket/
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
	isS3  bool
}

var schemeRE = regexp.MustCompile(`^[A-Za-z][A-Za-z0-9+.-]*://`)

func parseEndpoint(arg string) (endpoint, error) {
	if strings.HasPrefix(arg, "s3://") {
		loc, err := s3ops.ParseURI(arg)
		if err != nil {
			return endpoint{}, err
		}
		if loc.Bucket == "" {
			return endpoint{}, fmt.Errorf("%q names no bucket", arg)
		}
		return endpoint{arg: arg, loc: loc, isS3: true}, nil
	}
	if schemeRE.MatchString(arg) {
		return endpoint{}, fmt.Errorf("%q: only local paths and s3:// URIs can be copied", arg)
	}
	if arg == "" {
		return endpoint{}, errors.New("an empty path")
	}
	return endpoint{arg: arg, local: arg}, nil
}

// CpMain runs `ferry cp` with args (everything after "cp") and returns
// the exit code: 0 done, 1 something failed, 2 bad usage, 130
// interrupted. Finished files go to stdout; the summary to stderr.
func CpMain(ctx context.Context, connect Connector, args []string, stdout, stderr io.Writer) int {
	stdout, stderr = terminalSafe(stdout, stderr)
	a, err := parseCpArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, cpUsage)
		return exitOK
	}
	if err != nil {
		return usageError(stderr, "cp", err)
	}
	note, err := a.applyConfig()
	if err != nil {
		fmt.Fprintf(stderr, "ferry cp: %v\n", err)
		return exitUsage
	}
	if note != "" && !a.out.quiet {
		fmt.Fprintf(stderr, "ferry cp: note: %s\n", note)
	}
	client, err := connect(ctx)
	if err != nil {
		return failure(ctx, stderr, "cp", err)
	}
	return runCp(ctx, client, a, stdout, stderr)
}

func parseCpArgs(args []string) (cpArgs, error) {
	var a cpArgs
	fs := newFlagSet("cp")
	fs.BoolVar(&a.recursive, "r", false, "")
	fs.BoolVar(&a.recursive, "recursive", false, "")
	a.out.register(fs)
	a.x.register(fs)
	pos, err := parseInterspersed(fs, args)
	if err != nil {
		return a, connectionFlagHint("cp", err)
	}
	a.x.noteGiven(fs)
	if err := a.out.check(); err != nil {
		return a, err
	}
	if a.opts, err = a.x.options(); err != nil {
		return a, err
	}
	if len(pos) < 2 {
		return a, errors.New("name a SOURCE and a DEST")
	}
	for _, arg := range pos[:len(pos)-1] {
		ep, err := parseEndpoint(arg)
		if err != nil {
			return a, err
		}
		a.srcs = append(a.srcs, ep)
	}
	if a.dst, err = parseEndpoint(pos[len(pos)-1]); err != nil {
		return a, err
	}
	return a, checkSides(a.srcs, a.dst)
}

// checkSides refuses copies ferry does not do: local to local, and a mix
// of local and S3 sources.
func checkSides(srcs []endpoint, dst endpoint) error {
	s3 := srcs[0].isS3
	for _, s := range srcs[1:] {
		if s.isS3 != s3 {
			return errors.New("the sources must all be local or all s3:// URIs")
		}
	}
	if !s3 && !dst.isS3 {
		return errors.New("neither side is an s3:// URI; ferry copies to, from and within S3 (use cp for local copies)")
	}
	return nil
}

// connectionFlagHint explains connection flags given after the command.
func connectionFlagHint(cmd string, err error) error {
	for _, f := range []string{"profile", "region", "endpoint-url", "path-style", "insecure", "demo"} {
		if strings.Contains(err.Error(), "-"+f) && strings.Contains(err.Error(), "not defined") {
			return fmt.Errorf("%v (connection flags go before the command: ferry --%s ... %s ...)", err, f, cmd)
		}
	}
	return err
}

// usageError prints a usage problem and returns exit code 2.
func usageError(stderr io.Writer, cmd string, err error) int {
	fmt.Fprintf(stderr, "ferry %s: %v\nRun 'ferry %s --help' for usage.\n", cmd, err, cmd)
	return exitUsage
}

// failure prints a failure that stops the whole command; an interrupted
// command exits with 130.
func failure(ctx context.Context, stderr io.Writer, cmd string, err error) int {
	if ctx.Err() != nil {
		fmt.Fprintf(stderr, "ferry %s: interrupted\n", cmd)
		return exitInterrupted
	}
	fmt.Fprintf(stderr, "ferry %s: %v\n", cmd, err)
	return exitFail
}
