package transfer

import (
	"context"
	"crypto/md5"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"os"

	"github.com/ferry-s3/ferry/s3ops"
)

// sendSection PUTs n bytes of f at off (a whole small file, or one part)
// to the presigned p and returns their MD5 (hex) once the server has
// them. The MD5 is computed first and sent as Content-MD5, so the server
// itself refuses a body that arrives short or altered: when an upload is
// cut off mid-body (paused, cancelled, stalled, the file changed) some
// servers (versitygw among them) would otherwise store the bytes that did
// arrive under the object's name. The ETag is still checked against it
// for servers that ignore Content-MD5.
func (e *Engine) sendSection(ctx context.Context, j *job, f *os.File, src srcStat, p s3ops.Presigned, off, n int64) (string, error) {
	sum, err := md5Of(f, off, n)
	if err != nil {
		return "", fmt.Errorf("cannot read %s: %w", j.rec.Local, err)
	}
	hdr := http.Header{"Content-Md5": {base64.StdEncoding.EncodeToString(sum)}}
	hexSum := hex.EncodeToString(sum)
	g := watchStall(ctx)
	defer g.stop()
	body := newSourceReader(f, off, n, src, j)
	body.known, body.kick = hexSum, g.kick
	resp, err := e.send(g.ctx, p, body, n, hdr)
	if err != nil {
		body.rollback()
		return "", g.explain(body.cause(err))
	}
	drain(resp)
	body.finish()
	if err := checkETag(resp, hexSum); err != nil {
		body.rollback()
		return "", err
	}
	return hexSum, nil
}

// md5Of hashes n bytes of f at off.
func md5Of(f *os.File, off, n int64) ([]byte, error) {
	h := md5.New()
	bp := bufPool.Get().(*[]byte)
	defer bufPool.Put(bp)
	got, err := io.CopyBuffer(h, io.NewSectionReader(f, off, n), *bp)
	if err == nil && got != n {
		err = fmt.Errorf("%w: it is shorter than when the upload started", errSourceChanged)
	}
	if err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}
