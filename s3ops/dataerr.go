package s3ops

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// This file classifies failures of data-plane requests (presigned GET/PUT
// sent with plain net/http), which do not pass through the SDK.

// Classify turns any error of a data-plane request (network, context,
// already-classified) into an *Error with a Kind.
func Classify(err error) *Error {
	if err == nil {
		return nil
	}
	return classify(err).(*Error)
}

// s3ErrorBody is the XML body S3 sends with a failed request.
type s3ErrorBody struct {
	Code    string `xml:"Code"`
	Message string `xml:"Message"`
}

// ResponseError reads the S3 error document of a failed presigned request
// (status >= 300) and classifies it. It consumes at most 64 KiB of the
// body; the caller still closes it.
func ResponseError(resp *http.Response) *Error {
	var body s3ErrorBody
	raw, _ := io.ReadAll(io.LimitReader(resp.Body, 64<<10))
	_ = xml.Unmarshal(raw, &body)
	cause := fmt.Errorf("%s %s: %s %s", resp.Request.Method, redactQuery(resp.Request.URL.Path), resp.Status, body.Code)
	if isExpiredRequest(resp.StatusCode, body.Code, body.Message) {
		return &Error{Kind: KindExpired, Msg: "the presigned URL expired", Code: "RequestExpired", Err: cause}
	}
	return fromCode(body.Code, resp.StatusCode, cause)
}

// IsPresignExpired reports whether err is a presigned URL refused because
// it expired, which a fresh signature fixes.
func IsPresignExpired(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindExpired && e.Code == "RequestExpired"
}

// isExpiredRequest recognises the ways servers say a presigned URL is past
// its expiry: AWS and versitygw send 403 AccessDenied "Request has
// expired"; others use dedicated codes.
func isExpiredRequest(status int, code, msg string) bool {
	switch code {
	case "ExpiredRequest", "RequestExpired", "RequestHasExpired":
		return true
	case "AccessDenied":
		return status == http.StatusForbidden && strings.Contains(strings.ToLower(msg), "request has expired")
	}
	return false
}

// redactQuery keeps presigned signatures out of error texts: only the
// path is ever quoted.
func redactQuery(path string) string {
	if i := strings.IndexByte(path, '?'); i >= 0 {
		return path[:i]
	}
	return path
}
