package jobs_test

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/jobs"
	"github.com/wei-platform/wei/internal/store"
)

// clock is a fake clock the tests move by hand.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func newClock() *clock { return &clock{t: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)} }

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "wei.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}

func status(t *testing.T, s *store.Store, name string) store.JobStatus {
	t.Helper()
	list, err := s.JobStatuses(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range list {
		if j.Name == name {
			return j
		}
	}
	t.Fatalf("job %s not in the jobs table", name)
	return store.JobStatus{}
}

func runDue(t *testing.T, r *jobs.Runner) {
	t.Helper()
	if err := r.RunDue(context.Background()); err != nil {
		t.Fatal(err)
	}
}

// TestRunnerPeriod: a job runs at once, then not again until its period has
// passed on the clock, and it gets the clock's time.
func TestRunnerPeriod(t *testing.T) {
	t.Parallel()
	s, c := openStore(t), newClock()
	var runs []time.Time
	r := &jobs.Runner{Store: s, Now: c.Now, Instance: "test", Jobs: []jobs.Job{{
		Name: "daily", Every: 24 * time.Hour,
		Run: func(ctx context.Context, now time.Time) error { runs = append(runs, now); return nil },
	}}}
	start := c.Now()
	runDue(t, r)
	runDue(t, r)
	c.Add(23 * time.Hour)
	runDue(t, r)
	if len(runs) != 1 || !runs[0].Equal(start) {
		t.Fatalf("runs=%v, want one at %v", runs, start)
	}
	c.Add(time.Hour)
	runDue(t, r)
	if len(runs) != 2 || !runs[1].Equal(start.Add(24*time.Hour)) {
		t.Fatalf("runs=%v, want a second one a day later", runs)
	}
	j := status(t, s, "daily")
	if j.Runs != 2 || j.Failures != 0 || j.LastError != "" || !j.NextRunAt.Equal(start.Add(48*time.Hour)) || j.Every != 24*time.Hour {
		t.Errorf("status %+v", j)
	}
}

// TestRunnerFailures: an error and a panic are recorded in last_error, the
// runner survives, and a failed job is retried after Retry.
func TestRunnerFailures(t *testing.T) {
	t.Parallel()
	s, c := openStore(t), newClock()
	var calls atomic.Int32
	r := &jobs.Runner{Store: s, Now: c.Now, Retry: 10 * time.Minute, Jobs: []jobs.Job{
		{Name: "fails", Every: 24 * time.Hour, Run: func(ctx context.Context, now time.Time) error {
			calls.Add(1)
			return errors.New("smtp: connection refused")
		}},
		{Name: "panics", Every: 5 * time.Minute, Run: func(ctx context.Context, now time.Time) error {
			var m map[string]int
			m["boom"]++ // a nil map write panics
			return nil
		}},
		{Name: "fine", Every: time.Hour, Run: func(ctx context.Context, now time.Time) error { return nil }},
	}}
	start := c.Now()
	runDue(t, r)
	f := status(t, s, "fails")
	if f.LastError != "smtp: connection refused" || f.Failures != 1 || !f.NextRunAt.Equal(start.Add(10*time.Minute)) {
		t.Errorf("failed job: %+v", f)
	}
	p := status(t, s, "panics")
	if !strings.Contains(p.LastError, "panic") || !strings.Contains(p.LastError, "nil map") || p.Failures != 1 {
		t.Errorf("panicking job: last error %q, failures %d", p.LastError, p.Failures)
	}
	// The retry of a job with a shorter period than Retry is its period.
	if !p.NextRunAt.Equal(start.Add(5 * time.Minute)) {
		t.Errorf("panicking job next run %v, want %v", p.NextRunAt, start.Add(5*time.Minute))
	}
	if g := status(t, s, "fine"); g.LastError != "" || g.Runs != 1 {
		t.Errorf("fine job: %+v", g)
	}
	c.Add(10 * time.Minute)
	runDue(t, r)
	if calls.Load() != 2 {
		t.Errorf("failed job ran %d times, want a retry after 10 minutes", calls.Load())
	}
}

// TestRunnersShareJobs: two instances on one database run a due job once.
func TestRunnersShareJobs(t *testing.T) {
	t.Parallel()
	s, c := openStore(t), newClock()
	var runs atomic.Int32
	release := make(chan struct{})
	job := jobs.Job{Name: "report", Every: time.Hour, Run: func(ctx context.Context, now time.Time) error {
		runs.Add(1)
		<-release
		return nil
	}}
	a := &jobs.Runner{Store: s, Now: c.Now, Instance: "a", Jobs: []jobs.Job{job}}
	b := &jobs.Runner{Store: s, Now: c.Now, Instance: "b", Jobs: []jobs.Job{job}}
	var wg sync.WaitGroup
	for _, r := range []*jobs.Runner{a, b, a, b} {
		wg.Add(1)
		go func() { defer wg.Done(); r.RunDue(context.Background()) }()
	}
	time.Sleep(50 * time.Millisecond) // let all four look while the job runs
	close(release)
	wg.Wait()
	if n := runs.Load(); n != 1 {
		t.Fatalf("job ran %d times, want once", n)
	}
	c.Add(time.Hour)
	runDue(t, b)
	runDue(t, a)
	if n := runs.Load(); n != 2 {
		t.Fatalf("job ran %d times after its period, want 2", n)
	}
}

// TestRunStopsOnCancel: Run ticks, runs due jobs, and on cancel stops the
// running job and records its result before returning.
func TestRunStopsOnCancel(t *testing.T) {
	t.Parallel()
	s, c := openStore(t), newClock()
	ticks := make(chan time.Time, 100)
	started := make(chan struct{})
	r := &jobs.Runner{Store: s, Now: c.Now, Tick: 5 * time.Millisecond, Jobs: []jobs.Job{
		{Name: "quick", Every: time.Minute, Run: func(ctx context.Context, now time.Time) error { ticks <- now; return nil }},
		{Name: "slow", Every: time.Hour, Run: func(ctx context.Context, now time.Time) error {
			close(started)
			<-ctx.Done()
			return ctx.Err()
		}},
	}}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- r.Run(ctx) }()
	<-started
	<-ticks
	c.Add(time.Minute) // the next tick finds "quick" due again
	select {
	case <-ticks:
	case <-time.After(5 * time.Second):
		t.Fatal("the runner did not run the due job on a later tick")
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not return after cancel")
	}
	j := status(t, s, "slow")
	if j.RunningBy != "" || !strings.Contains(j.LastError, "context canceled") {
		t.Errorf("slow job after shutdown: %+v", j)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	s, c := openStore(t), newClock()
	r := &jobs.Runner{Store: s, Now: c.Now, Jobs: []jobs.Job{{Name: "stuck", Every: time.Hour, Timeout: 20 * time.Millisecond,
		Run: func(ctx context.Context, now time.Time) error { <-ctx.Done(); return ctx.Err() }}}}
	runDue(t, r)
	if j := status(t, s, "stuck"); !strings.Contains(j.LastError, "deadline exceeded") {
		t.Errorf("last error %q, want the timeout", j.LastError)
	}
}

func TestValidate(t *testing.T) {
	ok := func(ctx context.Context, now time.Time) error { return nil }
	for _, tc := range []struct {
		name string
		list []jobs.Job
		want string
	}{
		{"empty list", nil, ""},
		{"fine", []jobs.Job{{Name: "a", Every: time.Hour, Run: ok}, {Name: "b", Every: time.Minute, Run: ok}}, ""},
		{"no name", []jobs.Job{{Every: time.Hour, Run: ok}}, "no name"},
		{"twice", []jobs.Job{{Name: "a", Every: time.Hour, Run: ok}, {Name: "a", Every: time.Hour, Run: ok}}, "twice"},
		{"no period", []jobs.Job{{Name: "a", Run: ok}}, "period"},
		{"no func", []jobs.Job{{Name: "a", Every: time.Hour}}, "Run"},
		{"negative timeout", []jobs.Job{{Name: "a", Every: time.Hour, Run: ok, Timeout: -1}}, "timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := jobs.Validate(tc.list)
			if tc.want == "" && err != nil || tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)) {
				t.Errorf("Validate: %v, want %q", err, tc.want)
			}
		})
	}
	r := &jobs.Runner{Store: openStore(t), Jobs: []jobs.Job{{Name: "a", Run: ok}}}
	if err := r.Run(context.Background()); err == nil {
		t.Error("Run accepted an invalid job list")
	}
}

func TestInstanceIDsDiffer(t *testing.T) {
	if a, b := jobs.NewInstanceID(), jobs.NewInstanceID(); a == b || a == "" {
		t.Errorf("instance IDs %q and %q", a, b)
	}
}
