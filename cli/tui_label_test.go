package cli

import (
	"context"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

func TestTheBrowserNamesWhatItIsConnectedTo(t *testing.T) {
	t.Parallel()
	connect := func(s s3ops.Settings) *s3ops.Client {
		s.AccessKey, s.SecretKey = "AKIDEXAMPLE", "secret"
		c, err := s3ops.Connect(context.Background(), s)
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	aws := connect(s3ops.Settings{Region: "eu-west-1"})
	minio := connect(s3ops.Settings{EndpointURL: "http://LocalHost:9000/", Region: "us-east-1"})
	for _, c := range []struct {
		flags  connFlags
		client *s3ops.Client
		env    string
		want   string
	}{
		{connFlags{demo: true}, minio, "", "demo"},
		{connFlags{settings: s3ops.Settings{Profile: "work"}}, aws, "other", "profile work · eu-west-1"},
		{connFlags{}, aws, "ops", "profile ops · eu-west-1"},
		{connFlags{}, aws, "", "AWS · eu-west-1"},
		{connFlags{}, minio, "", "http://localhost:9000"},
		{connFlags{settings: s3ops.Settings{Profile: "r2"}}, minio, "", "profile r2 · http://localhost:9000"},
	} {
		if got := connectionLabel(&c.flags, c.client, c.env); got != c.want {
			t.Errorf("%+v, AWS_PROFILE=%q: %q, want %q", c.flags, c.env, got, c.want)
		}
	}
}
