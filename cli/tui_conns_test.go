package cli_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/cli"
	"github.com/ferry-s3/ferry/s3ops"
)

// The browser's picker offers the default connection first, then every
// named one; a named connection is connected on first use, once, to its
// own store; its credentials are checked without starting the demo; an
// unknown one says which names exist.
func TestTheBrowsersConnectionsAreMadeOnFirstUse(t *testing.T) {
	work, lab := twoStores(t)
	ctx := context.Background()
	def, err := s3ops.Connect(ctx, s3ops.Settings{EndpointURL: lab.Endpoint, Region: lab.Region, AccessKey: lab.AccessKey, SecretKey: lab.SecretKey})
	if err != nil {
		t.Fatal(err)
	}
	p, engines, stop, err := cli.NewTUIConnections(dirsCtx(t, ctx), def)
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	es, _ := p.Entries(ctx)
	var names []string
	for _, e := range es {
		names = append(names, e.Name)
	}
	if !slices.Equal(names, []string{"", "demo", "lab", "lab-keys", "work"}) || es[0].Endpoint != def.Endpoint() || es[4].Endpoint != work.Endpoint {
		t.Fatalf("entries: %+v", es)
	}
	if c := p.Check(ctx, "demo"); !c.OK || c.Kind != "keys made when it starts" {
		t.Fatalf("demo: %+v", c)
	}
	if c := p.Check(ctx, "work"); !c.OK || c.Kind != "credentials file" {
		t.Fatalf("work: %+v", c)
	}
	c1, err := p.Connect(ctx, "work")
	if err != nil {
		t.Fatal(err)
	}
	if c2, _ := p.Connect(ctx, "work"); c2 != c1 {
		t.Fatal("work was connected twice")
	}
	if c1.Endpoint() != work.Endpoint {
		t.Fatalf("work reaches %s", c1.Endpoint())
	}
	if creds, err := c1.Credentials(ctx); err != nil || creds.AccessKeyID != work.AccessKey {
		t.Fatalf("work's keys: %v", err)
	}
	if c, _ := p.Connect(ctx, ""); c != def {
		t.Fatal("the default connection is not the browser's client")
	}
	if _, err := p.Connect(ctx, "nope"); err == nil || !strings.Contains(err.Error(), "known: demo, lab, lab-keys, work") {
		t.Fatalf("unknown: %v", err)
	}

	// Its transfer engine sends through its client, with a journal of its
	// own, made once; an unknown name has none.
	e1, err := engines("work")
	if err != nil {
		t.Fatal(err)
	}
	if e2, _ := engines("work"); e2 != e1 || !strings.HasSuffix(e1.Options().JournalPath, "transfers-conn-work.journal") {
		t.Fatalf("work's engine: %v, journal %q", e2 == e1, e1.Options().JournalPath)
	}
	local := filepath.Join(t.TempDir(), "up.txt")
	os.WriteFile(local, []byte("through work"), 0o600)
	if _, err := e1.Upload(ctx, local, s3ops.Location{Bucket: "shared", Key: "up.txt"}); err != nil {
		t.Fatal(err)
	}
	if err := e1.Wait(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c1.Head(ctx, s3ops.Location{Bucket: "shared", Key: "up.txt"}); err != nil {
		t.Fatalf("not on work's gateway: %v", err)
	}
	if _, err := def.Head(ctx, s3ops.Location{Bucket: "shared", Key: "up.txt"}); err == nil {
		t.Fatal("the upload reached the default connection's gateway")
	}
	if _, err := engines("nope"); err == nil {
		t.Fatal("an unknown connection got an engine")
	}
	if err := stop(); err != nil {
		t.Fatalf("closing the engines: %v", err)
	}
}

func TestLeftAndRightTakeNamedLocations(t *testing.T) {
	twoStores(t) // (runCapturing's config dir has no [connections] tables: work is an AWS profile)
	if code, errOut, got := runCapturing(t, "--left", "work:s3://shared/", "--right", "work:s3://"); code != 1 || got == nil {
		t.Errorf("exit %d, stderr %q; want it to get as far as connecting", code, errOut)
	}
	for args, want := range map[string]string{
		"--left nope:s3://xyz/":     `--left: no connection is called "nope" (known: demo, lab-keys, work;`,
		"--right work:s3://bad_b!/": "--right: bucket name",
	} {
		if code, errOut, got := runCapturing(t, strings.Fields(args)...); code != 2 || got != nil || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", args, code, errOut, want)
		}
	}
}
