package syncplan_test

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"iter"
	"runtime"
	"runtime/metrics"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/syncplan"
)

// listing is a side of n objects in nested folders, listed in key
// order as S3 lists them; every changeEvery-th object (0: none) has
// other content (another ETag) than the same key of a side made with
// changeEvery 0. It stands in for a bucket listing so the benchmark
// measures the planner, not the gateway.
type listing struct {
	n, changeEvery int
}

func (l listing) String() string { return fmt.Sprintf("%d keys", l.n) }

func (l listing) Entries(ctx context.Context) iter.Seq2[syncplan.Entry, error] {
	return func(yield func(syncplan.Entry, error) bool) {
		for i := range l.n {
			sum := md5.Sum(fmt.Appendf(nil, "%d", i))
			if l.changeEvery > 0 && i%l.changeEvery == 0 {
				sum[0] ^= 0xff
			}
			e := syncplan.Entry{
				Path: fmt.Sprintf("logs/%04d/%02d/event-%09d.json", i/10000, i/100%100, i),
				Size: int64(1000 + i%5000), ETag: hex.EncodeToString(sum[:]),
			}
			if !yield(e, nil) {
				return
			}
		}
	}
}

// peakHeap samples the live heap until stop closes, and returns the
// highest value seen.
func peakHeap(stop <-chan struct{}) <-chan uint64 {
	out := make(chan uint64, 1)
	go func() {
		sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
		var peak uint64
		tick := time.NewTicker(2 * time.Millisecond)
		defer tick.Stop()
		for {
			metrics.Read(sample)
			peak = max(peak, sample[0].Value.Uint64())
			select {
			case <-stop:
				out <- peak
				return
			case <-tick.C:
			}
		}
	}()
	return out
}

// BenchmarkCompareAMillionKeys compares two listings of 1,000,000 keys
// (1% of them changed) as a sync between two prefixes does, and reports
// the peak live heap: the comparison streams both listings, so it must
// stay far below the 300 MB the sync issue allows.
func BenchmarkCompareAMillionKeys(b *testing.B) {
	const n = 1_000_000
	for b.Loop() {
		runtime.GC()
		stop := make(chan struct{})
		peak := peakHeap(stop)
		p := syncplan.Planner{Src: listing{n: n, changeEvery: 100}, Dst: listing{n: n},
			Content: &syncplan.Comparer{Src: &s3ops.Client{}, Dst: &s3ops.Client{}}, Delete: true}
		plan, err := p.Plan(context.Background())
		close(stop)
		if err != nil {
			b.Fatal(err)
		}
		if len(plan.Copy) != n/100 || plan.Same != n-n/100 || len(plan.Delete) != 0 {
			b.Fatalf("copy %d, same %d, delete %d", len(plan.Copy), plan.Same, len(plan.Delete))
		}
		b.ReportMetric(float64(<-peak)/1e6, "peak-heap-MB")
	}
	b.ReportMetric(float64(2*n)*float64(b.N)/b.Elapsed().Seconds(), "keys/s")
}
