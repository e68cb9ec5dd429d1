package store_test

import (
	"context"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/store"
)

func TestAllow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name   string
		max    int
		window time.Duration
	}{
		{"one per minute", 1, time.Minute},
		{"five per quarter hour", 5, 15 * time.Minute},
		{"ten per day", 10, 24 * time.Hour},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			forEachDB(t, func(t *testing.T, s *store.Store) {
				clk := newClock(s)
				allow := func(bucket string) bool {
					t.Helper()
					ok, err := s.Allow(t.Context(), bucket, tc.max, tc.window)
					if err != nil {
						t.Fatal(err)
					}
					return ok
				}
				for i := range tc.max {
					if !allow("login:anna") {
						t.Fatalf("Allow #%d=false, want true", i+1)
					}
				}
				for i := range 3 {
					if allow("login:anna") {
						t.Fatalf("Allow #%d over the limit=true, want false", tc.max+i+1)
					}
				}
				if !allow("login:bert") {
					t.Errorf("Allow(other bucket)=false, want true")
				}
				clk.Add(tc.window - time.Millisecond)
				if allow("login:anna") {
					t.Errorf("Allow just inside the window=true, want false")
				}
				// Refused hits are not counted: once the first hits leave the
				// window, the bucket is open again.
				clk.Add(time.Millisecond)
				for i := range tc.max {
					if !allow("login:anna") {
						t.Fatalf("Allow #%d after the window=false, want true", i+1)
					}
				}
				if allow("login:anna") {
					t.Errorf("Allow over the limit in the new window=true, want false")
				}
			})
		})
	}
}

func TestAllowSlidingWindow(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		allow := func() bool {
			t.Helper()
			ok, err := s.Allow(t.Context(), "api:token", 2, time.Minute)
			if err != nil {
				t.Fatal(err)
			}
			return ok
		}
		steps := []struct {
			after time.Duration
			want  bool
		}{
			{0, true},                 // hit at 0s
			{30 * time.Second, true},  // hit at 30s
			{20 * time.Second, false}, // 50s: two hits in the last minute
			{10 * time.Second, true},  // 60s: the 0s hit has left the window
			{10 * time.Second, false}, // 70s: hits at 30s and 60s
			{20 * time.Second, true},  // 90s: the 30s hit has left
		}
		var at time.Duration
		for _, st := range steps {
			clk.Add(st.after)
			at += st.after
			if got := allow(); got != st.want {
				t.Errorf("Allow at %v=%v, want %v", at, got, st.want)
			}
		}
	})
}

// TestAllowConcurrent: hits at the same moment from many connections never
// let more than max through, on either engine.
func TestAllowConcurrent(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		const max, tries = 5, 30
		var wg sync.WaitGroup
		var allowed atomic.Int32
		for range tries {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ok, err := s.Allow(context.Background(), "burst", max, time.Minute)
				if err != nil {
					t.Error(err)
				}
				if ok {
					allowed.Add(1)
				}
			}()
		}
		wg.Wait()
		if got := allowed.Load(); got != max {
			t.Fatalf("allowed=%d of %d concurrent hits, want %d", got, tries, max)
		}
	})
}
