package share

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// ContentDisposition builds an "attachment" Content-Disposition for name
// that every browser reads: an ASCII fallback filename="…" (RFC 6266) and,
// when the name is not plain ASCII, the exact UTF-8 name as
// filename*=UTF-8”… (RFC 5987), which modern browsers prefer.
func ContentDisposition(name string) string {
	name = sanitizeName(name)
	fallback := asciiFallback(name)
	h := fmt.Sprintf(`attachment; filename="%s"`, fallback)
	if fallback != name {
		h += "; filename*=UTF-8''" + encodeExtValue(name)
	}
	return h
}

// DownloadName is the file name a browser should save the object at key
// as: the last path segment of the key.
func DownloadName(key string) string {
	return sanitizeName(key[strings.LastIndexByte(key, '/')+1:])
}

// sanitizeName drops what no file name may hold: control characters,
// invalid UTF-8, and path separators.
func sanitizeName(name string) string {
	name = strings.Map(func(r rune) rune {
		switch {
		case r == utf8.RuneError, r < 0x20, r == 0x7f, r == '/', r == '\\':
			return '_'
		}
		return r
	}, strings.ToValidUTF8(name, "_"))
	if name == "" || name == "." || name == ".." {
		return "download"
	}
	return name
}

// asciiFallback strips accents (é → e) and replaces each character that
// is still not printable ASCII, or that is special inside a quoted string
// or to some browsers (" \ %), by an underscore.
func asciiFallback(name string) string {
	decomposed := strings.Map(func(r rune) rune {
		if unicode.Is(unicode.Mn, r) {
			return -1
		}
		return r
	}, norm.NFD.String(name))
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r > 0x7e || r == '"' || r == '\\' || r == '%' {
			return '_'
		}
		return r
	}, decomposed)
}

// encodeExtValue percent-encodes the UTF-8 bytes of s except RFC 5987's
// attr-char set.
func encodeExtValue(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isAttrChar(c) {
			b.WriteByte(c)
		} else {
			fmt.Fprintf(&b, "%%%02X", c)
		}
	}
	return b.String()
}

func isAttrChar(c byte) bool {
	switch {
	case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		return true
	}
	return strings.IndexByte("!#$&+-.^_`|~", c) >= 0
}
