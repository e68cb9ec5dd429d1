// Command apiload puts load on a running `wei serve` with 32 concurrent
// clients (bench/api_load.sh), on SQLite and, when a PostgreSQL URL is
// given, on PostgreSQL, and prints both with their ratio. Per engine:
//
//  1. it migrates a fresh database (a SQLite file, or a fresh schema of the
//     PostgreSQL database), makes a wijk with 16 funded accounts and a
//     penningmeester with an API token, and starts `wei serve` (built once
//     into a temporary folder) on 127.0.0.1;
//  2. 32 HTTP clients read GET /healthz and GET /api/v1/wijken/{wijk};
//  3. 32 HTTP clients post single transactions (a transfer between two of
//     the accounts) to POST /api/v1/wijken/{wijk}/ledger/transactions,
//     each with its own Idempotency-Key;
//  4. for comparison, 32 goroutines post the same kind of transfer
//     straight through store.Post into the database the server holds open.
//
// Every phase is bounded in count and in time. At the end it checks the
// books with VerifyLedger (and that every acknowledged post is booked) and
// stops the server with SIGTERM.
//
//	go run ./bench/cmd/apiload [--postgres postgres://...] [--duration 5s]
package main

import (
	"bytes"
	"context"
	"encoding/json"
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

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/bench/internal/benchdb"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
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

// The phases, in the order they run.
const (
	phaseHealth = "GET /healthz"
	phaseRead   = "GET /api/v1/wijken/{wijk}"
	phasePost   = "POST .../ledger/transactions"
	phaseStore  = "store.Post (same database)"
)

var phases = []string{phaseHealth, phaseRead, phasePost, phaseStore}

// options are the flags of a run.
type options struct {
	workers, requests, posts int
	duration                 time.Duration
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("apiload", flag.ContinueOnError)
	fs.SetOutput(stderr)
	pg := fs.String("postgres", getenv("WEI_TEST_POSTGRES_URL"), "postgres:// URL to run against as well (a fresh schema); default $WEI_TEST_POSTGRES_URL, none: SQLite only")
	var o options
	fs.IntVar(&o.workers, "workers", 32, "concurrent clients")
	fs.DurationVar(&o.duration, "duration", 5*time.Second, "longest time of each phase")
	fs.IntVar(&o.requests, "requests", 50_000, "most HTTP reads per endpoint")
	fs.IntVar(&o.posts, "posts", 20_000, "most transactions posted per posting phase")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *pg != "" && !store.IsPostgres(*pg) {
		return fmt.Errorf("--postgres %q is not a postgres:// URL", *pg)
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

	type engine struct{ name, dsn string } // dsn "": a fresh SQLite file
	engines := []engine{{"SQLite", ""}}
	if *pg != "" {
		engines = append(engines, engine{"PostgreSQL", *pg})
	}
	rates := map[string]map[string]float64{} // engine: phase: per second
	for i, e := range engines {
		if i > 0 {
			fmt.Fprintln(stdout)
		}
		r, err := loadEngine(ctx, bin, tmp, e.dsn, o, stdout)
		if err != nil {
			return fmt.Errorf("%s: %w", e.name, err)
		}
		rates[e.name] = r
	}
	if len(engines) < 2 {
		fmt.Fprintln(stdout, "\npostgres: skipped (no --postgres URL and WEI_TEST_POSTGRES_URL is not set)")
		return nil
	}
	fmt.Fprintf(stdout, "\n%-40s %10s %12s %10s\n", fmt.Sprintf("per second, %d clients, same run", o.workers), "SQLite", "PostgreSQL", "PG/SQLite")
	for _, ph := range phases {
		sq, pq := rates["SQLite"][ph], rates["PostgreSQL"][ph]
		ratio := "-"
		if sq > 0 {
			ratio = fmt.Sprintf("%.2f", pq/sq)
		}
		fmt.Fprintf(stdout, "%-40s %10.0f %12.0f %10s\n", ph, sq, pq, ratio)
	}
	return nil
}

// loadEngine runs the phases against a fresh database: a SQLite file in
// tmp when dsn is empty, else a fresh schema of the PostgreSQL database.
// It returns the rate of each phase.
func loadEngine(ctx context.Context, bin, tmp, dsn string, o options, stdout io.Writer) (map[string]float64, error) {
	// openDSN is what this program opens, serveDSN what wei serve opens:
	// the same database (for PostgreSQL, the same fresh schema).
	schema, openDSN, serveDSN := "", dsn, dsn
	if dsn == "" {
		openDSN = filepath.Join(tmp, "wei.db")
		serveDSN = openDSN
	} else {
		schema = fmt.Sprintf("apiload_%d_%d", time.Now().Unix(), os.Getpid())
		serveDSN = benchdb.WithSearchPath(dsn, schema)
		defer benchdb.DropSchema(context.Background(), dsn, schema)
	}
	s, err := benchdb.Open(ctx, openDSN, schema)
	if err != nil {
		return nil, err
	}
	defer s.Close()
	books, err := benchdb.EnsureBooks(ctx, s, slug, 16, 1_000_000_000_000)
	if err != nil {
		return nil, err
	}
	token, err := treasurerToken(ctx, s, books.WijkID)
	if err != nil {
		return nil, err
	}

	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	srv := exec.Command(bin, "serve", "--db", serveDSN, "--addr", addr, "--log-format", "json")
	srv.Env = append(os.Environ(), "WEI_DB=", "WEI_ADDR=")
	logFile, err := os.Create(filepath.Join(tmp, fmt.Sprintf("serve-%d.log", time.Now().UnixNano())))
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	srv.Stdout, srv.Stderr = logFile, logFile
	if err := srv.Start(); err != nil {
		return nil, err
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
		return nil, fmt.Errorf("%w; server log:\n%s", err, log)
	}
	fmt.Fprintf(stdout, "wei serve on %s, database %s, %d clients, at most %s per phase, %d cores\n", addr, s.Name(), o.workers, o.duration, runtime.NumCPU())
	fmt.Fprintf(stdout, "%-34s %8s %10s %10s %10s %8s\n", "phase", "count", "per sec", "p50", "p99", "errors")

	rates := map[string]float64{}
	client := &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: o.workers}}
	for _, ph := range []struct{ name, path string }{{phaseHealth, "/healthz"}, {phaseRead, "/api/v1/wijken/" + slug}} {
		r := load(ctx, o.workers, o.requests, o.duration, func(ctx context.Context, _ int) error {
			req, err := http.NewRequestWithContext(ctx, "GET", base+ph.path, nil)
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
				return fmt.Errorf("GET %s: %s", ph.path, resp.Status)
			}
			return nil
		})
		r.print(stdout, ph.name)
		rates[ph.name] = r.rate()
	}

	// Single transactions over the JSON API, as a client of WEI books them.
	code := map[string]string{}
	for _, a := range books.Accts {
		code[a.ID] = a.Code
	}
	url := base + "/api/v1/wijken/" + slug + "/ledger/transactions"
	overHTTP := load(ctx, o.workers, o.posts, o.duration, func(ctx context.Context, i int) error {
		key := fmt.Sprintf("http-%d", i)
		body, err := transactionJSON(books.KeyedTransfer(key, 50_000), code)
		if err != nil {
			return err
		}
		req, err := http.NewRequestWithContext(ctx, "POST", url, bytes.NewReader(body))
		if err != nil {
			return err
		}
		req.Header.Set("Authorization", "Bearer "+token)
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Idempotency-Key", key)
		resp, err := client.Do(req)
		if err != nil {
			return err
		}
		msg, _ := io.ReadAll(io.LimitReader(resp.Body, 512))
		resp.Body.Close()
		if resp.StatusCode != http.StatusCreated {
			return fmt.Errorf("POST %s: %s: %s", url, resp.Status, msg)
		}
		return nil
	})
	overHTTP.print(stdout, phasePost)
	rates[phasePost] = overHTTP.rate()

	var refused atomic.Int64
	direct := load(ctx, o.workers, o.posts, o.duration, func(ctx context.Context, i int) error {
		_, _, err := s.Post(ctx, books.KeyedTransfer(fmt.Sprintf("store-%d", i), 50_000))
		if benchdb.Refused(err) {
			refused.Add(1)
			return nil
		}
		return err
	})
	direct.print(stdout, phaseStore)
	rates[phaseStore] = direct.rate()

	srv.Process.Signal(syscall.SIGTERM)
	done := make(chan error, 1)
	go func() { done <- srv.Wait() }()
	select {
	case err := <-done:
		stopped = true
		if err != nil {
			return nil, fmt.Errorf("wei serve after SIGTERM: %w", err)
		}
	case <-time.After(15 * time.Second):
		return nil, errors.New("wei serve did not stop within 15s of SIGTERM")
	}

	broken, bad, err := s.VerifyLedger(ctx, books.WijkID)
	if err != nil {
		return nil, err
	}
	seq, _, err := s.LedgerHead(ctx, books.WijkID)
	if err != nil {
		return nil, err
	}
	want := int64(len(books.Accts)) + int64(overHTTP.ok) + int64(direct.ok) - refused.Load()
	if broken != 0 || len(bad) != 0 || seq != want {
		return nil, fmt.Errorf("books after the load: chain broken at %d, balances off %v, head %d want %d", broken, bad, seq, want)
	}
	fmt.Fprintf(stdout, "books verified: %d transactions (%d over HTTP), hash chain intact, balances equal postings; %d transfers refused for lack of balance; server stopped cleanly\n",
		seq, overHTTP.ok, refused.Load())
	if n := overHTTP.errs + direct.errs; n > 0 {
		return nil, fmt.Errorf("%d posts failed: %v", n, cmpErr(overHTTP.firstErr, direct.firstErr))
	}
	return rates, nil
}

func cmpErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// treasurerToken makes an account with the penningmeester role in the
// wijk and returns a new API token of it.
func treasurerToken(ctx context.Context, s *store.Store, wijkID string) (string, error) {
	u := account.User{Email: "penningmeester-apiload@example.org", DisplayName: "Penningmeester (apiload)"}
	if err := s.CreateUser(ctx, &u); err != nil {
		return "", fmt.Errorf("treasurer: %w", err)
	}
	if err := s.AddGrant(ctx, &account.Grant{UserID: u.ID, WijkID: wijkID, Role: account.RolePenningmeester}); err != nil {
		return "", fmt.Errorf("treasurer: %w", err)
	}
	tok, _, err := s.CreateAPIToken(ctx, u.ID, "apiload")
	if err != nil {
		return "", fmt.Errorf("treasurer: %w", err)
	}
	return tok, nil
}

// transactionJSON is the API's request body for t, its accounts named by
// their codes.
func transactionJSON(t ledger.Transaction, code map[string]string) ([]byte, error) {
	type posting struct {
		Account string `json:"account"`
		Asset   string `json:"asset"`
		Amount  int64  `json:"amount"`
	}
	in := struct {
		On          string    `json:"on"`
		Description string    `json:"description"`
		Category    string    `json:"category"`
		Postings    []posting `json:"postings"`
	}{On: t.On.Format(time.DateOnly), Description: t.Description, Category: t.Category}
	for _, p := range t.Postings {
		c, ok := code[p.AccountID]
		if !ok {
			return nil, fmt.Errorf("no code of account %s", p.AccountID)
		}
		in.Postings = append(in.Postings, posting{Account: c, Asset: p.Asset, Amount: p.Amount})
	}
	return json.Marshal(in)
}

// result is what one phase measured.
type result struct {
	ok, errs  int
	firstErr  error
	elapsed   time.Duration
	latencies []time.Duration
}

// rate is the successful calls per second.
func (r result) rate() float64 {
	if r.elapsed <= 0 {
		return 0
	}
	return float64(r.ok) / r.elapsed.Seconds()
}

func (r result) print(w io.Writer, name string) {
	slices.Sort(r.latencies)
	pct := func(p float64) time.Duration {
		if len(r.latencies) == 0 {
			return 0
		}
		return r.latencies[int(p*float64(len(r.latencies)-1))]
	}
	fmt.Fprintf(w, "%-34s %8d %10.0f %10s %10s %8d\n", name, r.ok, r.rate(), pct(0.50).Round(time.Microsecond), pct(0.99).Round(time.Microsecond), r.errs)
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
