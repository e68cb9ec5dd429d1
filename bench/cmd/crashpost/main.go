// Command crashpost is the poster and the checker of the crash test
// (bench/crash.sh).
//
// As poster it opens the database, makes a wijk with funded accounts and
// has 16 goroutines post transfers with unique idempotency keys until it is
// killed (or --duration passes), writing every acknowledged key — Post
// returned nil — to stdout as "key<TAB>transaction id", one write per line.
// With --replay FILE it also posts the keys acknowledged in an earlier run
// again, and stops with an error unless each returns its first booking.
//
// With --check --keys FILE it reopens the database and asserts: every
// acknowledged key is booked exactly once, as the acknowledged transaction;
// VerifyLedger passes (hash chain intact, balances equal postings); the
// sum per asset is zero; no account is below its limit; and posting every
// acknowledged key again returns the first booking and books nothing.
package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"os/signal"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/wei-platform/wei/bench/internal/benchdb"
	"github.com/wei-platform/wei/internal/store"
)

const (
	slug      = "crashtest"
	accounts  = 8
	start     = 5_000 // cents per account: little, so some transfers are refused
	maxAmount = 500
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	err := run(ctx, os.Args, os.Getenv, os.Stdout, os.Stderr)
	stop()
	if err != nil {
		fmt.Fprintln(os.Stderr, "crashpost:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("crashpost", flag.ContinueOnError)
	fs.SetOutput(stderr)
	dsn := fs.String("db", getenv("WEI_DB"), "SQLite file or postgres:// URL")
	schema := fs.String("schema", "", "PostgreSQL schema to work in (created when missing)")
	round := fs.String("round", "r1", "prefix of this run's idempotency keys")
	workers := fs.Int("workers", 16, "goroutines posting at once")
	duration := fs.Duration("duration", 30*time.Second, "stop posting after this long (the test kills the poster sooner)")
	replay := fs.String("replay", "", "file of keys acknowledged earlier, to post again among the new ones")
	check := fs.Bool("check", false, "check the database against the acknowledged keys instead of posting")
	keys := fs.String("keys", "", "with --check: the file of acknowledged keys")
	drop := fs.Bool("drop", false, "drop the PostgreSQL schema and exit")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if *dsn == "" {
		return errors.New("--db is required")
	}
	if *drop {
		return benchdb.DropSchema(ctx, *dsn, *schema)
	}
	s, err := benchdb.Open(ctx, *dsn, *schema)
	if err != nil {
		return err
	}
	defer s.Close()
	b, err := benchdb.EnsureBooks(ctx, s, slug, accounts, start)
	if err != nil {
		return err
	}
	if *check {
		return checkBooks(ctx, s, b, *keys, stdout)
	}
	var earlier map[string]string
	if *replay != "" {
		if earlier, err = readAcked(*replay); err != nil {
			return err
		}
	}
	ctx, cancel := context.WithTimeout(ctx, *duration)
	defer cancel()
	return post(ctx, s, b, *round, *workers, earlier, stdout, stderr)
}

// post runs the workers until ctx ends. Every acknowledged key is written
// at once, in one write, so a kill -9 loses no acknowledgement.
func post(ctx context.Context, s *store.Store, b benchdb.Books, round string, workers int, earlier map[string]string, stdout, stderr io.Writer) error {
	var old []string
	for k := range earlier {
		old = append(old, k)
	}
	var mu sync.Mutex
	var acked, refused, replayed atomic.Int64
	var failure error
	var once sync.Once
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	fail := func(err error) {
		once.Do(func() { failure = err; cancel() })
	}
	var wg sync.WaitGroup
	for g := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(g), uint64(time.Now().UnixNano())))
			for i := 0; ctx.Err() == nil; i++ {
				if len(old) > 0 && i%4 == 3 {
					key := old[r.IntN(len(old))]
					tx, again, err := s.Post(ctx, b.KeyedTransfer(key, maxAmount))
					if ctx.Err() != nil {
						return
					}
					if err != nil || !again || tx.ID != earlier[key] {
						fail(fmt.Errorf("replay of %s: id %s replay=%v err=%v, want the first booking %s", key, tx.ID, again, err, earlier[key]))
						return
					}
					replayed.Add(1)
					continue
				}
				key := fmt.Sprintf("%s-g%02d-%06d", round, g, i)
				tx, again, err := s.Post(ctx, b.KeyedTransfer(key, maxAmount))
				switch {
				case ctx.Err() != nil:
					return
				case benchdb.Refused(err):
					refused.Add(1)
					continue
				case err != nil:
					fail(fmt.Errorf("post %s: %w", key, err))
					return
				case again:
					fail(fmt.Errorf("post %s: a new key came back as a replay", key))
					return
				}
				mu.Lock()
				_, err = io.WriteString(stdout, key+"\t"+tx.ID+"\n")
				mu.Unlock()
				if err != nil {
					fail(err)
					return
				}
				acked.Add(1)
			}
		}()
	}
	wg.Wait()
	fmt.Fprintf(stderr, "crashpost: %d acknowledged, %d refused for lack of balance, %d replays returned their first booking\n", acked.Load(), refused.Load(), replayed.Load())
	return failure
}

// readAcked reads "key<TAB>id" lines; a last line without a newline was cut
// off and is left out.
func readAcked(path string) (map[string]string, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	lines := bytes.Split(data, []byte("\n"))
	out := map[string]string{}
	for _, l := range lines[:len(lines)-1] {
		key, id, ok := strings.Cut(string(l), "\t")
		if !ok || key == "" || id == "" {
			return nil, fmt.Errorf("%s: bad line %q", path, l)
		}
		if prev, dup := out[key]; dup && prev != id {
			return nil, fmt.Errorf("%s: key %s acknowledged as %s and as %s", path, key, prev, id)
		}
		out[key] = id
	}
	return out, nil
}

func checkBooks(ctx context.Context, s *store.Store, b benchdb.Books, keysFile string, stdout io.Writer) error {
	acked, err := readAcked(keysFile)
	if err != nil {
		return err
	}
	var problems []string
	problem := func(format string, args ...any) {
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	if len(acked) == 0 {
		problem("no key was acknowledged: the poster did not get to post")
	}
	txs, err := s.LedgerTransactions(ctx, b.WijkID, time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	booked := map[string][]string{}
	for _, t := range txs {
		booked[t.IdempotencyKey] = append(booked[t.IdempotencyKey], t.ID)
	}
	for key, id := range acked {
		if ids := booked[key]; len(ids) != 1 || ids[0] != id {
			problem("acknowledged key %s (transaction %s) is booked as %v", key, id, ids)
		}
	}
	broken, bad, err := s.VerifyLedger(ctx, b.WijkID)
	if err != nil {
		return err
	}
	if broken != 0 {
		problem("hash chain broken at seq %d", broken)
	}
	if len(bad) > 0 {
		problem("balances differ from their postings: %v", bad)
	}
	totals, err := s.AccountTotals(ctx, b.WijkID, time.Time{}, time.Time{})
	if err != nil {
		return err
	}
	sums := map[string]int64{}
	for _, at := range totals {
		sums[at.Asset] += at.Total
		bal, err := s.Balance(ctx, at.ID)
		if err != nil {
			return err
		}
		if !at.AllowOverdraft && bal < at.MinBalance {
			problem("account %s is at %d, below its limit %d", at.Code, bal, at.MinBalance)
		}
	}
	for asset, sum := range sums {
		if sum != 0 {
			problem("postings in %s sum to %d, not 0", asset, sum)
		}
	}
	// Every acknowledged key, posted again, returns its first booking.
	seq, head, err := s.LedgerHead(ctx, b.WijkID)
	if err != nil {
		return err
	}
	replayed := replayAll(ctx, s, b, acked, problem)
	seq2, head2, err := s.LedgerHead(ctx, b.WijkID)
	if err != nil {
		return err
	}
	if seq2 != seq || head2 != head {
		problem("posting acknowledged keys again moved the head from %d to %d", seq, seq2)
	}
	if len(problems) > 0 {
		fmt.Fprintf(stdout, "FAIL %s: %d acknowledged, %d booked\n", s.Name(), len(acked), len(txs))
		for _, p := range problems {
			fmt.Fprintln(stdout, "  "+p)
		}
		return errors.New("crash test failed")
	}
	fmt.Fprintf(stdout, "PASS %s: %d acknowledged keys booked exactly once among %d transactions; chain and balances verified; sum per asset 0; no account below its limit; %d replays returned the first booking\n",
		s.Name(), len(acked), len(txs), replayed)
	return nil
}

// replayAll posts every acknowledged key again from 16 goroutines.
func replayAll(ctx context.Context, s *store.Store, b benchdb.Books, acked map[string]string, problem func(string, ...any)) int {
	keys := make(chan string)
	var mu sync.Mutex
	n := 0
	var wg sync.WaitGroup
	for range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for key := range keys {
				tx, again, err := s.Post(ctx, b.KeyedTransfer(key, maxAmount))
				mu.Lock()
				if err != nil || !again || tx.ID != acked[key] {
					problem("posting %s again: id %s replay=%v err=%v, want the first booking %s", key, tx.ID, again, err, acked[key])
				} else {
					n++
				}
				mu.Unlock()
			}
		}()
	}
	for k := range acked {
		keys <- k
	}
	close(keys)
	wg.Wait()
	return n
}
