package share_test

import (
	"testing"

	"github.com/ferry-s3/ferry/gateway/gwtest"
)

func TestMain(m *testing.M) { gwtest.Main(m) }
