package checksum_test

import (
	"crypto/md5"
	"hash"
	"hash/crc32"
	"math/rand/v2"
	"testing"

	"github.com/ferry-s3/ferry/s3ops/checksum"
)

// Known answers: the standard check value of each CRC ("123456789") and
// the base64 S3 writes for it.
func TestKnownAnswers(t *testing.T) {
	for _, tc := range []struct {
		alg  checksum.Algorithm
		crc  uint64
		text string
	}{
		{checksum.CRC64NVME, 0xae8b14860a799888, "rosUhgp5mIg="},
		{checksum.CRC32C, 0xe3069283, "4waSgw=="},
		{checksum.CRC32, 0xcbf43926, "y/Q5Jg=="},
	} {
		v := checksum.Of(tc.alg, []byte("123456789"))
		if v.CRC != tc.crc || v.String() != tc.text {
			t.Errorf("%s: %#x %q, want %#x %q", tc.alg, v.CRC, v.String(), tc.crc, tc.text)
		}
		if back, err := checksum.Parse(tc.alg, tc.text); err != nil || back != v {
			t.Errorf("%s: parse %q = %+v %v", tc.alg, tc.text, back, err)
		}
	}
	if v := checksum.Of(checksum.CRC32C, []byte("123456789")); v.CRC != uint64(crc32.Checksum([]byte("123456789"), crc32.MakeTable(crc32.Castagnoli))) {
		t.Error("CRC32C differs from the standard library's")
	}
}

// The CRC of pieces combined is the CRC of the whole, for any split.
func TestCombiningPiecesGivesTheWhole(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	data := make([]byte, 300_000)
	for i := range data {
		data[i] = byte(r.IntN(256))
	}
	for _, alg := range checksum.Algorithms {
		whole := checksum.Of(alg, data)
		for range 50 {
			cut := r.IntN(len(data) + 1)
			got := checksum.Combine(checksum.Of(alg, data[:cut]), checksum.Of(alg, data[cut:]), int64(len(data)-cut))
			if got != whole {
				t.Fatalf("%s: split at %d combines to %#x, want %#x", alg, cut, got.CRC, whole.CRC)
			}
		}
		acc := checksum.Of(alg, nil) // many pieces, left to right
		for off := 0; off < len(data); {
			n := min(len(data)-off, 1+r.IntN(40_000))
			acc = checksum.Combine(acc, checksum.Of(alg, data[off:off+n]), int64(n))
			off += n
		}
		if acc != whole {
			t.Fatalf("%s: pieces combine to %#x, want %#x", alg, acc.CRC, whole.CRC)
		}
	}
}

func TestCompositeChecksumsParse(t *testing.T) {
	parts := []checksum.Value{checksum.Of(checksum.CRC32C, []byte("a")), checksum.Of(checksum.CRC32C, []byte("b"))}
	c := checksum.Composite(checksum.CRC32C, parts)
	v, n, ok := checksum.ParseComposite(checksum.CRC32C, c.String()+"-2")
	if !ok || n != 2 || v != c {
		t.Fatalf("composite %q parsed as %+v %d %v", c.String()+"-2", v, n, ok)
	}
	if _, _, ok := checksum.ParseComposite(checksum.CRC32C, c.String()); ok {
		t.Fatal("a full-object checksum was taken for a composite one")
	}
	if _, err := checksum.Parse(checksum.CRC64NVME, "4waSgw=="); err == nil {
		t.Fatal("a 32-bit value was taken for a CRC64NVME")
	}
}

// BenchmarkHash is MB/s per core of each checksum ferry can verify with,
// and of MD5 (the ETag check it falls back to), over 1 MiB writes.
func BenchmarkHash(b *testing.B) {
	buf := make([]byte, 1<<20)
	hashes := map[string]func() hash.Hash{"MD5": md5.New}
	for _, alg := range checksum.Algorithms {
		hashes[string(alg)] = alg.New
	}
	for name, mk := range hashes {
		b.Run(name, func(b *testing.B) {
			h := mk()
			b.SetBytes(int64(len(buf)))
			for range b.N {
				h.Write(buf)
			}
		})
	}
}
