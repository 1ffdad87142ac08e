package preview

import (
	"bytes"
	"errors"
	"image"
	_ "image/gif" // register the decoders DecodeImageInfo understands
	_ "image/jpeg"
	_ "image/png"
)

// ImageInfo is what an image's header says about it.
type ImageInfo struct {
	Format string // "png", "jpeg" or "gif"
	Width  int
	Height int
}

// errNotImage is returned for content that is not a supported image.
var errNotImage = errors.New("not a PNG, JPEG or GIF image")

// DecodeImageInfo reads the format and dimensions from the first bytes of
// an image. Only the header is needed (a 64 KiB preview is plenty), not
// the whole file.
func DecodeImageInfo(head []byte) (ImageInfo, error) {
	if !looksLikeImage(head) {
		return ImageInfo{}, errNotImage
	}
	cfg, format, err := image.DecodeConfig(bytes.NewReader(head))
	if err != nil {
		return ImageInfo{}, err
	}
	return ImageInfo{Format: format, Width: cfg.Width, Height: cfg.Height}, nil
}

// looksLikeImage checks the magic numbers first, so text is never handed
// to the image decoders.
func looksLikeImage(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) ||
		bytes.HasPrefix(b, []byte("\xff\xd8\xff")) ||
		bytes.HasPrefix(b, []byte("GIF87a")) || bytes.HasPrefix(b, []byte("GIF89a"))
}
