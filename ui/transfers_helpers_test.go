package ui_test

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/ferry-s3/ferry/s3ops"
	"github.com/ferry-s3/ferry/s3ops/transfer"
	"github.com/ferry-s3/ferry/ui"
	"github.com/ferry-s3/ferry/ui/transfers"
)

// engine starts a transfer engine on client (e.client when nil) with its
// journal in a temp dir unless o names one; it is closed when the test ends.
func (e *env) engine(client *s3ops.Client, o transfer.Options) *transfer.Engine {
	e.t.Helper()
	if client == nil {
		client = e.client
	}
	if o.JournalPath == "" {
		o.JournalPath = filepath.Join(e.t.TempDir(), "transfers.journal")
	}
	eng := transfer.New(client, o)
	e.t.Cleanup(func() { _ = eng.Close() })
	return eng
}

// startTx starts the root model with eng, the S3 pane in bucket; the test
// feeds progress (see settle).
func (e *env) startTx(eng *transfer.Engine, bucket string, w, h int) *harness {
	return e.start(ui.Options{Transfers: eng, FeedProgress: true, S3Start: s3ops.Location{Bucket: bucket}}, w, h)
}

// settle waits until the engine has nothing queued or running, then
// hands the model every report up to that point in one message (as
// Listen would coalesce them), a second of clock time after the last, so
// the panes' refresh spacing lets a refresh through.
func (h *harness) settle(eng *transfer.Engine) { h.settleConn(eng, "") }

// settleConn is settle for the engine of connection conn: its reports
// reach the model as that connection's progress.
func (h *harness) settleConn(eng *transfer.Engine, conn string) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := eng.Wait(ctx); err != nil {
		h.t.Fatalf("transfers did not finish: %v", err)
	}
	msg := h.drainUntil(eng, func(map[transfer.JobID]transfer.State) bool { return true })
	msg.Conn = conn
	h.send(msg)
}

// feedUntil drains the engine's reports until the model would agree with
// the engine about every job's state and ok accepts those states, then
// sends them to the model as one ProgressMsg.
func (h *harness) feedUntil(eng *transfer.Engine, ok func(map[transfer.JobID]transfer.State) bool) {
	h.t.Helper()
	h.send(h.drainUntil(eng, ok))
}

// drainUntil is feedUntil's reading: the reports merged by the real
// coalescer, a second later on the model's clock.
func (h *harness) drainUntil(eng *transfer.Engine, ok func(map[transfer.JobID]transfer.State) bool) transfers.ProgressMsg {
	h.t.Helper()
	var all []transfer.Update
	seen := map[transfer.JobID]transfer.State{}
	for _, s := range h.m.Transfers().Jobs() {
		seen[s.ID] = s.State
	}
	deadline := time.Now().Add(30 * time.Second)
	for {
		for _, u := range transfers.Drain(eng.Updates()).Updates {
			all = append(all, u)
			seen[u.Job.ID] = u.Job.State
		}
		if agrees(eng, seen) && ok(seen) {
			break
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("the engine's reports never caught up: model %v, engine %+v", seen, eng.Jobs())
		}
		time.Sleep(5 * time.Millisecond) // between looks at the condition
	}
	h.now = h.now.Add(time.Second)
	return transfers.Coalesce(all)
}

func agrees(eng *transfer.Engine, seen map[transfer.JobID]transfer.State) bool {
	for _, s := range eng.Jobs() {
		if st, ok := seen[s.ID]; !ok || st != s.State {
			return false
		}
	}
	return true
}

// cursorTo moves pane id's cursor onto the entry called name.
func (h *harness) cursorTo(id int, name string) {
	h.t.Helper()
	h.press("home")
	for range 200 {
		if h.current(id) == name {
			return
		}
		h.press("down")
	}
	h.t.Fatalf("pane %d has no %q:\n%s", id, name, h.paneText(id))
}

// txCursorTo moves the transfers pane's cursor onto the job of key.
func (h *harness) txCursorTo(key string) {
	h.t.Helper()
	h.press("home")
	for range 200 {
		if s, ok := h.m.Transfers().Selected(); ok && s.Name == key {
			return
		}
		h.press("down")
	}
	h.t.Fatalf("no transfer of %q:\n%s", key, h.screen())
}

// randomFile writes n random bytes to a local fixture file.
func (e *env) randomFile(rel string, n int) string {
	e.t.Helper()
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return e.file(rel, string(b))
}

func fileSum(t *testing.T, path string) [32]byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func (e *env) objectSum(bucket, key string) [32]byte {
	e.t.Helper()
	out, err := e.sdk.GetObject(context.Background(), &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		e.t.Fatalf("get %s/%s: %v", bucket, key, err)
	}
	defer out.Body.Close()
	b, err := io.ReadAll(out.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return sha256.Sum256(b)
}

func sum(s string) [32]byte { return sha256.Sum256([]byte(s)) }

func questionLines(t *testing.T, h *harness) string {
	t.Helper()
	q, ok := h.m.Dialog().(*transfers.Question)
	if !ok {
		t.Fatalf("dialog is %T, want a transfers question:\n%s", h.m.Dialog(), h.screen())
	}
	return strings.Join(q.Lines(), "\n")
}

// waitRunning feeds reports until the model shows n jobs running.
func (h *harness) waitRunning(eng *transfer.Engine, n int) {
	h.t.Helper()
	h.feedUntil(eng, func(seen map[transfer.JobID]transfer.State) bool {
		running := 0
		for _, s := range seen {
			if s == transfer.Running {
				running++
			}
		}
		return running >= n
	})
}
