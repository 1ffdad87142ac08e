package checksum

// Combining CRCs: for the CRCs S3 uses (reflected, starting from and
// finished with all ones), crc(A‖B) = crc(A)·x^(8·len(B)) mod P ⊕ crc(B),
// where the product is in GF(2)[x] modulo the polynomial P. Powers
// x^(2^k) mod P are kept in a table, so combining costs a few dozen
// carry-less multiplications whatever the lengths: nothing is hashed
// again. (The method is the one zlib's crc32_combine uses, written here
// for any width up to 64 bits.)

// field is one CRC's polynomial arithmetic.
type field struct {
	poly uint64 // reflected polynomial
	top  uint64 // x^0 in reflected form: the highest bit of the width
	x2n  [64]uint64
}

func newField(poly uint64, width int) *field {
	f := &field{poly: poly, top: 1 << (width - 1)}
	p := f.top >> 1 // x^1
	for k := range f.x2n {
		f.x2n[k] = p // x^(2^k)
		p = f.mul(p, p)
	}
	return f
}

// mul multiplies a and b modulo the polynomial (reflected forms).
func (f *field) mul(a, b uint64) uint64 {
	var p uint64
	for m := f.top; m != 0; m >>= 1 {
		if a&m != 0 {
			p ^= b
			if a&(m-1) == 0 {
				break
			}
		}
		if b&1 != 0 {
			b = b>>1 ^ f.poly
		} else {
			b >>= 1
		}
	}
	return p
}

// shift is x^(8·n) mod P: n zero bytes appended.
func (f *field) shift(n int64) uint64 {
	p := f.top // x^0
	for k := 3; n != 0; k++ {
		if n&1 != 0 {
			p = f.mul(f.x2n[k&63], p)
		}
		n >>= 1
	}
	return p
}

var fields = map[Algorithm]*field{
	CRC64NVME: newField(0x9a6c9329ac4bc9b5, 64),
	CRC32C:    newField(0x82f63b78, 32),
	CRC32:     newField(0xedb88320, 32),
}

// Combine is the CRC of the bytes of a followed by n bytes whose CRC is b.
func Combine(a Value, b Value, n int64) Value {
	f := fields[a.Alg]
	return Value{a.Alg, f.mul(f.shift(n), a.CRC) ^ b.CRC}
}
