package syncplan

import (
	"bufio"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"

	"github.com/ferry-s3/ferry/s3ops/checksum"
	"github.com/ferry-s3/ferry/xdg"
)

// HashCache keeps the hashes of local files between syncs, one file per
// synced folder in $XDG_CACHE_HOME/ferry/sync/ (0600), so a tree already
// in sync is decided from listings and stat calls alone. A hash is
// trusted only while the file has the same size, modification time,
// inode and change time; the cache keeps the files of the last run only.
type HashCache struct {
	path string // "" keeps nothing on disk

	mu    sync.Mutex
	old   map[string]*fileHashes // read at the start
	now   map[string]*fileHashes // looked up in this run
	dirty bool
	// Hashed counts the files read in this run (not answered by the cache).
	Hashed int
}

// fileHashes are the hashes known of one version of a file.
type fileHashes struct {
	Path  string `json:"p"`
	Size  int64  `json:"s"`
	MTime int64  `json:"m"` // unix nanoseconds
	Inode uint64 `json:"i,omitempty"`
	// CTime is the inode's change time (unix nanoseconds; 0 where it is
	// not known): a rewrite that puts the modification time back, as
	// `touch -r` or a restore does, still changes it.
	CTime int64             `json:"c,omitempty"`
	MD5   string            `json:"md5,omitempty"`
	Parts map[string]string `json:"parts,omitempty"` // part size → multipart ETag
	CRC   map[string]string `json:"crc,omitempty"`   // algorithm → value
}

// OpenHashCache reads the cache of the folder root ("" path: a cache
// that only lives in memory, when there is no cache dir).
func OpenHashCache(root string) *HashCache { return OpenHashCacheIn(xdg.Dirs{}, root) }

// OpenHashCacheIn is OpenHashCache with the cache dir of d.
func OpenHashCacheIn(d xdg.Dirs, root string) *HashCache {
	c := &HashCache{old: map[string]*fileHashes{}, now: map[string]*fileHashes{}}
	dir, err := d.CacheDir()
	abs, aerr := filepath.Abs(root)
	if err != nil || aerr != nil {
		return c
	}
	c.path = filepath.Join(dir, "sync", xdg.PathKey(abs)+".jsonl")
	f, err := os.Open(c.path)
	if err != nil {
		return c
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		var h fileHashes
		if json.Unmarshal(sc.Bytes(), &h) == nil && h.Path != "" {
			c.old[h.Path] = &h
		}
	}
	return c
}

// Save writes what this run looked up (atomically, 0600), when it
// learnt anything or forgot a file.
func (c *HashCache) Save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.path == "" || !c.dirty && len(c.now) == len(c.old) {
		return nil
	}
	var buf []byte
	for _, h := range c.now {
		b, err := json.Marshal(h)
		if err != nil {
			return err
		}
		buf = append(append(buf, b...), '\n')
	}
	return xdg.WriteFile(c.path, buf)
}

// localError is a local file that could not be read: the path is left
// out of the sync, the rest goes on.
type localError struct{ err error }

func (e localError) Error() string { return e.err.Error() }
func (e localError) Unwrap() error { return e.err }

func isLocalErr(err error) bool {
	var le localError
	return errors.As(err, &le)
}

// entry is the cache's record of the file at path, for its current
// version (a fresh one when the file changed).
func (c *HashCache) entry(path string) (*fileHashes, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, localError{err}
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	key := fileHashes{Path: path, Size: fi.Size(), MTime: fi.ModTime().UnixNano()}
	key.Inode, key.CTime = fileID(fi)
	for _, h := range []*fileHashes{c.now[path], c.old[path]} {
		if h != nil && h.Size == key.Size && h.MTime == key.MTime && h.Inode == key.Inode && h.CTime == key.CTime {
			c.now[path] = h
			return h, nil
		}
	}
	c.now[path], c.dirty = &key, true
	return &key, nil
}

// MD5 is the hex MD5 of the local file at path.
func (c *HashCache) MD5(path string) (string, error) {
	h, err := c.entry(path)
	if err != nil {
		return "", err
	}
	c.mu.Lock()
	sum := h.MD5
	c.mu.Unlock()
	if sum != "" {
		return sum, nil
	}
	sum, err = c.read(path, h, func(r io.Reader) (string, error) { return digest(r, md5.New()) })
	if err == nil {
		c.mu.Lock()
		h.MD5 = sum
		c.mu.Unlock()
	}
	return sum, err
}

// PartsETag is the ETag S3 gives the file at path uploaded in parts of
// partSize: the MD5 of the parts' MD5s, "-" and the count.
func (c *HashCache) PartsETag(path string, partSize int64) (string, error) {
	h, err := c.entry(path)
	if err != nil {
		return "", err
	}
	key := strconv.FormatInt(partSize, 10)
	c.mu.Lock()
	etag := h.Parts[key]
	c.mu.Unlock()
	if etag != "" {
		return etag, nil
	}
	etag, err = c.read(path, h, func(r io.Reader) (string, error) { return partsETag(r, partSize) })
	if err == nil {
		c.mu.Lock()
		if h.Parts == nil {
			h.Parts = map[string]string{}
		}
		h.Parts[key] = etag
		c.mu.Unlock()
	}
	return etag, err
}

// CRC is alg's checksum of the whole file at path.
func (c *HashCache) CRC(path string, alg checksum.Algorithm) (checksum.Value, error) {
	h, err := c.entry(path)
	if err != nil {
		return checksum.Value{}, err
	}
	c.mu.Lock()
	known := h.CRC[string(alg)]
	c.mu.Unlock()
	if known != "" {
		return checksum.Parse(alg, known)
	}
	text, err := c.read(path, h, func(r io.Reader) (string, error) {
		hh := alg.New()
		if _, err := io.Copy(hh, r); err != nil {
			return "", err
		}
		return checksum.Sum(alg, hh).String(), nil
	})
	if err != nil {
		return checksum.Value{}, err
	}
	c.mu.Lock()
	if h.CRC == nil {
		h.CRC = map[string]string{}
	}
	h.CRC[string(alg)] = text
	c.mu.Unlock()
	return checksum.Parse(alg, text)
}

// readers are the buffered readers files are hashed through: one per
// hashing worker in use, not a fresh buffer per file (10,000 small files
// would otherwise allocate and clear gigabytes).
var readers = sync.Pool{New: func() any { return bufio.NewReaderSize(nil, 256<<10) }}

// read hashes the file with fn, and fails when it changed meanwhile (the
// hash would describe no version of it).
func (c *HashCache) read(path string, h *fileHashes, fn func(io.Reader) (string, error)) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", localError{err}
	}
	defer f.Close()
	br := readers.Get().(*bufio.Reader)
	br.Reset(f)
	defer func() { br.Reset(nil); readers.Put(br) }()
	sum, err := fn(br)
	if err != nil {
		return "", localError{err}
	}
	fi, err := f.Stat()
	if err != nil || fi.Size() != h.Size || fi.ModTime().UnixNano() != h.MTime {
		return "", localError{fmt.Errorf("%s changed while it was read", path)}
	}
	c.mu.Lock()
	c.Hashed++
	c.mu.Unlock()
	return sum, nil
}

func digest(r io.Reader, h hash.Hash) (string, error) {
	if _, err := io.Copy(h, r); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}

// partsETag is the multipart ETag of r's bytes in parts of partSize.
func partsETag(r io.Reader, partSize int64) (string, error) {
	if partSize <= 0 {
		return "", errors.New("no part size")
	}
	all := md5.New()
	n := 0
	for {
		part := md5.New()
		got, err := io.CopyN(part, r, partSize)
		if err != nil && !errors.Is(err, io.EOF) {
			return "", err
		}
		if got > 0 || n == 0 {
			all.Write(part.Sum(nil))
			n++
		}
		if got < partSize {
			break
		}
	}
	return hex.EncodeToString(all.Sum(nil)) + "-" + strconv.Itoa(n), nil
}
