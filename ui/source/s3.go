package source

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/ferry-s3/ferry/internal/units"
	"github.com/ferry-s3/ferry/s3ops"
)

// s3PageSize is the number of keys asked for per ListObjectsV2 request.
const s3PageSize = 1000

// S3 is a place in S3: the bucket list (empty bucket), a bucket's root, or
// a prefix inside a bucket.
type S3 struct {
	Client *s3ops.Client
	Loc    s3ops.Location
	// Conn is the name of the connection Client is on ("" for the
	// default one, what the flags and the environment give).
	Conn string
	// Err is why Client could not be made (it is then nil): listing the
	// location says so, and nothing else reaches the store.
	Err error
	// ShowDeleted lists, after the live entries, the objects deleted in a
	// versioned bucket and the folders left with only deleted objects.
	// Open and Parent do not carry it: the pane sets it on every location
	// it shows (see DeletedShower).
	ShowDeleted bool
}

// NewS3 returns the S3 location loc; a key that is not a prefix is taken
// as one ("photos" means "photos/").
func NewS3(c *s3ops.Client, loc s3ops.Location) S3 {
	if !loc.IsPrefix() {
		loc.Key += "/"
	}
	return S3{Client: c, Loc: loc}
}

// Kind is KindS3.
func (s S3) Kind() Kind { return KindS3 }

// String is the s3:// URI of the location.
func (s S3) String() string { return s.Loc.String() }

// Caps: S3 has neither a home nor hidden files; inside a bucket it can
// list deleted objects.
func (s S3) Caps() Caps { return Caps{Deleted: s.Loc.Bucket != ""} }

// ShowingDeleted is s listing deleted objects, or not.
func (s S3) ShowingDeleted(show bool) Source {
	s.ShowDeleted = show
	return s
}

// List streams the bucket list, or the prefix one level deep in pages;
// then, with ShowDeleted, what was deleted there.
func (s S3) List(ctx context.Context, emit func([]Entry) bool) error {
	if s.Client == nil {
		return s.unreachable()
	}
	if s.Loc.Bucket == "" {
		return s.listBuckets(ctx, emit)
	}
	opt := s3ops.ListOptions{PageSize: s3PageSize}
	var live map[string]bool
	if s.ShowDeleted {
		live = map[string]bool{}
	}
	stopped := false
	err := s.Client.List(ctx, s.Loc, opt, func(p s3ops.Page) bool {
		es := s.entries(p.Entries)
		for _, e := range es {
			if live != nil {
				live[e.Key] = true
			}
		}
		stopped = !emit(es)
		return !stopped
	})
	if err != nil || stopped || !s.ShowDeleted {
		return err
	}
	return s.listDeleted(ctx, live, emit)
}

// listDeleted emits the deleted objects and the folders that only hold
// deleted objects, leaving out every name the live listing has.
func (s S3) listDeleted(ctx context.Context, live map[string]bool, emit func([]Entry) bool) error {
	err := s.Client.ListDeleted(ctx, s.Loc, func(in []s3ops.Entry) bool {
		var out []Entry
		for _, e := range s.entries(in) {
			if !live[e.Key] {
				e.Deleted = true // an object deleted, or a folder of deleted objects
				out = append(out, e)
			}
		}
		return len(out) == 0 || emit(out)
	})
	if err != nil {
		return fmt.Errorf("listing deleted objects: %w", err)
	}
	return nil
}

func (s S3) listBuckets(ctx context.Context, emit func([]Entry) bool) error {
	buckets, err := s.Client.ListBuckets(ctx)
	if err != nil {
		if s3ops.KindOf(err) == s3ops.KindAccessDenied {
			return &s3ops.Error{Kind: s3ops.KindAccessDenied, Err: err,
				Msg: err.Error() + ": these credentials may not list buckets; start ferry with s3://bucket/ to open one directly"}
		}
		return err
	}
	out := make([]Entry, len(buckets))
	for i, b := range buckets {
		out[i] = Entry{Name: b.Name, Key: b.Name, IsDir: true, Modified: b.Created}
	}
	emit(out)
	return nil
}

func (s S3) entries(in []s3ops.Entry) []Entry {
	out := make([]Entry, len(in))
	for i, e := range in {
		out[i] = Entry{Name: strings.TrimSuffix(e.Name, "/"), Key: e.Key, IsDir: e.IsPrefix,
			Size: e.Size, Modified: e.Modified, Deleted: e.Deleted}
	}
	return out
}

// Location is where entry e is: a bucket (in the bucket list), a prefix
// ending in "/" (a folder) or an object.
func (s S3) Location(e Entry) s3ops.Location {
	if s.Loc.Bucket == "" {
		return s3ops.Location{Bucket: e.Key}
	}
	key := e.Key
	if e.IsDir && !strings.HasSuffix(key, "/") {
		key += "/"
	}
	return s3ops.Location{Bucket: s.Loc.Bucket, Key: key}
}

// Open enters a bucket or a prefix.
func (s S3) Open(e Entry) (Source, bool) {
	if !e.IsDir {
		return nil, false
	}
	if s.Loc.Bucket == "" {
		return s.at(s3ops.Location{Bucket: e.Key}), true
	}
	return s.at(s3ops.Location{Bucket: s.Loc.Bucket, Key: e.Key}), true
}

// Parent is the enclosing prefix; a bucket's root goes to the bucket list.
func (s S3) Parent() (Source, string, bool) {
	if s.Loc.Bucket == "" {
		return nil, "", false
	}
	parent := s.Loc.Parent()
	name := strings.TrimSuffix(strings.TrimPrefix(s.Loc.Key, parent.Key), "/")
	if s.Loc.Key == "" {
		name = s.Loc.Bucket
	}
	return s.at(parent), name, true
}

// Home: S3 has none.
func (s S3) Home() (Source, bool) { return nil, false }

// Details describes a bucket, a prefix, or (with HeadObject) an object.
func (s S3) Details(ctx context.Context, e Entry) (Details, error) {
	switch {
	case s.Client == nil:
		return Details{}, s.unreachable()
	case s.Loc.Bucket == "":
		return s.bucketDetails(ctx, e), nil
	case e.Deleted:
		return deletedDetails(s3ops.Location{Bucket: s.Loc.Bucket, Key: e.Key}, e), nil
	case e.IsDir:
		loc := s3ops.Location{Bucket: s.Loc.Bucket, Key: e.Key}
		return Details{Title: e.Name + "/", Fields: []Field{{"Location", loc.String()}, {"Type", "prefix (folder)"}}}, nil
	}
	return s.objectDetails(ctx, e)
}

// deletedDetails describes a deleted object (its HEAD would only say
// "not found") or a folder of deleted objects.
func deletedDetails(loc s3ops.Location, e Entry) Details {
	if e.IsDir {
		return Details{Title: e.Name + "/ (deleted)", Fields: []Field{{"Location", loc.String()},
			{"Type", "prefix whose objects were all deleted; open it to see them"}}}
	}
	d := Details{Title: e.Name + " (deleted)", Fields: []Field{{"Location", loc.String()},
		{"State", "deleted: the latest version is a delete marker"}}}
	if !e.Modified.IsZero() {
		d.Fields = append(d.Fields, Field{"Deleted at", e.Modified.Local().Format("2006-01-02 15:04:05 MST")})
	}
	return d
}

func (s S3) bucketDetails(ctx context.Context, e Entry) Details {
	d := Details{Title: e.Name, Fields: []Field{{"Location", "s3://" + e.Key + "/"}, {"Type", "bucket"},
		{"Region", s.Client.BucketRegion(ctx, e.Key)}}}
	if !e.Modified.IsZero() {
		d.Fields = append(d.Fields, Field{"Created", e.Modified.Local().Format("2006-01-02 15:04:05 MST")})
	}
	return d
}

func (s S3) objectDetails(ctx context.Context, e Entry) (Details, error) {
	loc := s3ops.Location{Bucket: s.Loc.Bucket, Key: e.Key}
	info, err := s.Client.Head(ctx, loc)
	if err != nil {
		return Details{}, objectError(loc, err)
	}
	f := []Field{{"Location", loc.String()}, {"Size", SizeText(info.Size)}, {"ETag", info.ETag},
		{"Content-Type", orNone(info.ContentType)}, {"Last modified", info.Modified.Local().Format("2006-01-02 15:04:05 MST")},
		{"Storage class", info.StorageClass}}
	f = appendIf(f, "Version", info.VersionID)
	f = appendIf(f, "Cache-Control", info.CacheControl)
	f = appendIf(f, "Content-Disposition", info.ContentDispos)
	if info.PartsCount > 0 {
		f = append(f, Field{"Parts", units.Count(int64(info.PartsCount))})
	}
	f = append(f, metadataFields(info.Metadata)...)
	return Details{Title: e.Name, Fields: append(f, s.tagFields(ctx, loc)...)}, nil
}

// tagFields are an object's tags, or why they could not be read (a
// store without tagging, or a user not allowed to read them).
func (s S3) tagFields(ctx context.Context, loc s3ops.Location) []Field {
	tags, err := s.Client.GetTags(ctx, loc)
	switch {
	case err != nil:
		return []Field{{"Tags", "(could not read them: " + err.Error() + ")"}}
	case len(tags) == 0:
		return []Field{{"Tags", "(none)"}}
	}
	return sortedFields("tag: ", tags)
}

func metadataFields(md map[string]string) []Field {
	if len(md) == 0 {
		return []Field{{"Metadata", "(none)"}}
	}
	return sortedFields("x-amz-meta-", md)
}

// sortedFields are m's pairs as fields labelled prefix+key, by key.
func sortedFields(prefix string, m map[string]string) []Field {
	out := make([]Field, 0, len(m))
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, Field{prefix + k, m[k]})
	}
	return out
}

func objectError(loc s3ops.Location, err error) error {
	var e *s3ops.Error
	if errors.As(err, &e) {
		return &s3ops.Error{Kind: e.Kind, Code: e.Code, Err: e, Msg: loc.String() + ": " + e.Msg}
	}
	return err
}

func appendIf(f []Field, label, value string) []Field {
	if value == "" {
		return f
	}
	return append(f, Field{label, value})
}

func orNone(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}
