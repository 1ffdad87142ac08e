package share_test

import (
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/share"
)

var planNow = time.Date(2025, 12, 1, 13, 0, 0, 0, time.UTC)

func TestPlanWithLongTermKeysSignsAsRequested(t *testing.T) {
	p, err := share.NewPlan(24*time.Hour, aws.Credentials{AccessKeyID: "AK"}, share.Cap, planNow)
	if err != nil {
		t.Fatal(err)
	}
	if p.Sign != 24*time.Hour || p.Capped || p.Limited || p.Note != "" || !p.End.Equal(planNow.Add(24*time.Hour)) {
		t.Fatalf("plan = %+v", p)
	}
}

func TestPlanWithCredentialsOutlivingTheLinkIsUnchanged(t *testing.T) {
	creds := aws.Credentials{CanExpire: true, Expires: planNow.Add(2 * time.Hour)}
	p, err := share.NewPlan(time.Hour, creds, share.Cap, planNow)
	if err != nil || p.Sign != time.Hour || p.Limited || !p.CredentialsExpire.Equal(creds.Expires) {
		t.Fatalf("plan = %+v, %v", p, err)
	}
}

func TestPlanCapsToCredentialsExpiringInTenMinutes(t *testing.T) {
	expires := planNow.Add(10*time.Minute + 300*time.Millisecond)
	creds := aws.Credentials{CanExpire: true, Expires: expires}
	p, err := share.NewPlan(24*time.Hour, creds, share.Cap, planNow)
	if err != nil {
		t.Fatal(err)
	}
	if !p.Capped || !p.Limited || p.Sign != 10*time.Minute || p.Requested != 24*time.Hour {
		t.Fatalf("plan = %+v", p)
	}
	if p.End.After(expires) || expires.Sub(p.End) >= time.Second {
		t.Fatalf("end %v is not the credentials' expiry %v to the second", p.End, expires)
	}
	for _, want := range []string{"lasts 10m instead of 24h", "temporary AWS credentials", "(in 10m)"} {
		if !strings.Contains(p.Note, want) {
			t.Errorf("note %q lacks %q", p.Note, want)
		}
	}
}

func TestPlanWarnsButSignsAsRequested(t *testing.T) {
	expires := planNow.Add(10 * time.Minute)
	p, err := share.NewPlan(24*time.Hour, aws.Credentials{CanExpire: true, Expires: expires}, share.Warn, planNow)
	if err != nil {
		t.Fatal(err)
	}
	if p.Capped || !p.Limited || p.Sign != 24*time.Hour || !p.End.Equal(expires) {
		t.Fatalf("plan = %+v", p)
	}
	for _, want := range []string{"signed for 24h but will stop working", "(in 10m)", "credentials"} {
		if !strings.Contains(p.Note, want) {
			t.Errorf("note %q lacks %q", p.Note, want)
		}
	}
}

func TestPlanRefusesExpiredCredentialsAndBadExpiry(t *testing.T) {
	old := aws.Credentials{CanExpire: true, Expires: planNow.Add(-time.Minute)}
	_, err := share.NewPlan(time.Hour, old, share.Cap, planNow)
	if s3ops.KindOf(err) != s3ops.KindExpired || !strings.Contains(err.Error(), "expired") {
		t.Fatalf("expired credentials: %v", err)
	}
	_, err = share.NewPlan(8*24*time.Hour, aws.Credentials{}, share.Cap, planNow)
	if err == nil || !strings.Contains(err.Error(), "7 days") {
		t.Fatalf("8 days: %v", err)
	}
}
