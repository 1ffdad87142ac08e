package config_test

import (
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/connections"
)

func TestConnectionsTablesBecomeConnections(t *testing.T) {
	c, err := config.Parse("/etc/ferry.toml", `
[connections.r2]
endpoint_url = "https://acct.r2.cloudflarestorage.com"
profile = "r2-keys"
region = "auto"

[connections.minio]
endpoint_url = "http://localhost:9000"
path_style = "on"
insecure = true
`)
	if err != nil {
		t.Fatal(err)
	}
	got, err := c.Connections()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Name != "minio" || got[1].Name != "r2" {
		t.Fatalf("connections: %+v", got)
	}
	m, r := got[0], got[1]
	if m.From != connections.FromFerryConfig || m.EndpointURL != "http://localhost:9000" || m.PathStyle == nil || !*m.PathStyle || !m.Insecure || m.Profile != "" {
		t.Errorf("minio: %+v", m)
	}
	if r.Profile != "r2-keys" || r.Region != "auto" || r.PathStyle != nil || r.Insecure {
		t.Errorf("r2: %+v", r)
	}
}

// A bad table names the file, the line, the table and the setting, and
// says what would be right; keys are refused with where they belong.
func TestBadConnectionsNameFileLineAndSetting(t *testing.T) {
	for text, want := range map[string]string{
		"[connections.x]\nendpoint_url = \"localhost:9000\"\n":    "/etc/ferry.toml:2: [connections.x] endpoint_url: \"localhost:9000\" is not an endpoint URL",
		"[connections.x]\npath_style = \"maybe\"\n":               "/etc/ferry.toml:2: [connections.x] path_style: \"maybe\" is not a path style",
		"[connections.x]\ninsecure = \"yes\"\n":                   "/etc/ferry.toml:2: [connections.x] insecure: \"yes\" is not true or false",
		"\n[connections.x]\naws_secret_access_key = \"s\"\n":      "/etc/ferry.toml:2: [connections.x]: ferry keeps no keys: put them in an AWS profile",
		"[connections.demo]\nregion = \"x\"\n":                    "[connections.demo]: \"demo\" is the built-in demo",
		"[connections.\"my store\"]\nregion = \"x\"\n":            "a connection name is one word",
		"[connections.x]\nendpoint = \"http://localhost:9000\"\n": "unknown setting \"connections.x.endpoint\"",
	} {
		c, err := config.Parse("/etc/ferry.toml", text)
		if err == nil {
			_, err = c.Connections()
		}
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", text, err, want)
		}
	}
}
