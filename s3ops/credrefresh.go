package s3ops

import (
	"errors"

	"github.com/aws/aws-sdk-go-v2/aws"
)

// ForgetCredentials drops the cached credentials, so the next request
// (or presigned URL) is signed with fresh ones from the provider. Use it
// when the server says the credentials expired before the local clock
// did; the SDK only refreshes on its own clock.
func (c *Client) ForgetCredentials() {
	if cache, ok := c.cfg.Credentials.(*aws.CredentialsCache); ok {
		cache.Invalidate()
	}
}

// IsCredentialsExpired reports a request refused because the temporary
// credentials it was signed with (or the session token of a presigned
// URL) expired: signing again with refreshed credentials fixes it.
func IsCredentialsExpired(err error) bool {
	var e *Error
	return errors.As(err, &e) && e.Kind == KindExpired && (e.Code == "ExpiredToken" || e.Code == "TokenRefreshRequired")
}
