package ops

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/localops"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// mkdir asks for the name of a new folder in the pane's location: a
// local directory, or on S3 a zero-byte "name/" folder marker.
func (m *Manager) mkdir(p Pane) tea.Cmd {
	src := p.Source()
	id := m.newID()
	f := &form{mgr: m, ctx: m.ctx, id: id, title: "New folder in " + common.Sanitize(src.String())}
	f.addText("Name", "", "a/b makes nested folders")
	if src.Kind() == source.KindS3 {
		f.note = "S3 has no real folders: this creates an empty \"name/\" folder marker, which every S3 tool shows as a folder."
	}
	f.submit = func(f *form) tea.Cmd {
		name := f.fields[0].value()
		if err := checkName(src, name); err != nil {
			f.err = err.Error()
			return nil
		}
		return mkdirCmd(m, id, src, name)
	}
	return m.show(id, f, f.start())
}

func checkName(src source.Source, name string) error {
	if src.Kind() == source.KindS3 {
		return s3ops.CheckName(name)
	}
	return localops.CheckName(name)
}

func mkdirCmd(m *Manager, id int, src source.Source, name string) tea.Cmd {
	ctx, cancel := m.opContext()
	return func() tea.Msg {
		defer cancel()
		switch s := src.(type) {
		case source.S3:
			loc, err := s.Client.MakeFolder(ctx, s.Loc, name)
			return resultMsg{id: id, err: err, status: "created folder " + common.Sanitize(loc.String()),
				changed: []where{s3Where(s.Loc.Bucket)}, focus: []focusOn{{src: s.String(), name: firstPart(name), isDir: true}}}
		case source.Local:
			path, err := localops.Mkdir(s.Dir, name)
			return resultMsg{id: id, err: err, status: "created folder " + common.Sanitize(path), changed: []where{{dir: s.Dir}},
				focus: []focusOn{{src: s.String(), name: firstPart(name), isDir: true}}}
		}
		return nil
	}
}

// firstPart is the first element of a name typed with slashes: the
// folder that appears where the user is.
func firstPart(name string) string {
	first, _, _ := strings.Cut(name, "/")
	return first
}

// awsRegions are the regions offered for a new bucket on AWS, after the
// connection's own.
var awsRegions = []string{"us-east-1", "us-east-2", "us-west-1", "us-west-2", "ca-central-1", "sa-east-1",
	"eu-west-1", "eu-west-2", "eu-west-3", "eu-central-1", "eu-north-1", "eu-south-1",
	"ap-south-1", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-2", "af-south-1", "me-south-1"}

// regionChoices puts the connection's region first; a custom endpoint
// (MinIO, R2, the demo gateway) usually knows only its own.
func regionChoices(c *s3ops.Client) []string {
	own := c.Region()
	if c.CustomEndpoint() {
		return []string{own}
	}
	out := []string{own}
	for _, r := range awsRegions {
		if !slices.Contains(out, r) {
			out = append(out, r)
		}
	}
	return out
}

// newBucket asks for a bucket's name and region.
func (m *Manager) newBucket(p Pane) tea.Cmd {
	s, ok := p.Source().(source.S3)
	if !ok || s.Client == nil {
		return nil
	}
	id := m.newID()
	f := &form{mgr: m, ctx: m.ctx, id: id, title: "New bucket"}
	f.addText("Name", "", "3-63 lower-case letters, digits, dots, hyphens")
	f.addChoice("Region", regionChoices(s.Client))
	if !s.Client.CustomEndpoint() {
		f.note = "Bucket names are global on AWS: someone else may already have this one."
	}
	f.submit = func(f *form) tea.Cmd {
		name, region := f.fields[0].value(), f.fields[1].value()
		if name == "" {
			f.err = "the bucket needs a name"
			return nil
		}
		if err := s3ops.CheckNewBucketName(name); err != nil {
			f.err = err.Error()
			return nil
		}
		return createBucketCmd(m, id, s.Client, name, region)
	}
	return m.show(id, f, f.start())
}

func createBucketCmd(m *Manager, id int, c *s3ops.Client, name, region string) tea.Cmd {
	ctx, cancel := m.opContext()
	return func() tea.Msg {
		defer cancel()
		err := c.CreateBucket(ctx, name, region)
		if err != nil {
			err = fmt.Errorf("could not create bucket %s: %w", common.Sanitize(name), err)
		}
		return resultMsg{id: id, err: err, status: fmt.Sprintf("created bucket %s (%s)", common.Sanitize(name), region),
			changed: []where{{bucket: name, buckets: true}},
			focus:   []focusOn{{src: s3ops.Location{}.String(), name: name, isDir: true}}}
	}
}

// deleteBucket asks before deleting the bucket under the cursor, which
// S3 only allows when it is empty.
func (m *Manager) deleteBucket(p Pane) tea.Cmd {
	e, ok := p.Current()
	s, isS3 := p.Source().(source.S3)
	if !ok || !isS3 {
		return statusCmd(common.LevelInfo, "no bucket here to delete")
	}
	name := e.Key
	id := m.newID()
	a := &ask{mgr: m, ctx: m.ctx, id: id, yes: "Delete bucket", danger: true, title: "Delete bucket " + common.Sanitize(name) + "?"}
	a.body = func(w int) []string {
		return common.Wrapped("Only an empty bucket can be deleted: ferry refuses one that still holds objects, and S3 one that holds old versions or unfinished uploads.", w, m.ctx.Styles.DialogValue.Render)
	}
	a.onYes = func() tea.Cmd { return m.deleteBucketCmd(s.Client, name) }
	return m.show(id, a)
}

func (m *Manager) deleteBucketCmd(c *s3ops.Client, name string) tea.Cmd {
	ctx, cancel := m.opContext()
	return func() tea.Msg {
		defer cancel()
		err := c.DeleteBucket(ctx, name)
		switch {
		case errors.Is(err, s3ops.ErrBucketNotEmpty):
			// The sentence already says what to do.
		case err != nil:
			err = fmt.Errorf("could not delete bucket %s: %w", common.Sanitize(name), err)
		}
		return resultMsg{err: err, status: "deleted bucket " + common.Sanitize(name), changed: []where{{bucket: name, buckets: true}}}
	}
}
