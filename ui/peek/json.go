package peek

import (
	"mime"
	"path"
	"strings"
)

// JSON and NDJSON (one record a line: logs) are shown pretty-printed.
// The preview reads only the head of a file, so the last record may be
// cut: the indenter below never needs the document to be complete.

// jsonIndent is one level of a pretty-printed JSON document.
const jsonIndent = "  "

// jsonKind says whether src (the head of file name, of content type
// contentType) is JSON ("json"), JSON lines ("ndjson") or neither ("").
func jsonKind(src, name, contentType string) string {
	ext := strings.ToLower(path.Ext(name))
	mt, _, _ := mime.ParseMediaType(contentType)
	switch {
	case ext == ".ndjson" || ext == ".jsonl" || mt == "application/x-ndjson":
		return "ndjson"
	case ext == ".json" || mt == "application/json":
		if records(src) > 1 {
			return "ndjson"
		}
		return "json"
	case records(src) > 1:
		return "ndjson" // a log of JSON records, whatever its name
	}
	return ""
}

// records counts the lines of src that start a JSON object, when every
// non-empty line does (0 otherwise).
func records(src string) int {
	n := 0
	for _, l := range strings.Split(src, "\n") {
		l = strings.TrimSpace(l)
		switch {
		case l == "":
		case strings.HasPrefix(l, "{"):
			n++
		default:
			return 0
		}
	}
	return n
}

// prettyJSON indents src; JSON lines are indented one record at a time.
func prettyJSON(src, kind string) string {
	if kind != "ndjson" {
		return indentJSON(src)
	}
	var out []string
	for _, l := range strings.Split(src, "\n") {
		if strings.TrimSpace(l) != "" {
			out = append(out, indentJSON(l))
		}
	}
	return strings.Join(out, "\n")
}

// indentJSON pretty-prints JSON text token by token, so a document cut
// short is indented as far as it goes.
func indentJSON(src string) string {
	var b strings.Builder
	depth, inString, escaped := 0, false, false
	newline := func() {
		b.WriteByte('\n')
		b.WriteString(strings.Repeat(jsonIndent, depth))
	}
	for i := 0; i < len(src); i++ {
		c := src[i]
		if inString {
			b.WriteByte(c)
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
			continue
		}
		switch c {
		case '"':
			inString = true
			b.WriteByte(c)
		case '{', '[':
			if j := nextToken(src, i+1); j < len(src) && (src[j] == '}' || src[j] == ']') {
				b.WriteByte(c) // an empty object or array stays on its line
				b.WriteByte(src[j])
				i = j
				continue
			}
			depth++
			b.WriteByte(c)
			newline()
		case '}', ']':
			depth = max(0, depth-1)
			newline()
			b.WriteByte(c)
		case ',':
			b.WriteByte(c)
			newline()
		case ':':
			b.WriteString(": ")
		case ' ', '\t', '\n', '\r':
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

// nextToken is the index of the first character at or after i that is
// not white space.
func nextToken(src string, i int) int {
	for i < len(src) && strings.IndexByte(" \t\r\n", src[i]) >= 0 {
		i++
	}
	return i
}
