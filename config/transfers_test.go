package config_test

import (
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/ferry-s3/ferry/config"
	"github.com/ferry-s3/ferry/s3ops/transfer"
)

func TestTransfersSectionGoodValues(t *testing.T) {
	cases := []struct {
		name string
		text string
		want transfer.Options
	}{
		{"missing section means defaults", "", transfer.Options{}},
		{"everything set", `[transfers]
files_in_flight = 3
parts_per_file = 6
part_size = "16MiB"
multipart_threshold = "64 MB"
presign_lifetime = "90m"
conflict = "keep-both"
follow_symlinks = true
`, transfer.Options{FilesInFlight: 3, PartsPerFile: 6, PartSize: 16 << 20, MultipartThreshold: 64e6,
			PresignLifetime: 90 * time.Minute, Conflict: transfer.KeepBoth, FollowSymlinks: true}},
		{"sizes as bytes and short units", "[transfers]\npart_size = 8388608\nmultipart_threshold = \"1g\"\n",
			transfer.Options{PartSize: 8 << 20, MultipartThreshold: 1 << 30}},
		{"fractional size and days", "[transfers]\npart_size = \"5.5MiB\"\npresign_lifetime = \"7d\"\nconflict = \"Keep_Both\"\n",
			transfer.Options{PartSize: 5767168, PresignLifetime: 7 * 24 * time.Hour, Conflict: transfer.KeepBoth}},
		{"dotted keys", "transfers.conflict = \"skip\"\n", transfer.Options{Conflict: transfer.Skip}},
		{"downloads checked by size only", "[transfers]\nverify_downloads = false\n", transfer.Options{SizeOnlyDownloads: true}},
		{"downloads verified, as by default", "[transfers]\nverify_downloads = true\n", transfer.Options{}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := config.Parse("/x/config.toml", c.text)
			if err != nil {
				t.Fatal(err)
			}
			got, err := cfg.TransferOptions()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, c.want) { // Options holds a func (Sources): == does not compile
				t.Fatalf("options = %+v, want %+v", got, c.want)
			}
		})
	}
}

func TestTransfersSectionBadValuesNameFileLineAndSetting(t *testing.T) {
	cases := []struct {
		name, text, want string
	}{
		{"bad size unit", "[transfers]\n\npart_size = \"16XB\"\n",
			`config /x/config.toml:3: [transfers] part_size: "16XB" is not a size`},
		{"size too small", "[transfers]\nmultipart_threshold = \"1MiB\"\n",
			"config /x/config.toml:2: [transfers] multipart_threshold: 1MiB is out of range: want 5MiB to 5GiB"},
		{"size too large", "[transfers]\npart_size = \"6GiB\"\n", "part_size: 6GiB is out of range"},
		{"size as a boolean", "[transfers]\npart_size = true\n", "part_size: true is not a size"},
		{"bad policy", "[transfers]\nfiles_in_flight = 2\nconflict = \"replace\"\n",
			`config /x/config.toml:3: [transfers] conflict: "replace" is not a policy: want ask, skip, overwrite or keep-both`},
		{"zero files in flight", "[transfers]\nfiles_in_flight = 0\n", "files_in_flight: 0 is out of range: want 1 to 64"},
		{"too many parts", "[transfers]\nparts_per_file = 1000\n", "parts_per_file: 1000 is out of range"},
		{"bad lifetime", "[transfers]\npresign_lifetime = \"soon\"\n", `presign_lifetime: "soon" is not a duration`},
		{"lifetime beyond SigV4", "[transfers]\npresign_lifetime = \"8d\"\n", `presign_lifetime: "8d" is out of range: want 1m to 7d`},
		{"count as a string", "[transfers]\nfiles_in_flight = \"eight\"\n",
			`config /x/config.toml:2: [transfers] files_in_flight: "eight" is not a whole number`},
		{"policy as a number", "[transfers]\nconflict = 2\n", "conflict: 2 is not a policy"},
		{"flag as a string", "[transfers]\nfollow_symlinks = \"yes\"\n", `follow_symlinks: "yes" is not true or false`},
		{"lifetime as a number", "[transfers]\npresign_lifetime = 3600\n", "presign_lifetime: 3600 is not a duration"},
		{"verify as a string", "[transfers]\nverify_downloads = \"no\"\n", `verify_downloads: "no" is not true or false`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg, err := config.Parse("/x/config.toml", c.text)
			if err != nil {
				t.Fatal(err)
			}
			_, err = cfg.TransferOptions()
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("err = %v, want it to contain %q", err, c.want)
			}
		})
	}
}

func TestTransfersSectionUnknownSettingIsAParseError(t *testing.T) {
	_, err := config.Parse("/x/config.toml", "[transfers]\nfiles_in_flite = 3\n")
	if err == nil || !strings.Contains(err.Error(), "/x/config.toml:2") || !strings.Contains(err.Error(), "transfers.files_in_flite") {
		t.Fatalf("err = %v", err)
	}
}
