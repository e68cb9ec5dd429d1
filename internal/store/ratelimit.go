package store

import (
	"context"
	"fmt"
	"time"

	"github.com/wei-platform/wei"
)

// Allow records a hit in bucket and reports whether fewer than max hits
// fell within the window before it. Hits live in the database, so the limit
// holds across several server instances.
func (s *Store) Allow(ctx context.Context, bucket string, max int, window time.Duration) (bool, error) {
	now := s.now()
	allowed := false
	err := s.inTx(ctx, func(tx *Tx) error {
		if s.dialect == Postgres {
			// Serialise hits on one bucket across connections and instances;
			// SQLite's single writer already does.
			if _, err := tx.exec(ctx, "SELECT pg_advisory_xact_lock(hashtext(?))", bucket); err != nil {
				return fmt.Errorf("store: rate limit lock: %w", err)
			}
		}
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM rate_hits WHERE bucket = ? AND created_at > ?", bucket, ms(now.Add(-window))).Scan(&n); err != nil {
			return fmt.Errorf("store: rate limit: %w", err)
		}
		if n >= max {
			return nil
		}
		allowed = true
		_, err := tx.exec(ctx, "INSERT INTO rate_hits (id, bucket, created_at) VALUES (?, ?, ?)", wei.NewID(), bucket, ms(now))
		return err
	})
	return allowed, err
}
