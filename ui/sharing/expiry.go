package sharing

import (
	"fmt"
	"slices"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"

	"github.com/ferry-s3/ferry/share"
	"github.com/ferry-s3/ferry/ui/common"
	"github.com/ferry-s3/ferry/ui/form"
)

// expiryPicker is the expiry choice of a share dialog: one of the
// presets, or a duration typed in the custom field ("90m", "36h", "3d",
// "1w"). Typing in the field chooses "custom".
type expiryPicker struct {
	form.Fixed
	presets []time.Duration
	choice  int // an index into presets; len(presets) is "custom"
	custom  *form.Text
}

// defaultExpiry is the preset chosen when a dialog opens, when offered.
const defaultExpiry = 24 * time.Hour

func newExpiryPicker(st *common.Styles, presets []time.Duration) *expiryPicker {
	e := &expiryPicker{presets: presets, custom: form.NewText(st, "e.g. 90m, 36h, 3d, 1w")}
	e.custom.CharLimit = 32
	e.custom.OnEdit = e.typedCustom
	if i := slices.Index(presets, defaultExpiry); i >= 0 {
		e.choice = i
	}
	return e
}

func (e *expiryPicker) isCustom() bool { return e.choice == len(e.presets) }

// typedCustom chooses "custom" once its field's text changes.
func (e *expiryPicker) typedCustom(changed bool) {
	if changed {
		e.choice = len(e.presets)
	}
}

// Step chooses the next (delta 1) or previous (-1) option, "custom" last.
func (e *expiryPicker) Step(delta int) {
	n := len(e.presets) + 1
	e.choice = (e.choice + delta + n) % n
}

// value is the chosen lifetime, or why the custom text is not one.
func (e *expiryPicker) value() (time.Duration, error) {
	if e.isCustom() {
		return share.ParseExpiry(e.custom.Value())
	}
	return e.presets[e.choice], nil
}

// view draws the options, the chosen one in brackets.
func (e *expiryPicker) view(st *common.Styles, focused bool) string {
	opts := make([]string, 0, len(e.presets)+1)
	for _, p := range e.presets {
		opts = append(opts, share.FormatDuration(p))
	}
	return form.Brackets(st, append(opts, "custom"), e.choice, focused)
}

// signer is what a dialog knows of the credentials that will sign its
// link: fetched once when it opens (in a Cmd), then used to plan the link
// on every redraw.
type signer struct {
	form.Fixed                  // the cap/warn row
	creds      *aws.Credentials // nil until fetched
	err        error
	policy     share.Policy
	fetched    bool
}

// Step flips between capping the link and only warning.
func (s *signer) Step(int) { s.policy = 1 - s.policy }

// temporary reports whether the credentials expire (STS, SSO,
// assume-role, IMDS), which is when the cap/warn choice matters.
func (s *signer) temporary() bool {
	return s.creds != nil && s.creds.CanExpire && !s.creds.Expires.IsZero()
}

// plan is how long a link of d made now would really work.
func (s *signer) plan(d time.Duration, now time.Time) (share.Plan, error) {
	var creds aws.Credentials
	if s.creds != nil {
		creds = *s.creds
	}
	return share.NewPlan(d, creds, s.policy, now)
}

// lifetimeLines adds what the dialog says about the credentials and the
// planned end of the link: rows for the credentials and the cap/warn
// choice (only for temporary credentials) and the "Ends" line.
// When made is set (a link is on show) its real plan is shown instead.
func (s *signer) lifetimeLines(f *form.Lines, ctx *common.Context, d time.Duration, derr error, focused bool, made *share.Plan) {
	now := ctx.Clock.Now()
	st := ctx.Styles
	switch {
	case !s.fetched:
		f.Field("Credentials", false, st.Hint.Render("checking…"))
	case s.err != nil:
		f.Field("Credentials", false, st.Error.Render("cannot read them"))
		f.Note(s.err.Error(), st.Error)
	case s.temporary():
		f.Field("Credentials", false, st.DialogValue.Render("temporary: they expire "+
			share.FormatEnd(s.creds.Expires, now, ctx.TimeZone)))
		opts := []string{"cap the link to them", "warn only"}
		f.Field("If they end", focused, form.Brackets(st, opts, int(s.policy), focused))
	}
	if made != nil {
		endsLines(f, ctx, *made, now)
		return
	}
	if derr != nil {
		f.Field("Ends", false, st.Hint.Render("—"))
		return
	}
	plan, err := s.plan(d, now)
	if err != nil {
		f.Field("Ends", false, st.Error.Render("cannot be signed"))
		f.Note(err.Error(), st.Error)
		return
	}
	endsLines(f, ctx, plan, now)
}

// endsLines shows when a planned or made link stops working, and why
// that is sooner than asked when the credentials end first.
func endsLines(f *form.Lines, ctx *common.Context, plan share.Plan, now time.Time) {
	st := ctx.Styles
	ends := share.FormatEnd(plan.End, now, ctx.TimeZone)
	if !plan.Limited {
		f.Field("Ends", false, st.DialogValue.Render(ends))
		return
	}
	f.Field("Ends", false, st.DialogWarn.Render(ends))
	if plan.Capped {
		f.Note(fmt.Sprintf("Capped: signed for %s instead of %s, so the link ends when the temporary credentials that sign it expire.",
			share.FormatDuration(plan.Sign), share.FormatDuration(plan.Requested)), st.DialogWarn)
		return
	}
	f.Note(fmt.Sprintf("Warning: signed for %s, but the link stops working when the temporary credentials that sign it expire.",
		share.FormatDuration(plan.Sign)), st.DialogWarn)
}
