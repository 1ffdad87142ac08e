package s3ops

import (
	"context"
	"errors"
	"io"
	"net"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go"
)

// retryerFor makes the SDK's standard retryer with three changes:
//
//   - an answer cut off mid-body (a listing or Complete response whose
//     connection broke) is retried like a connection reset, instead of
//     failing the operation as a "deserialization error" on a 200;
//   - a refused TLS certificate is not retried (tlserror.go);
//   - a request refused because the temporary credentials it was signed
//     with expired (signed just before, arrived just after; or a server
//     clock ahead of ours) drops the cached credentials and is retried
//     with fresh ones: the SDK alone only refreshes on its own clock.
func retryerFor(creds aws.CredentialsProvider) func() aws.Retryer {
	cache, _ := creds.(*aws.CredentialsCache)
	return func() aws.Retryer {
		return retry.NewStandard(func(o *retry.StandardOptions) {
			o.Retryables = append([]retry.IsErrorRetryable{untrustedCertificate{}, cutAnswer{},
				expiredCredentials{cache}}, o.Retryables...)
		})
	}
}

// expiredCredentials retries ExpiredToken after invalidating the cache.
// A HEAD refused for that reason has no body to say so: S3 answers a bare
// 400, so a bodiless 400 is treated the same way when the credentials
// are temporary.
type expiredCredentials struct{ cache *aws.CredentialsCache }

func (x expiredCredentials) IsErrorRetryable(err error) aws.Ternary {
	if x.cache == nil {
		return aws.UnknownTernary
	}
	code, status := apiCode(err)
	expired := code == "ExpiredToken" || code == "TokenRefreshRequired"
	if !expired && status == 400 && (code == "BadRequest" || code == "") {
		creds, cerr := x.cache.Retrieve(context.Background())
		expired = cerr == nil && creds.CanExpire
	}
	if !expired {
		return aws.UnknownTernary
	}
	x.cache.Invalidate()
	return aws.TrueTernary
}

// cutAnswer recognises a response whose body ended early.
type cutAnswer struct{}

func (cutAnswer) IsErrorRetryable(err error) aws.Ternary {
	if isCutAnswer(err) {
		return aws.TrueTernary
	}
	return aws.UnknownTernary
}

// isCutAnswer reports a success status whose body could not be read to
// the end (the connection broke or closed early), which the SDK reports
// as a failed operation with status 200.
//
// An answer that ended before its headers did (a connection closed after
// the request was sent) is one too; a connection that could not be made
// is not (isNetwork: "cannot reach the S3 endpoint").
func isCutAnswer(err error) bool {
	ended := errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) || strings.Contains(err.Error(), "connection reset")
	if !ended {
		return false
	}
	var de *smithy.DeserializationError
	var oe *net.OpError
	if errors.As(err, &de) {
		return true
	}
	return !(errors.As(err, &oe) && oe.Op == "dial")
}
