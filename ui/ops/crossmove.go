package ops

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/source"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// A move to the other pane on another connection cannot be a server-side
// copy: the destination's transfer engine streams every object and
// deletes each source once its copy is complete (transfer.MoveTo). The
// form names such a destination with its connection, "lab · s3://logs/",
// as tab offers it; the move is then queued in the transfers pane.

// connSep separates a connection's name from a location in the form.
const connSep = " · "

// onConn is s named with its connection, as the form takes it.
func onConn(s source.S3) string { return source.ConnName(s.Conn) + connSep + s.String() }

// otherConn is the other pane's connection name when it is S3 on another
// connection than src ("" otherwise).
func otherConn(src source.Source, other Pane) string {
	if other == nil || !source.Streamed(src, other.Source()) {
		return ""
	}
	return source.ConnName(other.Source().(source.S3).Conn)
}

func otherSource(other Pane) source.Source {
	if other == nil {
		return nil
	}
	return other.Source()
}

// cutConn splits "lab · s3://bucket/key" into the connection's name and
// the URI; a plain name that happens to hold " · " is no such thing.
func cutConn(input string) (conn, uri string, ok bool) {
	conn, uri, ok = strings.Cut(input, connSep)
	conn, uri = strings.TrimSpace(conn), strings.TrimSpace(uri)
	return conn, uri, ok && conn != "" && strings.HasPrefix(uri, "s3://")
}

// planOnConn plans a move to a destination typed with a connection's
// name: this pane's own (a move on the server) or the other pane's.
func planOnConn(s source.S3, sel []source.Entry, conn, rest string, other source.Source) (movePlan, error) {
	if conn == source.ConnName(s.Conn) {
		return planS3Move(s, sel, rest)
	}
	d, ok := other.(source.S3)
	if !ok || source.ConnName(d.Conn) != conn || d.Client == nil {
		return movePlan{}, fmt.Errorf("connection %s is not open in the other pane: open it there to move to it", common.Sanitize(conn))
	}
	target, err := s3Target(d.Loc, rest)
	if err != nil {
		return movePlan{}, err
	}
	plan, err := planS3Pairs(s, sel, target, func(from, dst s3ops.Location) error { return nil }) // the engine refuses a move onto itself
	plan.to, plan.entries = &d, sel
	return plan, err
}

// streamMove hands a move across connections to the transfers pane.
func streamMove(plan movePlan) tea.Cmd {
	src := plan.src.(source.S3)
	p := transfers.Plan{Dir: transfer.Copy, From: plan.src, Entries: plan.entries, Bucket: src.Loc.Bucket, Dest: plan.folder,
		Conn: plan.to.Conn, SrcConn: src.Conn, Moves: plan.S3}
	queue := func() tea.Msg { return transfers.MoveMsg{Plan: p} }
	return tea.Batch(queue, plan.then)
}
