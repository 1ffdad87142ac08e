package dropped

import (
	"os"
	"path/filepath"
	"strings"
)

const fileScheme = "file://"

// hasFileScheme reports whether s starts with file:// (any case).
func hasFileScheme(s string) bool {
	return len(s) >= len(fileScheme) && strings.EqualFold(s[:len(fileScheme)], fileScheme)
}

// isDrive reports whether s starts with a Windows drive path: "C:\" or "C:/".
func isDrive(s string) bool {
	if len(s) < 3 || s[1] != ':' || (s[2] != '\\' && s[2] != '/') {
		return false
	}
	c := s[0] | 0x20
	return c >= 'a' && c <= 'z'
}

// isPath reports whether s has one of the accepted path shapes.
func isPath(s string) bool {
	switch {
	case s == "":
		return false
	case s[0] == '/', s[0] == '~', isDrive(s):
		return true
	}
	return strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../")
}

// hasControl reports whether s holds a C0/C1 control character other than tab.
func hasControl(s string) bool {
	for _, r := range s {
		if r == '\t' {
			continue
		}
		if r < 0x20 || (r >= 0x7f && r <= 0x9f) {
			return true
		}
	}
	return false
}

// expandTilde replaces a leading "~" or "~/" with the home directory. Other
// forms ("~user") and an unknown or relative home are left alone.
func expandTilde(s string) string {
	if s != "~" && !strings.HasPrefix(s, "~/") {
		return s
	}
	home, err := os.UserHomeDir()
	if err != nil || !filepath.IsAbs(home) {
		return s
	}
	return filepath.Join(home, s[1:])
}

// decodeFileURI turns file:///p or file://localhost/p into the decoded path
// p. Other hosts, missing paths and bad percent escapes fail. A drive path
// (file:///C:/x) loses its leading slash.
func decodeFileURI(s string) (string, bool) {
	rest := s[len(fileScheme):]
	slash := strings.IndexByte(rest, '/')
	if slash < 0 {
		return "", false
	}
	if host := rest[:slash]; host != "" && !strings.EqualFold(host, "localhost") {
		return "", false
	}
	p, ok := unescapePercent(rest[slash:])
	if !ok {
		return "", false
	}
	if isDrive(p[1:]) {
		p = p[1:]
	}
	return p, true
}

// unescapePercent decodes %XX escapes; '+' stays '+'.
func unescapePercent(s string) (string, bool) {
	if strings.IndexByte(s, '%') < 0 {
		return s, true
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			b.WriteByte(s[i])
			continue
		}
		if i+2 >= len(s) || !isHex(s[i+1]) || !isHex(s[i+2]) {
			return "", false
		}
		b.WriteByte(unhex(s[i+1])<<4 | unhex(s[i+2]))
		i += 2
	}
	return b.String(), true
}

func isHex(c byte) bool {
	return ('0' <= c && c <= '9') || ('a' <= c && c <= 'f') || ('A' <= c && c <= 'F')
}

func unhex(c byte) byte {
	switch {
	case c <= '9':
		return c - '0'
	case c <= 'F':
		return c - 'A' + 10
	}
	return c - 'a' + 10
}
