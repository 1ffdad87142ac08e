package syncplan

import (
	"fmt"
	"regexp"
	"strings"
)

// Filter leaves paths out of a sync, by gitignore-style patterns: `*`
// and `?` match within one name, `**` across folders, `[a-z]` a class; a
// pattern with a `/` before its end is anchored at the root (a leading
// `/` anchors one without), others match a name at any depth; a pattern
// ending in `/` matches folders only. A folder that matches leaves out
// everything below it.
//
// With includes, only files matching one of them are synced; a file
// that matches an exclude is left out whatever the includes say.
// Excluded paths are left alone on both sides: never copied, never
// deleted.
type Filter struct {
	excludes, includes []*rule
}

// rule is one compiled pattern.
type rule struct {
	text    string
	re      *regexp.Regexp
	dirOnly bool
}

// NewFilter compiles the patterns of --exclude and --include.
func NewFilter(excludes, includes []string) (*Filter, error) {
	f := &Filter{}
	for _, p := range excludes {
		r, err := compile(p)
		if err != nil {
			return nil, fmt.Errorf("--exclude %q: %w", p, err)
		}
		f.excludes = append(f.excludes, r)
	}
	for _, p := range includes {
		r, err := compile(p)
		if err != nil {
			return nil, fmt.Errorf("--include %q: %w", p, err)
		}
		f.includes = append(f.includes, r)
	}
	return f, nil
}

// File reports whether the file at path (slash-separated, relative to
// the root) takes part in the sync.
func (f *Filter) File(path string) bool {
	if f == nil {
		return true
	}
	for _, r := range f.excludes {
		if r.matchesFile(path) {
			return false
		}
	}
	if len(f.includes) == 0 {
		return true
	}
	for _, r := range f.includes {
		if r.matchesFile(path) {
			return true
		}
	}
	return false
}

// Folder reports whether the folder at path is walked at all: false
// when an exclude leaves it out (with everything below).
func (f *Filter) Folder(path string) bool {
	if f == nil {
		return true
	}
	for _, r := range f.excludes {
		if r.re.MatchString(path) {
			return false
		}
	}
	return true
}

// matchesFile reports whether r matches the file at path or one of the
// folders it is in.
func (r *rule) matchesFile(path string) bool {
	if !r.dirOnly && r.re.MatchString(path) {
		return true
	}
	for i := strings.IndexByte(path, '/'); i >= 0; i = next(path, i) {
		if r.re.MatchString(path[:i]) {
			return true
		}
	}
	return false
}

func next(s string, i int) int {
	j := strings.IndexByte(s[i+1:], '/')
	if j < 0 {
		return -1
	}
	return i + 1 + j
}

// compile turns one pattern into a rule.
func compile(p string) (*rule, error) {
	r := &rule{text: p}
	body := p
	if strings.HasSuffix(body, "/") {
		r.dirOnly, body = true, strings.TrimRight(body, "/")
	}
	anchored := strings.Contains(body, "/")
	body = strings.TrimPrefix(body, "/")
	if body == "" {
		return nil, fmt.Errorf("an empty pattern matches nothing")
	}
	var re strings.Builder
	re.WriteString("^")
	if !anchored {
		re.WriteString("(?:.*/)?")
	}
	if err := translate(&re, body); err != nil {
		return nil, err
	}
	re.WriteString("$")
	compiled, err := regexp.Compile(re.String())
	if err != nil {
		return nil, err
	}
	r.re = compiled
	return r, nil
}

// translate writes the regexp of a glob body.
func translate(re *strings.Builder, body string) error {
	for i := 0; i < len(body); i++ {
		switch c := body[i]; {
		case strings.HasPrefix(body[i:], "**/"):
			re.WriteString("(?:.*/)?")
			i += 2
		case strings.HasPrefix(body[i:], "**"):
			re.WriteString(".*")
			i++
		case c == '*':
			re.WriteString("[^/]*")
		case c == '?':
			re.WriteString("[^/]")
		case c == '[':
			end := strings.IndexByte(body[i+1:], ']')
			if end < 0 {
				return fmt.Errorf("a [ without its ]")
			}
			class := body[i+1 : i+1+end]
			if strings.HasPrefix(class, "!") {
				class = "^" + class[1:]
			}
			re.WriteString("[" + strings.ReplaceAll(class, `\`, `\\`) + "]")
			i += end + 1
		case c == '\\' && i+1 < len(body):
			re.WriteString(regexp.QuoteMeta(body[i+1 : i+2]))
			i++
		default:
			re.WriteString(regexp.QuoteMeta(string(c)))
		}
	}
	return nil
}
