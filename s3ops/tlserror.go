package s3ops

import (
	"crypto/tls"
	"crypto/x509"
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// certificateError is a TLS certificate the client refused. It is not
// the network's fault and trying again cannot help: the user has to
// trust the certificate's authority or, knowingly, pass --insecure.
func certificateError(err error) (*Error, bool) {
	var verify *tls.CertificateVerificationError
	var unknown x509.UnknownAuthorityError
	var host x509.HostnameError
	var invalid x509.CertificateInvalidError
	if !errors.As(err, &verify) && !errors.As(err, &unknown) && !errors.As(err, &host) && !errors.As(err, &invalid) {
		return nil, false
	}
	detail := err.Error()
	switch {
	case errors.As(err, &unknown):
		detail = unknown.Error()
	case errors.As(err, &host):
		detail = host.Error()
	case errors.As(err, &invalid):
		detail = invalid.Error()
	}
	return &Error{Kind: KindConfig, Err: err, Msg: "the endpoint's TLS certificate is not trusted (" + detail + "); " +
		"add its certificate authority to this system's trust store (or SSL_CERT_FILE), or pass --insecure to skip the check"}, true
}

// untrustedCertificate keeps the SDK from retrying a refused certificate.
type untrustedCertificate struct{}

func (untrustedCertificate) IsErrorRetryable(err error) aws.Ternary {
	if _, ok := certificateError(err); ok {
		return aws.FalseTernary
	}
	return aws.UnknownTernary
}
