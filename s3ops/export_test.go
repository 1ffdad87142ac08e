package s3ops

// SetMetadataCopyThreshold lowers the size above which SetMetadata copies
// in parts, so tests can take that path with small objects. It returns a
// function restoring the default.
func SetMetadataCopyThreshold(n int64) (restore func()) {
	old := metadataCopyThreshold
	metadataCopyThreshold = n
	return func() { metadataCopyThreshold = old }
}
