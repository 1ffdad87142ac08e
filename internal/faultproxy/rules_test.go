package faultproxy_test

import (
	"fmt"
	"net/http"
	"regexp"
	"runtime"
	"slices"
	"sync"
	"testing"

	fp "github.com/ferry-s3/ferry/internal/faultproxy"
)

// statuses sends each request in turn and returns the statuses.
func statuses(t *testing.T, c *http.Client, reqs ...*http.Request) []int {
	t.Helper()
	var out []int
	for _, req := range reqs {
		resp := mustDo(t, c, req)
		readAll(t, resp.Body)
		out = append(out, resp.StatusCode)
	}
	return out
}

func partPuts(t *testing.T, base string, parts ...int) []*http.Request {
	var reqs []*http.Request
	for _, n := range parts {
		reqs = append(reqs, newRequest(t, "PUT", fmt.Sprintf("%s/b/k?partNumber=%d&uploadId=u1", base, n), pattern(1000)))
	}
	return reqs
}

func TestRuleNthAndMaxHitsHitExactlyTheNthRequest(t *testing.T) {
	p := fp.Start(t, newUpstream(t).URL())
	h := p.AddRule(fp.Rule{Match: fp.Match{Method: "put", Query: []string{"uploadId"}},
		Fault: fp.Fault{Kind: fp.SlowDown}, Nth: 3, MaxHits: 1})
	got := statuses(t, newClient(), partPuts(t, p.URL(), 1, 2, 3, 4, 5)...)
	if want := []int{200, 200, 503, 200, 200}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	if h.Matched() != 5 || h.Hits() != 1 {
		t.Errorf("matched %d hits %d, want 5 and 1", h.Matched(), h.Hits())
	}
	slow := p.Count(fp.Match{Func: func(r fp.Record) bool { return r.Status == 503 }})
	if third := p.Count(fp.Match{Query: []string{"partNumber=3"}, Func: func(r fp.Record) bool { return r.Fault.Kind == fp.SlowDown }}); slow != 1 || third != 1 {
		t.Errorf("count of 503s %d, of SlowDown on part 3 %d, want 1 and 1", slow, third)
	}
}

func TestRuleMatchFields(t *testing.T) {
	p := fp.Start(t, newUpstream(t).URL())
	c := newClient()
	ranged := func(path string) *http.Request {
		req := newRequest(t, "GET", p.URL()+path, nil)
		req.Header.Set("Range", "bytes=0-9")
		return req
	}
	get := func(path string) *http.Request { return newRequest(t, "GET", p.URL()+path, nil) }
	for _, tc := range []struct {
		name  string
		match fp.Match
		reqs  []*http.Request
		want  []int
	}{
		{"query value", fp.Match{Query: []string{"partNumber=2"}}, partPuts(t, p.URL(), 1, 2, 3), []int{200, 503, 200}},
		{"query presence", fp.Match{Query: []string{"uploadId"}}, append(partPuts(t, p.URL(), 1), get("/blob/1")), []int{503, 200}},
		{"range present", fp.Match{Range: fp.Present}, []*http.Request{ranged("/blob/20"), get("/blob/20")}, []int{503, 200}},
		{"range absent", fp.Match{Range: fp.Absent}, []*http.Request{ranged("/blob/20"), get("/blob/20")}, []int{200, 503}},
		{"path substring", fp.Match{Path: "/blob/2"}, []*http.Request{get("/blob/1"), get("/blob/2")}, []int{200, 503}},
		{"path regexp", fp.Match{PathRegexp: regexp.MustCompile(`^/blob/\d{2}$`)}, []*http.Request{get("/blob/1"), get("/blob/12")}, []int{200, 503}},
		{"method", fp.Match{Method: "HEAD"}, []*http.Request{get("/blob/1"), newRequest(t, "HEAD", p.URL()+"/blob/1", nil)}, []int{200, 503}},
	} {
		p.Reset()
		p.AddRule(fp.Rule{Name: tc.name, Match: tc.match, Fault: fp.Fault{Kind: fp.SlowDown}})
		if got := statuses(t, c, tc.reqs...); !slices.Equal(got, tc.want) {
			t.Errorf("%s: statuses %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestFirstFiringRuleWinsAndEveryMatchCounts(t *testing.T) {
	p := fp.Start(t, newUpstream(t).URL())
	first := p.AddRule(fp.Rule{Name: "first", Fault: fp.Fault{Kind: fp.SlowDown}, MaxHits: 1})
	second := p.AddRule(fp.Rule{Name: "second", Fault: fp.Fault{Kind: fp.InternalError}, Nth: 2})
	got := statuses(t, newClient(), partPuts(t, p.URL(), 1, 2, 3)...)
	if want := []int{503, 500, 500}; !slices.Equal(got, want) {
		t.Errorf("statuses %v, want %v", got, want)
	}
	if first.Hits() != 1 || second.Hits() != 2 || second.Matched() != 3 {
		t.Errorf("first hits %d; second hits %d matched %d; want 1; 2, 3", first.Hits(), second.Hits(), second.Matched())
	}
	if rules := ruleNames(p.Requests()); !slices.Equal(rules, []string{"first", "second", "second"}) {
		t.Errorf("records name rules %v", rules)
	}
	second.Remove()
	if got := statuses(t, newClient(), partPuts(t, p.URL(), 4)...); got[0] != 200 {
		t.Errorf("after Remove: status %d, want 200", got[0])
	}
	p.Reset()
	if n := len(p.Requests()); n != 0 {
		t.Errorf("Reset left %d records", n)
	}
}

func ruleNames(recs []fp.Record) []string {
	var out []string
	for _, r := range recs {
		out = append(out, r.Rule)
	}
	return out
}

func TestRuleProbabilityIsReproducibleFromTheSeed(t *testing.T) {
	up := newUpstream(t)
	run := func(seed int64) []int {
		p := fp.Start(t, up.URL(), fp.WithSeed(seed), fp.WithLogf(nil))
		p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.SlowDown}, Probability: 0.5})
		return statuses(t, newClient(), partPuts(t, p.URL(), make([]int, 40)...)...)
	}
	a, b, other := run(7), run(7), run(8)
	if !slices.Equal(a, b) {
		t.Errorf("seed 7 gave %v then %v", a, b)
	}
	if slices.Equal(a, other) {
		t.Errorf("seeds 7 and 8 gave the same pattern %v", a)
	}
	if hits := countOf(a, 503); hits < 8 || hits > 32 {
		t.Errorf("probability 0.5 hit %d of 40 requests", hits)
	}
}

func countOf(list []int, v int) int {
	n := 0
	for _, x := range list {
		if x == v {
			n++
		}
	}
	return n
}

// fatalTB records Fatalf instead of failing the real test.
type fatalTB struct {
	testing.TB
	msg string
}

func (f *fatalTB) Fatalf(format string, args ...any) {
	f.msg = fmt.Sprintf(format, args...)
	runtime.Goexit()
}

func TestBadRulesAndChaosFailTheTest(t *testing.T) {
	tb := &fatalTB{TB: t}
	p := fp.Start(tb, newUpstream(t).URL())
	for _, tc := range []struct {
		name string
		do   func()
	}{
		{"throttle without rate", func() { p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.Throttle}}) }},
		{"latency without duration", func() { p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.Latency}}) }},
		{"probability above 1", func() { p.AddRule(fp.Rule{Probability: 1.5}) }},
		{"negative offset", func() { p.AddRule(fp.Rule{Fault: fp.Fault{Kind: fp.Truncate, After: -1}}) }},
		{"chaos rate", func() { p.SetChaos(fp.Chaos{Rate: 2}) }},
		{"chaos kind none", func() { p.SetChaos(fp.Chaos{Rate: 1, Kinds: []fp.Kind{fp.None}}) }},
	} {
		tb.msg = ""
		var wg sync.WaitGroup
		wg.Go(tc.do)
		wg.Wait()
		if tb.msg == "" {
			t.Errorf("%s: accepted", tc.name)
		}
	}
}

func TestStartRefusesABadUpstream(t *testing.T) {
	for _, u := range []string{"127.0.0.1:9000", "ftp://127.0.0.1:21", "http://127.0.0.1:9000/prefix"} {
		tb := &fatalTB{TB: t}
		var wg sync.WaitGroup
		wg.Go(func() { fp.Start(tb, u) })
		wg.Wait()
		if tb.msg == "" {
			t.Errorf("Start accepted upstream %q", u)
		}
	}
}
