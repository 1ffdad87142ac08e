package ops

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// The metadata editor: the standard headers an object is served with,
// its user metadata (x-amz-meta-*) and its tags. S3 rewrites metadata by
// copying the object onto itself (on a versioned bucket that makes a new
// version); tags change in place.

// Groups of rows in the metadata form.
const (
	groupMeta = "meta"
	groupTags = "tags"
)

// headerFields are the editable headers, in the form's order.
var headerFields = []string{"Content-Type", "Cache-Control", "Content-Disposition", "Content-Encoding", "Content-Language"}

// metaTarget is the object whose metadata e edits in p, or why none.
func metaTarget(p Pane) (*s3ops.Client, s3ops.Location, string) {
	s, ok := p.Source().(source.S3)
	if !ok {
		return nil, s3ops.Location{}, "metadata and tags belong to S3 objects: this pane shows local files"
	}
	e, ok := p.Current()
	switch {
	case !ok || s.Loc.Bucket == "":
		return nil, s3ops.Location{}, "choose an object to edit its metadata"
	case e.IsDir:
		return nil, s3ops.Location{}, entryName(e) + " is a folder: metadata and tags belong to objects"
	}
	return s.Client, s3Loc(s, e), ""
}

// metaLoadedMsg carries an object's metadata and tags to its form.
type metaLoadedMsg struct {
	id      int
	meta    s3ops.Metadata
	tags    map[string]string
	err     error // the metadata could not be read: the form cannot work
	tagsErr error // the tags could not be read: they are left alone
}

func (m metaLoadedMsg) viewID() int { return m.id }

// metaForm is the form and what it was loaded with.
type metaForm struct {
	*form
	client  *s3ops.Client
	loc     s3ops.Location
	meta    s3ops.Metadata
	tags    map[string]string
	tagsErr error
}

// editMeta opens the metadata editor for the object under the cursor.
func (m *Manager) editMeta(p Pane) tea.Cmd {
	c, loc, why := metaTarget(p)
	if why != "" {
		return statusCmd(common.LevelInfo, why)
	}
	id := m.newID()
	f := &form{mgr: m, ctx: m.ctx, id: id, title: "Metadata of " + common.Sanitize(loc.String()), loading: true}
	mf := &metaForm{form: f, client: c, loc: loc}
	for _, h := range headerFields {
		f.addText(h, "", "")
	}
	f.note = "Saving metadata copies the object onto itself (server-side); tags change in place."
	f.edited = func(f *form) { keepOneBlankRow(f, groupMeta); keepOneBlankRow(f, groupTags) }
	f.submit = func(*form) tea.Cmd { return mf.save() }
	return m.show(id, mf, f.start(), loadMeta(m.ctx.Base, id, c, loc))
}

func loadMeta(base context.Context, id int, c *s3ops.Client, loc s3ops.Location) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, quickTimeout)
		defer cancel()
		meta, err := c.GetMetadata(ctx, loc)
		if err != nil {
			return metaLoadedMsg{id: id, err: err}
		}
		tags, tagsErr := c.GetTags(ctx, loc)
		return metaLoadedMsg{id: id, meta: meta, tags: tags, tagsErr: tagsErr}
	}
}

// handle fills the form once loaded, and takes save results.
func (mf *metaForm) handle(msg Msg) tea.Cmd {
	l, ok := msg.(metaLoadedMsg)
	if !ok {
		return mf.form.handle(msg)
	}
	mf.loading = false
	if l.err != nil {
		mf.err = "could not read the metadata: " + l.err.Error()
		mf.busy = "esc closes"
		return nil
	}
	mf.meta, mf.tags, mf.tagsErr = l.meta, l.tags, l.tagsErr
	mf.fill()
	return mf.setFocus(0)
}

// fill puts the loaded values in the fields and adds the rows of user
// metadata and tags, each with a blank row to add one.
func (mf *metaForm) fill() {
	m := mf.meta
	for i, v := range []string{m.ContentType, m.CacheControl, m.ContentDisposition, m.ContentEncoding, m.ContentLanguage} {
		mf.fields[i].input.Set(v)
	}
	mf.addRows(groupMeta, "User metadata (x-amz-meta-*): one key=value per row; clear a row to remove it", m.User)
	if mf.tagsErr != nil {
		mf.note = "Tags could not be read (" + mf.tagsErr.Error() + "); they are left as they are."
		return
	}
	mf.addRows(groupTags, "Tags: one key=value per row (at most 10)", mf.tags)
}

func (mf *metaForm) addRows(group, heading string, kv map[string]string) {
	first := true
	for _, k := range slices.Sorted(maps.Keys(kv)) {
		fl := mf.addText("", k+"="+kv[k], "")
		fl.group = group
		if first {
			fl.section, first = heading, false
		}
	}
	fl := mf.addText("", "", "key=value")
	fl.group = group
	if first {
		fl.section = heading
	}
	mf.SetSize(mf.width, mf.height)
}

// keepOneBlankRow adds a blank row after a group's last row once it has
// been typed into, so there is always one to add to.
func keepOneBlankRow(f *form, group string) {
	last := -1
	for i, fl := range f.fields {
		if fl.group == group {
			last = i
		}
	}
	if last < 0 || f.fields[last].value() == "" {
		return
	}
	fl := &field{group: group, input: f.newText("", "key=value")}
	fl.input.SetWidth(f.fields[last].input.Width())
	f.fields = slices.Insert(f.fields, last+1, fl)
}

// rows reads a group's key=value rows.
func (mf *metaForm) rows(group, what string) (map[string]string, error) {
	out := map[string]string{}
	for _, fl := range mf.fields {
		if fl.group != group || fl.value() == "" {
			continue
		}
		k, v, ok := strings.Cut(fl.value(), "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return nil, fmt.Errorf("%s row %q: write it as key=value", what, fl.value())
		}
		if _, dup := out[k]; dup {
			return nil, fmt.Errorf("%s key %q is given twice", what, k)
		}
		out[k] = strings.TrimSpace(v)
	}
	return out, nil
}

// edits is what the form asks to change.
func (mf *metaForm) edits() (s3ops.Metadata, map[string]string, error) {
	user, err := mf.rows(groupMeta, "metadata")
	if err != nil {
		return s3ops.Metadata{}, nil, err
	}
	v := func(i int) string { return mf.fields[i].value() }
	meta := s3ops.Metadata{ContentType: v(0), CacheControl: v(1), ContentDisposition: v(2), ContentEncoding: v(3),
		ContentLanguage: v(4), User: user}
	if mf.tagsErr != nil {
		return meta, nil, nil
	}
	tags, err := mf.rows(groupTags, "tag")
	return meta, tags, err
}

// save writes what changed: the metadata by a copy in place, the tags
// with their own call; nothing at all when nothing changed.
func (mf *metaForm) save() tea.Cmd {
	meta, tags, err := mf.edits()
	if err != nil {
		mf.err = err.Error()
		return nil
	}
	metaChanged := !sameMeta(meta, mf.meta)
	tagsChanged := mf.tagsErr == nil && !maps.Equal(tags, mf.tags) && !(len(tags) == 0 && len(mf.tags) == 0)
	id, c, loc := mf.id, mf.client, mf.loc
	if !metaChanged && !tagsChanged {
		return func() tea.Msg {
			return resultMsg{id: id, status: "nothing changed in " + common.Sanitize(loc.String())}
		}
	}
	ctx, cancel := mf.mgr.opContext()
	return func() tea.Msg {
		defer cancel()
		var errs []error
		if metaChanged {
			if err := c.SetMetadata(ctx, loc, meta); err != nil {
				errs = append(errs, fmt.Errorf("metadata not saved: %w", err))
			}
		}
		if tagsChanged {
			if err := c.SetTags(ctx, loc, tags); err != nil {
				errs = append(errs, fmt.Errorf("tags not saved: %w", err))
			}
		}
		return resultMsg{id: id, err: errors.Join(errs...), status: savedText(metaChanged, tagsChanged, loc),
			changed: []where{s3Where(loc.Bucket)}}
	}
}

func sameMeta(a, b s3ops.Metadata) bool {
	if len(a.User) == 0 && len(b.User) == 0 {
		a.User, b.User = nil, nil
	}
	return a.ContentType == b.ContentType && a.CacheControl == b.CacheControl && a.ContentDisposition == b.ContentDisposition &&
		a.ContentEncoding == b.ContentEncoding && a.ContentLanguage == b.ContentLanguage && maps.Equal(a.User, b.User)
}

func savedText(meta, tags bool, loc s3ops.Location) string {
	what := "metadata and tags"
	switch {
	case !tags:
		what = "metadata"
	case !meta:
		what = "tags"
	}
	return "saved the " + what + " of " + common.Sanitize(loc.String())
}
