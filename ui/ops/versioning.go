package ops

import (
	"context"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/ui/source"
)

// versioningTimeout bounds asking a bucket for its versioning state.
const versioningTimeout = 15 * time.Second

// versioningMsg is a bucket's versioning state.
type versioningMsg struct {
	bucket string
	status s3ops.VersioningStatus
	err    error
}

func (versioningMsg) viewID() int { return 0 }

// bucketState is what is known about a bucket's versioning.
type bucketState struct {
	asked  bool
	known  bool
	status s3ops.VersioningStatus
}

// SyncVersioning asks the buckets the panes show for their versioning
// state, once per bucket (so the versions key and the delete question
// can tell versioned buckets apart).
func (m *Manager) SyncVersioning(panes []Pane) tea.Cmd {
	var cmds []tea.Cmd
	for _, p := range panes {
		s, ok := p.Source().(source.S3)
		if !ok || s.Loc.Bucket == "" || m.buckets[s.Loc.Bucket].asked {
			continue
		}
		m.buckets[s.Loc.Bucket] = bucketState{asked: true}
		cmds = append(cmds, versioningCmd(m.ctx.Base, s.Client, s.Loc.Bucket))
	}
	return tea.Batch(cmds...)
}

func versioningCmd(base context.Context, c *s3ops.Client, bucket string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, versioningTimeout)
		defer cancel()
		st, err := c.BucketVersioning(ctx, bucket)
		return versioningMsg{bucket: bucket, status: st, err: err}
	}
}

func (m *Manager) noteVersioning(msg versioningMsg) {
	if msg.err != nil {
		// Not knowing is not fatal (the bucket may be missing, or the
		// user not allowed to ask): the bucket counts as unversioned and
		// is not asked again this session.
		return
	}
	m.buckets[msg.bucket] = bucketState{asked: true, known: true, status: msg.status}
}

// Versioning is a bucket's versioning state, when known.
func (m *Manager) Versioning(bucket string) (s3ops.VersioningStatus, bool) {
	b := m.buckets[bucket]
	return b.status, b.known
}

// versioned reports whether a bucket is known to keep versions.
func (m *Manager) versioned(bucket string) bool {
	st, ok := m.Versioning(bucket)
	return ok && st.HasVersions()
}

// ForgetVersioning drops what is known of a bucket (e.g. it was deleted).
func (m *Manager) ForgetVersioning(bucket string) { delete(m.buckets, bucket) }

// VersionsTarget is the object whose versions v lists in p, or why there
// is none.
func (m *Manager) VersionsTarget(p Pane) (s3ops.Location, string) {
	s, ok := p.Source().(source.S3)
	if !ok {
		return s3ops.Location{}, "local files have no versions: versions are kept by S3 buckets with versioning on"
	}
	e, ok := p.Current()
	switch {
	case s.Loc.Bucket == "" || !ok:
		return s3ops.Location{}, "choose an object to see its versions"
	case e.IsDir:
		return s3ops.Location{}, entryName(e) + " is a folder: versions belong to objects"
	}
	st, known := m.Versioning(s.Loc.Bucket)
	switch {
	case !known:
		return s3ops.Location{}, "still asking bucket " + s.Loc.Bucket + " whether it keeps versions; try again in a moment"
	case !st.HasVersions():
		return s3ops.Location{}, "bucket " + s.Loc.Bucket + " has versioning off: it keeps no old versions"
	}
	return s3Loc(s, e), ""
}

// ChangedBucket lists again the panes showing bucket (its objects' versions changed).
func (m *Manager) ChangedBucket(panes []Pane, bucket string) tea.Cmd {
	return refreshPanes(panes, []where{s3Where(bucket)})
}
