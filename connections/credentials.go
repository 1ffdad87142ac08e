package connections

import (
	"context"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// Credentials says whether a connection's credentials resolve and for
// how long, never what they are.
type Credentials struct {
	OK bool
	// Kind is where they come from, in words: "credentials file",
	// "environment", "SSO", "assumed role", "instance role"…
	Kind string
	// Expires is when they stop working (zero when they do not expire).
	Expires time.Time
	// Problem is why they do not resolve, when they do not.
	Problem string
}

// Describe reads what creds (or err, from resolving them) say.
func Describe(creds aws.Credentials, err error) Credentials {
	if err != nil {
		return Credentials{Problem: firstLine(err.Error())}
	}
	c := Credentials{OK: true, Kind: credentialKind(creds.Source)}
	if creds.CanExpire {
		c.Expires = creds.Expires
	}
	return c
}

// credentialKind names the SDK's provider in words a user knows.
func credentialKind(source string) string {
	for _, k := range []struct{ in, kind string }{
		{"SSO", "SSO"}, {"AssumeRole", "assumed role"}, {"WebIdentity", "web identity"},
		{"EC2Role", "instance role"}, {"ECS", "container role"}, {"Process", "credential process"},
		{"EnvConfig", "environment"}, {"SharedConfig", "credentials file"}, {"Static", "static keys"},
	} {
		if strings.Contains(source, k.in) {
			return k.kind
		}
	}
	return "AWS config"
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return line
}

// CheckTimeout bounds how long a connection's credentials may take to
// resolve (SSO and assume-role ask the network).
const CheckTimeout = 5 * time.Second

// Check resolves the credentials of a connection with check (which
// connects and returns them) within CheckTimeout.
func Check(ctx context.Context, check func(context.Context) (aws.Credentials, error)) Credentials {
	ctx, cancel := context.WithTimeout(ctx, CheckTimeout)
	defer cancel()
	creds, err := check(ctx)
	if err != nil && ctx.Err() != nil {
		return Credentials{Problem: "no answer within " + CheckTimeout.String()}
	}
	return Describe(creds, err)
}
