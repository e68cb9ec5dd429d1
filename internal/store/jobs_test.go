package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/internal/store/storetest"
)

var jobT0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

func claim(t *testing.T, s *store.Store, name string, now time.Time, instance string) bool {
	t.Helper()
	ok, err := s.ClaimJob(context.Background(), name, now, time.Hour, instance, 5*time.Minute)
	if err != nil {
		t.Fatalf("ClaimJob(%s, %s, %s): %v", name, now.Format(time.TimeOnly), instance, err)
	}
	return ok
}

func jobStatus(t *testing.T, s *store.Store, name string) store.JobStatus {
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
	t.Fatalf("job %s not listed", name)
	return store.JobStatus{}
}

func TestClaimAndFinishJob(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if !claim(t, s, "report", jobT0, "a") {
			t.Fatal("a new job is not due at once")
		}
		if claim(t, s, "report", jobT0, "b") {
			t.Fatal("b claimed a job a holds")
		}
		if claim(t, s, "report", jobT0.Add(time.Minute), "a") {
			t.Fatal("a claimed its own running job twice")
		}
		if !claim(t, s, "other", jobT0, "b") {
			t.Fatal("another job is blocked by the first")
		}
		j := jobStatus(t, s, "report")
		if j.RunningBy != "a" || !j.Running(jobT0.Add(4*time.Minute)) || j.Running(jobT0.Add(5*time.Minute)) {
			t.Errorf("running: by %q, lease until %v", j.RunningBy, j.LeaseUntil)
		}
		if j.Every != time.Hour || !j.StartedAt.Equal(jobT0) {
			t.Errorf("Every=%v StartedAt=%v", j.Every, j.StartedAt)
		}

		if err := s.FinishJob(ctx, "report", "b", jobT0.Add(time.Minute), jobT0.Add(time.Hour), ""); wei.ErrorCode(err) != wei.ECONFLICT {
			t.Errorf("b finished a's job: err=%v, want ECONFLICT", err)
		}
		if err := s.FinishJob(ctx, "report", "a", jobT0.Add(2*time.Second), jobT0.Add(time.Hour), ""); err != nil {
			t.Fatal(err)
		}
		j = jobStatus(t, s, "report")
		if j.RunningBy != "" || !j.LeaseUntil.IsZero() || !j.LastRunAt.Equal(jobT0.Add(2*time.Second)) ||
			j.LastDuration != 2*time.Second || !j.NextRunAt.Equal(jobT0.Add(time.Hour)) || j.Runs != 1 || j.Failures != 0 || j.LastError != "" {
			t.Errorf("after finish: %+v", j)
		}
		if err := s.FinishJob(ctx, "report", "a", jobT0.Add(3*time.Second), jobT0.Add(time.Hour), ""); wei.ErrorCode(err) != wei.ECONFLICT {
			t.Errorf("finishing twice: err=%v, want ECONFLICT", err)
		}

		// Not due before next_run_at, due from then on, for any instance.
		if claim(t, s, "report", jobT0.Add(59*time.Minute), "b") {
			t.Fatal("claimed before it was due")
		}
		if !claim(t, s, "report", jobT0.Add(time.Hour), "b") {
			t.Fatal("not claimed when due")
		}
		if err := s.FinishJob(ctx, "report", "b", jobT0.Add(time.Hour+time.Second), jobT0.Add(time.Hour+15*time.Minute), "smtp: connection refused"); err != nil {
			t.Fatal(err)
		}
		j = jobStatus(t, s, "report")
		if j.Runs != 2 || j.Failures != 1 || j.LastError != "smtp: connection refused" || !j.NextRunAt.Equal(jobT0.Add(time.Hour+15*time.Minute)) {
			t.Errorf("after a failure: %+v", j)
		}
	})
}

// TestClaimJobLeaseRunsOut: when the holder dies, another instance takes
// the job over after the lease; the old holder can no longer finish it.
func TestClaimJobLeaseRunsOut(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		if !claim(t, s, "retention", jobT0, "a") {
			t.Fatal("not claimed")
		}
		if claim(t, s, "retention", jobT0.Add(5*time.Minute-time.Millisecond), "b") {
			t.Fatal("claimed before the lease ran out")
		}
		if !claim(t, s, "retention", jobT0.Add(5*time.Minute), "b") {
			t.Fatal("not taken over after the lease ran out")
		}
		if err := s.FinishJob(ctx, "retention", "a", jobT0.Add(6*time.Minute), jobT0.Add(time.Hour), ""); wei.ErrorCode(err) != wei.ECONFLICT {
			t.Errorf("old holder finished: err=%v, want ECONFLICT", err)
		}
		if err := s.FinishJob(ctx, "retention", "b", jobT0.Add(6*time.Minute), jobT0.Add(time.Hour), ""); err != nil {
			t.Fatal(err)
		}
	})
}

func TestClaimJobInvalid(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		for _, tc := range []struct {
			name, instance string
			every, lease   time.Duration
		}{
			{"", "a", time.Hour, time.Minute},
			{"x", "", time.Hour, time.Minute},
			{"x", "a", 0, time.Minute},
			{"x", "a", time.Hour, -time.Minute},
		} {
			ok, err := s.ClaimJob(ctx, tc.name, jobT0, tc.every, tc.instance, tc.lease)
			if ok || wei.ErrorCode(err) != wei.EINVALID || wei.ErrorMessage(err) == "" {
				t.Errorf("ClaimJob(%+v) = %v, %v; want EINVALID with a message", tc, ok, err)
			}
		}
		if list, err := s.JobStatuses(ctx); err != nil || len(list) != 0 {
			t.Errorf("invalid claims left rows: %v, %v", list, err)
		}
	})
}

// TestClaimJobConcurrent lets 20 instances, each with its own database
// handle, claim the same due job at the same moment, several rounds in a
// row: exactly one wins each round.
func TestClaimJobConcurrent(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		path := filepath.Join(t.TempDir(), "wei.db")
		first := openSQLiteAt(t, path)
		if _, err := first.Migrate(context.Background()); err != nil {
			t.Fatal(err)
		}
		handles := []*store.Store{first}
		for range 19 {
			handles = append(handles, openSQLiteAt(t, path))
		}
		claimRace(t, handles)
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		claimRace(t, openPostgresHandles(t, 20))
	})
}

func claimRace(t *testing.T, handles []*store.Store) {
	ctx := context.Background()
	for round := range 5 {
		now := jobT0.Add(time.Duration(round) * time.Hour)
		var wg sync.WaitGroup
		start := make(chan struct{})
		var mu sync.Mutex
		var winners []string
		for i, s := range handles {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				inst := fmt.Sprintf("instance-%02d", i)
				ok, err := s.ClaimJob(ctx, "report", now, time.Hour, inst, 10*time.Minute)
				if err != nil {
					t.Errorf("%s: %v", inst, err)
					return
				}
				if ok {
					mu.Lock()
					winners = append(winners, inst)
					mu.Unlock()
				}
			}()
		}
		close(start)
		wg.Wait()
		if len(winners) != 1 {
			t.Fatalf("round %d: %d instances claimed the job (%v), want exactly 1", round, len(winners), winners)
		}
		if err := handles[0].FinishJob(ctx, "report", winners[0], now.Add(time.Second), now.Add(time.Hour), ""); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
	}
	if j := jobStatus(t, handles[0], "report"); j.Runs != 5 {
		t.Errorf("runs=%d, want 5", j.Runs)
	}
}

func openSQLiteAt(t *testing.T, path string) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), path, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// openPostgresHandles opens n separate stores (separate connection pools,
// as separate `wei serve` instances have) on one fresh, migrated database.
func openPostgresHandles(t *testing.T, n int) []*store.Store {
	t.Helper()
	url := storetest.PostgresURL(t)
	var out []*store.Store
	for range n {
		s, err := store.Open(context.Background(), url, nil)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		out = append(out, s)
	}
	return out
}
