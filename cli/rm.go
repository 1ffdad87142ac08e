package cli

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/s3ops"
)

const rmLong = `Deletes objects. With -r, deletes folders: every key below the prefix
(s3://bucket/photos/ or s3://bucket/photos), in batches of 1,000; with -r
and a bucket (s3://bucket), every object in it (the bucket stays).

On a versioned bucket S3 keeps the data: a delete adds a delete marker and
older versions stay (the TUI can restore them).

--incomplete aborts the unfinished multipart uploads whose keys start with
the prefix (s3://bucket/[prefix]) instead of deleting objects, and cleans
the ferry cp journals not run for a week that hold transfers of the bucket;
it asks first on a terminal (see ferry ls --incomplete).

Exit status: 0 when everything was deleted, 1 when anything could not be (or
did not exist, without --force), 2 for bad usage, 130 when interrupted.`

const rmExamples = `
ferry rm s3://docs/old-draft.txt
ferry rm -r s3://backup/2019/
ferry rm --incomplete --dry-run s3://backup/
ferry rm -r --dry-run s3://backup/2019/ | wc -l
`

// rmArgs are the parsed arguments of `ferry rm`.
type rmArgs struct {
	conn      string // the connection the locations name ("": the flags')
	locs      []s3ops.Location
	recursive bool
	force     bool
	dryRun    bool
	out       outputFlags
	// incomplete aborts unfinished multipart uploads instead of deleting
	// objects.
	incomplete bool
}

// rmCommand is `ferry rm`.
func (a *app) rmCommand() *cobra.Command {
	var r rmArgs
	cmd := &cobra.Command{
		Use:               "rm s3://bucket/key...",
		Short:             "Delete objects, folders, or unfinished uploads",
		Long:              prose(rmLong),
		Example:           rmExamples,
		Args:              positional(r.check),
		ValidArgsFunction: a.completeS3(s3Only, -1),
		RunE:              a.action(func(s *session, _ []string) error { return runRm(s, r) }),
	}
	fs := cmd.Flags()
	fs.BoolVarP(&r.recursive, "recursive", "r", false, "delete folders and everything below them")
	fs.BoolVarP(&r.force, "force", "f", false, "no error for missing objects; with --incomplete, do not ask first")
	fs.BoolVar(&r.dryRun, "dry-run", false, "print what would be deleted; delete nothing")
	fs.BoolVar(&r.incomplete, "incomplete", false, "abort unfinished multipart uploads instead (see above)")
	r.out.register(fs, "one JSON object per object or folder deleted: key, bytes, seconds,\nstatus, objects, ...")
	a.conn.register(cmd)
	return cmd
}

// runRm deletes what r names. The exit code says whether anything
// failed; the summary on stderr says what.
func runRm(s *session, a rmArgs) error {
	client, err := s.connectNamed(a.conn)
	if err != nil {
		return connectFailure(s, err)
	}
	rep := newReporter(a.out, s.stdout)
	if _, bars := rep.(*barReporter); bars {
		rep.close()
		rep = &lineReporter{w: bufio.NewWriter(s.stdout)}
	}
	d := &deleter{ctx: s.ctx, c: client, a: a, col: newCollector(rep), stderr: s.stderr}
	if a.incomplete {
		d.abortIncomplete(s.stdin)
	} else {
		d.run()
	}
	rep.close()
	return exitCode(d.finish())
}

// check reads the positional arguments.
func (a *rmArgs) check(uris []string) error {
	if err := a.out.check(); err != nil {
		return err
	}
	if len(uris) == 0 {
		return errors.New("name at least one object, e.g. s3://bucket/key")
	}
	a.locs = nil
	names := make([]string, 0, len(uris))
	for _, u := range uris {
		conn, loc, err := splitS3(u)
		if err != nil {
			return err
		}
		names = append(names, conn)
		if err := checkRmTarget(loc, a.recursive, a.incomplete); err != nil {
			return err
		}
		a.locs = append(a.locs, loc)
	}
	var err error
	a.conn, err = oneConnection(names)
	return err
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
