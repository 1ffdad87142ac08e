// Package foldercmp compares two folders side by side, for the browser's
// compare view: a local folder and an S3 prefix, or two prefixes of one
// connection, each read recursively. It drives syncplan (the same
// listing, size and content comparison and local hash cache as `ferry
// sync`) with the left folder as the source and the right one as the
// destination, and keeps every file's answer: only left, only right,
// differs (by size or content) or same. Folders sum up the files below
// them. Either direction's copy of the differences is then a Job: the
// copies, and (when asked) the deletes of what only the target holds,
// refused when the source lists no files.
//
// Unlike a sync, which streams and keeps only what differs, a compare
// keeps one small record per file of both trees: the view marks every
// row, and a folder on screen is what it holds.
package foldercmp
