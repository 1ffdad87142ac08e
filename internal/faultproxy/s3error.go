package faultproxy

import (
	"encoding/xml"
	"net/http"
	"time"
)

// s3ErrorBody is the XML body S3 sends with an error status.
type s3ErrorBody struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string   `xml:"Code"`
	Message   string   `xml:"Message"`
	Resource  string   `xml:"Resource,omitempty"`
	RequestID string   `xml:"RequestId"`
	// RequestTimeTooSkewed only, as S3 sends them.
	RequestTime                string `xml:"RequestTime,omitempty"`
	ServerTime                 string `xml:"ServerTime,omitempty"`
	MaxAllowedSkewMilliseconds int    `xml:"MaxAllowedSkewMilliseconds,omitempty"`
}

// errorBody is the S3 error document for code about request r.
func errorBody(code, msg string, r *http.Request, requestID string) []byte {
	e := s3ErrorBody{Code: code, Message: msg, Resource: r.URL.Path, RequestID: requestID}
	if code == "RequestTimeTooSkewed" {
		e.RequestTime = r.Header.Get("X-Amz-Date")
		if e.RequestTime == "" {
			e.RequestTime = r.URL.Query().Get("X-Amz-Date")
		}
		e.ServerTime = time.Now().UTC().Format(time.RFC3339)
		e.MaxAllowedSkewMilliseconds = 900000
	}
	b, err := xml.Marshal(e)
	if err != nil { // cannot happen: plain strings and an int
		panic(err)
	}
	return append([]byte(xml.Header), b...)
}
