package main

import (
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
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

func TestLeftAndRightChooseWhereEachPaneStarts(t *testing.T) {
	dir := t.TempDir()
	o, err := parseFlags([]string{"--left", "s3://logs/2026/", "--right", dir, "s3://docs/"}, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	if o.left != "s3://logs/2026/" || o.right != dir || firstArg(o.args) != "s3://docs/" {
		t.Fatalf("left %q right %q args %v", o.left, o.right, o.args)
	}
	if o, err := parseFlags([]string{"--left=~", "--right=s3://"}, io.Discard); err != nil || o.left != "~" || o.right != "s3://" {
		t.Fatalf("home and the bucket list: %+v %v", o, err)
	}
	for args, want := range map[string]string{
		"--left /definitely/not/here":   "--left: /definitely/not/here: no such folder",
		"--right s3://bad_bucket!/x":    "--right: bucket name",
		"--right " + dir + "/../" + "x": "no such folder",
	} {
		_, err := parseFlags(strings.Fields(args), io.Discard)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%s: err = %v, want %q", args, err, want)
		}
	}
	file := filepath.Join(dir, "f.txt")
	if err := os.WriteFile(file, []byte("x"), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := parseFlags([]string{"--left", file}, io.Discard); err == nil || !strings.Contains(err.Error(), "is not a folder") {
		t.Errorf("a file as --left: %v", err)
	}
}

func TestAStartWithoutCredentialsPointsToTheDemo(t *testing.T) {
	noCreds := &s3ops.Error{Kind: s3ops.KindCredentials, Msg: "no AWS credentials found"}
	if h := demoHint(options{}, noCreds); !strings.Contains(h, "ferry --demo") {
		t.Fatalf("hint = %q", h)
	}
	withProfile := options{}
	withProfile.settings.Profile = "work"
	for name, c := range map[string]struct {
		o   options
		err error
	}{
		"a profile was named": {withProfile, noCreds},
		"already the demo":    {options{demo: true}, noCreds},
		"another error":       {options{}, &s3ops.Error{Kind: s3ops.KindNetwork, Msg: "cannot reach"}},
	} {
		if h := demoHint(c.o, c.err); h != "" {
			t.Errorf("%s: hint %q", name, h)
		}
	}
}
