// Package checksum owns the S3 additional checksums ferry verifies its
// transfers with: CRC64NVME (what S3 computes for every new object),
// CRC32C and CRC32. It hashes (CRC64NVME with SIMD, CRC32C with the
// CPU's CRC instruction: tens of GB/s per core where MD5 manages well
// under one), writes and reads the base64 form S3 uses in
// x-amz-checksum-* headers, and combines the CRCs of adjacent pieces
// into the CRC of the whole, so ranges fetched in parallel are checked
// against one full-object checksum without reading anything twice.
package checksum

import (
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"hash"
	"hash/crc32"
	"strings"

	"github.com/minio/crc64nvme"
)

// Algorithm is an S3 checksum algorithm, named as S3 names it.
type Algorithm string

// The algorithms ferry computes.
const (
	CRC64NVME Algorithm = "CRC64NVME"
	CRC32C    Algorithm = "CRC32C"
	CRC32     Algorithm = "CRC32"
)

// Algorithms are the ones ferry can verify, in the order it prefers them
// when a store offers several.
var Algorithms = []Algorithm{CRC64NVME, CRC32C, CRC32}

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// New returns a hash computing a's CRC (its Sum is the big-endian value).
func (a Algorithm) New() hash.Hash {
	switch a {
	case CRC64NVME:
		return crc64nvme.New()
	case CRC32C:
		return crc32.New(castagnoli)
	}
	return crc32.NewIEEE()
}

// Width is the CRC's size in bits (32 or 64).
func (a Algorithm) Width() int {
	if a == CRC64NVME {
		return 64
	}
	return 32
}

// Header is the header S3 carries a's value in ("x-amz-checksum-crc64nvme").
func (a Algorithm) Header() string { return "x-amz-checksum-" + strings.ToLower(string(a)) }

// Value is a CRC of some bytes, with its algorithm.
type Value struct {
	Alg Algorithm
	CRC uint64
}

// Of computes a's CRC of b.
func Of(a Algorithm, b []byte) Value {
	h := a.New()
	h.Write(b)
	return Sum(a, h)
}

// Sum reads the value out of a hash made by a.New.
func Sum(a Algorithm, h hash.Hash) Value {
	s := h.Sum(nil)
	if a.Width() == 64 {
		return Value{a, binary.BigEndian.Uint64(s)}
	}
	return Value{a, uint64(binary.BigEndian.Uint32(s))}
}

// String is the value as S3 writes it: the big-endian bytes in base64.
func (v Value) String() string {
	b := make([]byte, 8)
	binary.BigEndian.PutUint64(b, v.CRC)
	return base64.StdEncoding.EncodeToString(b[8-v.Alg.Width()/8:])
}

// Parse reads a's value as S3 writes it. A composite checksum
// ("…-3", the checksum of the parts' checksums) is not a value of the
// object's bytes and is refused here (see ParseComposite).
func Parse(a Algorithm, s string) (Value, error) {
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil || len(b) != a.Width()/8 {
		return Value{}, fmt.Errorf("%q is not a %s checksum", s, a)
	}
	if a.Width() == 64 {
		return Value{a, binary.BigEndian.Uint64(b)}, nil
	}
	return Value{a, uint64(binary.BigEndian.Uint32(b))}, nil
}

// ParseComposite splits a composite checksum "base64-N" into the value
// (the CRC of the parts' CRCs, big-endian, concatenated) and the part
// count; ok is false for a full-object checksum.
func ParseComposite(a Algorithm, s string) (v Value, parts int, ok bool) {
	i := strings.LastIndexByte(s, '-')
	if i < 0 {
		return Value{}, 0, false
	}
	if _, err := fmt.Sscanf(s[i+1:], "%d", &parts); err != nil || parts < 1 {
		return Value{}, 0, false
	}
	v, err := Parse(a, s[:i])
	return v, parts, err == nil
}

// Composite is the checksum S3 gives an object uploaded in parts with
// ChecksumType COMPOSITE: a's CRC of the parts' CRCs' bytes.
func Composite(a Algorithm, parts []Value) Value {
	h := a.New()
	b := make([]byte, 8)
	for _, p := range parts {
		binary.BigEndian.PutUint64(b, p.CRC)
		h.Write(b[8-a.Width()/8:])
	}
	return Sum(a, h)
}
