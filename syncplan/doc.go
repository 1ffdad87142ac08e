// Package syncplan decides what a sync does. It reads the two sides of
// a sync — a local folder tree and an S3 prefix, or two prefixes — as
// streams in the same order (S3's: bytewise by path), merges them and
// says for each path what to do: copy it (missing at the destination, or
// different by size or content), delete it (only at the destination,
// when asked), or nothing. Neither side is held whole in memory: only
// what differs is kept.
//
// "Different" is, by default, a different size or different content.
// Content is compared without downloading: a local file's MD5 against
// the object's ETag (for a multipart object, the MD5 of its parts' MD5s
// at the part size the store reports), or, when the ETag is no MD5
// (KMS, customer keys), against the CRC64NVME the store keeps. Two
// objects compare by ETag, then by stored checksum. Local hashes are
// cached by path, size, modification time, inode and change time (hashcache.go), so
// a tree already in sync is not read again. Modification times alone
// never decide: uploads do not keep them on S3.
package syncplan
