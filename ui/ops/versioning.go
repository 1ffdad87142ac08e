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
