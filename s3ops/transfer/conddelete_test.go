package transfer

import (
	"context"
	"net/http"
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

// A store that refuses conditional deletes as not implemented still
// gets the delete a move's source needs: sent again without the
// condition (the move checked the ETag just before).
func TestADeleteRefusedForItsConditionIsSentWithoutIt(t *testing.T) {
	t.Parallel()
	f := newFixture(t, true)
	loc := f.loc("moved.txt")
	putObject(t, f.c, loc, []byte("moved"))
	info, err := f.c.Head(context.Background(), loc)
	if err != nil {
		t.Fatal(err)
	}
	f.proxy.setHook(func(r *http.Request) action {
		if r.Method == http.MethodDelete && r.Header.Get("If-Match") != "" {
			return action{Status: http.StatusNotImplemented, Code: "NotImplemented"}
		}
		return action{}
	})
	f.proxy.log(true)
	if _, err := f.c.Delete(context.Background(), loc, s3ops.DeleteOptions{IfMatch: info.ETag}); err != nil {
		t.Fatalf("delete on a store without conditional deletes: %v", err)
	}
	var deletes []int
	for _, r := range f.proxy.log(true) {
		if r.Method == http.MethodDelete {
			deletes = append(deletes, r.Status)
		}
	}
	if len(deletes) != 2 || deletes[0] != http.StatusNotImplemented || deletes[1] != http.StatusNoContent {
		t.Fatalf("DELETE answers %v, want 501 for the conditional one, then 204", deletes)
	}
	if _, err := f.c.Head(context.Background(), loc); s3ops.KindOf(err) != s3ops.KindNoSuchKey {
		t.Fatalf("the object is still there: %v", err)
	}
}
