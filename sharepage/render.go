package sharepage

import (
	"bytes"
	"embed"
	"html/template"
	"time"
)

// The pages are html/template templates, so every name, key and URL is
// escaped for where it stands (text, attribute, URL). They hold their CSS
// and JavaScript inline and load nothing from anywhere: the only URLs in
// a page are the bucket's own.

//go:embed assets/*.tmpl
var assets embed.FS

var templates = template.Must(template.ParseFS(assets, "assets/*.tmpl"))

// downloadView is what download.tmpl shows.
type downloadView struct {
	Title, Summary, ExpiresISO, ExpiresText string
	Files                                   []fileView
}

// fileView is one row of a download page.
type fileView struct {
	Name, Download, URL, SizeText string
	Size                          int64
}

// uploadView is what upload.tmpl shows.
type uploadView struct {
	Title, ExpiresISO, ExpiresText string
	Action, ListURL, KeyPrefix     string
	MaxSize                        int64
	MaxSizeText                    string
	Fields                         []Field
}

func render(name string, view any) ([]byte, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, view); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// expiryTexts are the page's expiry as a machine-readable timestamp (the
// page's script shows it in the reader's time zone) and as UTC text for a
// reader without JavaScript.
func expiryTexts(t time.Time) (iso, text string) {
	t = t.UTC()
	return t.Format(time.RFC3339), t.Format("Mon 2 Jan 2006, 15:04 UTC")
}
