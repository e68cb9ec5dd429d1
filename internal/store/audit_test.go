package store_test

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
)

// mustAudit records an audit entry.
func mustAudit(t testing.TB, s *store.Store, e privacy.AuditEntry) {
	t.Helper()
	if err := s.Audit(t.Context(), e); err != nil {
		t.Fatalf("Audit: %v", err)
	}
}

func TestAuditRoundTrip(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		explicit := privacy.AuditEntry{ID: "entry-1", At: t0.Add(-time.Hour), ActorID: "user-1", WijkID: "wijk-1",
			Action: privacy.ActionUpdate, SubjectType: "person", SubjectID: "person-1", Detail: "phone", RequestID: "req-1"}
		mustAudit(t, s, explicit)
		// No ID and no time: the store fills in both.
		mustAudit(t, s, privacy.AuditEntry{WijkID: "wijk-1", Action: privacy.ActionRead, SubjectType: "person", SubjectID: "person-2"})

		got, err := s.AuditLog(t.Context(), "", 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 {
			t.Fatalf("len(AuditLog)=%d, want 2", len(got))
		}
		if got[0].ID == "" || got[0].ID == explicit.ID {
			t.Errorf("ID=%q, want a new ID", got[0].ID)
		}
		want := []privacy.AuditEntry{
			{ID: got[0].ID, At: clk.Stored(), WijkID: "wijk-1", Action: privacy.ActionRead, SubjectType: "person", SubjectID: "person-2"},
			{ID: "entry-1", At: t0.Add(-time.Hour).Truncate(time.Millisecond), ActorID: "user-1", WijkID: "wijk-1",
				Action: privacy.ActionUpdate, SubjectType: "person", SubjectID: "person-1", Detail: "phone", RequestID: "req-1"},
		}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("AuditLog mismatch (-want +got):\n%s", diff)
		}
	})
}

func TestAuditLogNewestFirst(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		entries := []struct{ wijk, subject string }{
			{"w1", "p1"}, {"w2", "p2"}, {"w1", "p3"}, {"w1", "p1"}, {"", "u1"},
		}
		for _, e := range entries {
			mustAudit(t, s, privacy.AuditEntry{WijkID: e.wijk, Action: privacy.ActionRead, SubjectType: "person", SubjectID: e.subject})
			clk.Add(time.Second)
		}
		// Two entries in the same millisecond keep their order by ID.
		clk.Add(-time.Second)
		mustAudit(t, s, privacy.AuditEntry{WijkID: "w1", Action: privacy.ActionUpdate, SubjectType: "person", SubjectID: "p4"})

		tests := []struct {
			name  string
			wijk  string
			limit int
			want  []string
		}{
			{"all", "", 10, []string{"p4", "u1", "p1", "p3", "p2", "p1"}},
			{"all, limited", "", 2, []string{"p4", "u1"}},
			{"one wijk", "w1", 10, []string{"p4", "p1", "p3", "p1"}},
			{"other wijk", "w2", 10, []string{"p2"}},
			{"unknown wijk", "w9", 10, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.AuditLog(t.Context(), tc.wijk, tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, subjects(got)); diff != "" {
					t.Errorf("AuditLog subjects mismatch (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestAuditAbout(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		clk := newClock(s)
		for _, subj := range []string{"p1", "p2", "u1", "p1", "p3"} {
			mustAudit(t, s, privacy.AuditEntry{WijkID: "w1", Action: privacy.ActionRead, SubjectType: "person", SubjectID: subj})
			clk.Add(time.Second)
		}
		tests := []struct {
			name     string
			subjects []string
			limit    int
			want     []string
		}{
			{"one subject", []string{"p1"}, 10, []string{"p1", "p1"}},
			{"several subjects", []string{"u1", "p1"}, 10, []string{"p1", "u1", "p1"}},
			{"limited", []string{"u1", "p1"}, 1, []string{"p1"}},
			{"unknown subject", []string{"p9"}, 10, nil},
			{"no subjects", nil, 10, nil},
		}
		for _, tc := range tests {
			t.Run(tc.name, func(t *testing.T) {
				got, err := s.AuditAbout(t.Context(), tc.subjects, tc.limit)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tc.want, subjects(got)); diff != "" {
					t.Errorf("AuditAbout subjects mismatch (-want +got):\n%s", diff)
				}
				for i := 1; i < len(got); i++ {
					if got[i].At.After(got[i-1].At) {
						t.Errorf("entry %d At=%v after entry %d At=%v, want newest first", i, got[i].At, i-1, got[i-1].At)
					}
				}
			})
		}
	})
}

func subjects(entries []privacy.AuditEntry) []string {
	var out []string
	for _, e := range entries {
		out = append(out, e.SubjectID)
	}
	return out
}
