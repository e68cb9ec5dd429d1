package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"
	"log/slog"
	"sort"
	"strconv"
	"strings"

	"github.com/wei-platform/wei"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

type migration struct {
	version int
	name    string
	sql     string
}

// migrations returns the numbered migrations for the dialect. A file
// NNNN_name.sql serves both engines; NNNN_name.sqlite.sql or
// NNNN_name.postgres.sql serves one, where their SQL must differ.
func (d Dialect) migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, fmt.Errorf("store: read migrations: %w", err)
	}
	byVersion := map[int]migration{}
	for _, e := range entries {
		name := e.Name()
		base := strings.TrimSuffix(name, ".sql")
		specific := false
		switch {
		case strings.HasSuffix(base, ".sqlite"):
			if d != SQLite {
				continue
			}
			base, specific = strings.TrimSuffix(base, ".sqlite"), true
		case strings.HasSuffix(base, ".postgres"):
			if d != Postgres {
				continue
			}
			base, specific = strings.TrimSuffix(base, ".postgres"), true
		}
		num, _, _ := strings.Cut(base, "_")
		v, err := strconv.Atoi(num)
		if err != nil {
			return nil, fmt.Errorf("store: migration %s: bad number", name)
		}
		if _, dup := byVersion[v]; dup && !specific {
			continue
		}
		b, err := migrationFS.ReadFile("migrations/" + name)
		if err != nil {
			return nil, fmt.Errorf("store: read migration %s: %w", name, err)
		}
		byVersion[v] = migration{version: v, name: base, sql: string(b)}
	}
	out := make([]migration, 0, len(byVersion))
	for _, m := range byVersion {
		out = append(out, m)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].version < out[j].version })
	for i, m := range out {
		if m.version != i+1 {
			return nil, fmt.Errorf("store: migrations are not numbered 1..n: found %d at position %d", m.version, i+1)
		}
	}
	return out, nil
}

// LatestVersion is the schema version this build of WEI needs.
func (s *Store) LatestVersion() int {
	m, err := s.dialect.migrations()
	if err != nil {
		return 0
	}
	return len(m)
}

// SchemaVersion returns the version recorded in the database, 0 for an
// empty database.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var exists int
	var q string
	if s.dialect == Postgres {
		q = "SELECT count(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migrations'"
	} else {
		q = "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
	}
	if err := s.queryRow(ctx, q).Scan(&exists); err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	if exists == 0 {
		return 0, nil
	}
	var v int
	if err := s.queryRow(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&v); err != nil {
		return 0, fmt.Errorf("store: schema version: %w", err)
	}
	return v, nil
}

// CheckSchema returns a plain error when the database is not at the version
// this build needs: older (run wei migrate) or newer (upgrade WEI).
func (s *Store) CheckSchema(ctx context.Context) error {
	v, err := s.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	latest := s.LatestVersion()
	switch {
	case v > latest:
		return wei.Errorf(wei.ECONFLICT, "database %s has schema version %d, newer than this WEI (%d): install a newer WEI or restore a backup", s.Name(), v, latest)
	case v < latest:
		return wei.Errorf(wei.ECONFLICT, "database %s has schema version %d, this WEI needs %d: run 'wei migrate' or start with 'wei serve --migrate'", s.Name(), v, latest)
	}
	return nil
}

// Name describes the database for messages: the SQLite file, or "PostgreSQL".
func (s *Store) Name() string {
	if s.dialect == Postgres {
		return "PostgreSQL"
	}
	return s.path
}

// Migrate applies pending migrations, each in its own transaction. On
// PostgreSQL an advisory lock keeps concurrent instances from migrating
// twice. It refuses a database newer than this build.
func (s *Store) Migrate(ctx context.Context) (applied int, err error) {
	return s.MigrateTo(ctx, s.LatestVersion())
}

// MigrateTo applies pending migrations up to and including version; tests
// use it to build a database as an older WEI left it.
func (s *Store) MigrateTo(ctx context.Context, version int) (applied int, err error) {
	list, err := s.dialect.migrations()
	if err != nil {
		return 0, err
	}
	if version < len(list) {
		list = list[:version]
	}
	if err := s.inTx(ctx, func(tx *Tx) error {
		if s.dialect == Postgres {
			if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(727472)"); err != nil {
				return fmt.Errorf("store: migrate lock: %w", err)
			}
		}
		_, err := tx.exec(ctx, "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)")
		return err
	}); err != nil {
		return 0, fmt.Errorf("store: create schema_migrations: %w", err)
	}
	for _, m := range list {
		done := false
		err := s.inTx(ctx, func(tx *Tx) error {
			if s.dialect == Postgres {
				if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(727472)"); err != nil {
					return fmt.Errorf("store: migrate lock: %w", err)
				}
			}
			var n int
			if err := tx.queryRow(ctx, "SELECT count(*) FROM schema_migrations WHERE version = ?", m.version).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				done = true
				return nil
			}
			if _, err := tx.tx.ExecContext(ctx, m.sql); err != nil {
				return fmt.Errorf("store: migration %s: %w", m.name, err)
			}
			_, err := tx.exec(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)", m.version, m.name, s.now().UnixMilli())
			return err
		})
		if err != nil {
			return applied, err
		}
		if !done {
			applied++
			s.log.Info("migration applied", slog.Int("version", m.version), slog.String("name", m.name))
		}
	}
	if version >= s.LatestVersion() {
		if err := s.CheckSchema(ctx); err != nil {
			return applied, err
		}
	}
	return applied, nil
}
