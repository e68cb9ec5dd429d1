package store

import (
	"context"
	"fmt"

	"github.com/wei-platform/wei/privacy"
)

// exportInputs adds to x the inputs a user gave in wijkdialogen (also those
// a coordinator entered on their behalf) with what became of them, and the
// inputs they follow (AVG art. 15).
func (s *Store) exportInputs(ctx context.Context, x *privacy.Export, userID string, wijkName func(string) string) error {
	rows, err := s.query(ctx, `SELECT i.wijk_id, d.theme, i.kind, i.body, i.on_behalf, i.status, i.answer, i.created_at,
		EXISTS (SELECT 1 FROM dialogue_follows f WHERE f.input_id = i.id AND f.user_id = ?)
		FROM dialogue_inputs i JOIN dialogues d ON d.id = i.dialogue_id
		WHERE i.author_user_id = ? OR i.id IN (SELECT input_id FROM dialogue_follows WHERE user_id = ?)
		ORDER BY i.created_at, i.id`, userID, userID, userID)
	if err != nil {
		return fmt.Errorf("store: export inputs: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e privacy.ExportInput
		var wijkID string
		var created int64
		if err := rows.Scan(&wijkID, &e.Dialogue, &e.Kind, &e.Text, &e.OnBehalf, &e.Status, &e.Answer, &created, &e.Following); err != nil {
			return fmt.Errorf("store: export inputs: %w", err)
		}
		e.Wijk, e.CreatedAt = wijkName(wijkID), fromMS(created)
		x.Inputs = append(x.Inputs, e)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: export inputs: %w", err)
	}
	return nil
}

// eraseInputsOfUser unlinks an erased account from the inputs it gave and
// ends its follows (AVG art. 17). The inputs and their answers stay on the
// public "u zei, wij deden" page, which never named their author.
func eraseInputsOfUser(ctx context.Context, tx *Tx, userID string) error {
	if _, err := tx.exec(ctx, "UPDATE dialogue_inputs SET author_user_id = NULL WHERE author_user_id = ?", userID); err != nil {
		return fmt.Errorf("store: erase inputs of %s: %w", userID, err)
	}
	if _, err := tx.exec(ctx, "DELETE FROM dialogue_follows WHERE user_id = ?", userID); err != nil {
		return fmt.Errorf("store: erase follows of %s: %w", userID, err)
	}
	return nil
}
