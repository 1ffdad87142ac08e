package cli

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

const rmUsage = `Usage:
  ferry rm [flags] s3://bucket/key...

Deletes objects. With -r, deletes folders: every key below the prefix
(s3://bucket/photos/ or s3://bucket/photos), in batches of 1,000; with -r
and a bucket (s3://bucket), every object in it (the bucket stays).

On a versioned bucket S3 keeps the data: a delete adds a delete marker
and older versions stay (the TUI can restore them).

Flags:
  -r, --recursive   delete folders and everything below them
  -f, --force       no error for objects that do not exist; with
                    --incomplete, do not ask first
  --dry-run         print what would be deleted; delete nothing
  --incomplete      abort the unfinished multipart uploads whose keys start
                    with the prefix (s3://bucket/[prefix]) instead of
                    deleting objects; asks first on a terminal (see ferry
                    ls --incomplete)
  -q, --quiet       print nothing but the summary and failures
  --json            one JSON object per object or folder deleted:
                    {"key","bytes","seconds","status","objects",...}
  -h, --help        show this help

Exit status: 0 when everything was deleted, 1 when anything could not be
(or did not exist, without --force), 2 for bad usage, 130 when interrupted.

Examples:
  ferry rm s3://docs/old-draft.txt
  ferry rm -r s3://backup/2019/
  ferry rm --incomplete --dry-run s3://backup/
  ferry rm -r --dry-run s3://backup/2019/ | wc -l
`

// rmArgs are the parsed arguments of `ferry rm`.
type rmArgs struct {
	locs      []s3ops.Location
	recursive bool
	force     bool
	dryRun    bool
	out       outputFlags
	// incomplete aborts unfinished multipart uploads instead of deleting
	// objects.
	incomplete bool
}

// RmMain runs `ferry rm` with args (everything after "rm") and returns
// the exit code: 0 deleted, 1 something failed, 2 bad usage, 130
// interrupted.
func RmMain(ctx context.Context, connect Connector, args []string, stdout, stderr io.Writer) int {
	stdout, stderr = terminalSafe(stdout, stderr)
	a, err := parseRmArgs(args)
	if errors.Is(err, flag.ErrHelp) {
		fmt.Fprint(stdout, rmUsage)
		return exitOK
	}
	if err != nil {
		return usageError(stderr, "rm", err)
	}
	client, err := connect(ctx)
	if err != nil {
		return failure(ctx, stderr, "rm", err)
	}
	rep := newReporter(a.out, stdout)
	if _, bars := rep.(*barReporter); bars {
		rep.close()
		rep = &lineReporter{w: bufio.NewWriter(stdout)}
	}
	d := &deleter{ctx: ctx, c: client, a: a, col: newCollector(rep), stderr: stderr}
	if a.incomplete {
		d.abortIncomplete(os.Stdin)
	} else {
		d.run()
	}
	rep.close()
	return d.finish()
}

func parseRmArgs(args []string) (rmArgs, error) {
	var a rmArgs
	fs := newFlagSet("rm")
	fs.BoolVar(&a.recursive, "r", false, "")
	fs.BoolVar(&a.recursive, "recursive", false, "")
	fs.BoolVar(&a.force, "f", false, "")
	fs.BoolVar(&a.force, "force", false, "")
	fs.BoolVar(&a.dryRun, "dry-run", false, "")
	fs.BoolVar(&a.incomplete, "incomplete", false, "")
	a.out.register(fs)
	uris, err := parseInterspersed(fs, args)
	if err != nil {
		return a, connectionFlagHint("rm", err)
	}
	if err := a.out.check(); err != nil {
		return a, err
	}
	if len(uris) == 0 {
		return a, errors.New("name at least one object, e.g. s3://bucket/key")
	}
	for _, u := range uris {
		loc, err := s3ops.ParseURI(u)
		if err != nil {
			return a, err
		}
		if err := checkRmTarget(loc, a.recursive, a.incomplete); err != nil {
			return a, err
		}
		a.locs = append(a.locs, loc)
	}
	return a, nil
}

func checkRmTarget(loc s3ops.Location, recursive, incomplete bool) error {
	switch {
	case incomplete && loc.Bucket == "":
		return errors.New("--incomplete aborts the unfinished uploads of a bucket: name it, e.g. s3://bucket/[prefix]")
	case incomplete:
		return nil // every unfinished upload whose key starts with loc.Key
	case loc.Bucket == "":
		return errors.New("name a bucket and key, e.g. s3://bucket/key")
	case loc.Key == "" && !recursive:
		return fmt.Errorf("%s is a bucket: add -r to delete every object in it", loc)
	case loc.IsPrefix() && !recursive:
		return fmt.Errorf("%s is a folder: add -r to delete it and everything below it", loc)
	}
	return nil
}

// deleter runs one `ferry rm`.
type deleter struct {
	ctx     context.Context
	c       *s3ops.Client
	a       rmArgs
	col     *collector
	stderr  io.Writer
	objects int // deleted, or that would be
}

func (d *deleter) run() {
	for i, loc := range d.a.locs {
		if d.ctx.Err() != nil {
			break
		}
		d.col.plan(1, 0)
		it := d.one(loc)
		d.objects += it.Objects
		d.col.finish(fmt.Sprintf("rm%d", i), it)
	}
	d.col.planned()
}

// one deletes one target: an object, or a folder with -r.
func (d *deleter) one(loc s3ops.Location) item {
	start := time.Now()
	it := item{Op: "delete", Source: loc.String(), Bucket: loc.Bucket, Key: loc.Key}
	target, err := d.resolve(loc)
	if err == nil && d.a.dryRun {
		err = d.dryRun(target, &it)
	} else if err == nil {
		err = d.delete(target, &it)
	}
	it.Seconds = time.Since(start).Seconds()
	switch {
	case err == nil:
		it.Status = statusDone
	case errors.Is(err, errMissingOK):
		it.Status, it.Reason = statusSkipped, "no such object"
	case d.ctx.Err() != nil:
		it.Status, it.Reason = statusCancelled, "cancelled"
	default:
		it.Status, it.Reason = statusFailed, errorText(err)
	}
	return it
}

// errMissingOK is a missing object under --force.
var errMissingOK = errors.New("no such object")

// resolve finds what loc is: an object, or (with -r) a folder. Without
// a trailing "/", -r deletes the folder of that name if there is one,
// else the object.
func (d *deleter) resolve(loc s3ops.Location) (s3ops.Location, error) {
	if loc.IsPrefix() {
		return loc, nil
	}
	dir := s3ops.Location{Bucket: loc.Bucket, Key: loc.Key + "/"}
	if d.a.recursive {
		if isDir, err := isFolder(d.ctx, d.c, dir); err != nil || isDir {
			return dir, err
		}
	}
	exists, err := d.c.Exists(d.ctx, loc)
	switch {
	case err != nil:
		return loc, err // a bare 403 is already explained (s3ops.Client.Head)
	case exists:
		return loc, nil
	}
	isDir, err := isFolder(d.ctx, d.c, dir) // also tells a missing bucket
	switch {
	case err != nil:
		return loc, err
	case isDir:
		return loc, fmt.Errorf("is a folder: add -r to delete %s and everything below it", dir)
	case d.a.force:
		return loc, errMissingOK
	}
	return loc, errors.New("no such object")
}

func (d *deleter) delete(target s3ops.Location, it *item) error {
	it.Source, it.Key = target.String(), target.Key
	res, err := d.c.Delete(d.ctx, target, s3ops.DeleteOptions{})
	it.Objects = res.Deleted
	for _, f := range res.Failed {
		fi := item{Op: "delete", Status: statusFailed, Source: (s3ops.Location{Bucket: target.Bucket, Key: f.Key}).String(),
			Bucket: target.Bucket, Key: f.Key, Reason: errorText(f.Err)}
		d.col.plan(1, 0)
		d.col.finish("rm-"+f.Key, fi)
	}
	if err == nil && len(res.Failed) > 0 && res.Deleted == 0 {
		return fmt.Errorf("none of the %d keys could be deleted", len(res.Failed))
	}
	return err
}

// dryRun prints every object a delete would remove.
func (d *deleter) dryRun(target s3ops.Location, it *item) error {
	it.Source, it.Key = target.String(), target.Key
	it.Op = "would delete"
	if !target.IsPrefix() {
		it.Objects = 1
		return nil
	}
	return d.c.List(d.ctx, target, s3ops.ListOptions{Recursive: true}, func(p s3ops.Page) bool {
		for _, e := range p.Entries {
			it.Objects++
			d.col.rep.finished(item{Op: "would delete", Status: statusDone, Source: s3ops.Location{Bucket: target.Bucket, Key: e.Key}.String(),
				Bucket: target.Bucket, Key: e.Key, Bytes: e.Size}, tally{})
		}
		return true
	})
}

func (d *deleter) finish() int {
	t, failed, skipped := d.col.result()
	if d.ctx.Err() != nil {
		fmt.Fprintln(d.stderr, "ferry rm: interrupted")
		return exitInterrupted
	}
	noun, verbed := "object", "deleted"
	if d.a.incomplete {
		noun, verbed = "incomplete upload", "aborted"
	}
	if d.a.dryRun {
		verbed = "would be " + verbed + " (dry run)"
	}
	s := summary{cmd: "ferry rm", noun: noun, verbed: verbed, t: t, elapsed: time.Since(t.Started),
		failed: failed, skipped: skipped, ok: &d.objects}
	s.print(d.stderr)
	if len(failed) > 0 {
		return exitFail
	}
	return exitOK
}
