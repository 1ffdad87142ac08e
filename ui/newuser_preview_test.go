package ui_test

import (
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/ui"
)

// TestThePreviewMarksCutLinesWrapsOnWAndPrettyPrintsJSON: long lines
// were cut with nothing to say so, and a JSON log was one unreadable
// line a record.
func TestThePreviewMarksCutLinesWrapsOnWAndPrettyPrintsJSON(t *testing.T) {
	t.Parallel()
	e := newEnv(t)
	long := "x := []string{" + strings.Repeat(`"alpha", `, 20) + `"omega"}`
	e.file("a-long.go", "package main\n\nfunc f() {\n\t"+long+"\n}\n")
	e.file("b-events.log", `{"level":"info","msg":"started","port":8080}`+"\n"+
		`{"level":"error","msg":"failed","err":{"code":503,"retry":true},"tags":[]}`+"\n")
	e.file("c-config.json", `{"name":"ferry","features":["share","copy"],"limits":{"parts":4}}`)
	h := e.start(ui.Options{}, 120, 30)
	h.press("p")
	h.cursorTo(ui.LeftPane, "a-long.go")
	h.settlePreview()
	h.wantPreview("…")
	if strings.Contains(h.previewText(), `"omega"`) {
		t.Fatalf("the long line should be cut:\n%s", h.previewText())
	}
	h.press("W")
	h.wantStatus("long lines wrap")
	h.wantPreview(`"omega"}`)
	h.press("W")
	h.wantStatus("cut")

	h.cursorTo(ui.LeftPane, "b-events.log")
	h.settlePreview()
	h.wantPreview("ndjson", "pretty-printed", `"level": "info",`, `"code": 503,`, `"tags": []`)
	h.cursorTo(ui.LeftPane, "c-config.json")
	h.settlePreview()
	h.wantPreview("json ·", `"features": [`, `"share",`, `"parts": 4`)
}
