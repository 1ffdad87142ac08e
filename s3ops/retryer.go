package s3ops

import (
	"errors"
	"io"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/smithy-go"
)

// newRetryer is the SDK's standard retryer, plus: an answer cut off
// mid-body (a listing or Complete response whose connection broke) is
// retried like a connection reset, instead of failing the operation as a
// "deserialization error" on a 200 response; a refused TLS certificate
// is not retried (tlserror.go).
func newRetryer() aws.Retryer {
	return retry.NewStandard(func(o *retry.StandardOptions) {
		o.Retryables = append([]retry.IsErrorRetryable{untrustedCertificate{}, cutAnswer{}}, o.Retryables...)
	})
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
func isCutAnswer(err error) bool {
	var re *awshttp.ResponseError
	if errors.As(err, &re) && re.HTTPStatusCode() >= 200 && re.HTTPStatusCode() < 300 {
		return true
	}
	var de *smithy.DeserializationError
	return errors.As(err, &de) && (errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) ||
		strings.Contains(err.Error(), "connection reset"))
}
