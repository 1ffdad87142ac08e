package faultproxy

import (
	"fmt"
	"math/rand/v2"
)

// Rule injects Fault into the requests that Match selects. Rules are
// tried in the order they were added; the first one that fires wins, and
// chaos only applies when no rule fired.
type Rule struct {
	// Name identifies the rule in the log and in Record.Rule.
	Name  string
	Match Match
	Fault Fault
	// Nth makes the rule fire from the Nth matching request on (1-based;
	// 0 means from the first). Every request the Match selects counts,
	// including those another rule took. With MaxHits 1 the rule hits
	// exactly the Nth matching request.
	Nth int
	// Probability, when not zero, is the chance that an eligible request
	// is hit, drawn from the proxy's seed (see WithSeed).
	Probability float64
	// MaxHits stops the rule after so many faults; zero is unlimited.
	MaxHits int
}

func (r Rule) validate() error {
	switch {
	case r.Nth < 0 || r.MaxHits < 0:
		return fmt.Errorf("rule %q: negative Nth or MaxHits", r.Name)
	case r.Probability < 0 || r.Probability > 1:
		return fmt.Errorf("rule %q: probability %v outside 0..1", r.Name, r.Probability)
	}
	if err := r.Fault.validate(); err != nil {
		return fmt.Errorf("rule %q: %w", r.Name, err)
	}
	return nil
}

// Handle is a rule added to a proxy: it tells how often the rule
// matched and fired, and removes it.
type Handle struct {
	p       *Proxy
	rule    Rule
	rng     *rand.Rand
	matched int
	hits    int
}

// Matched is how many requests the rule's Match selected so far.
func (h *Handle) Matched() int {
	h.p.mu.Lock()
	defer h.p.mu.Unlock()
	return h.matched
}

// Hits is how many faults the rule injected so far.
func (h *Handle) Hits() int {
	h.p.mu.Lock()
	defer h.p.mu.Unlock()
	return h.hits
}

// Remove takes the rule out of the proxy; requests already hit keep
// their fault.
func (h *Handle) Remove() {
	h.p.mu.Lock()
	defer h.p.mu.Unlock()
	for i, other := range h.p.rules {
		if other == h {
			h.p.rules = append(h.p.rules[:i:i], h.p.rules[i+1:]...)
			break
		}
	}
}

// consider counts one matching request and reports whether the rule
// fires on it. fireable is false when an earlier rule already fired.
func (h *Handle) consider(fireable bool) bool {
	h.matched++
	if !fireable || h.matched < max(h.rule.Nth, 1) {
		return false
	}
	if h.rule.MaxHits > 0 && h.hits >= h.rule.MaxHits {
		return false
	}
	if h.rule.Probability > 0 && h.rng.Float64() >= h.rule.Probability {
		return false
	}
	h.hits++
	return true
}
