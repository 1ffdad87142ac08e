package preview

// DefaultMax is how many bytes a preview reads unless told otherwise:
// enough for a screenful of text or an image header, small enough to be
// instant over a slow link.
const DefaultMax = 64 << 10

// Head is the beginning of a file or object, fetched for a preview.
type Head struct {
	// Data holds the first bytes (at most the requested maximum).
	Data []byte
	// Size is the whole file's or object's size in bytes.
	Size int64
	// ContentType is what the server (S3) or the file name (local) says
	// the content is; "" when unknown. Detect does not trust it alone.
	ContentType string
	// Truncated reports that Data is shorter than Size.
	Truncated bool
}
