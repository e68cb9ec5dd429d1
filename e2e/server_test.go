package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/cli"
)

const (
	// startTimeout bounds the demo seed and the listen line; the race
	// detector makes the seed several times slower.
	startTimeout  = 120 * time.Second
	healthTimeout = 60 * time.Second
	stopTimeout   = 30 * time.Second
	listenPrefix  = "WEI listens on "
)

// startWEI runs "wei serve --demo" in-process on a free port with a fresh
// SQLite database and returns its base URL, once /healthz answers 200. The
// server stops (graceful shutdown) when the test ends; its log is printed
// when the test failed.
func startWEI(t testing.TB) string {
	t.Helper()
	db := demoDB(t) // a copy of the demo database seeded once per process; --demo leaves it as it is
	args := []string{"wei", "serve", "--demo", "--addr", "127.0.0.1:0", "--db", db}
	// No WEI_* variable of the environment may change the server under test.
	getenv := func(string) string { return "" }

	ctx, cancel := context.WithCancel(context.Background())
	logs := &syncBuffer{}
	pr, pw := io.Pipe()
	done := make(chan error, 1)
	go func() {
		err := cli.Run(ctx, args, getenv, strings.NewReader(""), pw, logs)
		pw.Close()
		done <- err
	}()

	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(pr)
		found := false
		for sc.Scan() {
			if line := sc.Text(); !found && strings.HasPrefix(line, listenPrefix) {
				found = true
				urls <- strings.TrimSpace(strings.TrimPrefix(line, listenPrefix))
			}
		}
		// Keep reading, so that a late write to stdout cannot block the server.
		_, _ = io.Copy(io.Discard, pr)
	}()

	stopped := false
	t.Cleanup(func() {
		cancel()
		if !stopped {
			select {
			case err := <-done:
				if err != nil && !errors.Is(err, context.Canceled) {
					t.Errorf("wei serve returned %v after the test, want nil", err)
				}
			case <-time.After(stopTimeout):
				t.Errorf("wei serve did not stop within %v of the cancel", stopTimeout)
			}
		}
		if t.Failed() {
			t.Logf("server log (last 16 KB):\n%s", logs.tail(16<<10))
		}
	})

	var base string
	select {
	case base = <-urls:
	case err := <-done:
		stopped = true
		t.Fatalf("wei serve stopped before it listened: %v\n%s", err, logs.tail(16<<10))
	case <-time.After(startTimeout):
		t.Fatalf("wei serve printed no %q line within %v", listenPrefix, startTimeout)
	}
	waitHealthy(t, base)
	return base
}

// waitHealthy polls /healthz until it answers 200.
func waitHealthy(t testing.TB, base string) {
	t.Helper()
	client := &http.Client{Timeout: 5 * time.Second}
	deadline := time.Now().Add(healthTimeout)
	var last string
	for time.Now().Before(deadline) {
		resp, err := client.Get(base + "/healthz")
		if err == nil {
			_, _ = io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
			last = resp.Status
		} else {
			last = err.Error()
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("GET %s/healthz did not answer 200 within %v (last: %s)", base, healthTimeout, last)
}

// syncBuffer is a bytes.Buffer that the server and the test may use at the
// same time.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

// tail returns at most the last n bytes written.
func (b *syncBuffer) tail(n int) string {
	b.mu.Lock()
	defer b.mu.Unlock()
	s := b.buf.String()
	if len(s) > n {
		return fmt.Sprintf("[... %d bytes left out ...]\n%s", len(s)-n, s[len(s)-n:])
	}
	return s
}
