package cli

import (
	"fmt"

	"github.com/spf13/pflag"

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/xdg"
)

// The transfer settings of `ferry cp` come from three places, the first
// that says wins: a flag on the command line, the [transfers] section of
// the config file (shared with the TUI), the engine's defaults. Only the
// conflict policy differs from the TUI: cp cannot ask, so it skips.

// loadTransfers reads the config file's [transfers] section.
func loadTransfers(d xdg.Dirs) (config.Config, transfer.Options, error) {
	cfg, err := config.LoadIn(d)
	if err != nil {
		return cfg, transfer.Options{}, err
	}
	opts, err := cfg.TransferOptions()
	return cfg, opts, err
}

// applyConfig sets a.opts from the config file under the flags given. A
// bad config file is an error naming the file and line; note, when not
// "", is a sentence for stderr about a setting cp does not follow.
func (a *cpArgs) applyConfig(d xdg.Dirs) (note string, err error) {
	cfg, fromFile, err := loadTransfers(d)
	if err != nil {
		return "", err
	}
	a.opts = a.x.over(fromFile, a.opts)
	if a.x.given["conflict"] {
		return "", nil
	}
	switch fromFile.Conflict {
	case transfer.PolicyDefault:
		a.opts.Conflict = transfer.Skip
	case transfer.Ask:
		a.opts.Conflict = transfer.Skip
		note = fmt.Sprintf(`%s sets conflict = "ask", which only the TUI can do; `+
			`existing files are skipped (--conflict overwrite or keep-both says otherwise)`, cfg.Where("transfers", "conflict"))
	}
	return note, nil
}

// over returns the file's settings with the flags given on the command
// line laid over them.
func (x *xferFlags) over(file, flags transfer.Options) transfer.Options {
	o := file
	if x.given["files-in-flight"] || x.given["concurrency"] {
		o.FilesInFlight = flags.FilesInFlight
	}
	if x.given["parts-per-file"] {
		o.PartsPerFile = flags.PartsPerFile
	}
	if x.given["part-size"] {
		o.PartSize = flags.PartSize
	}
	if x.given["multipart-threshold"] {
		o.MultipartThreshold = flags.MultipartThreshold
	}
	if x.given["presign-lifetime"] {
		o.PresignLifetime = flags.PresignLifetime
	}
	if x.given["conflict"] {
		o.Conflict = flags.Conflict
	}
	if x.given["follow-symlinks"] {
		o.FollowSymlinks = flags.FollowSymlinks
	}
	if x.given["verify-downloads"] {
		o.SizeOnlyDownloads = flags.SizeOnlyDownloads
	}
	return o
}

// noteGiven records which flags the command line set.
func (x *xferFlags) noteGiven(fs *pflag.FlagSet) {
	x.given = map[string]bool{}
	fs.Visit(func(f *pflag.Flag) { x.given[f.Name] = true })
}
