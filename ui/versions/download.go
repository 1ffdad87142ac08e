package versions

import (
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// download queues the version under the cursor into the download
// folder, named after the object and the version's time.
func (d *Dialog) download() tea.Cmd {
	v, ok := d.usable("download")
	if !ok {
		return nil
	}
	eng := d.mgr.o.Engine
	if eng == nil {
		d.err = "downloads are not available in this session"
		return nil
	}
	if with := d.mgr.o.WithEngine; with != nil {
		return with(d.src.Conn, func(e *transfer.Engine) tea.Cmd { return d.downloadWith(e, v) })
	}
	return d.downloadWith(eng, v)
}

// downloadWith queues the download of v through eng.
func (d *Dialog) downloadWith(eng *transfer.Engine, v s3ops.Version) tea.Cmd {
	dir := d.mgr.o.DownloadDir()
	target := filepath.Join(dir, versionName(d.loc.Key, v, d.ctx.TimeZone))
	d.busy = "queueing the download…"
	id, loc, base, conn := d.id, d.loc, d.ctx.Base, d.src.Conn
	return func() tea.Msg {
		b, err := eng.DownloadVersionAs(base, loc, v, target, transfer.PolicyDefault)
		if err != nil {
			return queuedMsg{id: id, err: err}
		}
		q := transfers.QueuedMsg{Conn: conn, Dir: transfer.Download, Dest: dir, Batches: []transfer.BatchID{b.ID}, Bytes: b.Bytes}
		for _, j := range b.Jobs {
			if s, ok := eng.Job(j); ok {
				q.Jobs = append(q.Jobs, s)
			}
		}
		return queuedMsg{id: id, target: target, q: q}
	}
}
