// Package connections owns the named ways ferry can reach S3: every
// profile of the AWS config files, the [connections.NAME] tables of
// ferry's config file, and "demo", the embedded gateway. A connection is
// a name plus where to connect (profile, endpoint, region, path style,
// TLS checks), never keys: credentials always come from the AWS chain of
// its profile. The package also reads the NAME:s3://bucket/key form that
// names a location on a connection.
package connections

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"github.com/ferry-s3/ferry/s3ops"
)

// Connection is one named way to reach S3.
type Connection struct {
	Name string
	// From says where it is defined: FromAWSConfig, FromFerryConfig or
	// FromBuiltIn.
	From string
	// Profile is the AWS profile its credentials (and, unless set here,
	// its endpoint and region) come from; "" is the default chain.
	Profile     string
	EndpointURL string
	Region      string
	// PathStyle forces path-style addressing on or off; nil is auto.
	PathStyle *bool
	Insecure  bool
	// Demo is the embedded demo gateway, started on first use.
	Demo bool
}

// Where a connection is defined.
const (
	FromAWSConfig   = "aws config"
	FromFerryConfig = "ferry config"
	FromBuiltIn     = "built in"
)

// DemoName is the built-in connection to the demo gateway.
const DemoName = "demo"

// Settings are the s3ops settings that connect to c (the demo's are
// known only once its gateway runs: see the caller).
func (c Connection) Settings() s3ops.Settings {
	return s3ops.Settings{Profile: c.Profile, EndpointURL: c.EndpointURL, Region: c.Region,
		PathStyle: c.PathStyle, Insecure: c.Insecure}
}

// namePattern is what a connection name may be: one word of letters,
// digits, '.', '_' and '-', so NAME:s3://… cannot be read any other way.
var namePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]*$`)

// ValidName reports whether name can name a connection in NAME:s3://….
func ValidName(name string) bool { return namePattern.MatchString(name) && len(name) <= 64 }

// Set is every known connection, by name.
type Set struct {
	all []Connection
}

// NewSet merges the connections defined in ferry's config (which win
// over an AWS profile of the same name: they say more), the AWS
// profiles, and the demo.
func NewSet(ferry, aws []Connection) *Set {
	s := &Set{}
	seen := map[string]bool{}
	for _, group := range [][]Connection{ferry, aws, {{Name: DemoName, From: FromBuiltIn, Demo: true}}} {
		for _, c := range group {
			if !seen[c.Name] {
				seen[c.Name] = true
				s.all = append(s.all, c)
			}
		}
	}
	slices.SortStableFunc(s.all, func(a, b Connection) int { return strings.Compare(a.Name, b.Name) })
	return s
}

// All is every connection, sorted by name.
func (s *Set) All() []Connection { return s.all }

// Get finds the connection called name.
func (s *Set) Get(name string) (Connection, bool) {
	for _, c := range s.all {
		if c.Name == name {
			return c, true
		}
	}
	return Connection{}, false
}

// Names are the connections' names, sorted.
func (s *Set) Names() []string {
	names := make([]string, len(s.all))
	for i, c := range s.all {
		names[i] = c.Name
	}
	return names
}

// Lookup is Get with the error a user sees for an unknown name: it
// lists the known ones.
func (s *Set) Lookup(name string) (Connection, error) {
	if c, ok := s.Get(name); ok {
		return c, nil
	}
	return Connection{}, fmt.Errorf("no connection is called %q (known: %s; `ferry connections` lists them)",
		name, strings.Join(s.Names(), ", "))
}

// SplitLocation reads "NAME:s3://bucket/key" as the connection NAME and
// "s3://bucket/key". Anything else (a plain s3:// URI, a local path,
// even one with a colon) has no connection: ok is false and arg is kept
// whole.
func SplitLocation(arg string) (name, uri string, ok bool) {
	name, uri, found := strings.Cut(arg, ":")
	if !found || !strings.HasPrefix(uri, "s3://") || !ValidName(name) {
		return "", arg, false
	}
	return name, uri, true
}
