package dropped

import "strings"

// Split is the pure, filesystem-free part of Parse: it tokenizes the paste into path strings
// (unquoted, unescaped, file:// URIs decoded) or reports ok=false when it is not a path list.
//
// The paste is processed line by line (\n, \r\n and \r all end a line). Each
// line is first read with shell-like rules: blanks separate words, single
// quotes are literal (a quote is embedded by closing, escaping and reopening,
// as in the example below), double quotes are literal except for \", and an
// unquoted backslash escapes the next byte, except in a word that starts with
// a Windows drive ("C:\" or "C:/"), where backslashes are separators:
//
//	/a/my\ file.txt '/tmp/it'\''s' "C:\Users\me\a b.txt" D:\x.png file:///a%20b
//
// If some word of the line is not a path, the whole line is tried as one raw
// path (kitty pastes paths unquoted, one per line). Blank lines are skipped,
// and so are lines starting with '#' when the paste contains a file:// line
// (text/uri-list comments). A leading unquoted "~" or "~/" is replaced by the
// home directory.
//
// Every resulting token must be absolute, "~"-prefixed, a Windows drive path,
// or "./" or "../" relative, and must contain no control characters other
// than tab; otherwise ok is false and tokens is nil.
func Split(text string) (tokens []string, ok bool) {
	lines := strings.FieldsFunc(text, isNewline)
	uriList := hasURILine(lines)
	for _, line := range lines {
		trimmed := strings.Trim(line, " \t")
		if trimmed == "" || (uriList && trimmed[0] == '#') {
			continue
		}
		toks, good := splitLine(line, trimmed)
		if !good {
			return nil, false
		}
		tokens = append(tokens, toks...)
	}
	if len(tokens) == 0 {
		return nil, false
	}
	return tokens, true
}

func isNewline(r rune) bool { return r == '\n' || r == '\r' }

// hasURILine reports whether any line is a file:// URI, which makes the paste
// a text/uri-list whose '#' lines are comments.
func hasURILine(lines []string) bool {
	for _, line := range lines {
		if hasFileScheme(strings.TrimLeft(line, " \t")) {
			return true
		}
	}
	return false
}

// splitLine tokenizes one non-blank line: shell-style words if they all are
// paths, else the trimmed line as a single raw path.
func splitLine(line, trimmed string) ([]string, bool) {
	if words, ok := lexWords(line); ok {
		if toks, ok := finishAll(words); ok {
			return toks, true
		}
	}
	if strings.IndexByte(trimmed, '\t') >= 0 {
		return nil, false // raw tabs only ever separate words
	}
	tok, ok := finish(word{text: trimmed, tilde: trimmed[0] == '~'})
	if !ok {
		return nil, false
	}
	return []string{tok}, true
}

// finishAll finishes every word, failing if any is not a path.
func finishAll(words []word) ([]string, bool) {
	toks := make([]string, 0, len(words))
	for _, w := range words {
		tok, ok := finish(w)
		if !ok {
			return nil, false
		}
		toks = append(toks, tok)
	}
	return toks, true
}

// finish decodes a file:// URI or expands a leading tilde, then validates.
func finish(w word) (string, bool) {
	s := w.text
	switch {
	case hasFileScheme(s):
		var ok bool
		if s, ok = decodeFileURI(s); !ok {
			return "", false
		}
	case w.tilde:
		s = expandTilde(s)
	}
	return s, isPath(s) && !hasControl(s)
}
