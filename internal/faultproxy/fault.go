package faultproxy

import (
	"fmt"
	"time"
)

// Fault is what the proxy does to one request: a Kind plus its
// parameters. Latency and the two throttles apply to any kind, so a
// request can be, say, slowed down and then truncated.
type Fault struct {
	Kind Kind

	// After is a byte offset into a body: of the request body for
	// ResetRequest, of the response body for ResetResponse, StallBody and
	// Truncate. When the response body is shorter, the cut (or stall)
	// comes just before its last byte, and before the headers when there
	// is no body at all, so the client always sees the fault.
	After int64

	// Stall is how long StallHeaders and StallBody hold the response;
	// zero holds it until the client gives up (or the proxy stops).
	Stall time.Duration

	// Latency delays the request by this much before anything else.
	Latency time.Duration

	// RequestBPS and ResponseBPS limit the request and response bodies to
	// so many bytes per second; zero is unlimited.
	RequestBPS  int64
	ResponseBPS int64

	// DropBody makes the error kinds answer at once without reading the
	// request body and then close the connection, as S3 does when it
	// refuses an upload early. By default the body is drained first so
	// the client reliably reads the error (unless it sent "Expect:
	// 100-continue", in which case the body is never sent at all).
	DropBody bool

	// Message replaces the default <Message> of the error kinds.
	Message string

	// Headers, when set, rewrites headers on the way through.
	Headers *Headers
}

// Headers rewrites the headers of a request and its answer: with it a
// test makes the gateway look like a store it is not, say one that
// encrypts with KMS, whose ETags are not MD5s and whose answers say so.
type Headers struct {
	SetResponse map[string]string // an empty value removes the header
	DropRequest []string
}

// validate reports a fault whose parameters make no sense for its kind.
func (f Fault) validate() error {
	switch {
	case f.Kind < None || f.Kind > Corrupt:
		return fmt.Errorf("unknown fault kind %d", int(f.Kind))
	case f.After < 0 || f.Stall < 0 || f.Latency < 0 || f.RequestBPS < 0 || f.ResponseBPS < 0:
		return fmt.Errorf("%s: negative parameter in %+v", f.Kind, f)
	case f.Kind == Latency && f.Latency == 0:
		return fmt.Errorf("latency fault without a Latency")
	case f.Kind == Throttle && f.RequestBPS == 0 && f.ResponseBPS == 0:
		return fmt.Errorf("throttle fault without RequestBPS or ResponseBPS")
	}
	return nil
}

// injected reports whether f changes anything about a request.
func (f Fault) injected() bool {
	return f.Kind != None || f.Latency > 0 || f.RequestBPS > 0 || f.ResponseBPS > 0 ||
		f.Headers != nil
}

// cutsResponse reports whether f interrupts the response body at After.
func (f Fault) cutsResponse() bool {
	return f.Kind == ResetResponse || f.Kind == Truncate || f.Kind == StallBody
}

// s3Error is the status, code and default message of an error kind.
func (f Fault) s3Error() (status int, code, msg string) {
	switch f.Kind {
	case InternalError:
		status, code, msg = 500, "InternalError", "We encountered an internal error. Please try again."
	case SlowDown:
		status, code, msg = 503, "SlowDown", "Please reduce your request rate."
	default:
		status, code, msg = 403, "RequestTimeTooSkewed",
			"The difference between the request time and the current time is too large."
	}
	if f.Message != "" {
		msg = f.Message
	}
	return status, code, msg
}
