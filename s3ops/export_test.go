package s3ops

// SetMetadataCopyThreshold lowers the size above which SetMetadata copies
// in parts, so tests can take that path with small objects. It returns a
// function restoring the default.
func SetMetadataCopyThreshold(n int64) (restore func()) {
	old := metadataCopyThreshold
	metadataCopyThreshold = n
	return func() { metadataCopyThreshold = old }
}

// SetMarkerPageSize makes version and multipart-upload listings ask for
// n entries a page, so tests walk many pages. It returns a function
// restoring the default.
func SetMarkerPageSize(n int32) (restore func()) {
	old := markerPageSize
	markerPageSize = n
	return func() { markerPageSize = old }
}
