// Package s3standin is a small S3 look-alike of ferry's own, for the
// answers no real server gives: keys holding escape sequences and other
// control characters (real servers, versitygw included, rewrite or refuse
// them), hostile metadata and error messages, objects listed but never
// served. Everything else is tested against a real gateway; this serves
// only what a test puts in it, keeps it in memory, checks no signature,
// and listens on 127.0.0.1 until the test ends.
//
// It answers, path-style: ListBuckets, HeadBucket, GetBucketLocation,
// ListObjectsV2 (prefix, delimiter, continuation, encoding-type=url),
// HeadObject and GetObject (with ranges), DeleteObject, DeleteObjects and
// ListMultipartUploads (none). Other requests get NotImplemented.
package s3standin

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"
)

// Object is what the stand-in serves under a key.
type Object struct {
	Key         string
	Body        []byte
	ContentType string            // default application/octet-stream
	Metadata    map[string]string // sent as x-amz-meta-NAME
	Modified    time.Time         // default: when it was put
}

// Refusal is an error answer the stand-in gives instead of an object.
type Refusal struct {
	Status  int
	Code    string
	Message string
	// Listed keeps the key in listings while GET and HEAD are refused.
	Listed bool
}

// Server is a running stand-in.
type Server struct {
	URL    string // http://127.0.0.1:PORT
	Region string

	mu       sync.Mutex
	buckets  map[string]map[string]Object
	refusals map[string]Refusal // "bucket/key" → the answer
	raw      []rawAnswer        // answers written byte for byte, first match wins
	requests []string           // "METHOD /path?query", in order
	srv      *httptest.Server
}

// rawAnswer is a broken answer for the requests match selects.
type rawAnswer struct {
	match func(*http.Request) bool
	bytes string
}

// Start runs a stand-in holding the named (empty) buckets, stopped when
// the test ends.
func Start(t testing.TB, buckets ...string) *Server {
	t.Helper()
	s := &Server{Region: "us-east-1", buckets: map[string]map[string]Object{}, refusals: map[string]Refusal{}}
	for _, b := range buckets {
		s.buckets[b] = map[string]Object{}
	}
	s.srv = httptest.NewServer(http.HandlerFunc(s.serve)) // httptest listens on 127.0.0.1
	s.URL = s.srv.URL
	t.Cleanup(s.srv.Close)
	return s
}

// Put stores o in bucket (which must have been named at Start).
func (s *Server) Put(bucket string, o Object) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if o.Modified.IsZero() {
		o.Modified = time.Now().UTC().Truncate(time.Second)
	}
	s.buckets[bucket][o.Key] = o
}

// Refuse makes requests for bucket/key answer r instead; with key ""
// every request on the bucket itself (listings, deletes of many).
func (s *Server) Refuse(bucket, key string, r Refusal) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.refusals[bucket+"/"+key] = r
}

// Raw makes the requests match selects get answer written as it is on
// the connection, which is then closed: malformed headers, an answer cut
// off, a body that is not valid S3. No real server sends such things;
// clients must still say what happened.
func (s *Server) Raw(match func(*http.Request) bool, answer string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.raw = append(s.raw, rawAnswer{match: match, bytes: answer})
}

// Keys lists what bucket holds now, sorted.
func (s *Server) Keys(bucket string) []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	var keys []string
	for k := range s.buckets[bucket] {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// Requests are the requests served so far, as "METHOD /path?query".
func (s *Server) Requests() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]string(nil), s.requests...)
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	s.requests = append(s.requests, r.Method+" "+r.URL.RequestURI())
	s.mu.Unlock()
	if s.answerRaw(w, r) {
		return
	}
	bucket, key := splitPath(r.URL)
	q := r.URL.Query()
	switch {
	case bucket == "" && r.Method == http.MethodGet:
		s.listBuckets(w)
	case !s.hasBucket(bucket):
		writeError(w, http.StatusNotFound, "NoSuchBucket", "The specified bucket does not exist")
	case key == "" && s.refused(bucket, "") != nil:
		refusal := s.refused(bucket, "")
		writeError(w, refusal.Status, refusal.Code, refusal.Message)
	case key == "":
		s.serveBucket(w, r, bucket, q)
	default:
		s.serveObject(w, r, bucket, key)
	}
}

func (s *Server) serveBucket(w http.ResponseWriter, r *http.Request, bucket string, q url.Values) {
	switch {
	case r.Method == http.MethodHead:
		w.Header().Set("x-amz-bucket-region", s.Region)
	case r.Method == http.MethodGet && q.Has("location"):
		writeXML(w, locationResult{Region: s.Region})
	case r.Method == http.MethodGet && q.Get("list-type") == "2":
		s.listObjects(w, bucket, q)
	case r.Method == http.MethodGet && q.Has("uploads"):
		writeXML(w, uploadsResult{Bucket: bucket})
	case r.Method == http.MethodPost && q.Has("delete"):
		s.deleteObjects(w, r, bucket)
	default:
		writeError(w, http.StatusNotImplemented, "NotImplemented", "the stand-in does not answer this request")
	}
}

// splitPath takes bucket and key from a path-style URL, decoding the
// escaped path itself so keys keep "+", "//" and "%2F" as sent.
func splitPath(u *url.URL) (bucket, key string) {
	p := strings.TrimPrefix(u.EscapedPath(), "/")
	bucket, key, _ = strings.Cut(p, "/")
	if k, err := url.PathUnescape(key); err == nil {
		key = k
	}
	return bucket, key
}

func (s *Server) hasBucket(b string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, ok := s.buckets[b]
	return ok
}

func (s *Server) refused(bucket, key string) *Refusal {
	s.mu.Lock()
	defer s.mu.Unlock()
	if r, ok := s.refusals[bucket+"/"+key]; ok {
		return &r
	}
	return nil
}

// answerRaw writes the raw answer of the first Raw rule matching r.
func (s *Server) answerRaw(w http.ResponseWriter, r *http.Request) bool {
	s.mu.Lock()
	var answer *rawAnswer
	for i := range s.raw {
		if s.raw[i].match(r) {
			answer = &s.raw[i]
			break
		}
	}
	s.mu.Unlock()
	if answer == nil {
		return false
	}
	conn, buf, err := w.(http.Hijacker).Hijack()
	if err != nil {
		return true
	}
	defer conn.Close()
	buf.WriteString(answer.bytes)
	buf.Flush()
	return true
}
