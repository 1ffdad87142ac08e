package preview

import (
	"mime"
	"net/http"
	"path"
	"path/filepath"
)

// Octet is the type of bytes nothing more is known about.
const Octet = "application/octet-stream"

// TypeByName is the MIME type a file or object name's extension stands
// for (any case: ".JPG" is image/jpeg), "" when it stands for none.
// Local paths and S3 keys alike: the extension is what follows the last
// dot of the last path element.
func TypeByName(name string) string {
	return mime.TypeByExtension(path.Ext(filepath.ToSlash(name)))
}

// ContentType is the type ferry gives content it sends or shares: by its
// name, else by its first bytes (head, up to 512 of them; empty when
// they are not at hand), else Octet. It is the one place uploads, share
// links and previews agree on what a file is.
func ContentType(name string, head []byte) string {
	if t := TypeByName(name); t != "" {
		return t
	}
	if len(head) > 0 {
		return http.DetectContentType(head)
	}
	return Octet
}
