package connections_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/connections"
)

func TestOnlyWordColonS3IsAConnection(t *testing.T) {
	for arg, want := range map[string][2]string{
		"work:s3://logs/2024/": {"work", "s3://logs/2024/"},
		"r2.eu:s3://a/x.bin":   {"r2.eu", "s3://a/x.bin"},
		"s3://logs/":           {"", "s3://logs/"},
		"./work:s3://x":        {"", "./work:s3://x"},
		"C:/data/file.txt":     {"", "C:/data/file.txt"},
		"notes:today.txt":      {"", "notes:today.txt"},
		"my store:s3://b/":     {"", "my store:s3://b/"},
		"s3:s3://b/":           {"s3", "s3://b/"},
	} {
		name, uri, ok := connections.SplitLocation(arg)
		if name != want[0] || uri != want[1] || ok != (want[0] != "") {
			t.Errorf("%q: got %q %q %v, want %q %q", arg, name, uri, ok, want[0], want[1])
		}
	}
}

// The AWS files' profiles become connections with the endpoint and
// region the SDK would use (a services section's s3 endpoint wins over
// the profile's own), ferry's tables win over a profile of the same
// name, demo is always there, and an unknown name lists the known ones.
func TestProfilesFerryTablesAndDemoMerge(t *testing.T) {
	dir := t.TempDir()
	cfg := filepath.Join(dir, "config")
	creds := filepath.Join(dir, "credentials")
	os.WriteFile(cfg, []byte(`[default]
region = eu-west-1

[profile work]
region = us-east-2
endpoint_url = https://s3.work.example
services = local

[services local]
s3 =
  endpoint_url = http://127.0.0.1:9000

[profile shadowed]
region = ap-south-1

[sso-session corp]
sso_region = us-east-1

[profile has space]
region = x
`), 0o600)
	os.WriteFile(creds, []byte("[keys-only]\naws_access_key_id = A\naws_secret_access_key = S\n"), 0o600)
	t.Setenv("AWS_CONFIG_FILE", cfg)
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", creds)

	aws := connections.AWSProfiles(context.Background())
	ferry := []connections.Connection{{Name: "shadowed", From: connections.FromFerryConfig, EndpointURL: "http://mine:9000"}}
	set := connections.NewSet(ferry, aws)
	if got := strings.Join(set.Names(), " "); got != "default demo keys-only shadowed work" {
		t.Fatalf("names: %s", got)
	}
	work, _ := set.Get("work")
	if work.EndpointURL != "http://127.0.0.1:9000" || work.Region != "us-east-2" || work.Profile != "work" || work.From != connections.FromAWSConfig {
		t.Errorf("work: %+v", work)
	}
	if d, _ := set.Get("default"); d.Region != "eu-west-1" || d.EndpointURL != "" {
		t.Errorf("default: %+v", d)
	}
	if s, _ := set.Get("shadowed"); s.From != connections.FromFerryConfig || s.EndpointURL != "http://mine:9000" {
		t.Errorf("ferry's table should win: %+v", s)
	}
	if d, _ := set.Get("demo"); !d.Demo || d.From != connections.FromBuiltIn {
		t.Errorf("demo: %+v", d)
	}
	_, err := set.Lookup("wrok")
	if err == nil || !strings.Contains(err.Error(), `no connection is called "wrok" (known: default, demo, keys-only, shadowed, work;`) {
		t.Errorf("unknown name: %v", err)
	}
}
