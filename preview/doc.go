// Package preview decides how the first bytes of a file or object can be
// shown: as text, as Markdown, as an image (with its format and size) or
// as a hex dump. It works on plain byte slices, so local files and S3
// objects are sniffed the same way, and it does no rendering itself
// (syntax highlighting and Markdown rendering belong to the UI).
package preview
