package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
)

// ExecForTest runs a statement outside the store's methods. Tests use it to
// create and drop PostgreSQL schemas; nothing else may.
func (s *Store) ExecForTest(ctx context.Context, q string) error {
	_, err := s.write.ExecContext(ctx, q)
	return err
}

// SchemaDigest names the schema this build creates: a hash of the
// PostgreSQL migrations. Tests use it to name a migrated template database
// they clone, so that the migrations run once per schema, not per test.
func SchemaDigest() (string, error) {
	ms, err := Postgres.migrations()
	if err != nil {
		return "", err
	}
	h := sha256.New()
	for _, m := range ms {
		fmt.Fprintf(h, "%d %s %d\n%s\n", m.version, m.name, len(m.sql), m.sql)
	}
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}
