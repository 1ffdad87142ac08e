package connections

import (
	"bufio"
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/aws/aws-sdk-go-v2/config"
)

// AWSFiles are the AWS shared config and credentials files, as the SDK
// finds them: $AWS_CONFIG_FILE and $AWS_SHARED_CREDENTIALS_FILE, else
// ~/.aws/config and ~/.aws/credentials.
func AWSFiles() (configFile, credentialsFile string) {
	home, _ := os.UserHomeDir()
	return envOr("AWS_CONFIG_FILE", filepath.Join(home, ".aws", "config")),
		envOr("AWS_SHARED_CREDENTIALS_FILE", filepath.Join(home, ".aws", "credentials"))
}

func envOr(name, fallback string) string {
	if v := os.Getenv(name); v != "" {
		return v
	}
	return fallback
}

// ProfileNames are the profiles the AWS files define, sorted, each
// once ([default] included; sso-session and services sections are not
// profiles).
func ProfileNames() []string {
	cfg, creds := AWSFiles()
	names := append(sections(cfg, "profile "), sections(creds, "")...)
	slices.Sort(names)
	return slices.Compact(names)
}

// AWSProfiles are the profiles of the AWS files that a NAME:s3:// form
// can name, as connections, with the endpoint and region each sets
// (what the SDK will use when it connects with the profile).
func AWSProfiles(ctx context.Context) []Connection {
	cfgFile, credsFile := AWSFiles()
	var out []Connection
	for _, name := range ProfileNames() {
		if !ValidName(name) {
			continue
		}
		c := Connection{Name: name, From: FromAWSConfig, Profile: name}
		sc, err := config.LoadSharedConfigProfile(ctx, name, func(o *config.LoadSharedConfigOptions) {
			o.ConfigFiles, o.CredentialsFiles = []string{cfgFile}, []string{credsFile}
		})
		if err == nil {
			c.Region = sc.Region
			c.EndpointURL = sc.BaseEndpoint
			if ep, ok, _ := sc.GetServiceBaseEndpoint(ctx, "S3"); ok {
				c.EndpointURL = ep
			}
		}
		out = append(out, c)
	}
	return out
}

// sections are the names of the [sections] of an INI file that start
// with prefix (stripped), plus [default]; other kinds of section (in the
// config file: sso-session, services) are left out.
func sections(path, prefix string) []string {
	f, err := os.Open(path)
	if err != nil {
		return nil
	}
	defer f.Close()
	var names []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if !strings.HasPrefix(line, "[") || !strings.HasSuffix(line, "]") {
			continue
		}
		name := strings.TrimSpace(line[1 : len(line)-1])
		if rest, ok := strings.CutPrefix(name, prefix); ok && !strings.Contains(rest, " ") || name == "default" {
			names = append(names, strings.TrimSpace(strings.TrimPrefix(name, prefix)))
		}
	}
	return names
}
