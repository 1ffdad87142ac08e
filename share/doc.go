// Package share makes share links: presigned GET links for downloads and
// presigned PUT links (with a ready curl command) for uploads, plus what a
// share dialog needs around them: expiry parsing and presets, the plan of
// how long a link will really work (SigV4's 7-day limit and the lifetime of
// the credentials that sign it), time formatting, a terminal QR code and an
// in-memory history of the links and share pages made in this run (pages
// themselves are made by package sharepage).
//
// Presigned URLs are bearer secrets: nothing in this package logs or
// persists them. History lives in memory only.
package share
