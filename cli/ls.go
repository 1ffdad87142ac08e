package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"time"

	"github.com/spf13/cobra"

	"github.com/ferry-s3/ferry/internal/safetext"
	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
)

const lsLong = `Lists the objects and folders under a prefix, one name per line (folders end
in "/"); with no URI, or s3://, lists the buckets. Names are relative to the
prefix listed. A URI that names an object lists that object; one that names
neither an object nor a folder is an error.

--incomplete lists the unfinished multipart uploads instead (they cost
storage and no listing of objects shows them): when each started, its parts
and bytes stored, what ferry can do with it (resumable: run the same copy
again; stale: resumable but not worked on for 7 days; changed/gone: its
source changed or was deleted; unknown: ferry did not start it), and the
key. ferry rm --incomplete aborts them.

Exit status: 0 when listed, 1 when the bucket, folder or object does not
exist or the listing failed, 2 for bad usage, 130 when interrupted.`

const lsExamples = `
ferry ls
ferry ls -l s3://photos/2024/
ferry ls --recursive s3://backup/ | wc -l
ferry ls --incomplete --human s3://backup/
`

// lsArgs are the parsed arguments of `ferry ls`.
type lsArgs struct {
	conn      string // the connection the location names ("": the flags')
	loc       s3ops.Location
	long      bool
	human     bool
	recursive bool
	json      bool
	// incomplete lists unfinished multipart uploads instead of objects.
	incomplete bool
}

// lsCommand is `ferry ls`.
func (a *app) lsCommand() *cobra.Command {
	var l lsArgs
	cmd := &cobra.Command{
		Use:               "ls [s3://bucket/prefix]",
		Short:             "List buckets, a prefix, or unfinished uploads",
		Long:              prose(lsLong),
		Example:           lsExamples,
		Args:              positional(l.check),
		ValidArgsFunction: a.completeS3(s3Only, 1),
		RunE:              a.action(func(s *session, _ []string) error { return runLs(s, l) }),
	}
	fs := cmd.Flags()
	fs.BoolVarP(&l.long, "long", "l", false, "show time and size (objects), creation time and region (buckets)")
	fs.BoolVar(&l.human, "human", false, "with --long or --incomplete, sizes as 1.5 MiB instead of bytes")
	fs.BoolVarP(&l.recursive, "recursive", "r", false, "list every key below the prefix, not only one level (also -R)")
	alias(fs, "recursive", "R")
	fs.BoolVar(&l.incomplete, "incomplete", false, "list unfinished multipart uploads instead (see above)")
	fs.BoolVar(&l.json, "json", false, "one JSON object per entry: key, name, type, size, modified, etag,\nstorage_class (buckets: name, created, region)")
	a.conn.register(cmd)
	return cmd
}

// runLs lists what l names.
func runLs(s *session, l lsArgs) error {
	client, err := s.connectNamed(l.conn)
	if err != nil {
		return connectFailure(s, err)
	}
	w := bufio.NewWriterSize(s.stdout, 64<<10)
	defer w.Flush()
	if l.incomplete {
		err = listIncomplete(s.ctx, client, l, w, s.stderr)
	} else {
		err = (&lister{ctx: s.ctx, c: client, a: l, w: w}).run()
	}
	if err != nil {
		w.Flush()
		return failure(s.ctx, err)
	}
	return nil
}

// check reads the positional arguments and refuses flags that do not go
// together.
func (a *lsArgs) check(pos []string) error {
	switch {
	case len(pos) > 1:
		return errors.New("list one location at a time")
	case a.human && !a.long && !a.incomplete:
		return errors.New("--human goes with --long or --incomplete")
	case a.json && a.long:
		return errors.New("--json already has every field; leave out --long")
	case len(pos) == 1:
		conn, loc, err := splitS3(pos[0])
		if err != nil {
			return err
		}
		a.conn, a.loc = conn, loc
	}
	if a.incomplete && (a.loc.Bucket == "" || a.long || a.recursive) {
		return errors.New("--incomplete lists the unfinished uploads of one bucket (s3://bucket/[prefix]), every level, in one format: leave out -l and -R")
	}
	return nil
}

// lister prints one listing.
type lister struct {
	ctx context.Context
	c   *s3ops.Client
	a   lsArgs
	w   *bufio.Writer
}

func (l *lister) run() error {
	if l.a.loc.Bucket == "" {
		return l.buckets()
	}
	loc := l.a.loc
	if !loc.IsPrefix() {
		info, dir, err := lookup(l.ctx, l.c, loc)
		switch {
		case err != nil && s3ops.KindOf(err) == s3ops.KindNoSuchKey:
			return fmt.Errorf("%s: no such object or folder", loc)
		case err != nil:
			return fmt.Errorf("%s: %w", loc, err)
		case dir == nil:
			l.entry(s3ops.Entry{Name: path.Base(loc.Key), Key: loc.Key, Size: info.Size, Modified: info.Modified,
				ETag: info.ETag, StorageClass: info.StorageClass})
			return nil
		}
		loc = *dir
	}
	n, err := l.prefix(loc)
	if err != nil {
		return fmt.Errorf("%s: %w", loc, err)
	}
	if n == 0 && loc.Key != "" {
		return l.checkFolder(loc)
	}
	return nil
}

// prefix prints the listing of loc page by page and counts the entries.
func (l *lister) prefix(loc s3ops.Location) (int, error) {
	n := 0
	err := l.c.List(l.ctx, loc, s3ops.ListOptions{Recursive: l.a.recursive}, func(p s3ops.Page) bool {
		for _, e := range p.Entries {
			l.entry(e)
		}
		n += len(p.Entries)
		l.w.Flush()
		return true
	})
	return n, err
}

// checkFolder tells an empty folder (its marker exists) from a name that
// is nothing at all.
func (l *lister) checkFolder(loc s3ops.Location) error {
	ok, err := l.c.Exists(l.ctx, loc)
	if err != nil {
		return fmt.Errorf("%s: %w", loc, err)
	}
	if !ok {
		what := "no such folder"
		if loc != l.a.loc {
			what = "no such object or folder"
		}
		return fmt.Errorf("%s: %s", l.a.loc, what)
	}
	return nil
}

// lsEntry is the --json form of an object or folder.
type lsEntry struct {
	Key          string     `json:"key"`
	Name         string     `json:"name"`
	Type         string     `json:"type"`
	Size         int64      `json:"size"`
	Modified     *time.Time `json:"modified,omitempty"`
	ETag         string     `json:"etag,omitempty"`
	StorageClass string     `json:"storage_class,omitempty"`
}

func (l *lister) entry(e s3ops.Entry) {
	switch {
	case l.a.json:
		j := lsEntry{Key: e.Key, Name: e.Name, Type: "object", Size: e.Size, ETag: e.ETag, StorageClass: e.StorageClass}
		if e.IsPrefix {
			j.Type = "folder"
		} else {
			m := e.Modified.UTC()
			j.Modified = &m
		}
		b, _ := json.Marshal(j)
		l.w.Write(safetext.JSON(b))
	case l.a.long && e.IsPrefix:
		fmt.Fprintf(l.w, "%19s  %10s  %s", "", "DIR", e.Name)
	case l.a.long:
		fmt.Fprintf(l.w, "%s  %10s  %s", e.Modified.Local().Format(time.DateTime), l.size(e.Size), e.Name)
	default:
		l.w.WriteString(e.Name)
	}
	l.w.WriteByte('\n')
}

func (l *lister) size(n int64) string {
	if l.a.human {
		return units.Bytes(n)
	}
	return fmt.Sprint(n)
}

// lsBucket is the --json form of a bucket.
type lsBucket struct {
	Name    string     `json:"name"`
	Created *time.Time `json:"created,omitempty"`
	Region  string     `json:"region,omitempty"`
}

func (l *lister) buckets() error {
	bs, err := l.c.ListBuckets(l.ctx)
	if err != nil {
		return fmt.Errorf("listing buckets: %w", err)
	}
	for _, b := range bs {
		switch {
		case l.a.json:
			j := lsBucket{Name: b.Name, Region: b.Region}
			if !b.Created.IsZero() {
				c := b.Created.UTC()
				j.Created = &c
			}
			out, _ := json.Marshal(j)
			l.w.Write(safetext.JSON(out))
		case l.a.long:
			fmt.Fprintf(l.w, "%s  %-14s  %s", b.Created.Local().Format(time.DateTime), orDash(b.Region), b.Name)
		default:
			l.w.WriteString(b.Name)
		}
		l.w.WriteByte('\n')
	}
	return nil
}

func orDash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}
