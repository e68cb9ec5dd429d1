// Command apiload puts load on a running `wei serve` with 32 concurrent
// clients (bench/api_load.sh):
//
//  1. it builds wei into a temporary folder, migrates a fresh database (a
//     SQLite file, or with --db postgres://... a fresh schema) and starts
//     `wei serve` on 127.0.0.1;
//  2. 32 HTTP clients read GET /healthz and GET /api/v1/wijken/{wijk};
//  3. 32 goroutines post transfers into the same database through
//     store.Post while the server holds it open. WEI has no HTTP route for
//     posting ledger transactions yet, so this is where posting is
//     measured; once the route exists, this phase should go through it.
//
// Every phase is bounded in count and in time. At the end it checks the
// books with VerifyLedger and stops the server with SIGTERM.
//
//	go run ./bench/cmd/apiload [--db postgres://...] [--duration 5s]
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wei-platform/wei/bench/internal/benchdb"
	"github.com/wei-platform/wei/internal/store"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "apiload:", err)
		os.Exit(1)
	}
}

const slug = "apiload"

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("apiload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", "", "postgres:// URL to run against (a fresh schema); default a fresh SQLite file")
	workers := fs.Int("workers", 32, "concurrent clients")
	duration := fs.Duration("duration", 5*time.Second, "longest time of each phase")
	requests := fs.Int("requests", 50_000, "most HTTP requests per endpoint")
	posts := fs.Int("posts", 20_000, "most transactions posted")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	tmp, err := os.MkdirTemp("", "wei-apiload-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)

	bin := filepath.Join(tmp, "wei")
	build := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/wei")
	build.Stdout, build.Stderr = stderr, stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build ./cmd/wei (run from the repository root): %w", err)
	}

	// openDSN is what this program opens, serveDSN what wei serve opens:
	// the same database (for PostgreSQL, the same fresh schema).
	schema, openDSN, serveDSN := "", *dsn, *dsn
	if *dsn == "" {
		openDSN = filepath.Join(tmp, "wei.db")
		serveDSN = openDSN
	} else if store.IsPostgres(*dsn) {
		schema = fmt.Sprintf("apiload_%d_%d", time.Now().Unix(), os.Getpid())
		serveDSN = benchdb.WithSearchPath(*dsn, schema)
		defer benchdb.DropSchema(context.Background(), *dsn, schema)
	}
	s, err := benchdb.Open(ctx, openDSN, schema)
	if err != nil {
		return err
	}
	defer s.Close()
	books, err := benchdb.EnsureBooks(ctx, s, slug, 16, 1_000_000_000_000)
	if err != nil {
		return err
	}

	addr, err := freeAddr()
	if err != nil {
		return err
	}
	srv := exec.Command(bin, "serve", "--db", serveDSN, "--addr", addr, "--log-format", "json")
	srv.Env = append(os.Environ(), "WEI_DB=", "WEI_ADDR=")
	logFile, err := os.Create(filepath.Join(tmp, "serve.log"))
	if err != nil {
		return err
	}
	defer logFile.Close()
	srv.Stdout, srv.Stderr = logFile, logFile
	if err := srv.Start(); err != nil {
		return err
	}
	stopped := false
	defer func() {
		if !stopped {
			srv.Process.Kill()
			srv.Wait()
		}
	}()
	base := "http://" + addr
	if err := waitHealthy(ctx, base+"/healthz", 15*time.Second); err != nil {
		log, _ := os.ReadFile(logFile.Name())
		return fmt.Errorf("%w; server log:\n%s", err, log)
	}
	fmt.Fprintf(stdout, "wei serve on %s, database %s, %d clients, at most %s per phase, %d cores\n", addr, s.Name(), *workers, *duration, runtime.NumCPU())
	fmt.Fprintf(stdout, "%-34s %8s %10s %10s %10s %8s\n", "phase", "count", "per sec", "p50", "p99", "errors")

	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *workers}}
	for _, path := range []string{"/healthz", "/api/v1/wijken/" + slug} {
		r := load(ctx, *workers, *requests, *duration, func(ctx context.Context, _ int) error {
			req, err := http.NewRequestWithContext(ctx, "GET", base+path, nil)
			if err != nil {
				return err
			}
			resp, err := client.Do(req)
			if err != nil {
				return err
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("GET %s: %s", path, resp.Status)
			}
			return nil
		})
		r.print(stdout, "GET "+path)
	}

	var refused atomic.Int64
	r := load(ctx, *workers, *posts, *duration, func(ctx context.Context, i int) error {
		_, _, err := s.Post(ctx, books.KeyedTransfer(fmt.Sprintf("load-%d", i), 50_000))
		if benchdb.Refused(err) {
			refused.Add(1)
			return nil
		}
		return err
	})
	r.print(stdout, "store.Post (no HTTP route yet)")

	srv.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		stopped = true
		if err != nil {
			return fmt.Errorf("wei serve after SIGTERM: %w", err)
		}
	case <-time.After(15 * time.Second):
		return errors.New("wei serve did not stop within 15s of SIGTERM")
	}

	broken, bad, err := s.VerifyLedger(ctx, books.WijkID)
	if err != nil {
		return err
	}
	seq, _, err := s.LedgerHead(ctx, books.WijkID)
	if err != nil {
		return err
	}
	want := int64(r.ok) - refused.Load() + int64(len(books.Accts))
	if broken != 0 || len(bad) != 0 || seq != want {
		return fmt.Errorf("books after the load: chain broken at %d, balances off %v, head %d want %d", broken, bad, seq, want)
	}
	fmt.Fprintf(stdout, "books verified: %d transactions, hash chain intact, balances equal postings; %d transfers refused for lack of balance; server stopped cleanly\n", seq, refused.Load())
	if r.errs > 0 {
		return fmt.Errorf("%d posts failed: %v", r.errs, r.firstErr)
	}
	return nil
}

// result is what one phase measured.
type result struct {
	ok, errs  int
	firstErr  error
	elapsed   time.Duration
	latencies []time.Duration
}

func (r result) print(w io.Writer, name string) {
	slices.Sort(r.latencies)
	pct := func(p float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[int(p*float64(len(r.latencies)-1))]
	}
	rate := float64(r.ok) / r.elapsed.Seconds()
	fmt.Fprintf(w, "%-34s %8d %10.0f %10s %10s %8d\n", name, r.ok, rate, pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), r.errs)
	if r.firstErr != nil {
		fmt.Fprintf(w, "  first error: %v\n", r.firstErr)
	}
}

// load runs fn from workers goroutines, at most n times in all, starting
// no call after d. A call that started runs to its end, so every post
// that returned is counted.
func load(ctx context.Context, workers, n int, d time.Duration, fn func(context.Context, int) error) result {
	limit, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	var next atomic.Int64
	var mu sync.Mutex
	var r result
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var lat []time.Duration
			ok, errs := 0, 0
			var first error
			for limit.Err() == nil {
				i := int(next.Add(1))
				if i > n {
					break
				}
				t := time.Now()
				err := fn(ctx, i)
				if err != nil {
					errs++
					if first == nil {
						first = err
					}
					continue
				}
				ok++
				lat = append(lat, time.Since(t))
			}
			mu.Lock()
			r.ok += ok
			r.errs += errs
			if r.firstErr == nil {
				r.firstErr = first
			}
			r.latencies = append(r.latencies, lat...)
			mu.Unlock()
		}()
	}
	wg.Wait()
	r.elapsed = time.Since(start)
	return r
}

func freeAddr() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func waitHealthy(ctx context.Context, url string, d time.Duration) error {
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if resp, err := http.Get(url); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	return fmt.Errorf("wei serve did not answer %s within %s", url, d)
}
