package store

import "context"

// FoldPublicTotals folds the tail of the public totals now (see
// PublicFlows), for the tests of package store_test.
func (s *Store) FoldPublicTotals(ctx context.Context, wijkID string) error {
	return s.foldPublicTotals(ctx, wijkID)
}

// PublicTotalsMark is the transaction number up to which the public totals
// are kept (0 when none are).
func (s *Store) PublicTotalsMark(ctx context.Context, wijkID string) (int64, error) {
	var mark int64
	err := s.queryRow(ctx, "SELECT COALESCE((SELECT seq FROM ledger_public_marks WHERE wijk_id = ?), 0)", wijkID).Scan(&mark)
	return mark, err
}
