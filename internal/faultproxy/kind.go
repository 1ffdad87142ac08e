package faultproxy

import "strconv"

// Kind is one sort of fault the proxy can inject.
type Kind int

// The fault kinds. See Fault for the parameters each one uses.
const (
	// None forwards the request untouched (apart from any Latency or
	// throttling the Fault carries).
	None Kind = iota
	// ResetRequest reads Fault.After bytes of the request body (fewer if
	// the body is shorter), then resets the client connection (TCP RST).
	// The request never reaches the upstream.
	ResetRequest
	// ResetResponse forwards the request, sends the response headers and
	// Fault.After bytes of the body, then resets the client connection.
	ResetResponse
	// InternalError answers 500 InternalError without contacting upstream.
	InternalError
	// SlowDown answers 503 SlowDown without contacting upstream.
	SlowDown
	// RequestTimeTooSkewed answers 403 RequestTimeTooSkewed without
	// contacting upstream.
	RequestTimeTooSkewed
	// StallHeaders forwards the request, then holds the response before
	// its headers for Fault.Stall (or until the client gives up).
	StallHeaders
	// StallBody forwards the request, sends the headers and Fault.After
	// body bytes, then holds the rest for Fault.Stall (or until the
	// client gives up).
	StallBody
	// Truncate forwards the request, sends the headers with the full
	// Content-Length and Fault.After body bytes, then closes the
	// connection cleanly (FIN): the client sees a short body.
	Truncate
	// Latency delays the request by Fault.Latency before forwarding it.
	Latency
	// Throttle forwards the request with its bodies limited to
	// Fault.RequestBPS and Fault.ResponseBPS bytes per second.
	Throttle
	// Corrupt flips one bit of the payload, in the byte at Fault.After
	// (the last byte when the body is shorter and its length is known):
	// of the request body when the request has one (an upload arrives
	// altered), else of the response body (a download does). Either side
	// gets a complete body of the right length with wrong bytes. Chaos
	// picks it only when listed in Chaos.Kinds (see there).
	Corrupt
)

var kindNames = [...]string{
	None:                 "none",
	ResetRequest:         "reset-request",
	ResetResponse:        "reset-response",
	InternalError:        "internal-error",
	SlowDown:             "slow-down",
	RequestTimeTooSkewed: "time-too-skewed",
	StallHeaders:         "stall-headers",
	StallBody:            "stall-body",
	Truncate:             "truncate",
	Latency:              "latency",
	Throttle:             "throttle",
	Corrupt:              "corrupt",
}

// String is the kind's short name, as used in logs.
func (k Kind) String() string {
	if k >= 0 && int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "kind(" + strconv.Itoa(int(k)) + ")"
}

// AllKinds lists every fault kind except None, in declaration order.
func AllKinds() []Kind {
	out := make([]Kind, 0, len(kindNames)-1)
	for k := ResetRequest; int(k) < len(kindNames); k++ {
		out = append(out, k)
	}
	return out
}

// answersError reports whether k answers an S3 error without upstream.
func (k Kind) answersError() bool {
	return k == InternalError || k == SlowDown || k == RequestTimeTooSkewed
}
