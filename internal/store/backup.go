package store

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
)

// ErrNoPgDump is returned by Backup on PostgreSQL when pg_dump is not installed.
var ErrNoPgDump = errors.New("store: backup of PostgreSQL needs pg_dump: install the postgresql-client package, or run pg_dump yourself (pg_dump -Fc -f wei.dump \"$WEI_DB\")")

// Backup writes a consistent copy of the database to dest, which must not
// exist. On SQLite it uses VACUUM INTO, which reads one snapshot while the
// server keeps running. On PostgreSQL it runs pg_dump in custom format.
func (s *Store) Backup(ctx context.Context, dest, dsn string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("store: backup: %s already exists", dest)
	}
	if s.dialect == Postgres {
		path, err := exec.LookPath("pg_dump")
		if err != nil {
			return ErrNoPgDump
		}
		out, err := exec.CommandContext(ctx, path, "--format=custom", "--file="+dest, "--dbname="+dsn).CombinedOutput()
		if err != nil {
			return fmt.Errorf("store: pg_dump: %w: %s", err, out)
		}
		return nil
	}
	if _, err := s.write.ExecContext(ctx, "VACUUM INTO ?", dest); err != nil {
		return fmt.Errorf("store: backup to %s: %w", dest, err)
	}
	return nil
}
