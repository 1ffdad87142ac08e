package main

import (
	"io"
	"strings"
	"testing"
)

func TestFlagsParseIntoSettings(t *testing.T) {
	o, err := parseFlags([]string{"--profile", "work", "--region", "eu-west-3", "--endpoint-url", "http://minio:9000",
		"--path-style", "off", "--insecure", "s3://bucket/prefix/"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	s := o.settings
	if s.Profile != "work" || s.Region != "eu-west-3" || s.EndpointURL != "http://minio:9000" || !s.Insecure ||
		s.PathStyle == nil || *s.PathStyle || firstArg(o.args) != "s3://bucket/prefix/" {
		t.Fatalf("settings = %+v args = %v", s, o.args)
	}
	if o, _ := parseFlags(nil, io.Discard); o.settings.PathStyle != nil {
		t.Fatal("--path-style auto should leave the choice to s3ops (on for custom endpoints)")
	}
}

func TestBadFlagsAreClearErrors(t *testing.T) {
	for args, want := range map[string]string{
		"--path-style maybe":           "--path-style must be auto, on or off",
		"--demo --endpoint-url http:x": "--demo runs its own gateway",
		"s3://a/ s3://b/":              "one start location at most",
	} {
		_, err := parseFlags(strings.Fields(args), io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", args, err, want)
		}
	}
	if o, err := parseFlags([]string{"--profile", "p", "share", "s3://b/k", "--expires", "1h"}, io.Discard); err != nil || o.args[0] != "share" {
		t.Fatalf("share args: %v %v", o.args, err)
	}
}
