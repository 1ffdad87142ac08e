package transfer

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
)

// Benchmarks against the real gateway on loopback; run with
//
//	go test -run '^$' -bench . -benchtime 1x ./s3ops/transfer
//
// MB/s is what the engine, the gateway and the disk reach together on
// this machine; allocations show that memory does not grow with size.

func benchEngine(b *testing.B, f *fixture, o Options) *Engine {
	o.JournalPath = filepath.Join(b.TempDir(), "transfers.journal")
	e := New(f.c, o)
	e.Restore()
	b.Cleanup(func() { e.Close() })
	go func() {
		for range e.Updates() {
		}
	}()
	return e
}

func benchWait(b *testing.B, e *Engine) {
	if err := e.Wait(context.Background()); err != nil {
		b.Fatal(err)
	}
	for _, j := range e.Jobs() {
		if j.State != Done {
			b.Fatalf("%s: %s %s", j.Local, j.State, j.Err)
		}
	}
	e.ClearFinished()
}

func BenchmarkUpload256MiB(b *testing.B) {
	f := newFixture(b, false)
	src := filepath.Join(b.TempDir(), "big.bin")
	writeRandom(b, src, 256*mib, 1)
	e := benchEngine(b, f, Options{})
	b.SetBytes(256 * mib)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		e.Upload(context.Background(), src, f.loc(fmt.Sprintf("bench/big-%d.bin", i)))
		benchWait(b, e)
	}
}

func BenchmarkDownload256MiB(b *testing.B) {
	f := newFixture(b, false)
	src := filepath.Join(b.TempDir(), "big.bin")
	writeRandom(b, src, 256*mib, 1)
	e := benchEngine(b, f, Options{})
	e.Upload(context.Background(), src, f.loc("bench/big.bin"))
	benchWait(b, e)
	b.SetBytes(256 * mib)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		e.Download(context.Background(), f.loc("bench/big.bin"), b.TempDir(), Overwrite)
		benchWait(b, e)
	}
}

func smallTree(b *testing.B) string {
	dir := filepath.Join(b.TempDir(), "small")
	for i := range 1000 {
		writeRandom(b, filepath.Join(dir, fmt.Sprintf("d%02d", i%10), fmt.Sprintf("f%04d.bin", i)), 64<<10, uint64(i))
	}
	return dir
}

func BenchmarkUpload1000x64KiB(b *testing.B) {
	f := newFixture(b, false)
	dir := smallTree(b)
	e := benchEngine(b, f, Options{})
	b.SetBytes(1000 * 64 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		e.Upload(context.Background(), dir, f.loc(fmt.Sprintf("bench-%d/", i)))
		benchWait(b, e)
	}
}

func BenchmarkDownload1000x64KiB(b *testing.B) {
	f := newFixture(b, false)
	e := benchEngine(b, f, Options{})
	e.Upload(context.Background(), smallTree(b), f.loc("bench/"))
	benchWait(b, e)
	b.SetBytes(1000 * 64 << 10)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		e.Download(context.Background(), f.loc("bench/small/"), b.TempDir(), Overwrite)
		benchWait(b, e)
	}
}
