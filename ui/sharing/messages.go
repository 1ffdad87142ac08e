package sharing

import (
	"errors"
	"fmt"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ferry-s3/ferry/clipboard"
	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
)

// Msg is an async result or a tick of a sharing view. The root hands
// every Msg to Manager.Update, which passes it to the view with its id.
type Msg interface{ viewID() int }

// tickMsg redraws a view's countdown once a second while it is open.
type tickMsg struct{ id int }

// credsMsg carries the credentials links would be signed with, fetched
// when a dialog opens so it can say how long a link will really work.
type credsMsg struct {
	id    int
	creds aws.Credentials
	err   error
}

// linksMsg carries the download links made for a share dialog. err holds
// the objects that failed; links has the ones that worked.
type linksMsg struct {
	id    int
	with  settings
	links []share.Link
	err   error
}

// uploadMsg carries the upload link made for an upload dialog.
type uploadMsg struct {
	id   int
	with settings
	link share.Link
	err  error
}

// copiedMsg says how a copy went: OSC 52 is always sent; tool is the
// native clipboard tool that also took the text ("" when none did, and
// err says why).
type copiedMsg struct {
	id   int
	what copyWhat
	tool string
	err  error
}

func (m tickMsg) viewID() int   { return m.id }
func (m credsMsg) viewID() int  { return m.id }
func (m linksMsg) viewID() int  { return m.id }
func (m uploadMsg) viewID() int { return m.id }
func (m copiedMsg) viewID() int { return m.id }

// copyWhat describes a copy for the status line.
type copyWhat struct {
	subject string    // "link", "3 links", "upload link and curl command"
	plural  bool      // the subject takes "expire", not "expires"
	end     time.Time // when the link (the first to end, for several) stops working
	note    string    // appended, e.g. "; 1 object failed (see the dialog)"
}

// statusFor is how long the copy report stays on the status line.
const statusFor = 8 * time.Second

// copyText puts text on the clipboard both ways: OSC 52 through Bubble
// Tea (reaches the user's terminal, over SSH too, when it allows it) and
// the native clipboard tool when there is one, which runs a program and
// so happens in a Cmd. The native result comes back as a copiedMsg.
func copyText(id int, text string, what copyWhat) tea.Cmd {
	osc52 := func() tea.Msg { return common.ClipboardMsg{Text: text} }
	return tea.Batch(osc52, func() tea.Msg {
		tool, err := clipboard.Native(text)
		return copiedMsg{id: id, what: what, tool: tool, err: err}
	})
}

// via says which ways a copy went, for the dialogs: "OSC 52 + xclip" or
// "OSC 52 only".
func (c copiedMsg) via() string {
	if c.tool != "" {
		return "OSC 52 + " + c.tool
	}
	return "OSC 52 only"
}

// status is the status-line report of a copy, e.g. "link copied (OSC 52
// + xclip), expires Tue 2 Dec 14:05 CET (in 24h)".
func (c copiedMsg) status(now time.Time, loc *time.Location) common.StatusMsg {
	verb := "expires"
	if c.what.plural {
		verb = "expire"
	}
	ends := verb + " " + share.FormatEnd(c.what.end, now, loc) + c.what.note
	switch {
	case c.tool != "":
		return common.StatusMsg{Level: common.LevelSuccess, For: statusFor,
			Text: fmt.Sprintf("%s copied (OSC 52 + %s), %s", c.what.subject, c.tool, ends)}
	case errors.Is(c.err, clipboard.ErrNoTool):
		return common.StatusMsg{Level: common.LevelInfo, For: statusFor,
			Text: fmt.Sprintf("%s copied via OSC 52 only: no native clipboard tool; %s", c.what.subject, ends)}
	}
	return common.StatusMsg{Level: common.LevelWarn, For: statusFor,
		Text: fmt.Sprintf("%s copied via OSC 52 only (native clipboard: %v); %s", c.what.subject, c.err, ends)}
}
