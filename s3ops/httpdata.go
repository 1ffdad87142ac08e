package s3ops

import (
	"crypto/tls"
	"net"
	"net/http"
	"time"
)

// DataHTTPClient is the HTTP client for the data plane (presigned GET/PUT).
// One shared, tuned transport keeps connections alive across transfers.
// Compression is off so bytes arrive exactly as stored.
func DataHTTPClient(insecure bool) *http.Client {
	t := &http.Transport{
		Proxy: http.ProxyFromEnvironment,
		DialContext: (&net.Dialer{
			Timeout:   15 * time.Second,
			KeepAlive: 30 * time.Second,
		}).DialContext,
		ForceAttemptHTTP2:     true,
		MaxIdleConns:          256,
		MaxIdleConnsPerHost:   64,
		IdleConnTimeout:       90 * time.Second,
		TLSHandshakeTimeout:   15 * time.Second,
		ResponseHeaderTimeout: 60 * time.Second,
		ExpectContinueTimeout: time.Second,
		DisableCompression:    true,
		WriteBufferSize:       256 << 10,
		ReadBufferSize:        256 << 10,
	}
	if insecure {
		t.TLSClientConfig = &tls.Config{InsecureSkipVerify: true}
	}
	return &http.Client{Transport: t}
}

// HTTP is the data-plane client of this connection.
func (c *Client) HTTP() *http.Client { return c.data }
