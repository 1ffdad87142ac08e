package cli_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/gateway/gwtest"
	"github.com/ferry-s3/ferry/s3ops"
)

// A folder whose destination cannot be checked fails with the reason
// said once, however many files the folder holds (each file used to
// wrap the previous file's error in the same sentence again).
func TestCpUploadCheckFailureSaysSoOnce(t *testing.T) {
	t.Parallel()
	stateDir(t)
	srv := gwtest.Start(t)
	connectWith(t, srv, s3ops.Settings{AccessKey: srv.AccessKey, SecretKey: srv.SecretKey}, nil)
	bad, err := s3ops.Connect(context.Background(), s3ops.Settings{EndpointURL: srv.Endpoint, Region: srv.Region,
		AccessKey: srv.AccessKey, SecretKey: "not-the-secret"})
	if err != nil {
		t.Fatal(err)
	}
	local := writeTree(t, map[string]string{"d/a.txt": "a", "d/b.txt": "b", "d/c.txt": "c", "d/e/f.txt": "f"})
	for _, policy := range []string{"skip", "keep-both"} {
		code, _, errOut := runMain(t, bad, cli.CpMain, "-r", filepath.Join(local, "d"), "s3://docs/", "--conflict", policy)
		const msg = "cannot check whether the destination exists: "
		if code != 1 || strings.Count(errOut, msg) != 1 || !strings.Contains(errOut, msg+"the request signature was rejected") {
			t.Errorf("--conflict %s: exit %d, stderr:\n%s", policy, code, errOut)
		}
	}
}
