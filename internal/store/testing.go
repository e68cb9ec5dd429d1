package store

import "context"

// ExecForTest runs a statement outside the store's methods. Tests use it to
// create and drop PostgreSQL schemas; nothing else may.
func (s *Store) ExecForTest(ctx context.Context, q string) error {
	_, err := s.write.ExecContext(ctx, q)
	return err
}
