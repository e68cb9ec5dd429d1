package store_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/internal/store/storetest"
)

// forEachDB runs fn against a fresh, migrated SQLite database and, when
// WEI_TEST_POSTGRES_URL is set, against a fresh PostgreSQL schema. Every
// store test goes through it, so both engines pass the same contract.
func forEachDB(t *testing.T, fn func(t *testing.T, s *store.Store)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		t.Parallel()
		fn(t, OpenTestSQLite(t))
	})
	t.Run("postgres", func(t *testing.T) {
		t.Parallel()
		fn(t, OpenTestPostgres(t))
	})
}

// OpenTestSQLite opens a migrated SQLite database in a temporary folder.
func OpenTestSQLite(t testing.TB) *store.Store {
	t.Helper()
	return storetest.SQLite(t)
}

// OpenTestPostgres opens a migrated PostgreSQL schema of its own, or skips
// the test when WEI_TEST_POSTGRES_URL is not set.
func OpenTestPostgres(t testing.TB) *store.Store {
	t.Helper()
	return storetest.Postgres(t)
}

// openTestPostgresSchema opens a fresh schema of its own, empty or migrated
// (the migration tests run the migrations themselves).
func openTestPostgresSchema(t testing.TB, migrate bool) *store.Store {
	t.Helper()
	url := os.Getenv("WEI_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("WEI_TEST_POSTGRES_URL is not set: skipping the PostgreSQL run of this test")
	}
	schema := "t_" + strings.ReplaceAll(wei.NewID(), "-", "")
	admin, err := store.Open(context.Background(), url, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := admin.ExecForTest(context.Background(), "CREATE SCHEMA "+schema); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		admin.ExecForTest(context.Background(), "DROP SCHEMA "+schema+" CASCADE")
		admin.Close()
	})
	sep := "?"
	if strings.Contains(url, "?") {
		sep = "&"
	}
	s, err := store.Open(context.Background(), fmt.Sprintf("%s%ssearch_path=%s", url, sep, schema), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if !migrate {
		return s
	}
	if _, err := s.Migrate(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
