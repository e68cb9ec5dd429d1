// Package jobs runs WEI's periodic background work (deleting personal data
// past its retention period, sending the periodic reports, ...) inside
// `wei serve`. Several instances may share one database: each job runs at
// most once per period across all of them, because an instance runs a job
// only after claiming its row in the jobs table (see store.ClaimJob).
package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"runtime/debug"
	"sync"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

// Job is one kind of periodic work.
type Job struct {
	// Name identifies the job in the jobs table and the log; keep it stable.
	Name string
	// Every is the period: after a successful run the job is due again
	// Every after that run started.
	Every time.Duration
	// Run does the work. now is the runner's clock at the start of the
	// run; ctx is cancelled on shutdown and when Timeout passes.
	Run func(ctx context.Context, now time.Time) error
	// Timeout bounds one run; 0 means DefaultTimeout. The claim on the job
	// lasts a minute longer, so no other instance starts it meanwhile.
	Timeout time.Duration
}

// Defaults of the Runner and of Job.
const (
	DefaultTick    = 30 * time.Second
	DefaultTimeout = 10 * time.Minute
	// DefaultRetry is how soon a failed job is tried again (or its period,
	// when that is shorter).
	DefaultRetry = 15 * time.Minute
	leaseMargin  = time.Minute
)

// Runner runs due jobs until its context is cancelled.
type Runner struct {
	Store *store.Store
	Log   *slog.Logger
	Jobs  []Job
	// Instance names this process in the jobs table; empty: NewInstanceID.
	Instance string
	// Now is the clock; nil: time.Now. Tests use a fake clock.
	Now func() time.Time
	// Tick is how often the runner looks for due jobs; 0: DefaultTick.
	Tick time.Duration
	// Retry is how soon a failed job is due again; 0: DefaultRetry.
	Retry time.Duration

	once    sync.Once
	initErr error
	mu      sync.Mutex
	running map[string]bool // jobs this runner is running now
}

// NewInstanceID returns a name for this process that is unique among the
// instances sharing a database: host, process ID and a random suffix.
func NewInstanceID() string {
	host, err := os.Hostname()
	if err != nil || host == "" {
		host = "wei"
	}
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), wei.RandomToken(4))
}

// Validate checks the job list: names present and unique, periods positive.
func Validate(list []Job) error {
	seen := map[string]bool{}
	for i, j := range list {
		switch {
		case j.Name == "":
			return fmt.Errorf("jobs: job %d has no name", i+1)
		case seen[j.Name]:
			return fmt.Errorf("jobs: job %s appears twice", j.Name)
		case j.Every <= 0:
			return fmt.Errorf("jobs: job %s needs a period longer than zero", j.Name)
		case j.Run == nil:
			return fmt.Errorf("jobs: job %s has no Run function", j.Name)
		case j.Timeout < 0:
			return fmt.Errorf("jobs: job %s has a negative timeout", j.Name)
		}
		seen[j.Name] = true
	}
	return nil
}

// init checks the runner and fills in defaults, once.
func (r *Runner) init() error {
	r.once.Do(func() { r.initErr = r.setup() })
	return r.initErr
}

func (r *Runner) setup() error {
	if r.Store == nil {
		return errors.New("jobs: runner without a store")
	}
	if err := Validate(r.Jobs); err != nil {
		return err
	}
	if r.Log == nil {
		r.Log = slog.New(slog.DiscardHandler)
	}
	if r.Instance == "" {
		r.Instance = NewInstanceID()
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	if r.Tick <= 0 {
		r.Tick = DefaultTick
	}
	if r.Retry <= 0 {
		r.Retry = DefaultRetry
	}
	r.running = map[string]bool{}
	return nil
}

// Run looks for due jobs at once and then every Tick, running each claimed
// job in its own goroutine. When ctx is cancelled it cancels the running
// jobs, waits for them to record their result and returns nil. It returns
// an error only for an invalid job list.
func (r *Runner) Run(ctx context.Context) error {
	if err := r.init(); err != nil {
		return err
	}
	if len(r.Jobs) == 0 {
		<-ctx.Done()
		return nil
	}
	r.Log.Info("background jobs started", slog.Int("jobs", len(r.Jobs)), slog.String("instance", r.Instance))
	t := time.NewTicker(r.Tick)
	defer t.Stop()
	var wg sync.WaitGroup
	for {
		r.startDue(ctx, &wg)
		select {
		case <-ctx.Done():
			wg.Wait()
			r.Log.Info("background jobs stopped", slog.String("instance", r.Instance))
			return nil
		case <-t.C:
		}
	}
}

// RunDue runs the jobs that are due now and waits until they are done: one
// tick of Run, for tests and tools.
func (r *Runner) RunDue(ctx context.Context) error {
	if err := r.init(); err != nil {
		return err
	}
	var wg sync.WaitGroup
	r.startDue(ctx, &wg)
	wg.Wait()
	return nil
}

// startDue claims every due job this runner is not already running and
// starts it, counting it in wg.
func (r *Runner) startDue(ctx context.Context, wg *sync.WaitGroup) {
	for _, j := range r.Jobs {
		if ctx.Err() != nil {
			return
		}
		r.mu.Lock()
		busy := r.running[j.Name]
		r.mu.Unlock()
		if busy {
			continue
		}
		now := r.Now()
		timeout := j.Timeout
		if timeout == 0 {
			timeout = DefaultTimeout
		}
		ok, err := r.Store.ClaimJob(ctx, j.Name, now, j.Every, r.Instance, timeout+leaseMargin)
		if err != nil {
			if ctx.Err() == nil {
				r.Log.Error("background job: claim failed", slog.String("job", j.Name), slog.Any("error", err))
			}
			continue
		}
		if !ok {
			continue
		}
		r.mu.Lock()
		r.running[j.Name] = true
		r.mu.Unlock()
		wg.Add(1)
		go func() {
			defer wg.Done()
			defer func() {
				r.mu.Lock()
				delete(r.running, j.Name)
				r.mu.Unlock()
			}()
			r.runOne(ctx, j, now, timeout)
		}()
	}
}

// runOne runs a claimed job, turns a panic into an error and records the
// result, also when ctx was cancelled meanwhile.
func (r *Runner) runOne(ctx context.Context, j Job, started time.Time, timeout time.Duration) {
	log := r.Log.With(slog.String("job", j.Name))
	log.Debug("background job started")
	jctx, cancel := context.WithTimeout(ctx, timeout)
	err := call(jctx, j, started)
	cancel()
	finished := r.Now()
	next := started.Add(j.Every)
	msg := ""
	if err != nil {
		msg = err.Error()
		retry := min(r.Retry, j.Every)
		next = finished.Add(retry)
		log.Error("background job failed", slog.Any("error", err), slog.Time("retry_at", next))
	} else {
		log.Info("background job done", slog.Duration("duration", finished.Sub(started)), slog.Time("next_run", next))
	}
	// Record the result even during shutdown, so the next instance knows.
	fctx, fcancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer fcancel()
	if err := r.Store.FinishJob(fctx, j.Name, r.Instance, finished, next, msg); err != nil {
		log.Error("background job: recording the result failed", slog.Any("error", err))
	}
}

// call runs the job and recovers a panic into an error with its stack.
func call(ctx context.Context, j Job, now time.Time) (err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("panic: %v\n%s", v, debug.Stack())
		}
	}()
	return j.Run(ctx, now)
}
