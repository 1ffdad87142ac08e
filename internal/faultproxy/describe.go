package faultproxy

import (
	"fmt"
	"net/url"
	"sort"
	"strings"
)

// String describes f for logs: its kind and the parameters that apply.
func (f Fault) String() string {
	parts := []string{f.Kind.String()}
	switch f.Kind {
	case ResetRequest, ResetResponse, Truncate, Corrupt:
		parts = append(parts, fmt.Sprintf("after %d B", f.After))
	case StallBody:
		parts = append(parts, fmt.Sprintf("after %d B", f.After), stallText(f))
	case StallHeaders:
		parts = append(parts, stallText(f))
	}
	if f.Latency > 0 || f.Kind == Latency {
		parts = append(parts, "latency "+f.Latency.String())
	}
	if f.RequestBPS > 0 {
		parts = append(parts, fmt.Sprintf("request %d B/s", f.RequestBPS))
	}
	if f.ResponseBPS > 0 {
		parts = append(parts, fmt.Sprintf("response %d B/s", f.ResponseBPS))
	}
	if f.DropBody {
		parts = append(parts, "body dropped")
	}
	return strings.Join(parts, ", ")
}

func stallText(f Fault) string {
	if f.Stall == 0 {
		return "stall until the client gives up"
	}
	return "stall " + f.Stall.String()
}

// safeQuery formats q for a log line without the X-Amz-* parameters of
// presigned URLs (signature, credential, security token).
func safeQuery(q url.Values) string {
	var names []string
	for name := range q {
		if !strings.HasPrefix(strings.ToLower(name), "x-amz-") {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return ""
	}
	sort.Strings(names)
	var b strings.Builder
	for i, name := range names {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(name)
		if v := q.Get(name); v != "" {
			b.WriteString("=" + v)
		}
	}
	return "?" + b.String()
}
