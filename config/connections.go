package config

import (
	"fmt"
	"net/url"
	"slices"

	"github.com/BurntSushi/toml"

	"github.com/ferry-s3/ferry/connections"
)

// Connection is one [connections.NAME] table: a named way to reach S3
// beside the AWS profiles. It holds no keys: credentials come from the
// AWS chain of its profile (the default chain without one).
//
//	[connections.r2]
//	endpoint_url = "https://ACCOUNT.r2.cloudflarestorage.com"
//	profile = "r2"            # the AWS profile with its keys
//	region = "auto"
//	path_style = "auto"       # auto, on, off
//	insecure = false          # true skips TLS checks (test servers only)
type Connection struct {
	Profile     any `toml:"profile"`
	EndpointURL any `toml:"endpoint_url"`
	Region      any `toml:"region"`
	PathStyle   any `toml:"path_style"`
	Insecure    any `toml:"insecure"`
	// Keys are refused with a sentence of their own (see keyNames).
	AccessKey any `toml:"aws_access_key_id"`
	SecretKey any `toml:"aws_secret_access_key"`
	Token     any `toml:"aws_session_token"`
}

// Connections are the [connections.NAME] tables, checked, sorted by name.
func (c Config) Connections() ([]connections.Connection, error) {
	names := make([]string, 0, len(c.Conns))
	for name := range c.Conns {
		names = append(names, name)
	}
	slices.Sort(names)
	out := make([]connections.Connection, 0, len(names))
	for _, name := range names {
		conn, err := c.connection(name, c.Conns[name])
		if err != nil {
			return nil, err
		}
		out = append(out, conn)
	}
	return out, nil
}

func (c Config) connection(name string, t Connection) (connections.Connection, error) {
	fail := func(key, format string, args ...any) (connections.Connection, error) {
		at, what := toml.Key{"connections", name}, fmt.Sprintf("[connections.%s]", name)
		if key != "" {
			at, what = append(at, key), what+" "+key
		}
		return connections.Connection{}, fmt.Errorf("%s: %s: %s", c.where(lineOfKey(c.text, at)), what, fmt.Sprintf(format, args...))
	}
	switch {
	case !connections.ValidName(name):
		return fail("", "a connection name is one word of letters, digits, '.', '_' and '-' (it is written NAME:s3://bucket/key)")
	case name == connections.DemoName:
		return fail("", "%q is the built-in demo; pick another name", name)
	case t.AccessKey != nil || t.SecretKey != nil || t.Token != nil:
		return fail("", "ferry keeps no keys: put them in an AWS profile (aws configure --profile %s) and name it with profile = %q", name, name)
	}
	conn := connections.Connection{Name: name, From: connections.FromFerryConfig}
	var err error
	if conn.Profile, err = text(t.Profile); err != nil {
		return fail("profile", "%v", err)
	}
	if conn.EndpointURL, err = endpoint(t.EndpointURL); err != nil {
		return fail("endpoint_url", "%v", err)
	}
	if conn.Region, err = text(t.Region); err != nil {
		return fail("region", "%v", err)
	}
	if conn.PathStyle, err = pathStyle(t.PathStyle); err != nil {
		return fail("path_style", "%v", err)
	}
	if conn.Insecure, err = flag(t.Insecure); err != nil {
		return fail("insecure", "%v", err)
	}
	return conn, nil
}

func text(v any) (string, error) {
	s, ok := v.(string)
	if v != nil && !ok {
		return "", fmt.Errorf("%s is not a string", quoted(v))
	}
	return s, nil
}

// endpoint checks an endpoint URL: http or https, with a host.
func endpoint(v any) (string, error) {
	s, err := text(v)
	if err != nil || s == "" {
		return s, err
	}
	u, perr := url.Parse(s)
	if perr != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("%s is not an endpoint URL: write it like \"https://s3.example.com\" or \"http://localhost:9000\"", quoted(v))
	}
	return s, nil
}

// pathStyle reads auto (nil), on or off; true and false work too.
func pathStyle(v any) (*bool, error) {
	on := true
	switch v {
	case nil, "auto":
		return nil, nil
	case "on", true:
		return &on, nil
	case "off", false:
		on = false
		return &on, nil
	}
	return nil, fmt.Errorf("%s is not a path style: want \"auto\", \"on\" or \"off\"", quoted(v))
}
