package cli

import (
	"errors"
	"fmt"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/share"
)

// xferFlags are the transfer settings of `ferry cp`, named after the
// [transfers] keys of the config file (files_in_flight → --files-in-flight).
type xferFlags struct {
	filesInFlight   int
	concurrency     int // --concurrency, the same as --files-in-flight
	partsPerFile    int
	partSize        string
	threshold       string
	presignLifetime string
	conflict        string
	followSymlinks  bool
	verifyDownloads bool
	// given holds the names of the flags the command line set (they
	// override the config file; see cp_config.go).
	given map[string]bool
}

// register adds the transfer flags to cmd. Their defaults are those of
// the config file's [transfers] section, else the engine's, so the help
// says them in words.
func (x *xferFlags) register(cmd *cobra.Command) {
	fs := cmd.Flags()
	fs.IntVar(&x.filesInFlight, "files-in-flight", 0, "files in flight at once (default 8)")
	fs.IntVar(&x.concurrency, "concurrency", 0, "another name for --files-in-flight")
	fs.IntVar(&x.partsPerFile, "parts-per-file", 0, "parts or ranges of one file in flight (default 4)")
	fs.StringVar(&x.partSize, "part-size", "", "part and download range size, at least 5MiB (default 16MiB)")
	fs.StringVar(&x.threshold, "multipart-threshold", "", "files larger than this move in parts (default 16MiB)")
	fs.StringVar(&x.presignLifetime, "presign-lifetime", "", "how long each presigned URL is valid (default 1h)")
	fs.StringVar(&x.conflict, "conflict", "skip", `when the destination exists: skip, overwrite, keep-both ("name (1).ext")`)
	fs.BoolVar(&x.followSymlinks, "follow-symlinks", false, "follow symbolic links inside folders (default: skip them)")
	fs.BoolVar(&x.verifyDownloads, "verify-downloads", true,
		"check downloads by the MD5 their ETag holds; =false: by size only\n(spares the CPU of hashing)")
	cmd.RegisterFlagCompletionFunc("conflict", cobra.FixedCompletions([]string{"skip", "overwrite", "keep-both"}, cobra.ShellCompDirectiveNoFileComp))
	for _, f := range []string{"files-in-flight", "concurrency", "parts-per-file", "part-size", "multipart-threshold", "presign-lifetime"} {
		cmd.RegisterFlagCompletionFunc(f, cobra.NoFileCompletions)
	}
}

// options turns the flags into engine options; zero fields keep the
// engine's defaults.
func (x *xferFlags) options() (transfer.Options, error) {
	var o transfer.Options
	var err error
	switch {
	case x.filesInFlight < 0 || x.concurrency < 0 || x.partsPerFile < 0:
		return o, errors.New("--files-in-flight, --concurrency and --parts-per-file must be positive")
	case x.filesInFlight > 0 && x.concurrency > 0 && x.filesInFlight != x.concurrency:
		return o, errors.New("--concurrency is another name for --files-in-flight; give one of them")
	}
	o.FilesInFlight = max(x.filesInFlight, x.concurrency)
	o.PartsPerFile = x.partsPerFile
	if o.PartSize, err = sizeFlag("--part-size", x.partSize); err != nil {
		return o, err
	}
	if o.PartSize > 0 && o.PartSize < 5<<20 {
		return o, errors.New("--part-size: S3 parts are at least 5MiB")
	}
	if o.PartSize > 5<<30 {
		return o, errors.New("--part-size: S3 parts are at most 5GiB")
	}
	if o.MultipartThreshold, err = sizeFlag("--multipart-threshold", x.threshold); err != nil {
		return o, err
	}
	if x.presignLifetime != "" {
		if o.PresignLifetime, err = share.ParseExpiry(x.presignLifetime); err != nil {
			return o, fmt.Errorf("--presign-lifetime: %w", err)
		}
	}
	if o.Conflict, err = conflictFlag(x.conflict); err != nil {
		return o, err
	}
	o.FollowSymlinks = x.followSymlinks
	o.SizeOnlyDownloads = !x.verifyDownloads
	return o, nil
}

// conflictFlag reads --conflict. "ask" needs someone to answer while the
// transfer runs, which is what the TUI is for; headless commands take a
// policy decided up front.
func conflictFlag(s string) (transfer.Policy, error) {
	p, err := transfer.ParsePolicy(s)
	if err != nil {
		return p, fmt.Errorf("--conflict: %w", err)
	}
	if p == transfer.Ask {
		return p, errors.New("--conflict ask needs the TUI to answer; headless commands take skip (the default), overwrite or keep-both")
	}
	return p, nil
}

// sizeFlag parses a size the way the config file does (units.ParseBytes:
// 16M = 16MiB = 16,777,216 bytes, 16MB = 16,000,000). "" is 0, the
// default.
func sizeFlag(name, s string) (int64, error) {
	if s == "" {
		return 0, nil
	}
	n, err := units.ParseBytes(s)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("%s: %q is not a size: write %s", name, s, units.SizeHelp)
	}
	return n, nil
}

// outputFlags choose how a command reports: progress bars on a terminal,
// lines otherwise, nothing but failures with --quiet, JSON lines with --json.
type outputFlags struct {
	quiet bool
	json  bool
}

// register adds --quiet and --json; jsonHelp says what --json prints.
func (o *outputFlags) register(fs *pflag.FlagSet, jsonHelp string) {
	fs.BoolVarP(&o.quiet, "quiet", "q", false, "print nothing but the summary and failures")
	fs.BoolVar(&o.json, "json", false, jsonHelp)
}

func (o *outputFlags) check() error {
	if o.quiet && o.json {
		return errors.New("--quiet and --json exclude each other")
	}
	return nil
}

// seconds formats a duration as seconds for humans: 0.42s, 12.3s, 3m05s.
func seconds(d time.Duration) string {
	switch {
	case d < 10*time.Second:
		return fmt.Sprintf("%.2fs", d.Seconds())
	case d < time.Minute:
		return fmt.Sprintf("%.1fs", d.Seconds())
	}
	d = d.Round(time.Second)
	return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
}

// rate formats bytes per second.
func rate(bytes int64, d time.Duration) string {
	if d <= 0 {
		return "-"
	}
	return units.Bytes(int64(float64(bytes)/d.Seconds())) + "/s"
}
