package faultproxy

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"time"
)

// Chaos injects faults at random, but reproducibly: the fault of the
// n-th request that Match selects depends only on Seed and n, so the
// same sequence of requests gets the same faults in every run.
type Chaos struct {
	Seed int64
	// Rate is the share of selected requests that get a fault (0..1).
	Rate float64
	// Kinds are the faults to pick from, uniformly; empty means every
	// kind but Corrupt. A corrupted body is only detectable where the
	// client has a checksum to compare (an MD5 ETag, a part's MD5), so
	// suites asking for it must choose the requests it hits.
	Kinds []Kind
	// Match limits chaos to some requests; the zero Match selects all.
	Match Match

	// MaxAfter bounds the byte offsets (Fault.After) drawn for resets,
	// truncation and mid-body stalls; default 256 KiB.
	MaxAfter int64
	// Stall is how long stalls last; default 1s. Chaos never stalls
	// until the client gives up.
	Stall time.Duration
	// Latency is the largest delay drawn for Latency faults; default 200ms.
	Latency time.Duration
	// BytesPerSec is the rate of Throttle faults, both ways; default 1 MiB/s.
	BytesPerSec int64
}

func (c Chaos) validate() error {
	if c.Rate < 0 || c.Rate > 1 {
		return fmt.Errorf("chaos rate %v outside 0..1", c.Rate)
	}
	if c.MaxAfter < 0 || c.Stall < 0 || c.Latency < 0 || c.BytesPerSec < 0 {
		return fmt.Errorf("chaos: negative parameter in %+v", c)
	}
	for _, k := range c.Kinds {
		if k <= None || k > Corrupt {
			return fmt.Errorf("chaos: kind %v cannot be picked", k)
		}
	}
	return nil
}

// withDefaults fills the zero parameters.
func (c Chaos) withDefaults() Chaos {
	if len(c.Kinds) == 0 {
		c.Kinds = slices.DeleteFunc(AllKinds(), func(k Kind) bool { return k == Corrupt })
	}
	if c.MaxAfter == 0 {
		c.MaxAfter = 256 << 10
	}
	if c.Stall == 0 {
		c.Stall = time.Second
	}
	if c.Latency == 0 {
		c.Latency = 200 * time.Millisecond
	}
	if c.BytesPerSec == 0 {
		c.BytesPerSec = 1 << 20
	}
	return c
}

// Pick is the fault of the n-th selected request (0-based); Kind None
// when that request is left alone. It is a pure function of c and n.
func (c Chaos) Pick(n uint64) Fault {
	c = c.withDefaults()
	rng := rand.New(rand.NewPCG(uint64(c.Seed), n))
	if rng.Float64() >= c.Rate {
		return Fault{}
	}
	f := Fault{Kind: c.Kinds[rng.IntN(len(c.Kinds))]}
	switch f.Kind {
	case ResetRequest, ResetResponse, Truncate, Corrupt:
		f.After = rng.Int64N(c.MaxAfter + 1)
	case StallBody:
		f.After = rng.Int64N(c.MaxAfter + 1)
		f.Stall = c.Stall
	case StallHeaders:
		f.Stall = c.Stall
	case Latency:
		f.Latency = time.Duration(1 + rng.Int64N(int64(c.Latency)))
	case Throttle:
		f.RequestBPS, f.ResponseBPS = c.BytesPerSec, c.BytesPerSec
	}
	return f
}
