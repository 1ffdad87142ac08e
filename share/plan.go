package share

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/ferry-s3/ferry/s3ops"
)

// Policy says what to do when the credentials that sign a link expire
// before the link would: a presigned URL stops working as soon as the
// session credentials (STS, SSO, assume-role, IMDS) that signed it expire,
// whatever its own expiry says.
type Policy int

const (
	// Cap signs the link for exactly the time the credentials have left,
	// so the link's stated expiry is its real one.
	Cap Policy = iota
	// Warn signs the link for the requested time and warns that it will
	// stop working earlier, when the credentials expire.
	Warn
)

func (p Policy) String() string {
	if p == Warn {
		return "warn"
	}
	return "cap"
}

// Plan is how long a link will really work, worked out before signing so
// that a dialog can show it while the user is still choosing.
type Plan struct {
	// Requested is the lifetime the user asked for.
	Requested time.Duration
	// Sign is the lifetime the URL is signed for (X-Amz-Expires): Requested,
	// or less when capped to the credentials.
	Sign time.Duration
	// Policy is the choice made for short-lived credentials.
	Policy Policy
	// Now is when the plan was made.
	Now time.Time
	// CredentialsExpire is when the signing credentials expire; zero when
	// they do not (long-term access keys).
	CredentialsExpire time.Time
	// End is when the link really stops working:
	// min(Now+Sign, CredentialsExpire).
	End time.Time
	// Limited is true when the credentials expire before Now+Requested.
	Limited bool
	// Capped is true when Sign was shortened to the credentials' lifetime.
	Capped bool
	// Note is a sentence for the user when Limited ("" otherwise): with
	// Warn it is a warning, with Cap it explains the shorter lifetime.
	Note string
}

// NewPlan works out the plan for a link of the requested lifetime signed
// with creds at now. It fails with a sentence when requested is not a valid
// expiry or the credentials have already expired.
func NewPlan(requested time.Duration, creds aws.Credentials, policy Policy, now time.Time) (Plan, error) {
	if err := ValidateExpiry(requested); err != nil {
		return Plan{}, err
	}
	p := Plan{Requested: requested, Sign: requested, Policy: policy, Now: now, End: now.Add(requested)}
	if !creds.CanExpire || creds.Expires.IsZero() {
		return p, nil
	}
	p.CredentialsExpire = creds.Expires
	if !creds.Expires.Before(p.End) {
		return p, nil
	}
	left := creds.Expires.Sub(now).Truncate(time.Second)
	if left < time.Second {
		return Plan{}, &s3ops.Error{Kind: s3ops.KindExpired, Msg: fmt.Sprintf(
			"the AWS credentials that would sign the link expired at %s: refresh them (e.g. `aws sso login`) and try again",
			FormatWhen(creds.Expires, now, nil))}
	}
	p.Limited = true
	p.End = creds.Expires
	if policy == Cap {
		p.Sign, p.Capped = left, true
		p.End = now.Add(left)
	}
	p.Note = p.sentence(now)
	return p, nil
}

func (p Plan) sentence(now time.Time) string {
	end := FormatEnd(p.End, now, nil)
	if p.Capped {
		return fmt.Sprintf("The link lasts %s instead of %s: it expires %s, when the temporary AWS credentials that sign it expire (a presigned link stops working with its signing credentials).",
			FormatDuration(p.Sign), FormatDuration(p.Requested), end)
	}
	return fmt.Sprintf("The link is signed for %s but will stop working %s, when the temporary AWS credentials that signed it expire.",
		FormatDuration(p.Requested), end)
}

// settle records the URL's real signing time and expiry once it is
// signed; the note then counts from the signing time, so its "in …"
// agrees with the signed lifetime it states.
func (p *Plan) settle(signed, urlExpires time.Time) {
	p.End = urlExpires
	if p.Limited && !p.Capped {
		p.End = p.CredentialsExpire
	}
	if p.Limited {
		p.Note = p.sentence(signed)
	}
}

// Left is the time the link has left at now (negative once it has ended).
func (p Plan) Left(now time.Time) time.Duration { return p.End.Sub(now) }

// PlanFor makes the plan for a link signed now by c: it asks c which
// credentials it signs with and when they expire. No request is sent to
// S3 unless the credentials need refreshing.
func PlanFor(ctx context.Context, c *s3ops.Client, requested time.Duration, policy Policy) (Plan, error) {
	if err := ValidateExpiry(requested); err != nil {
		return Plan{}, err
	}
	creds, err := c.Credentials(ctx)
	if err != nil {
		return Plan{}, err
	}
	return NewPlan(requested, creds, policy, time.Now())
}
