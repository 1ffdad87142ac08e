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
// the Content-Type the URL was signed for. --globoff stops curl from
// reading [ ] { } in the URL as its own patterns.
func CurlCommand(url, contentType, file string) string {
	return fmt.Sprintf("curl --globoff -X PUT -H %s --upload-file %s %s",
		ShellQuote("Content-Type: "+contentType), ShellQuote(file), ShellQuote(url))
}
