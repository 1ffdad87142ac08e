package transfers

import (
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/ferry-s3/ferry/s3ops/transfer"
)

// Frame is how long Listen gathers reports into one message: the UI
// redraws for progress at most ten times a second, however many jobs
// report.
const Frame = 100 * time.Millisecond

// Listen returns a command that waits for the engine's next report,
// gathers whatever else arrives within a Frame (a later report of a job
// replaces an earlier one; Final is kept), and returns it all as one
// ProgressMsg. Re-arm it after each message. It returns nil, and should
// not be re-armed, once the engine is closed.
func Listen(updates <-chan transfer.Update) tea.Cmd {
	return func() tea.Msg {
		u, ok := <-updates
		if !ok {
			return nil
		}
		var c coalescer
		c.add(u)
		timer := time.NewTimer(Frame)
		defer timer.Stop()
		for {
			select {
			case u, ok := <-updates:
				if !ok {
					return c.msg()
				}
				c.add(u)
			case <-timer.C:
				return c.msg()
			}
		}
	}
}

// coalescer merges reports by job, keeping the order jobs first reported.
type coalescer struct {
	list  []transfer.Update
	index map[transfer.JobID]int
}

func (c *coalescer) add(u transfer.Update) {
	if c.index == nil {
		c.index = map[transfer.JobID]int{}
	}
	if i, ok := c.index[u.Job.ID]; ok {
		u.Final = u.Final || c.list[i].Final
		c.list[i] = u
		return
	}
	c.index[u.Job.ID] = len(c.list)
	c.list = append(c.list, u)
}

func (c *coalescer) msg() ProgressMsg { return ProgressMsg{Updates: c.list} }

// Coalesce merges reports gathered by a caller that feeds the model
// itself, as Listen merges a frame's (tests: the harness gathers several
// Drains before it sends one message).
func Coalesce(us []transfer.Update) ProgressMsg {
	var c coalescer
	for _, u := range us {
		c.add(u)
	}
	return c.msg()
}

// Drain takes every report waiting on updates without blocking, merged
// like Listen's (for callers that feed the model themselves, e.g. tests).
func Drain(updates <-chan transfer.Update) ProgressMsg {
	var c coalescer
	for {
		select {
		case u, ok := <-updates:
			if !ok {
				return c.msg()
			}
			c.add(u)
		default:
			return c.msg()
		}
	}
}

// Restore brings back the previous run's queue (off the UI thread: it
// reads the journal) and reports it with a snapshot of the jobs.
func Restore(eng *transfer.Engine) tea.Cmd {
	return func() tea.Msg {
		n, err := eng.Restore()
		return RestoredMsg{N: n, Err: err, Jobs: eng.Jobs()}
	}
}
