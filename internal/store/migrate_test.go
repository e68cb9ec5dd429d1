package store_test

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

func TestMigrate(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		v, err := s.SchemaVersion(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if v != s.LatestVersion() || v < 1 {
			t.Fatalf("SchemaVersion=%d, want %d", v, s.LatestVersion())
		}
		if n, err := s.Migrate(ctx); err != nil || n != 0 {
			t.Fatalf("second Migrate=%d, %v, want 0, nil", n, err)
		}
		if err := s.CheckSchema(ctx); err != nil {
			t.Fatalf("CheckSchema=%v, want nil", err)
		}
	})
}

func TestCheckSchemaRefusesOldAndNew(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s, err := store.Open(ctx, t.TempDir()+"/old.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.CheckSchema(ctx); wei.ErrorCode(err) != wei.ECONFLICT {
		t.Fatalf("CheckSchema on empty db=%v, want ECONFLICT", err)
	}
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	if err := s.ExecForTest(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)"); err != nil {
		t.Fatal(err)
	}
	err = s.CheckSchema(ctx)
	if wei.ErrorCode(err) != wei.ECONFLICT {
		t.Fatalf("CheckSchema on newer db=%v, want ECONFLICT", err)
	}
	if msg := wei.ErrorMessage(err); !contains(msg, "newer") || !contains(msg, "old.db") {
		t.Errorf("message %q should name the file and say it is newer", msg)
	}
}

func contains(s, sub string) bool { return strings.Contains(s, sub) }

// TestMigrationBackfillsProces: an installation from before the WEI-proces
// module gets, for every initiative, a first phase and form, and for every
// membership its instroom (and uitstroom when it ended).
func TestMigrationBackfillsProces(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	for _, open := range []func(testing.TB) *store.Store{openEmptySQLite, openEmptyPostgres} {
		s := open(t)
		// As WEI left a database before the WEI-proces module.
		if _, err := s.MigrateTo(ctx, 1); err != nil {
			t.Fatal(err)
		}
		for _, q := range []string{
			"INSERT INTO wijken (id, slug, name, cbs_code, cbs_year, municipality, created_at) VALUES ('w', 'w', 'W', 'WK000001', 2024, 'X', 0)",
			"INSERT INTO organisations (id, wijk_id, name, form, created_at) VALUES ('o', 'w', 'Kookclub', 'burgerinitiatief', 1735732800000)",
			"INSERT INTO organisations (id, wijk_id, name, form, domain, created_at) VALUES ('p', 'w', 'Gemeente', 'partner', 'gemeente', 0)",
			"INSERT INTO people (id, wijk_id, display_name, consent_at, created_at) VALUES ('r', 'w', 'Ria', 0, 0)",
			"INSERT INTO memberships (id, organisation_id, person_id, role, started_on, ended_on) VALUES ('m1', 'o', 'r', 'deelnemer', '2025-01-05', '2025-02-01')",
			"INSERT INTO memberships (id, organisation_id, person_id, role, started_on) VALUES ('m2', 'p', 'r', 'contactpersoon', '2025-01-05')",
		} {
			if err := s.ExecForTest(ctx, q); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		in, err := s.Initiative(ctx, "o")
		if err != nil || in.Phase != "informatie" || in.PhaseSeq != 1 || in.PhaseSince.Format("2006-01-02") != "2025-01-01" {
			t.Fatalf("initiative after migration: %+v, %v", in, err)
		}
		evs, err := s.PeopleEventsOfWijk(ctx, "w", time.Time{})
		if err != nil || len(evs) != 2 || evs[0].Kind != "instroom" || evs[1].Kind != "uitstroom" {
			t.Fatalf("people events: %+v, %v", evs, err)
		}
		if err := s.EnsureCriteria(ctx); err != nil {
			t.Fatal(err)
		}
		if c, _ := s.Criteria(ctx, "w"); len(c) == 0 {
			t.Error("old wijk got no checklist")
		}
	}
}

func openEmptySQLite(t testing.TB) *store.Store {
	s, err := store.Open(context.Background(), t.TempDir()+"/old.db", nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func openEmptyPostgres(t testing.TB) *store.Store {
	if os.Getenv("WEI_TEST_POSTGRES_URL") == "" {
		return openEmptySQLite(t) // the PostgreSQL run of this test needs the URL
	}
	return openTestPostgresSchema(t, false)
}
