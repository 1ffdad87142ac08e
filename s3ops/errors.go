package s3ops

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// Kind groups S3 failures by what the user can do about them.
type Kind int

// The kinds of failure ferry tells apart.
const (
	KindOther           Kind = iota
	KindConfig               // bad profile or config file
	KindCredentials          // no credentials, or they cannot be refreshed
	KindExpired              // credentials or a presigned URL expired
	KindAccessDenied         // authenticated but not allowed
	KindSignature            // wrong secret key or clock skew
	KindNoSuchBucket         // bucket missing
	KindNoSuchKey            // object missing
	KindNetwork              // endpoint unreachable, connection reset, DNS
	KindThrottled            // SlowDown / 503
	KindServer               // 5xx
	KindCanceled             // the user cancelled
	KindInvalidArgument      // bad name, bad range, bad input
	KindExists               // bucket already exists / precondition failed
	KindBadAnswer            // the server's answer is not valid HTTP or S3 (malformed headers, XML)
)

// Error is an S3 failure with a sentence for the user. Err keeps the cause.
type Error struct {
	Kind Kind
	Msg  string
	Code string // the S3 error code, when there was one
	Err  error
}

func (e *Error) Error() string { return e.Msg }
func (e *Error) Unwrap() error { return e.Err }

// Retryable reports whether trying again later may succeed.
func (e *Error) Retryable() bool {
	switch e.Kind {
	case KindNetwork, KindThrottled, KindServer:
		return true
	}
	return false
}

// KindOf returns the Kind of err (KindOther when it is not classified).
func KindOf(err error) Kind {
	if err == nil {
		return KindOther // not a failure; classify(nil) is nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Kind
	}
	return classify(err).(*Error).Kind
}

var codeKinds = map[string]Kind{
	"AccessDenied":            KindAccessDenied,
	"AllAccessDisabled":       KindAccessDenied,
	"AccountProblem":          KindAccessDenied,
	"InvalidAccessKeyId":      KindCredentials,
	"XAdminUserNotFound":      KindCredentials, // versitygw (ferry serve): unknown access key
	"SignatureDoesNotMatch":   KindSignature,
	"RequestTimeTooSkewed":    KindSignature,
	"ExpiredToken":            KindExpired,
	"TokenRefreshRequired":    KindExpired,
	"InvalidToken":            KindExpired,
	"NoSuchBucket":            KindNoSuchBucket,
	"NoSuchKey":               KindNoSuchKey,
	"NotFound":                KindNoSuchKey,
	"NoSuchUpload":            KindNoSuchKey,
	"NoSuchVersion":           KindNoSuchKey,
	"SlowDown":                KindThrottled,
	"Throttling":              KindThrottled,
	"ServiceUnavailable":      KindThrottled,
	"RequestLimitExceeded":    KindThrottled,
	"InternalError":           KindServer,
	"InvalidArgument":         KindInvalidArgument,
	"InvalidBucketName":       KindInvalidArgument,
	"KeyTooLongError":         KindInvalidArgument,
	"InvalidRange":            KindInvalidArgument,
	"EntityTooLarge":          KindInvalidArgument,
	"EntityTooSmall":          KindInvalidArgument,
	"BucketAlreadyExists":     KindExists,
	"BucketAlreadyOwnedByYou": KindExists,
	"BucketNotEmpty":          KindExists,
	"PreconditionFailed":      KindExists,
}

var kindSentences = map[Kind]string{
	KindAccessDenied:    "access denied",
	KindCredentials:     "the access key is not valid for this endpoint",
	KindSignature:       "the request signature was rejected (wrong secret key, or this machine's clock is off)",
	KindExpired:         "credentials expired: refresh them (e.g. `aws sso login`) and retry",
	KindNoSuchBucket:    "no such bucket",
	KindNoSuchKey:       "no such object",
	KindThrottled:       "the server asked us to slow down",
	KindServer:          "the server had an internal error",
	KindCanceled:        "cancelled",
	KindInvalidArgument: "the server rejected the request as invalid",
}

// codeSentences say more than their kind's sentence would.
var codeSentences = map[string]string{
	"NoSuchUpload": "the server no longer has this multipart upload",
}

// classify turns any SDK, HTTP or network error into an *Error.
func classify(err error) error {
	if err == nil {
		return nil
	}
	var e *Error
	if errors.As(err, &e) {
		return e
	}
	if errors.Is(err, context.Canceled) {
		return &Error{Kind: KindCanceled, Msg: "cancelled", Err: err}
	}
	if ce, ok := certificateError(err); ok {
		return ce
	}
	return withAttempts(classifyOnce(err), err)
}

func classifyOnce(err error) *Error {
	if isCutAnswer(err) {
		return &Error{Kind: KindNetwork, Msg: "the connection broke while the server was answering", Err: err}
	}
	if detail, ok := badAnswer(err); ok {
		return &Error{Kind: KindBadAnswer, Msg: "the server answered with something that is not valid S3 (" + detail + ")", Err: err}
	}
	if code, status := apiCode(err); code != "" || status != 0 {
		return fromCode(code, status, err)
	}
	if isNetwork(err) {
		return &Error{Kind: KindNetwork, Msg: "cannot reach the S3 endpoint: " + netDetail(err), Err: err}
	}
	return &Error{Kind: KindOther, Msg: firstLine(err), Err: err}
}

// withAttempts says so when the SDK gave up after retrying, as the
// transfers do ("…; gave up after 3 attempts").
func withAttempts(e *Error, err error) *Error {
	var mae *retry.MaxAttemptsError
	if errors.As(err, &mae) && mae.Attempt > 1 {
		e.Msg += fmt.Sprintf("; gave up after %d attempts", mae.Attempt)
	}
	return e
}

// badAnswer reports an answer that is not valid HTTP (malformed status
// line or headers) or not valid S3 (a body that does not parse), with
// what was wrong. A body cut off is isCutAnswer instead.
func badAnswer(err error) (string, bool) {
	msg := err.Error()
	for _, marker := range []string{"malformed MIME header", "malformed HTTP", "malformed chunked encoding", "invalid header field"} {
		if i := strings.Index(msg, marker); i >= 0 {
			return firstLine(errors.New(msg[i:])), true
		}
	}
	var de *smithy.DeserializationError
	if errors.As(err, &de) {
		return firstLine(de.Err), true
	}
	return "", false
}

func fromCode(code string, status int, err error) *Error {
	kind, ok := codeKinds[code]
	if !ok {
		kind = kindForStatus(status)
	}
	msg := kindSentences[kind]
	if s, ok := codeSentences[code]; ok {
		msg = s
	}
	if msg == "" {
		msg = firstLine(err)
	} else if code != "" {
		msg += " (" + code + ")"
	}
	return &Error{Kind: kind, Msg: msg, Code: code, Err: err}
}

func kindForStatus(status int) Kind {
	switch {
	case status == 403:
		return KindAccessDenied
	case status == 404:
		return KindNoSuchKey
	case status == 503:
		return KindThrottled
	case status >= 500:
		return KindServer
	case status == 400:
		return KindInvalidArgument
	case status == 412 || status == 409:
		return KindExists
	}
	return KindOther
}

// apiCode digs the S3 error code and HTTP status out of an SDK error.
func apiCode(err error) (string, int) {
	status := 0
	var re *awshttp.ResponseError
	if errors.As(err, &re) {
		status = re.HTTPStatusCode()
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode(), status
	}
	return "", status
}

func isNetwork(err error) bool {
	var ne net.Error
	var ue *url.Error
	var oe *net.OpError
	return errors.As(err, &oe) || errors.As(err, &ne) || errors.As(err, &ue) ||
		strings.Contains(err.Error(), "connection reset") || strings.Contains(err.Error(), "EOF")
}

func netDetail(err error) string {
	var oe *net.OpError
	if errors.As(err, &oe) {
		return oe.Error()
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err.Error()
	}
	return firstLine(err)
}
