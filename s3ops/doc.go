// Package s3ops is ferry's access to S3: connecting through the AWS config
// chain, per-bucket regions, listing, presigning, the transfer engine and
// its journal. It has no UI imports; it reports through return values,
// channels and callbacks that the ui package turns into messages.
//
// The control plane (list, head, multipart bookkeeping, copy, delete) goes
// through the AWS SDK client; the data plane (every byte of every object)
// goes over presigned URLs with plain net/http.
package s3ops
