package transfer

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

// Backoff between retries: exponential from retryBase, capped at retryCap,
// with "equal jitter" (half fixed, half random) so many parts failing
// together do not retry in lockstep. SlowDown starts higher.
const (
	retryBase     = 250 * time.Millisecond
	slowDownBase  = time.Second
	retryCap      = 20 * time.Second
	maxExpiredRun = 5 // consecutive "URL expired" answers before giving up
	// maxSkewRetries is how often a request the server refused as signed
	// at the wrong time (RequestTimeTooSkewed) is signed and sent again.
	maxSkewRetries = 2
)

var (
	// errChecksum is an ETag that does not match the bytes sent or
	// received: corruption in transit, worth another try.
	errChecksum = errors.New("the server's checksum does not match the data")
	// errSourceChanged is a local file modified while being uploaded.
	errSourceChanged = errors.New("the source file changed")
	// errSourceGone is a local file deleted before its upload ended.
	errSourceGone = errors.New("the source file no longer exists")
	// errSkipped ends a download whose target exists under policy Skip.
	errSkipped = errors.New("skipped: the target exists")
	// errObjectChanged is a download whose object was replaced meanwhile.
	errObjectChanged = errors.New("the object changed on the server during the download; retry to start over")
)

// needDecision stops a download until the user picks a policy.
type needDecision struct{ what string }

func (n *needDecision) Error() string { return n.what }

// retryable reports whether another attempt may succeed.
func retryable(err error) bool {
	if errors.Is(err, errChecksum) {
		return true
	}
	var se *s3ops.Error
	if errors.As(err, &se) {
		// BadDigest: the body did not match its Content-MD5 on arrival.
		return se.Retryable() || se.Code == "RequestTimeout" || se.Code == "InternalError" || se.Code == "BadDigest"
	}
	return false
}

// withRetry runs attempt until it succeeds, fails for good, or ctx ends.
// An expired presigned URL is not a failure: the next attempt signs a
// fresh one (attempt must presign on every call) without counting a retry.
// Nor are expired temporary credentials: they are refreshed through the
// SDK's provider and the request signed again, with a status saying so.
func (e *Engine) withRetry(ctx context.Context, j *job, what string, attempt func(context.Context) error) error {
	retries, expired, skewed, refreshed := 0, 0, 0, 0
	for {
		err := attempt(ctx)
		if err == nil {
			if retries > 0 || refreshed > 0 {
				e.setRetrying(j, "")
			}
			return nil
		}
		if ctx.Err() != nil {
			return ctx.Err()
		}
		if s3ops.IsCredentialsExpired(err) {
			if refreshed++; refreshed <= maxExpiredRun {
				e.c.ForgetCredentials()
				e.setRetrying(j, what+": the credentials expired; signing again with refreshed ones")
				continue
			}
			return fmt.Errorf("%s: %w (still expired after refreshing them %d times)", what, err, maxExpiredRun)
		}
		if s3ops.IsPresignExpired(err) {
			if expired++; expired <= maxExpiredRun {
				continue
			}
			return fmt.Errorf("%s: presigned URLs expired before the server saw them %d times in a row: "+
				"raise presign_lifetime or check this computer's clock", what, expired)
		}
		expired = 0
		switch {
		case isClockSkew(err) && skewed < maxSkewRetries:
			// Worth a fresh signature or two (the clock may just have
			// been corrected); not worth MaxRetries.
			skewed++
		case isClockSkew(err) || (retryable(err) && retries >= e.o.MaxRetries):
			return fmt.Errorf("%s: %w; gave up after %d attempts", what, err, retries+1)
		case !retryable(err):
			return fmt.Errorf("%s: %w", what, err)
		}
		retries++
		d := backoff(retries, err)
		e.setRetryingFor(j, fmt.Sprintf("%s: %s; retrying in %s (attempt %d of %d)",
			what, sentence(err), d.Round(100*time.Millisecond), retries+1, e.o.MaxRetries+1), d)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(d):
		}
	}
}

// isClockSkew reports a request refused because its signing time was too
// far from the server's clock.
func isClockSkew(err error) bool {
	var se *s3ops.Error
	return errors.As(err, &se) && se.Code == "RequestTimeTooSkewed"
}

func backoff(n int, err error) time.Duration {
	base := retryBase
	if s3ops.KindOf(err) == s3ops.KindThrottled {
		base = slowDownBase
	}
	d := min(retryCap, base<<min(n-1, 16))
	return d/2 + rand.N(d/2+1)
}

func (e *Engine) setRetrying(j *job, why string) { e.setRetryingFor(j, why, 0) }

// setRetryingFor is setRetrying with the wait before the next attempt.
func (e *Engine) setRetryingFor(j *job, why string, wait time.Duration) {
	e.mu.Lock()
	defer e.mu.Unlock()
	j.retrying, j.retryAt = why, time.Time{}
	if why != "" && wait > 0 {
		j.retryAt = time.Now().Add(wait)
	}
	e.notifyLocked(j, false)
}

// setFinishing says the job's bytes have moved and what it does now.
func (e *Engine) setFinishing(j *job, what string) {
	e.mu.Lock()
	defer e.mu.Unlock()
	j.finishing = what
	e.notifyLocked(j, false)
}

// sentence is the message a user sees for err. Errors from s3ops already
// carry a sentence; the engine's own wrap them with what was being done.
func sentence(err error) string { return err.Error() }
