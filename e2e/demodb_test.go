package e2e

import (
	"context"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/wei-platform/wei/internal/cli"
)

// demoTemplate is a SQLite database with the demo wijk, seeded once per
// test process: each test's server starts on a copy of it instead of
// seeding its own (the seed is the slow part of a start, several times
// slower under the race detector). Every test still gets a database of its
// own.
var demoTemplate struct {
	sync.Once
	dir  string
	path string
	err  error
}

// demoDB returns the path of a fresh copy of the seeded demo database in
// the test's temporary folder.
func demoDB(t testing.TB) string {
	t.Helper()
	demoTemplate.Do(func() {
		demoTemplate.dir, demoTemplate.err = os.MkdirTemp("", "wei-e2e-demo-")
		if demoTemplate.err != nil {
			return
		}
		demoTemplate.path = filepath.Join(demoTemplate.dir, "demo.db")
		getenv := func(string) string { return "" }
		var errs strings.Builder
		args := []string{"wei", "demo", "--db", demoTemplate.path}
		if err := cli.Run(context.Background(), args, getenv, strings.NewReader(""), io.Discard, &errs); err != nil {
			demoTemplate.err = err
		}
	})
	if demoTemplate.err != nil {
		t.Fatalf("seed the demo database: %v", demoTemplate.err)
	}
	dst := filepath.Join(t.TempDir(), "wei.db")
	if err := copyFile(demoTemplate.path, dst); err != nil {
		t.Fatalf("copy the demo database: %v", err)
	}
	return dst
}

// copyFile copies a closed SQLite database (no -wal or -shm file is left
// once its last connection closed).
func copyFile(src, dst string) error {
	for _, suffix := range []string{"-wal", "-shm"} {
		if _, err := os.Stat(src + suffix); err == nil {
			return &os.PathError{Op: "copy", Path: src + suffix, Err: os.ErrExist}
		}
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// removeDemoTemplate removes the seeded template; TestMain calls it after
// the suite.
func removeDemoTemplate() {
	if demoTemplate.dir != "" {
		os.RemoveAll(demoTemplate.dir)
	}
}
