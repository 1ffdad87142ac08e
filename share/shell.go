package share

import (
	"fmt"
	"strings"
)

// ShellQuote quotes s for a POSIX shell: single quotes, with each embedded
// single quote written as '\”. Nothing inside single quotes is special,
// so URLs with & ? % = and spaces pass through untouched.
func ShellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// CurlCommand is the command that uploads file to a presigned PUT URL with
// the Content-Type the URL was signed for. Presigned URLs percent-encode
// keys, but an IPv6 endpoint ("http://[::1]:7070") has brackets, which
// curl would read as its own patterns; --globoff is added for those.
func CurlCommand(url, contentType, file string) string {
	glob := ""
	if strings.ContainsAny(url, "[]{}") {
		glob = "--globoff "
	}
	return fmt.Sprintf("curl %s-X PUT -H %s --upload-file %s %s",
		glob, ShellQuote("Content-Type: "+contentType), ShellQuote(file), ShellQuote(url))
}
