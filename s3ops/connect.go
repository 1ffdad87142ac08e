package s3ops

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	awshttp "github.com/aws/aws-sdk-go-v2/aws/transport/http"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go/logging"
)

// Settings selects the account and endpoint to talk to. Zero values defer
// to the AWS config chain (env vars, shared files, SSO, IMDS).
type Settings struct {
	Profile     string
	Region      string
	EndpointURL string
	// PathStyle forces path-style addressing on or off; nil means auto:
	// on for custom endpoints (MinIO, R2, the embedded gateway), off for AWS.
	PathStyle *bool
	// Insecure skips TLS certificate verification (explicit opt-in only).
	Insecure bool
	// AccessKey/SecretKey, when set, take precedence over the config chain
	// (used for the embedded demo gateway).
	AccessKey string
	SecretKey string
	// CredentialsProvider, when set, replaces the config chain's provider.
	CredentialsProvider aws.CredentialsProvider

	// Now is the clock presigned URLs are signed at (default time.Now;
	// tests step a manual one).
	Now func() time.Time
	// ListPageSize is how many entries a page of a version or
	// multipart-upload listing asks for (default and S3's maximum 1000;
	// tests lower it to walk many pages with few objects).
	ListPageSize int32
	// MetadataCopyThreshold is the size above which a metadata edit
	// copies the object onto itself in parts (default
	// DefaultCopyThreshold).
	MetadataCopyThreshold int64
}

// withDefaults fills in the clock and sizes only tests change.
func (s Settings) withDefaults() Settings {
	if s.Now == nil {
		s.Now = time.Now
	}
	if s.ListPageSize <= 0 || s.ListPageSize > maxListPageSize {
		s.ListPageSize = maxListPageSize
	}
	if s.MetadataCopyThreshold <= 0 {
		s.MetadataCopyThreshold = DefaultCopyThreshold
	}
	return s
}

// FallbackRegion is used when neither flags nor config name a region.
const FallbackRegion = "us-east-1"

// Client is a connection to one S3 account/endpoint. It caches each
// bucket's region and a client per region. Safe for concurrent use.
type Client struct {
	cfg       aws.Config
	base      *s3.Client
	custom    bool // a non-AWS endpoint is configured
	pathStyle bool
	data      *http.Client

	pacer     *Pacer // one pace for every request to this endpoint (pacer.go)
	mu        sync.Mutex
	regions   map[string]string
	byRegion  map[string]*s3.Client
	presigner map[string]*s3.PresignClient
	bases     map[string]presignBase // per bucket (presigndirect.go)
	signer    *v4.Signer
	tuning    Settings // Now, ListPageSize and MetadataCopyThreshold, defaults filled in
}

// Connect loads the AWS configuration and checks that credentials can be
// found, so a wrong profile or missing keys fail before any UI starts.
func Connect(ctx context.Context, s Settings) (*Client, error) {
	cfg, err := loadConfig(ctx, s)
	if err != nil {
		return nil, err
	}
	if _, err := cfg.Credentials.Retrieve(ctx); err != nil {
		return nil, credentialsError(s.Profile, err)
	}
	return newClient(cfg, s), nil
}

func loadConfig(ctx context.Context, s Settings) (aws.Config, error) {
	opts := []func(*config.LoadOptions) error{
		config.WithRequestChecksumCalculation(aws.RequestChecksumCalculationWhenRequired),
		config.WithResponseChecksumValidation(aws.ResponseChecksumValidationWhenRequired),
		config.WithHTTPClient(controlHTTPClient(s.Insecure)),
		// The SDK logs warnings to stderr by default, which would scribble
		// over the TUI; every failure reaches the user as an error instead.
		config.WithLogger(logging.Nop{}),
	}
	if s.Profile != "" {
		opts = append(opts, config.WithSharedConfigProfile(s.Profile))
	}
	if s.Region != "" {
		opts = append(opts, config.WithRegion(s.Region))
	}
	if s.AccessKey != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(s.AccessKey, s.SecretKey, "")))
	}
	if s.CredentialsProvider != nil {
		opts = append(opts, config.WithCredentialsProvider(aws.NewCredentialsCache(s.CredentialsProvider)))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return cfg, configError(s.Profile, err)
	}
	cfg.Retryer = retryerFor(cfg.Credentials) // see retryer.go
	if cfg.Region == "" {
		cfg.Region = FallbackRegion
	}
	return cfg, nil
}

func newClient(cfg aws.Config, s Settings) *Client {
	pacer := &Pacer{}
	cfg.HTTPClient = pacedClient{base: cfg.HTTPClient, p: pacer}
	data := DataHTTPClient(s.Insecure)
	data.Transport = pacedTransport{base: data.Transport, p: pacer}
	c := &Client{cfg: cfg, regions: map[string]string{}, byRegion: map[string]*s3.Client{},
		presigner: map[string]*s3.PresignClient{}, data: data, pacer: pacer,
		bases: map[string]presignBase{}, signer: v4.NewSigner(), tuning: s.withDefaults()}
	probe := s3.NewFromConfig(cfg, func(o *s3.Options) {
		if s.EndpointURL != "" {
			o.BaseEndpoint = aws.String(s.EndpointURL)
		}
	})
	c.custom = probe.Options().BaseEndpoint != nil
	c.pathStyle = c.custom
	if s.PathStyle != nil {
		c.pathStyle = *s.PathStyle
	}
	endpoint := s.EndpointURL
	c.base = s3.NewFromConfig(cfg, func(o *s3.Options) {
		if endpoint != "" {
			o.BaseEndpoint = aws.String(endpoint)
		}
		o.UsePathStyle = c.pathStyle
	})
	c.byRegion[cfg.Region] = c.base
	return c
}

// controlHTTPClient is the SDK's HTTP client; TLS verification stays on
// unless the user asked for --insecure.
func controlHTTPClient(insecure bool) *awshttp.BuildableClient {
	hc := awshttp.NewBuildableClient()
	if insecure {
		hc = hc.WithTransportOptions(func(t *http.Transport) {
			t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
		})
	}
	return hc
}

// Pacer is the pace every request to this endpoint keeps (see pacer.go).
func (c *Client) Pacer() *Pacer { return c.pacer }

// Region is the default region of the connection.
func (c *Client) Region() string { return c.cfg.Region }

// CustomEndpoint reports whether a non-AWS endpoint is in use.
func (c *Client) CustomEndpoint() bool { return c.custom }

// PathStyle reports whether requests use path-style addressing.
func (c *Client) PathStyle() bool { return c.pathStyle }

// Endpoint is the configured custom endpoint, or "" for AWS.
func (c *Client) Endpoint() string {
	return aws.ToString(c.base.Options().BaseEndpoint)
}

// EndpointID names the store in a form every spelling of it shares:
// "aws" for Amazon S3 (bucket names are global there), else the custom
// endpoint's URL with scheme and host in lower case, no default port and
// no trailing slash ("http://127.0.0.1:9000"). It identifies where an
// upload goes (the transfer ledger), never who sends it.
func (c *Client) EndpointID() string {
	if !c.custom {
		return "aws"
	}
	return canonicalEndpoint(c.Endpoint())
}

func canonicalEndpoint(raw string) string {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" {
		return strings.TrimRight(strings.ToLower(raw), "/")
	}
	scheme, host := strings.ToLower(u.Scheme), strings.ToLower(u.Hostname())
	port := u.Port()
	if (scheme == "http" && port == "80") || (scheme == "https" && port == "443") {
		port = ""
	}
	if port != "" {
		host = net.JoinHostPort(host, port)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	return scheme + "://" + host + strings.TrimRight(u.EscapedPath(), "/")
}

// Credentials returns the credentials requests are signed with right now,
// including when (and whether) they expire.
func (c *Client) Credentials(ctx context.Context) (aws.Credentials, error) {
	creds, err := c.cfg.Credentials.Retrieve(ctx)
	if err != nil {
		return creds, classify(err)
	}
	return creds, nil
}

// clientFor returns an SDK client signing for the region of bucket.
func (c *Client) clientFor(ctx context.Context, bucket string) (*s3.Client, string) {
	region := c.BucketRegion(ctx, bucket)
	c.mu.Lock()
	defer c.mu.Unlock()
	if cl, ok := c.byRegion[region]; ok {
		return cl, region
	}
	cl := s3.New(c.base.Options(), func(o *s3.Options) { o.Region = region })
	c.byRegion[region] = cl
	return cl, region
}

func configError(profile string, err error) error {
	var missing config.SharedConfigProfileNotExistError
	if errors.As(err, &missing) {
		return &Error{Kind: KindConfig, Msg: fmt.Sprintf("AWS profile %q is not in your AWS config or credentials file", missing.Profile), Err: err}
	}
	return &Error{Kind: KindConfig, Msg: "cannot load AWS configuration: " + firstLine(err), Err: err}
}

func credentialsError(profile string, err error) error {
	where := "no AWS credentials found (set AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, use --profile, or run `aws configure`)"
	if profile != "" {
		where = fmt.Sprintf("cannot get credentials for profile %q", profile)
	}
	msg := where
	if detail := firstLine(err); !strings.Contains(detail, "failed to refresh cached credentials, no EC2 IMDS role found") {
		msg += ": " + detail
	}
	if strings.Contains(err.Error(), "SSO") || strings.Contains(err.Error(), "sso") {
		msg = fmt.Sprintf("SSO session for profile %q is missing or expired: run `aws sso login --profile %s`", profile, profile)
	}
	return &Error{Kind: KindCredentials, Msg: msg, Err: err}
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return s
}
