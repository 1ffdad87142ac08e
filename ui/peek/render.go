package peek

import (
	"bytes"
	"fmt"
	"mime"
	"path"
	"strings"
	"unicode/utf8"

	"charm.land/glamour/v2"
	"github.com/alecthomas/chroma/v2"
	"github.com/alecthomas/chroma/v2/formatters"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/charmbracelet/x/ansi"

	"github.com/ferry-s3/ferry/preview"
	"github.com/ferry-s3/ferry/ui/common"
)

// hexBytes is how much of a binary file the hex dump shows.
const hexBytes = 4 << 10

// tabWidth is how many columns a tab becomes (tabs would break the
// width arithmetic of every line).
const tabWidth = 4

// rendered is a preview ready to draw: a summary line under the title
// and the body lines (styled, one per row, as long as they are: the
// column cuts them with a "…", or wraps them when wrapping is on).
type rendered struct {
	kind    preview.Kind
	summary string
	lines   []string
	width   int // the width it was rendered for (Markdown depends on it)
	dark    bool
}

// render turns the first bytes of a file into what the column shows:
// highlighted text, rendered Markdown, an image's type and size, or a hex
// dump.
func render(h preview.Head, name string, width int, dark bool) rendered {
	kind := preview.Detect(h.Data, name)
	r := rendered{kind: kind, width: width, dark: dark}
	switch kind {
	case preview.Image:
		r.summary, r.lines = imageLines(h)
	case preview.Binary:
		r.summary = "binary · " + sizeText(h) + " · " + typeOrUnknown(h.ContentType)
		n := min(len(h.Data), hexBytes)
		r.lines = hexLines(h.Data[:n], width)
		if len(h.Data) > n || h.Truncated {
			r.lines = append(r.lines, fmt.Sprintf("… the first %s of %s", common.HumanSize(int64(n)), common.HumanSize(h.Size)))
		}
	case preview.Markdown:
		r.summary = "markdown · " + sizeText(h)
		r.lines = markdownLines(text(h.Data), width, dark)
	default:
		src, lexName := text(h.Data), name
		pretty := jsonKind(src, name, h.ContentType)
		if pretty != "" {
			src, lexName = prettyJSON(src, pretty), "pretty.json"
		}
		lang, lines := highlight(src, lexName, h.ContentType, dark)
		r.summary = lang + " · " + sizeText(h)
		if pretty != "" {
			r.summary = pretty + " · " + sizeText(h) + " · pretty-printed"
		}
		r.lines = lines
		if lang == "text" {
			r.lines = wrapPlain(lines, width) // prose reads better wrapped; code keeps its lines
		}
	}
	if h.Truncated && kind != preview.Binary && kind != preview.Image {
		r.lines = append(r.lines, "", fmt.Sprintf("… the first %s of %s", common.HumanSize(int64(len(h.Data))), common.HumanSize(h.Size)))
	}
	if len(h.Data) == 0 {
		r.lines = []string{"(empty)"}
	}
	return r
}

// text is the head as text that is safe to draw: tabs expanded, other
// control characters (a terminal escape in a log file) made visible, a
// rune cut off by the read dropped.
func text(b []byte) string {
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))
	for len(b) > 0 && !utf8.Valid(b) {
		b = b[:len(b)-1]
	}
	lines := strings.Split(strings.TrimSuffix(strings.ReplaceAll(string(b), "\r\n", "\n"), "\n"), "\n")
	for i, l := range lines {
		lines[i] = common.Sanitize(expandTabs(l))
	}
	return strings.Join(lines, "\n")
}

// wrapPlain wraps unstyled lines at word boundaries (long words are cut).
func wrapPlain(lines []string, width int) []string {
	if width < 4 {
		return lines
	}
	var out []string
	for _, l := range lines {
		out = append(out, strings.Split(ansi.Wrap(l, width, ""), "\n")...)
	}
	return out
}

func expandTabs(l string) string {
	if !strings.Contains(l, "\t") {
		return l
	}
	var b strings.Builder
	col := 0
	for _, r := range l {
		if r == '\t' {
			n := tabWidth - col%tabWidth
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}

// highlight colours source code by its file name (or content type, or
// its content); plain text is returned as is. lang names what it found.
func highlight(src, name, contentType string, dark bool) (string, []string) {
	lexer := lexers.Match(path.Base(name))
	if lexer == nil && contentType != "" {
		if mt, _, err := mime.ParseMediaType(contentType); err == nil && mt != "text/plain" {
			lexer = lexers.MatchMimeType(mt)
		}
	}
	if lexer == nil {
		lexer = lexers.Analyse(src)
	}
	if lexer == nil || lexer.Config().Name == "plaintext" {
		return "text", strings.Split(src, "\n")
	}
	style := styles.Get("monokai")
	if !dark {
		style = styles.Get("github")
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, src)
	var out bytes.Buffer
	if err == nil {
		err = formatters.TTY16m.Format(&out, style, it)
	}
	if err != nil {
		return "text", strings.Split(src, "\n")
	}
	return strings.ToLower(lexer.Config().Name), strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
}

// markdownLines renders Markdown for width columns with glamour's style
// for the terminal's background.
func markdownLines(src string, width int, dark bool) []string {
	style := "dark"
	if !dark {
		style = "light"
	}
	r, err := glamour.NewTermRenderer(glamour.WithStandardStyle(style), glamour.WithWordWrap(max(10, width-2)))
	if err != nil {
		return strings.Split(src, "\n")
	}
	out, err := r.Render(src)
	if err != nil {
		return strings.Split(src, "\n")
	}
	return strings.Split(strings.Trim(out, "\n"), "\n")
}

// hexWide is the width of a hexdump -C line (16 bytes a row); narrower
// columns get 8 or 4 bytes a row (12 columns and 4 per byte).
const hexWide = 78

func hexLines(data []byte, width int) []string {
	if width >= hexWide {
		return strings.Split(strings.TrimSuffix(preview.HexDump(data, 0), "\n"), "\n")
	}
	per := 8
	if width < 12+4*per {
		per = 4
	}
	var out []string
	for off := 0; off < len(data); off += per {
		row := data[off:min(off+per, len(data))]
		var hex, ascii strings.Builder
		for i := range per {
			if i < len(row) {
				fmt.Fprintf(&hex, "%02x ", row[i])
			} else {
				hex.WriteString("   ")
			}
		}
		for _, c := range row {
			if c >= 0x20 && c < 0x7f {
				ascii.WriteByte(c)
			} else {
				ascii.WriteByte('.')
			}
		}
		out = append(out, fmt.Sprintf("%08x  %s|%s|", off, hex.String(), ascii.String()))
	}
	return out
}

func imageLines(h preview.Head) (string, []string) {
	info, err := preview.DecodeImageInfo(h.Data)
	if err != nil {
		return "image · " + sizeText(h), []string{"the image header could not be read: " + err.Error()}
	}
	summary := fmt.Sprintf("%s image · %d×%d · %s", strings.ToUpper(info.Format), info.Width, info.Height, sizeText(h))
	return summary, []string{
		fmt.Sprintf("Format      %s", strings.ToUpper(info.Format)),
		fmt.Sprintf("Dimensions  %d × %d pixels", info.Width, info.Height),
		fmt.Sprintf("Size        %s", common.HumanSize(h.Size)),
		fmt.Sprintf("Type        %s", typeOrUnknown(h.ContentType)),
	}
}

func sizeText(h preview.Head) string { return common.HumanSize(h.Size) }

func typeOrUnknown(ct string) string {
	if ct == "" {
		return "unknown type"
	}
	return common.Sanitize(ct)
}
