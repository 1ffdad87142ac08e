// Package faultproxy is a fault-injecting HTTP/1.1 reverse proxy for tests.
// It listens on 127.0.0.1 in front of one upstream (usually the versitygw
// gateway started by gateway/gwtest) and, by rule or at random from a
// seed, breaks requests the way real networks and real S3 do: connection
// resets part-way through a body, S3 error answers (InternalError,
// SlowDown, RequestTimeTooSkewed), stalls, truncated bodies, latency and
// bandwidth limits. It logs every request so tests can assert what the
// client really sent.
//
// Requests are forwarded with the Host header the client sent, so SigV4
// signatures (made for the proxy's address) still verify upstream, and
// bodies are streamed in both directions without being buffered.
//
//	p := faultproxy.Start(t, gw.Endpoint)
//	p.AddRule(faultproxy.Rule{
//		Name:    "drop part 2",
//		Match:   faultproxy.Match{Method: "PUT", Query: []string{"partNumber=2"}},
//		Fault:   faultproxy.Fault{Kind: faultproxy.ResetRequest, After: 1 << 20},
//		MaxHits: 1,
//	})
//	// ... point the client at p.URL() and run the upload ...
//	p.WaitIdle(5 * time.Second)
//	parts := p.Count(faultproxy.Match{Method: "PUT", Query: []string{"partNumber=1"}})
package faultproxy
