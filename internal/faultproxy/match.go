package faultproxy

import (
	"regexp"
	"strings"
)

// Presence says whether something (a header) must be there, must not be,
// or does not matter.
type Presence int

const (
	// Either matches with or without it.
	Either Presence = iota
	// Present matches only when it is there.
	Present
	// Absent matches only when it is not there.
	Absent
)

// Match selects requests, for rules, chaos and Count. Every field that
// is set must match; the zero Match selects everything.
type Match struct {
	// Method is the HTTP method, compared case-insensitively.
	Method string
	// Path must occur in the request's decoded path ("/bucket/key").
	Path string
	// PathRegexp must match the decoded path.
	PathRegexp *regexp.Regexp
	// Query lists query parameters: "name" must be present (with any
	// value, even empty), "name=value" must be present with that value.
	// Names are case-sensitive, as in S3 ("partNumber", "uploadId").
	Query []string
	// Range is whether the request carries a Range header.
	Range Presence
	// Func, when set, must also return true. For rules and chaos it sees
	// the request side of the Record only (no status, bytes or fault)
	// and is called with the proxy locked: it must not call the Proxy.
	Func func(Record) bool
}

// matches reports whether rec is selected by m.
func (m Match) matches(rec Record) bool {
	switch {
	case m.Method != "" && !strings.EqualFold(m.Method, rec.Method):
		return false
	case m.Path != "" && !strings.Contains(rec.Path, m.Path):
		return false
	case m.PathRegexp != nil && !m.PathRegexp.MatchString(rec.Path):
		return false
	case m.Range == Present && rec.Range == "", m.Range == Absent && rec.Range != "":
		return false
	case !m.queryMatches(rec):
		return false
	case m.Func != nil && !m.Func(rec):
		return false
	}
	return true
}

func (m Match) queryMatches(rec Record) bool {
	for _, q := range m.Query {
		name, want, withValue := strings.Cut(q, "=")
		values, ok := rec.Query[name]
		if !ok {
			return false
		}
		if withValue && !containsString(values, want) {
			return false
		}
	}
	return true
}

func containsString(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}
