package sharing

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/clipboard"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

func TestCopyStatusSaysWhichWaysTheTextWent(t *testing.T) {
	now := time.Date(2025, 12, 1, 14, 5, 0, 0, time.UTC)
	what := copyWhat{subject: "link", end: now.Add(24 * time.Hour)}
	cases := []struct {
		tool  string
		err   error
		level common.Level
		want  string
	}{
		{"xclip", nil, common.LevelSuccess, "link copied (OSC 52 + xclip), expires Tue 2 Dec 14:05 UTC (in 1d)"},
		{"", clipboard.ErrNoTool, common.LevelInfo, "link copied via OSC 52 only: no native clipboard tool; expires Tue 2 Dec 14:05 UTC (in 1d)"},
		{"", fmt.Errorf("could not copy to the clipboard: %w", errors.New("xclip: exit status 1 (Can't open display)")), common.LevelWarn,
			"link copied via OSC 52 only (native clipboard: could not copy to the clipboard: xclip: exit status 1 (Can't open display)); expires Tue 2 Dec 14:05 UTC (in 1d)"},
	}
	for _, c := range cases {
		st := copiedMsg{what: what, tool: c.tool, err: c.err}.status(now, time.UTC)
		if st.Text != c.want || st.Level != c.level {
			t.Errorf("tool %q err %v:\n got %q (%v)\nwant %q (%v)", c.tool, c.err, st.Text, st.Level, c.want, c.level)
		}
	}
	many := copiedMsg{what: copyWhat{subject: "3 links", plural: true, end: now.Add(time.Hour), note: "; 1 failed (see the dialog)"}, tool: "wl-copy"}
	if got := many.status(now, time.UTC).Text; got != "3 links copied (OSC 52 + wl-copy), expire Mon 1 Dec 15:05 UTC (in 1h); 1 failed (see the dialog)" {
		t.Errorf("several: %q", got)
	}
}

func TestMediaTypeCheckAndFocusRing(t *testing.T) {
	for _, ok := range []string{"", "text/plain", "text/csv; charset=utf-8", "application/vnd.ms-excel"} {
		if err := checkMediaType(ok); err != nil {
			t.Errorf("%q refused: %v", ok, err)
		}
	}
	for _, bad := range []string{"text", "text/plain;;", "a b/c"} {
		if err := checkMediaType(bad); err == nil || !strings.Contains(err.Error(), "not a content type") {
			t.Errorf("%q accepted (%v)", bad, err)
		}
	}
	expiry, custom, attachment, policy := &form.Toggle{}, &form.Toggle{}, &form.Toggle{}, &form.Toggle{}
	var f form.Form
	f.SetFields(expiry, custom, attachment, policy)
	f.FocusOn(policy)
	f.SetFields(expiry, custom, attachment) // the policy row went away
	fromGone := f.Focused()
	f.FocusOn(attachment)
	f.FocusAt(f.Index() + 1)
	afterLast := f.Focused()
	f.FocusAt(f.Index() - 1)
	if afterLast != expiry || f.Focused() != attachment || fromGone != expiry {
		t.Error("the focus should wrap around the rows on show")
	}
}
