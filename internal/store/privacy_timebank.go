package store

import (
	"context"
	"fmt"

	"github.com/wei-platform/wei/privacy"
)

// exportTimebank adds to x the personal tijdbank-codes of the user's
// resident records (AVG art. 15): whoever knows a code can pay its
// resident, so it is personal data.
func (s *Store) exportTimebank(ctx context.Context, x *privacy.Export, personIDs []string, wijkName func(string) string) error {
	if len(personIDs) == 0 {
		return nil
	}
	who, args := "person_id = ?", []any{personIDs[0]}
	for _, id := range personIDs[1:] {
		who += " OR person_id = ?"
		args = append(args, id)
	}
	rows, err := s.query(ctx, "SELECT wijk_id, code, created_at FROM timebank_codes WHERE "+who+" ORDER BY created_at, person_id", args...)
	if err != nil {
		return fmt.Errorf("store: export tijdbank-codes: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var wijkID, code string
		var created int64
		if err := rows.Scan(&wijkID, &code, &created); err != nil {
			return fmt.Errorf("store: export tijdbank-codes: %w", err)
		}
		x.Timebank = append(x.Timebank, privacy.ExportTimebank{Wijk: wijkName(wijkID), Code: FormatTimebankCode(code), CreatedAt: fromMS(created)})
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export tijdbank-codes: %w", err)
	}
	return nil
}

// eraseTimebankCode removes a resident's tijdbank-code (AVG art. 17), so
// that it no longer leads to them. Their time accounts and what they
// booked stay: the books stay whole, tied to an ID that no longer leads to
// a person (see erasePerson).
func eraseTimebankCode(ctx context.Context, tx *Tx, personID string) error {
	if _, err := tx.exec(ctx, "DELETE FROM timebank_codes WHERE person_id = ?", personID); err != nil {
		return fmt.Errorf("store: erase tijdbank-code of %s: %w", personID, err)
	}
	return nil
}
