package cli

import (
	"errors"
	"fmt"
	"os"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/syncplan"
)

const syncLong = `Makes DEST hold what SOURCE holds: copies every file that is missing at DEST
or different there, and with --delete removes what only DEST has. SOURCE and DEST
are a local folder and an S3 prefix (either way), or two prefixes on one
connection (copied server-side). Both are walked every level down.

"Different" is a different size, or the same size and different bytes: a local
file's MD5 against the object's ETag (for an object uploaded in parts, the MD5 of
its parts at the object's own part size), or the checksum the store keeps when the
ETag is no MD5. Nothing is downloaded to compare, and local hashes are cached
(by path, size, modification time, inode and change time), so a tree in sync is
decided from a listing and stat calls. --size-only compares sizes only; --mtime
copies what differs in size or is newer at SOURCE (as aws s3 sync does; it misses
an older file put back on purpose). Modification times alone never decide:
uploads do not keep them.

--delete never runs before every copy has succeeded, asks first on a terminal
(-f does not ask), and is refused when SOURCE lists as empty, unless
--allow-empty-source says that is meant. Nothing below a SOURCE folder that
cannot be read is deleted. --exclude and --include take gitignore-style
patterns (*.log, build/, /dist, **/tmp/**); excluded paths are left alone on
both sides. With --include, only matching files take part.

An interrupted sync resumes where it stopped when run again: the files it was
moving continue from their finished parts and ranges.

Exit status: 0 when DEST is in step, 1 when anything failed, 2 for bad usage,
130 when interrupted.`

const syncExamples = `
ferry sync ./site s3://www/ --delete
ferry sync s3://backup/photos/ ~/photos --dry-run
ferry sync ~/notes work:s3://notes/ --exclude '*.tmp' --exclude .git/
`

// syncArgs are the parsed arguments of `ferry sync`.
type syncArgs struct {
	src, dst   endpoint
	del, force bool
	dryRun     bool
	allowEmpty bool
	sizeOnly   bool
	byTime     bool
	checksum   bool
	excludes   []string
	includes   []string
	filter     *syncplan.Filter
	out        outputFlags
	x          xferFlags
	opts       transfer.Options
	mode       syncplan.Mode
}

// syncCommand is `ferry sync`.
func (a *app) syncCommand() *cobra.Command {
	var sa syncArgs
	cmd := &cobra.Command{
		Use:               "sync SOURCE DEST",
		Short:             "Make DEST hold what SOURCE holds",
		Long:              prose(syncLong),
		Example:           syncExamples,
		ValidArgsFunction: a.completeS3(s3OrLocal, 2),
		RunE:              a.action(func(s *session, _ []string) error { return runSync(s, &sa) }),
	}
	cmd.Args = positional(func(pos []string) error { return sa.check(cmd.Flags(), pos) })
	fs := cmd.Flags()
	fs.BoolVar(&sa.del, "delete", false, "delete what only DEST has (after every copy succeeded)")
	fs.BoolVarP(&sa.force, "force", "f", false, "with --delete: do not ask first")
	fs.BoolVar(&sa.dryRun, "dry-run", false, "print what would be copied and deleted; change nothing")
	fs.StringArrayVar(&sa.excludes, "exclude", nil, "leave out paths matching this gitignore-style pattern (repeatable)")
	fs.StringArrayVar(&sa.includes, "include", nil, "take part only files matching this pattern (repeatable)")
	fs.BoolVar(&sa.sizeOnly, "size-only", false, "compare sizes only")
	fs.BoolVar(&sa.byTime, "mtime", false, "copy what differs in size or is newer at SOURCE")
	fs.BoolVar(&sa.checksum, "checksum", false, "compare sizes, then content (the default)")
	fs.BoolVar(&sa.allowEmpty, "allow-empty-source", false, "let --delete run when SOURCE lists as empty")
	sa.x.register(cmd)
	fs.MarkHidden("conflict")
	sa.out.register(fs, "one JSON object per file copied or deleted (with --dry-run: per\nplanned action): key, bytes, seconds, status, op, why, ...")
	a.conn.register(cmd)
	return cmd
}

// check reads SOURCE and DEST and the flags.
func (a *syncArgs) check(fs *pflag.FlagSet, pos []string) error {
	a.x.noteGiven(fs)
	if err := a.out.check(); err != nil {
		return err
	}
	if len(pos) != 2 {
		return errors.New("name a SOURCE and a DEST")
	}
	if a.x.given["conflict"] {
		return errors.New("sync replaces what differs at DEST: --conflict is for cp")
	}
	if err := a.checkMode(); err != nil {
		return err
	}
	var err error
	if a.opts, err = a.x.options(); err != nil {
		return err
	}
	if a.src, err = parseEndpoint(pos[0]); err != nil {
		return err
	}
	if a.dst, err = parseEndpoint(pos[1]); err != nil {
		return err
	}
	if err := a.checkSides(); err != nil {
		return err
	}
	a.filter, err = syncplan.NewFilter(a.excludes, a.includes)
	return err
}

// checkMode reads the comparison flags and --force.
func (a *syncArgs) checkMode() error {
	n := 0
	for _, on := range []bool{a.sizeOnly, a.byTime, a.checksum} {
		if on {
			n++
		}
	}
	switch {
	case n > 1:
		return errors.New("--size-only, --mtime and --checksum exclude each other")
	case a.force && !a.del:
		return errors.New("-f goes with --delete (it skips the question before deleting)")
	case a.sizeOnly:
		a.mode = syncplan.BySize
	case a.byTime:
		a.mode = syncplan.ByTime
	}
	return nil
}

// checkSides refuses syncs ferry does not do.
func (a *syncArgs) checkSides() error {
	switch {
	case !a.src.isS3 && !a.dst.isS3:
		return errors.New("neither side is an s3:// location; ferry syncs a folder with a prefix, or two prefixes")
	}
	for _, e := range []*endpoint{&a.src, &a.dst} {
		if e.isS3 && e.loc.Key != "" && !e.loc.IsPrefix() {
			e.loc.Key += "/" // a prefix: sync works on folders
		}
	}
	if !a.src.isS3 {
		if fi, err := os.Stat(a.src.local); err != nil || !fi.IsDir() {
			return fmt.Errorf("SOURCE %s is not a folder", a.src.local)
		}
	}
	if !a.dst.isS3 {
		if fi, err := os.Stat(a.dst.local); err == nil && !fi.IsDir() {
			return fmt.Errorf("DEST %s is a file, not a folder", a.dst.local)
		}
	}
	return nil
}
