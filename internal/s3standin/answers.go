package s3standin

import (
	"bytes"
	"crypto/md5"
	"encoding/hex"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

const s3NS = "http://s3.amazonaws.com/doc/2006-03-01/"

type bucketsResult struct {
	XMLName xml.Name `xml:"ListAllMyBucketsResult"`
	NS      string   `xml:"xmlns,attr"`
	Buckets []bucket `xml:"Buckets>Bucket"`
}

type bucket struct {
	Name         string
	CreationDate string
}

type locationResult struct {
	XMLName xml.Name `xml:"LocationConstraint"`
	Region  string   `xml:",chardata"`
}

type uploadsResult struct {
	XMLName     xml.Name `xml:"ListMultipartUploadsResult"`
	Bucket      string
	IsTruncated bool
}

type listResult struct {
	XMLName               xml.Name `xml:"ListBucketResult"`
	NS                    string   `xml:"xmlns,attr"`
	Name                  string
	Prefix                string
	Delimiter             string `xml:",omitempty"`
	MaxKeys               int
	KeyCount              int
	IsTruncated           bool
	EncodingType          string `xml:",omitempty"`
	NextContinuationToken string `xml:",omitempty"`
	Contents              []listed
	CommonPrefixes        []commonPrefix
}

type listed struct {
	Key          string
	LastModified string
	ETag         string
	Size         int
	StorageClass string
}

type commonPrefix struct{ Prefix string }

func (s *Server) listBuckets(w http.ResponseWriter) {
	s.mu.Lock()
	res := bucketsResult{NS: s3NS}
	for name := range s.buckets {
		res.Buckets = append(res.Buckets, bucket{Name: name, CreationDate: "2026-01-01T00:00:00.000Z"})
	}
	s.mu.Unlock()
	sort.Slice(res.Buckets, func(i, j int) bool { return res.Buckets[i].Name < res.Buckets[j].Name })
	writeXML(w, res)
}

// listObjects answers ListObjectsV2. The continuation token is the last
// key of the previous page (escaped, as tokens are opaque).
func (s *Server) listObjects(w http.ResponseWriter, bucket string, q url.Values) {
	prefix, delim := q.Get("prefix"), q.Get("delimiter")
	maxKeys := 1000
	if n, err := strconv.Atoi(q.Get("max-keys")); err == nil && n > 0 && n < maxKeys {
		maxKeys = n
	}
	after, _ := url.QueryUnescape(q.Get("continuation-token"))
	if sa := q.Get("start-after"); sa > after {
		after = sa
	}
	encode := func(k string) string { return k }
	res := listResult{NS: s3NS, Name: bucket, Prefix: prefix, Delimiter: delim, MaxKeys: maxKeys}
	if q.Get("encoding-type") == "url" {
		res.EncodingType = "url"
		encode = url.QueryEscape
		res.Prefix, res.Delimiter = encode(prefix), encode(delim)
	}
	seen := map[string]bool{}
	for _, o := range s.listable(bucket, prefix, after) {
		if res.KeyCount == maxKeys {
			res.IsTruncated = true
			break
		}
		rest := strings.TrimPrefix(o.Key, prefix)
		if i := strings.Index(rest, delim); delim != "" && i >= 0 {
			if p := prefix + rest[:i+len(delim)]; !seen[p] {
				seen[p] = true
				res.CommonPrefixes = append(res.CommonPrefixes, commonPrefix{encode(p)})
				res.KeyCount++
			}
			// the next page starts after every key of this folder
			res.NextContinuationToken = url.QueryEscape(prefix + rest[:i+len(delim)] + string(utf8.MaxRune))
		} else {
			res.Contents = append(res.Contents, listed{Key: encode(o.Key), LastModified: o.Modified.Format("2006-01-02T15:04:05.000Z"),
				ETag: etag(o.Body), Size: len(o.Body), StorageClass: "STANDARD"})
			res.KeyCount++
			res.NextContinuationToken = url.QueryEscape(o.Key)
		}
	}
	if !res.IsTruncated {
		res.NextContinuationToken = ""
	}
	writeXML(w, res)
}

// listable is what bucket lists under prefix after a key, in key order:
// objects not refused, and refused ones that stay listed.
func (s *Server) listable(bucket, prefix, after string) []Object {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []Object
	for k, o := range s.buckets[bucket] {
		r, refused := s.refusals[bucket+"/"+k]
		if strings.HasPrefix(k, prefix) && k > after && (!refused || r.Listed) {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Key < out[j].Key })
	return out
}

func (s *Server) serveObject(w http.ResponseWriter, r *http.Request, bucket, key string) {
	s.mu.Lock()
	o, ok := s.buckets[bucket][key]
	refusal, refused := s.refusals[bucket+"/"+key]
	s.mu.Unlock()
	switch {
	case refused:
		writeError(w, refusal.Status, refusal.Code, refusal.Message)
	case r.Method == http.MethodDelete:
		s.mu.Lock()
		delete(s.buckets[bucket], key)
		s.mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	case r.Method != http.MethodGet && r.Method != http.MethodHead:
		writeError(w, http.StatusNotImplemented, "NotImplemented", "the stand-in does not answer this request")
	case !ok:
		writeError(w, http.StatusNotFound, "NoSuchKey", "The specified key does not exist.")
	default:
		serveBody(w, r, o)
	}
}

// serveBody answers GET and HEAD of o, ranges included.
func serveBody(w http.ResponseWriter, r *http.Request, o Object) {
	h := w.Header()
	h.Set("Content-Type", o.ContentType)
	if o.ContentType == "" {
		h.Set("Content-Type", "application/octet-stream")
	}
	h.Set("ETag", etag(o.Body))
	h.Set("Accept-Ranges", "bytes")
	for name, v := range o.Metadata {
		h["X-Amz-Meta-"+name] = []string{v} // as given: hostile values stay hostile
	}
	http.ServeContent(w, r, "", o.Modified, bytes.NewReader(o.Body))
}

type deleteRequest struct {
	Quiet   bool
	Objects []struct{ Key string } `xml:"Object"`
}

type deleteResult struct {
	XMLName xml.Name `xml:"DeleteResult"`
	NS      string   `xml:"xmlns,attr"`
	Deleted []struct{ Key string }
}

func (s *Server) deleteObjects(w http.ResponseWriter, r *http.Request, bucket string) {
	body, _ := io.ReadAll(r.Body)
	var req deleteRequest
	if err := xml.Unmarshal(body, &req); err != nil {
		writeError(w, http.StatusBadRequest, "MalformedXML", err.Error())
		return
	}
	res := deleteResult{NS: s3NS}
	s.mu.Lock()
	for _, o := range req.Objects {
		delete(s.buckets[bucket], o.Key)
		if !req.Quiet {
			res.Deleted = append(res.Deleted, o)
		}
	}
	s.mu.Unlock()
	writeXML(w, res)
}

func etag(body []byte) string {
	sum := md5.Sum(body)
	return `"` + hex.EncodeToString(sum[:]) + `"`
}

func writeXML(w http.ResponseWriter, v any) {
	b, err := xml.Marshal(v)
	if err != nil {
		writeError(w, http.StatusInternalServerError, "InternalError", err.Error())
		return
	}
	w.Header().Set("Content-Type", "application/xml")
	w.Header().Set("Date", time.Now().UTC().Format(http.TimeFormat))
	io.WriteString(w, xml.Header)
	w.Write(b)
}

type errorResult struct {
	XMLName   xml.Name `xml:"Error"`
	Code      string
	Message   string
	RequestID string `xml:"RequestId"`
}

func writeError(w http.ResponseWriter, status int, code, message string) {
	b, _ := xml.Marshal(errorResult{Code: code, Message: message, RequestID: "standin"})
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	io.WriteString(w, xml.Header)
	w.Write(b)
}
