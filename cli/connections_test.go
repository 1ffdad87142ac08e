package cli_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/ferry-s3/ferry/gateway"
	"github.com/ferry-s3/ferry/gateway/gwtest"
)

// twoStores runs two gateways with their own keys and regions and
// names them as a user would: "work" is an AWS profile (keys in the
// credentials file, endpoint in the config file), "lab" a table of
// ferry's config file whose keys come from the profile "lab-keys".
// Plain s3:// has no credentials at all.
func twoStores(t *testing.T) (work, lab *gwtest.Server) {
	t.Helper()
	work, lab = startTwoStores(t)
	nameStores(t, work, lab, work.Endpoint, lab.Endpoint, "")
	return work, lab
}

// startTwoStores starts the two gateways of twoStores, each with a
// bucket "shared".
func startTwoStores(t *testing.T) (work, lab *gwtest.Server) {
	t.Helper()
	stateDir(t)
	noAWSConfig(t)
	work = gwtest.Start(t, func(o *gateway.Options) { o.Region = "eu-central-1" })
	lab = gwtest.Start(t)
	for _, srv := range []*gwtest.Server{work, lab} {
		if err := makeScriptBucket(srv, "shared"); err != nil {
			t.Fatal(err)
		}
	}
	return work, lab
}

// nameStores names work and lab as twoStores says, reached at the
// endpoints given (a proxy in front of a gateway), with more of ferry's
// config file after the lab table.
func nameStores(t *testing.T, work, lab *gwtest.Server, workURL, labURL, moreConfig string) {
	t.Helper()
	dir := t.TempDir()
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	t.Setenv("AWS_CONFIG_FILE", write("config", fmt.Sprintf("[profile work]\nregion = %s\nendpoint_url = %s\n", work.Region, workURL)))
	t.Setenv("AWS_SHARED_CREDENTIALS_FILE", write("credentials", fmt.Sprintf(
		"[work]\naws_access_key_id = %s\naws_secret_access_key = %s\n\n[lab-keys]\naws_access_key_id = %s\naws_secret_access_key = %s\n",
		work.AccessKey, work.SecretKey, lab.AccessKey, lab.SecretKey)))
	cfgHome := t.TempDir()
	os.MkdirAll(filepath.Join(cfgHome, "ferry"), 0o700)
	if err := os.WriteFile(filepath.Join(cfgHome, "ferry", "config.toml"), []byte(fmt.Sprintf(
		"[connections.lab]\nendpoint_url = %q\nprofile = \"lab-keys\"\nregion = %q\n%s", labURL, lab.Region, moreConfig)), 0o600); err != nil {
		t.Fatal(err)
	}
	configHome(t, cfgHome)
}

// Each NAME:s3:// location goes to its own store with its own keys:
// a file copied to work: is on the work gateway only, listed there, and
// a link shared from lab: is signed by lab's keys and works.
func TestNamedLocationsReachTheirOwnStores(t *testing.T) {
	work, lab := twoStores(t)
	ctx := context.Background()
	src := filepath.Join(t.TempDir(), "report.txt")
	os.WriteFile(src, []byte("for work"), 0o600)
	if code, _, errOut := ferryHere(ctx, t, "cp", src, "work:s3://shared/"); code != 0 {
		t.Fatalf("cp to work: exit %d: %s", code, errOut)
	}
	if code, out, errOut := ferryHere(ctx, t, "ls", "work:s3://shared/"); code != 0 || out != "report.txt\n" {
		t.Fatalf("ls work: exit %d, %q, %s", code, out, errOut)
	}
	if code, out, _ := ferryHere(ctx, t, "ls", "lab:s3://shared/"); code != 0 || out != "\n" {
		t.Fatalf("ls lab should be empty: exit %d, %q", code, out)
	}
	if _, err := os.Stat(filepath.Join(work.Dir, "shared", "report.txt")); err != nil {
		t.Fatalf("not on the work gateway: %v", err)
	}
	os.WriteFile(src, []byte("for lab"), 0o600)
	if code, _, errOut := ferryHere(ctx, t, "cp", src, "lab:s3://shared/"); code != 0 {
		t.Fatalf("cp to lab: exit %d: %s", code, errOut)
	}
	code, link, errOut := ferryHere(ctx, t, "share", "lab:s3://shared/report.txt")
	if code != 0 || !strings.HasPrefix(link, lab.Endpoint) || !strings.Contains(link, lab.AccessKey) {
		t.Fatalf("share from lab: exit %d, %q, %s", code, link, errOut)
	}
	if status, err := getStatus(link); err != nil || status != 200 {
		t.Fatalf("lab's link: %d %v", status, err)
	}
	if code, _, errOut := ferryHere(ctx, t, "ls", "s3://shared/"); code != 1 || !strings.Contains(errOut, "no AWS credentials") {
		t.Fatalf("plain s3:// has no credentials here: exit %d, %s", code, errOut)
	}
}

// Names that are not known, commands that mix connections, and flags
// that cannot apply are usage errors that say what to do.
func TestNamedLocationsRefuseWhatCannotWork(t *testing.T) {
	twoStores(t)
	ctx := context.Background()
	for args, want := range map[string]string{
		"ls wrok:s3://shared/":                          `no connection is called "wrok" (known: demo, lab, lab-keys, work;`,
		"rm work:s3://shared/a lab:s3://shared/b":       "name one connection per command: got work and lab",
		"share s3://shared/a work:s3://shared/b":        "got plain s3:// (the default connection) and work",
		"ls --profile x work:s3://shared/":              "work:s3://… names its own connection: --profile",
		"cp work:s3://shared/a lab:s3://shared/b.txt .": "sources: name one connection per command",
	} {
		code, _, errOut := ferryHere(ctx, t, strings.Fields(args)...)
		if code != 2 || !strings.Contains(errOut, want) {
			t.Errorf("%s: exit %d, stderr %q; want 2 and %q", args, code, errOut, want)
		}
	}
}

// `ferry connections` lists what each name reaches and whether its
// credentials resolve, never the keys.
func TestConnectionsListsEveryStoreWithoutItsKeys(t *testing.T) {
	work, lab := twoStores(t)
	ctx := context.Background()
	code, out, errOut := ferryHere(ctx, t, "connections")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rowsByName := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if f := strings.Fields(line); len(f) > 0 {
			rowsByName[f[0]] = strings.Join(f, " ")
		}
	}
	for name, want := range map[string]string{
		"work":     "work aws config " + work.Endpoint + " eu-central-1 ok (credentials file)",
		"lab":      "lab ferry config " + lab.Endpoint + " " + lab.Region + " ok (credentials file)",
		"lab-keys": "lab-keys aws config AWS",
		"demo":     "demo built in a local gateway, started on first use",
		"s3://":    "s3:// flags and environment AWS - no AWS credentials found",
	} {
		if !strings.HasPrefix(rowsByName[name], want) {
			t.Errorf("row %s = %q, want %q…", name, rowsByName[name], want)
		}
	}
	if strings.Contains(out, work.SecretKey) || strings.Contains(out, lab.AccessKey) {
		t.Fatalf("keys in the listing:\n%s", out)
	}
	_, out, _ = ferryHere(ctx, t, "connections", "--json")
	var rows []map[string]any
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("%q: %v", line, err)
		}
		rows = append(rows, r)
	}
	if len(rows) != 5 || rows[0]["name"] != "s3://" || rows[0]["credentials_ok"] != false || rows[4]["name"] != "work" ||
		rows[4]["credentials_ok"] != true || rows[4]["region"] != "eu-central-1" || rows[4]["credentials"] != "credentials file" {
		t.Fatalf("json rows: %v", rows)
	}
}

// A TAB completes connection names to NAME:s3:// and then the buckets,
// prefixes and keys of that connection's store.
func TestCompletionFollowsTheNamedConnection(t *testing.T) {
	twoStores(t)
	ctx := context.Background()
	if code, _, errOut := ferryHere(ctx, t, "cp", filepath.Join(writeTree(t, map[string]string{"notes.md": "n"}), "notes.md"), "work:s3://shared/"); code != 0 {
		t.Fatalf("cp: %s", errOut)
	}
	for args, want := range map[string]string{
		"ls wo":                   "work:s3://",
		"ls la":                   "lab:s3://\nlab-keys:s3://",
		"ls work:":                "work:s3://shared/",
		"ls work:s3://shared/":    "work:s3://shared/notes.md",
		"cp x work:s3://shared/":  "work:s3://shared/notes.md",
		"rm work:s3://shared/no":  "work:s3://shared/notes.md",
		"ls work:s3://shared/tr/": "",
	} {
		_, out, errOut := ferryHere(ctx, t, append([]string{"__complete"}, strings.Fields(args)...)...)
		got := strings.Join(slices.DeleteFunc(strings.Split(out, "\n"), func(l string) bool { return l == "" || strings.HasPrefix(l, ":") }), "\n")
		if got != want {
			t.Errorf("%s: %q (stderr %s), want %q", args, got, errOut, want)
		}
	}
}
