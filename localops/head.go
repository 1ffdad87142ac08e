package localops

import (
	"errors"
	"io"
	"os"

	"github.com/ferry-s3/ferry/preview"
)

// ReadHead reads the first limit bytes of the file at path (limit <= 0 means
// preview.DefaultMax) for a preview, with its size and the content type
// its extension suggests. Only regular files are read: a FIFO or device
// could block or never end.
func ReadHead(path string, limit int64) (preview.Head, error) {
	if limit <= 0 {
		limit = preview.DefaultMax
	}
	fi, err := os.Stat(path)
	if err != nil {
		return preview.Head{}, fail("preview", path, err)
	}
	if fi.IsDir() {
		return preview.Head{}, fail("preview", path, errors.New("it is a folder"))
	}
	if !fi.Mode().IsRegular() {
		return preview.Head{}, fail("preview", path, errors.New("it is not a regular file"))
	}
	f, err := os.Open(path)
	if err != nil {
		return preview.Head{}, fail("preview", path, err)
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit))
	if err != nil {
		return preview.Head{}, fail("preview", path, err)
	}
	size := max(fi.Size(), int64(len(data)))
	return preview.Head{Data: data, Size: size, Truncated: int64(len(data)) < size,
		ContentType: preview.TypeByName(path)}, nil
}
