package transfers

import (
	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
)

// Each connection has its own transfer engine (an engine sends bytes
// through one client, and keeps its own journal). The pane starts with
// the default connection's; a named connection's is made the first time
// a copy, a drop or a download needs it (EngineSource, off the UI
// thread), then restored and listened to like the first. Every job is
// acted on through the engine it came from.

// EngineSource makes the engine of the connection called conn. It is
// called off the UI thread, once per connection.
type EngineSource func(conn string) (*transfer.Engine, error)

// EngineReadyMsg is a named connection's engine made for an action that
// waits for it (then), or why it could not be made.
type EngineReadyMsg struct {
	Conn string
	Eng  *transfer.Engine
	Err  error
	then func(*transfer.Engine) tea.Cmd
}

// SetEngines lets the pane make the engines of named connections with
// src; listen says whether it reads their progress itself (off when the
// caller feeds ProgressMsg, as tests do).
func (m *Model) SetEngines(src EngineSource, listen bool) {
	m.makeEngine, m.listenNamed = src, listen
}

// EngineFor is the engine of connection conn, once made (nil before).
func (m *Model) EngineFor(conn string) *transfer.Engine {
	if conn == "" {
		return m.eng
	}
	return m.named[conn]
}

// engineOf is the engine job id came from.
func (m *Model) engineOf(id transfer.JobID) *transfer.Engine { return m.EngineFor(m.jobConn[id]) }

// engines is every engine made, the default one first.
func (m *Model) engines() []*transfer.Engine {
	out := []*transfer.Engine{}
	if m.eng != nil {
		out = append(out, m.eng)
	}
	for _, e := range m.named {
		out = append(out, e)
	}
	return out
}

// WithEngine runs then with connection conn's engine: at once when it
// is made, else once it is (the pane then restores its journal and
// starts reading its progress).
func (m *Model) WithEngine(conn string, then func(*transfer.Engine) tea.Cmd) tea.Cmd {
	if eng := m.EngineFor(conn); eng != nil {
		return then(eng)
	}
	if m.eng == nil || m.makeEngine == nil {
		return common.Status(common.LevelError, "transfers are not available for connection "+source.ConnName(conn))
	}
	mk := m.makeEngine
	return tea.Batch(common.Status(common.LevelInfo, "opening the transfer queue of "+common.Sanitize(conn)+"…"),
		func() tea.Msg {
			eng, err := mk(conn)
			return EngineReadyMsg{Conn: conn, Eng: eng, Err: err, then: then}
		})
}

// engineReady takes a named connection's new engine in.
func (m *Model) engineReady(msg EngineReadyMsg) tea.Cmd {
	if msg.Err != nil || msg.Eng == nil {
		return common.Status(common.LevelError, "the transfer queue of "+common.Sanitize(msg.Conn)+" could not open: "+
			common.Sanitize(errText(msg.Err)))
	}
	if have := m.named[msg.Conn]; have != nil {
		return msg.then(have) // made twice at once: the first one stays
	}
	m.named[msg.Conn] = msg.Eng
	conn, eng := msg.Conn, msg.Eng
	restore := func() tea.Msg {
		n, err := eng.Restore()
		return RestoredMsg{N: n, Err: err, Jobs: eng.Jobs(), Conn: conn}
	}
	return tea.Batch(restore, m.ListenNamed(conn), msg.then(eng))
}

func errText(err error) string {
	if err == nil {
		return "no engine"
	}
	return err.Error()
}

// ListenNamed reads the progress of connection conn's engine (nil when
// the pane does not read progress itself, or for the default engine,
// which the root reads).
func (m *Model) ListenNamed(conn string) tea.Cmd {
	eng := m.named[conn]
	if conn == "" || eng == nil || !m.listenNamed {
		return nil
	}
	listen := Listen(eng.Updates())
	return func() tea.Msg {
		msg := listen()
		if p, ok := msg.(ProgressMsg); ok {
			p.Conn = conn
			return p
		}
		return msg
	}
}

// tagJobs records which connection jobs run on.
func (m *Model) tagJobs(conn string, jobs []transfer.JobStatus) {
	if conn == "" {
		return
	}
	for _, j := range jobs {
		m.jobConn[j.ID] = conn
	}
}

// tagUpdates is tagJobs for progress reports.
func (m *Model) tagUpdates(conn string, us []transfer.Update) {
	if conn == "" {
		return
	}
	for _, u := range us {
		if u.Notice == nil {
			m.jobConn[u.Job.ID] = conn
		}
	}
}
