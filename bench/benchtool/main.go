// Command benchtool is the Go half of bench/run.sh: the raw single-stream
// baseline (one presigned PUT and GET with plain net/http) and the
// results table. It is not part of ferry.
//
//	benchtool raw put|get -endpoint URL -bucket B -key K -file F
//	benchtool table results.csv
package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"time"

	"github.com/ferry-s3/ferry/s3ops"
)

func main() {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: benchtool raw put|get ... | benchtool table results.csv | benchtool synctable sync.csv left.csv")
		os.Exit(2)
	}
	var err error
	switch os.Args[1] {
	case "raw":
		err = raw(os.Args[2:])
	case "table":
		err = table(os.Args[2:])
	case "synctable":
		err = syncTable(os.Args[2:])
	default:
		err = fmt.Errorf("unknown command %q", os.Args[1])
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "benchtool:", err)
		os.Exit(1)
	}
}

// raw moves one file with a single presigned request: the ceiling of one
// HTTP stream against this server on this machine.
func raw(args []string) error {
	if len(args) != 9 {
		return fmt.Errorf("usage: raw put|get -endpoint URL -bucket B -key K -file F")
	}
	op, endpoint, bucket, key, file := args[0], args[2], args[4], args[6], args[8]
	ctx := context.Background()
	c, err := s3ops.Connect(ctx, s3ops.Settings{EndpointURL: endpoint, Region: "us-east-1"})
	if err != nil {
		return err
	}
	loc := s3ops.Location{Bucket: bucket, Key: key}
	if op == "put" {
		return rawPut(ctx, c, loc, file)
	}
	return rawGet(ctx, c, loc, file)
}

func rawPut(ctx context.Context, c *s3ops.Client, loc s3ops.Location, file string) error {
	p, err := c.PresignPut(ctx, loc, "application/octet-stream", time.Hour)
	if err != nil {
		return err
	}
	f, err := os.Open(file)
	if err != nil {
		return err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, p.URL, f)
	if err != nil {
		return err
	}
	req.ContentLength = fi.Size()
	req.Header = p.Header.Clone()
	req.Header.Del("Host")
	return do(req)
}

func rawGet(ctx context.Context, c *s3ops.Client, loc s3ops.Location, file string) error {
	p, err := c.PresignGet(ctx, loc, time.Hour, s3ops.GetOptions{})
	if err != nil {
		return err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, p.URL, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("GET: %s", resp.Status)
	}
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, resp.Body); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

func do(req *http.Request) error {
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	io.Copy(io.Discard, resp.Body)
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("%s: %s", req.Method, resp.Status)
	}
	return nil
}
