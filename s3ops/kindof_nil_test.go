package s3ops_test

import (
	"testing"

	"github.com/ferry-s3/ferry/s3ops"
)

func TestKindOfNoErrorIsNotAPanic(t *testing.T) {
	t.Parallel()
	if k := s3ops.KindOf(nil); k != s3ops.KindOther {
		t.Fatalf("KindOf(nil) = %v", k)
	}
}
