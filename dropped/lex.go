package dropped

import "strings"

// word is one shell-style word of a line.
type word struct {
	text  string
	tilde bool // the word starts with an unquoted, unescaped '~'
}

// lexer splits one line into shell-style words in a single pass.
type lexer struct {
	s         string
	i         int
	words     []word
	buf       strings.Builder
	inWord    bool
	tilde     bool
	literalBS bool // backslashes are literal (Windows drive word)
}

// lexWords splits line into words; ok is false on an unterminated quote or a
// trailing escape.
func lexWords(line string) ([]word, bool) {
	l := &lexer{s: line}
	for l.i < len(l.s) {
		if !l.step() {
			return nil, false
		}
	}
	l.flush()
	return l.words, true
}

// step consumes one unit: a blank, a quoted section, an escape or a byte.
func (l *lexer) step() bool {
	switch c := l.s[l.i]; {
	case c == ' ' || c == '\t':
		l.flush()
		l.i++
	case c == '\'':
		return l.single()
	case c == '"':
		return l.double()
	case c == '\\' && !l.literalBS:
		return l.escape()
	default:
		l.start()
		l.buf.WriteByte(c)
		l.i++
	}
	return true
}

// start begins a word at l.i if none is in progress.
func (l *lexer) start() {
	if l.inWord {
		return
	}
	l.inWord = true
	l.tilde = l.s[l.i] == '~'
	l.literalBS = isDrive(l.s[l.i:])
}

// flush ends the current word, if any.
func (l *lexer) flush() {
	if !l.inWord {
		return
	}
	l.words = append(l.words, word{text: l.buf.String(), tilde: l.tilde})
	l.buf.Reset()
	l.inWord = false
}

// single consumes a '...' section; its content is literal.
func (l *lexer) single() bool {
	l.start()
	end := strings.IndexByte(l.s[l.i+1:], '\'')
	if end < 0 {
		return false
	}
	l.buf.WriteString(l.s[l.i+1 : l.i+1+end])
	l.i += end + 2
	return true
}

// double consumes a "..." section; only \" is an escape inside it.
func (l *lexer) double() bool {
	l.start()
	for l.i++; l.i < len(l.s); l.i++ {
		switch c := l.s[l.i]; {
		case c == '"':
			l.i++
			return true
		case c == '\\' && l.i+1 < len(l.s) && l.s[l.i+1] == '"':
			l.buf.WriteByte('"')
			l.i++
		default:
			l.buf.WriteByte(c)
		}
	}
	return false
}

// escape consumes a backslash and the byte it protects.
func (l *lexer) escape() bool {
	l.start()
	if l.i+1 >= len(l.s) {
		return false
	}
	l.buf.WriteByte(l.s[l.i+1])
	l.i += 2
	return true
}
