package store_test

import (
	"errors"
	"maps"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// Shared helpers of the store contract tests live here, beside the first
// noun; each fixture (mustUser, mustPerson, ...) lives beside its own noun.

// t0 has a sub-millisecond part, so round trips prove times are kept to the
// millisecond and no finer.
var t0 = time.Date(2025, 3, 14, 9, 26, 53, 589793238, time.UTC)

// testClock is a settable clock for Store.SetClock, safe for goroutines.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

// newClock sets the store's clock to t0 and returns it.
func newClock(s *store.Store) *testClock {
	c := &testClock{now: t0}
	s.SetClock(c.Now)
	testClocks.Store(s, c)
	return c
}

// testClocks remembers which stores run on a test clock.
var testClocks sync.Map

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// Stored is the current time as the store keeps it: UTC, to the millisecond.
func (c *testClock) Stored() time.Time { return c.Now().Truncate(time.Millisecond).UTC() }

// wantCode fails the test unless err carries the wei error code.
func wantCode(t testing.TB, err error, code string) {
	t.Helper()
	if got := wei.ErrorCode(err); got != code {
		t.Fatalf("ErrorCode=%q, want %q (err=%v)", got, code, err)
	}
}

// wantInvalid fails the test unless err is an EINVALID *wei.Error whose
// Fields has exactly the given keys.
func wantInvalid(t testing.TB, err error, fields ...string) {
	t.Helper()
	var e *wei.Error
	if !errors.As(err, &e) {
		t.Fatalf("err=%v, want a *wei.Error with code %q", err, wei.EINVALID)
	}
	if e.Code != wei.EINVALID {
		t.Fatalf("Code=%q, want %q (err=%v)", e.Code, wei.EINVALID, err)
	}
	got := slices.Sorted(maps.Keys(e.Fields))
	want := slices.Sorted(slices.Values(fields))
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Fields keys mismatch (-want +got):\n%s", diff)
	}
}

// wantNoTrace fails the test if text holds any of the secrets.
func wantNoTrace(t testing.TB, where, text string, secrets ...string) {
	t.Helper()
	lower := strings.ToLower(text)
	for _, sec := range secrets {
		if strings.Contains(lower, strings.ToLower(sec)) {
			t.Errorf("%s still holds %q: %s", where, sec, text)
		}
	}
}

// cbsCode returns a random valid CBS code with the prefix and n characters.
func cbsCode(prefix string, n int) string {
	return prefix + strings.ToUpper(wei.RandomToken(n/2))
}

// mustWijk stores a valid wijk with the slug and name.
func mustWijk(t testing.TB, s *store.Store, slug, name string) wijk.Wijk {
	t.Helper()
	w := wijk.Wijk{Slug: slug, Name: name, CBSCode: cbsCode("WK", 6), CBSYear: 2024, Municipality: "Amsterdam"}
	if err := s.CreateWijk(t.Context(), &w); err != nil {
		t.Fatalf("CreateWijk(%s): %v", slug, err)
	}
	return w
}

// mustBuurt stores a valid buurt of a wijk.
func mustBuurt(t testing.TB, s *store.Store, wijkID, name string) wijk.Buurt {
	t.Helper()
	b := wijk.Buurt{WijkID: wijkID, Name: name, CBSCode: cbsCode("BU", 8), CBSYear: 2024}
	if err := s.CreateBuurt(t.Context(), &b); err != nil {
		t.Fatalf("CreateBuurt(%s): %v", name, err)
	}
	return b
}

func TestWijkRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		in := wijk.Wijk{Slug: "  Oud-Noord ", Name: " Oud Noord ", CBSCode: " wk036301", CBSYear: 2024,
			Municipality: " Amsterdam ", Description: " Tussen park en spoor. "}
		if err := s.CreateWijk(t.Context(), &in); err != nil {
			t.Fatal(err)
		}
		if in.ID == "" {
			t.Fatal("ID=\"\", want an ID set by CreateWijk")
		}
		want := wijk.Wijk{ID: in.ID, Slug: "oud-noord", Name: "Oud Noord", CBSCode: "WK036301", CBSYear: 2024,
			Municipality: "Amsterdam", Description: "Tussen park en spoor.", CreatedAt: clk.Stored()}
		got, err := s.Wijk(t.Context(), in.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Wijk mismatch (-want +got):\n%s", diff)
		}
		got, err = s.WijkBySlug(t.Context(), "oud-noord")
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("WijkBySlug mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestWijkValidation(t *testing.T) {
	t.Parallel()
	valid := func() wijk.Wijk {
		return wijk.Wijk{Slug: "noord", Name: "Noord", CBSCode: "WK036301", CBSYear: 2024, Municipality: "Amsterdam"}
	}
	tests := []struct {
		name   string
		change func(*wijk.Wijk)
		fields []string
	}{
		{"slug with space", func(w *wijk.Wijk) { w.Slug = "oud noord" }, []string{"slug"}},
		{"slug with double dash", func(w *wijk.Wijk) { w.Slug = "oud--noord" }, []string{"slug"}},
		{"slug too long", func(w *wijk.Wijk) { w.Slug = strings.Repeat("a", 61) }, []string{"slug"}},
		{"name empty", func(w *wijk.Wijk) { w.Name = "  " }, []string{"name"}},
		{"name too long", func(w *wijk.Wijk) { w.Name = strings.Repeat("n", 121) }, []string{"name"}},
		{"buurt code as wijk code", func(w *wijk.Wijk) { w.CBSCode = "BU03630101" }, []string{"cbs_code"}},
		{"code too short", func(w *wijk.Wijk) { w.CBSCode = "WK0363" }, []string{"cbs_code"}},
		{"year too early", func(w *wijk.Wijk) { w.CBSYear = 1999 }, []string{"cbs_year"}},
		{"year too late", func(w *wijk.Wijk) { w.CBSYear = 2101 }, []string{"cbs_year"}},
		{"municipality empty", func(w *wijk.Wijk) { w.Municipality = "" }, []string{"municipality"}},
		{"all empty", func(w *wijk.Wijk) { *w = wijk.Wijk{} }, []string{"slug", "name", "cbs_code", "cbs_year", "municipality"}},
	}
	forEachDB(t, func(t *testing.T, s *store.Store) {
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				w := valid()
				tc.change(&w)
				wantInvalid(t, s.CreateWijk(t.Context(), &w), tc.fields...)
			})
		}
		list, err := s.Wijken(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 0 {
			t.Errorf("len(Wijken)=%d, want 0 after only invalid creates", len(list))
		}
	})
}

func TestWijkConflicts(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		first := wijk.Wijk{Slug: "noord", Name: "Noord", CBSCode: "WK036301", CBSYear: 2024, Municipality: "Amsterdam"}
		if err := s.CreateWijk(t.Context(), &first); err != nil {
			t.Fatal(err)
		}
		tests := []struct {
			name string
			w    wijk.Wijk
			want string
		}{
			{"same slug", wijk.Wijk{Slug: "NOORD", Name: "Ander", CBSCode: "WK036302", CBSYear: 2024, Municipality: "Amsterdam"}, wei.ECONFLICT},
			{"same CBS code and year", wijk.Wijk{Slug: "noord-2", Name: "Noord", CBSCode: "wk036301", CBSYear: 2024, Municipality: "Amsterdam"}, wei.ECONFLICT},
			{"same CBS code, other year", wijk.Wijk{Slug: "noord-2025", Name: "Noord", CBSCode: "WK036301", CBSYear: 2025, Municipality: "Amsterdam"}, ""},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				wantCode(t, s.CreateWijk(t.Context(), &tc.w), tc.want)
			})
		}
		list, err := s.Wijken(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(list) != 2 {
			t.Errorf("len(Wijken)=%d, want 2", len(list))
		}
	})
}

func TestUpdateWijk(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		clk.Add(time.Hour)

		w.Slug, w.Name, w.CBSCode, w.CBSYear, w.Municipality, w.Description = "noord-oost", "Noord-Oost", "WK036399", 2025, "Diemen", "Nieuw"
		if err := s.UpdateWijk(t.Context(), &w); err != nil {
			t.Fatal(err)
		}
		got, err := s.Wijk(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := w
		want.CreatedAt = t0.Truncate(time.Millisecond) // unchanged by the update
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Wijk after update mismatch (-want +got):\n%s", diff)
		}
		if _, err := s.WijkBySlug(t.Context(), "noord"); wei.ErrorCode(err) != wei.ENOTFOUND {
			t.Errorf("ErrorCode(WijkBySlug(old slug))=%q, want %q", wei.ErrorCode(err), wei.ENOTFOUND)
		}

		tests := []struct {
			name   string
			change func(*wijk.Wijk)
			code   string
			fields []string
		}{
			{"slug of another wijk", func(x *wijk.Wijk) { x.Slug = other.Slug }, wei.ECONFLICT, nil},
			{"code and year of another wijk", func(x *wijk.Wijk) { x.CBSCode, x.CBSYear = other.CBSCode, other.CBSYear }, wei.ECONFLICT, nil},
			{"invalid", func(x *wijk.Wijk) { x.Name, x.CBSYear = "", 1 }, wei.EINVALID, []string{"name", "cbs_year"}},
			{"unknown ID", func(x *wijk.Wijk) { x.ID = wei.NewID() }, wei.ENOTFOUND, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				x := got
				tc.change(&x)
				err := s.UpdateWijk(t.Context(), &x)
				if tc.code == wei.EINVALID {
					wantInvalid(t, err, tc.fields...)
				} else {
					wantCode(t, err, tc.code)
				}
				after, err := s.Wijk(t.Context(), w.ID)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(got, after); diff != "" {
					t.Errorf("failed update changed the wijk (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestWijkNotFound(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		mustWijk(t, s, "noord", "Noord")
		tests := []struct {
			name string
			get  func() (wijk.Wijk, error)
		}{
			{"Wijk", func() (wijk.Wijk, error) { return s.Wijk(t.Context(), wei.NewID()) }},
			{"WijkBySlug", func() (wijk.Wijk, error) { return s.WijkBySlug(t.Context(), "zuid") }},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				_, err := tc.get()
				wantCode(t, err, wei.ENOTFOUND)
			})
		}
	})
}

func TestWijkenByName(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		for _, n := range []string{"Zuid", "Centrum", "Noord"} {
			mustWijk(t, s, strings.ToLower(n), n)
		}
		list, err := s.Wijken(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		var names []string
		for _, w := range list {
			names = append(names, w.Name)
		}
		if diff := cmp.Diff([]string{"Centrum", "Noord", "Zuid"}, names); diff != "" {
			t.Errorf("Wijken order mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestBuurten(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "noord", "Noord")
		other := mustWijk(t, s, "zuid", "Zuid")
		b2 := wijk.Buurt{WijkID: w.ID, Name: " Parkbuurt ", CBSCode: "bu03630102", CBSYear: 2024}
		b1 := wijk.Buurt{WijkID: w.ID, Name: "Spoorbuurt", CBSCode: "BU03630101", CBSYear: 2024}
		for _, b := range []*wijk.Buurt{&b2, &b1} {
			if err := s.CreateBuurt(t.Context(), b); err != nil {
				t.Fatal(err)
			}
		}
		mustBuurt(t, s, other.ID, "Elders")

		got, err := s.Buurten(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := []wijk.Buurt{
			{ID: b1.ID, WijkID: w.ID, Name: "Spoorbuurt", CBSCode: "BU03630101", CBSYear: 2024},
			{ID: b2.ID, WijkID: w.ID, Name: "Parkbuurt", CBSCode: "BU03630102", CBSYear: 2024},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("Buurten mismatch (-want +got):\n%s", diff)
		}

		tests := []struct {
			name   string
			b      wijk.Buurt
			code   string
			fields []string
		}{
			{"wijk code as buurt code", wijk.Buurt{WijkID: w.ID, Name: "X", CBSCode: "WK036301", CBSYear: 2024}, wei.EINVALID, []string{"cbs_code"}},
			{"no name, bad year", wijk.Buurt{WijkID: w.ID, CBSCode: "BU03630109", CBSYear: 1990}, wei.EINVALID, []string{"name", "cbs_year"}},
			{"no wijk", wijk.Buurt{Name: "X", CBSCode: "BU03630109", CBSYear: 2024}, wei.EINVALID, []string{"wijk_id"}},
			{"unknown wijk", wijk.Buurt{WijkID: wei.NewID(), Name: "X", CBSCode: "BU03630109", CBSYear: 2024}, wei.EINVALID, nil},
			{"same code and year, other wijk", wijk.Buurt{WijkID: other.ID, Name: "X", CBSCode: "BU03630101", CBSYear: 2024}, wei.ECONFLICT, nil},
			{"same code, other year", wijk.Buurt{WijkID: w.ID, Name: "Spoorbuurt", CBSCode: "BU03630101", CBSYear: 2025}, "", nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				err := s.CreateBuurt(t.Context(), &tc.b)
				if tc.fields != nil {
					wantInvalid(t, err, tc.fields...)
					return
				}
				wantCode(t, err, tc.code)
			})
		}
		got, err = s.Buurten(t.Context(), w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 3 {
			t.Errorf("len(Buurten)=%d, want 3", len(got))
		}
	})
}
