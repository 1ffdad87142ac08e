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
	bucket string // bucketKey: the connection and the bucket
	status s3ops.VersioningStatus
	err    error
}

func (versioningMsg) viewID() int { return 0 }

// versioningFresh is how long a bucket's answer is trusted before a
// pane showing the bucket asks again: versioning can be turned on (in
// the console, by a colleague) while ferry runs, and an error (a
// network blip, a missing permission) should not stick for the session.
const versioningFresh = time.Minute

// bucketState is what is known about a bucket's versioning.
type bucketState struct {
	asking bool      // a question is in flight
	at     time.Time // when the last answer came
	known  bool
	status s3ops.VersioningStatus
	err    error // why the last question got no answer
}

// SyncVersioning asks the buckets the panes show for their versioning
// state, once a minute at most per bucket (so the versions key and the
// delete question can tell versioned buckets apart).
func (m *Manager) SyncVersioning(panes []Pane) tea.Cmd {
	var cmds []tea.Cmd
	now := m.ctx.Clock.Now()
	for _, p := range panes {
		s, ok := p.Source().(source.S3)
		if !ok || s.Loc.Bucket == "" {
			continue
		}
		k := bucketKey(s)
		b, seen := m.buckets[k]
		if b.asking || (seen && now.Sub(b.at) < versioningFresh) {
			continue
		}
		b.asking = true
		m.buckets[k] = b
		cmds = append(cmds, versioningCmd(m.ctx.Base, s.Client, s.Loc.Bucket, k))
	}
	return tea.Batch(cmds...)
}

// bucketKey names the bucket s is in, on its connection (two connections
// may each have a bucket of one name).
func bucketKey(s source.S3) string { return s.Conn + "\x00" + s.Loc.Bucket }

func versioningCmd(base context.Context, c *s3ops.Client, bucket, key string) tea.Cmd {
	return func() tea.Msg {
		ctx, cancel := context.WithTimeout(base, versioningTimeout)
		defer cancel()
		st, err := c.BucketVersioning(ctx, bucket)
		return versioningMsg{bucket: key, status: st, err: err}
	}
}

// noteVersioning keeps a bucket's answer. A failed question keeps what
// was known before (a blip does not make a versioned bucket look
// unversioned) and remembers why, so v can say it.
func (m *Manager) noteVersioning(msg versioningMsg) {
	b := m.buckets[msg.bucket]
	b.asking, b.at, b.err = false, m.ctx.Clock.Now(), msg.err
	if msg.err == nil {
		b.known, b.status = true, msg.status
	}
	m.buckets[msg.bucket] = b
}

// Versioning is the versioning state of the bucket s is in, when known.
func (m *Manager) Versioning(s source.S3) (s3ops.VersioningStatus, bool) {
	b := m.buckets[bucketKey(s)]
	return b.status, b.known
}

// versioned reports whether the bucket s is in is known to keep versions.
func (m *Manager) versioned(s source.S3) bool {
	st, ok := m.Versioning(s)
	return ok && st.HasVersions()
}

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
	b := m.buckets[bucketKey(s)]
	switch {
	case !b.known && b.err != nil:
		// The bucket would not say (e.g. no s3:GetBucketVersioning):
		// listing the versions may still be allowed, and if not the
		// dialog says why.
	case !b.known:
		return s3ops.Location{}, "still asking bucket " + s.Loc.Bucket + " whether it keeps versions; try again in a moment"
	case !b.status.HasVersions():
		return s3ops.Location{}, "bucket " + s.Loc.Bucket + " has versioning off: it keeps no old versions"
	}
	return s3Loc(s, e), ""
}

// ChangedBucket lists again the panes showing bucket (its objects' versions changed).
func (m *Manager) ChangedBucket(panes []Pane, bucket string) tea.Cmd {
	return refreshPanes(panes, []where{s3Where(bucket)})
}
