// Package storetest opens fresh, migrated databases for tests of packages
// that need a real store: SQLite in a temporary folder and, when
// WEI_TEST_POSTGRES_URL is set, a PostgreSQL database of its own.
//
// On PostgreSQL the migrations run once per schema version into a template
// database (wei_tmpl_<digest>), which each test clones with CREATE DATABASE
// … TEMPLATE: about 0.1 s instead of the 2 s the migrations take. The test
// user must be allowed to create databases (CI and the README setup use the
// postgres superuser).
package storetest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/jackc/pgx/v5"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
)

// EnvPostgres names the environment variable with the PostgreSQL URL.
const EnvPostgres = "WEI_TEST_POSTGRES_URL"

// SQLite opens a migrated SQLite database in a temporary folder.
func SQLite(t testing.TB) *store.Store {
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

// Postgres opens a migrated PostgreSQL database of the test's own, or
// skips the test when WEI_TEST_POSTGRES_URL is not set. The database is
// dropped when the test ends.
func Postgres(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), PostgresURL(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// PostgresURL makes a migrated PostgreSQL database of the test's own and
// returns its URL, for a test that needs several stores (separate
// connection pools, as separate `wei serve` instances have) on one
// database; it skips the test when WEI_TEST_POSTGRES_URL is not set. The
// database is dropped when the test ends, after the stores the test opened
// on it are closed (cleanups run last-in, first-out).
func PostgresURL(t testing.TB) string {
	t.Helper()
	base := os.Getenv(EnvPostgres)
	if base == "" {
		t.Skip(EnvPostgres + " is not set: skipping the PostgreSQL run of this test")
	}
	ctx := context.Background()
	tmpl, err := template(ctx, base)
	if err != nil {
		t.Fatalf("storetest: template database: %v", err)
	}
	name := "t_" + strings.ReplaceAll(wei.NewID(), "-", "")
	if err := adminExec(ctx, base, "CREATE DATABASE "+name+" TEMPLATE "+tmpl); err != nil {
		t.Fatalf("storetest: %v", err)
	}
	t.Cleanup(func() {
		if err := adminExec(context.Background(), base, "DROP DATABASE IF EXISTS "+name+" WITH (FORCE)"); err != nil {
			t.Logf("storetest: drop %s: %v", name, err)
		}
	})
	return withDatabase(base, name)
}

var tmplOnce struct {
	sync.Once
	name string
	err  error
}

// template returns the name of the migrated template database, building it
// the first time in this process (and only once across processes: an
// advisory lock serialises the packages that `go test ./...` runs at once).
func template(ctx context.Context, base string) (string, error) {
	tmplOnce.Do(func() { tmplOnce.name, tmplOnce.err = buildTemplate(ctx, base) })
	return tmplOnce.name, tmplOnce.err
}

func buildTemplate(ctx context.Context, base string) (string, error) {
	digest, err := store.SchemaDigest()
	if err != nil {
		return "", err
	}
	name := "wei_tmpl_" + digest
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return "", err
	}
	defer conn.Close(context.Background())
	const lockKey = 7_347_201 // any constant of our own
	if _, err := conn.Exec(ctx, "SELECT pg_advisory_lock($1)", lockKey); err != nil {
		return "", err
	}
	defer conn.Exec(context.Background(), "SELECT pg_advisory_unlock($1)", lockKey)
	var exists bool
	if err := conn.QueryRow(ctx, "SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", name).Scan(&exists); err != nil {
		return "", err
	}
	if exists {
		return name, nil
	}
	// Build under another name and rename when complete, so that a test
	// never clones a half-migrated template.
	building := name + "_build"
	for _, q := range []string{"DROP DATABASE IF EXISTS " + building + " WITH (FORCE)", "CREATE DATABASE " + building} {
		if _, err := conn.Exec(ctx, q); err != nil {
			return "", err
		}
	}
	s, err := store.Open(ctx, withDatabase(base, building), nil)
	if err != nil {
		return "", err
	}
	_, err = s.Migrate(ctx)
	s.Close()
	if err != nil {
		return "", fmt.Errorf("migrate: %w", err)
	}
	if _, err := conn.Exec(ctx, "ALTER DATABASE "+building+" RENAME TO "+name); err != nil {
		return "", err
	}
	// Templates of older schemas are of no use any more.
	rows, err := conn.Query(ctx, "SELECT datname FROM pg_database WHERE datname LIKE 'wei\\_tmpl\\_%' AND datname <> $1", name)
	if err != nil {
		return "", err
	}
	old, err := pgx.CollectRows(rows, pgx.RowTo[string])
	if err != nil {
		return "", err
	}
	for _, o := range old {
		conn.Exec(ctx, "DROP DATABASE IF EXISTS "+pgx.Identifier{o}.Sanitize()+" WITH (FORCE)")
	}
	return name, nil
}

// adminExec runs one statement on the database of the base URL.
func adminExec(ctx context.Context, base, q string) error {
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		return err
	}
	defer conn.Close(context.Background())
	_, err = conn.Exec(ctx, q)
	return err
}

// withDatabase returns the URL with its database name replaced.
func withDatabase(base, db string) string {
	u, err := url.Parse(base)
	if err != nil {
		return base // store.Open reports the bad URL
	}
	u.Path = "/" + db
	return u.String()
}
