package store

import (
	"context"
	"fmt"

	"github.com/wei-platform/wei/signaal"
)

// Themes returns the wijk's signal themes in their order: the defaults
// until the wijk has edited them.
func (s *Store) Themes(ctx context.Context, wijkID string) ([]signaal.Theme, error) {
	rows, err := s.query(ctx, "SELECT theme, label, archived FROM signal_themes WHERE wijk_id = ? ORDER BY position", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: themes: %w", err)
	}
	defer rows.Close()
	var out []signaal.Theme
	for rows.Next() {
		var t signaal.Theme
		if err := rows.Scan(&t.Key, &t.Label, &t.Archived); err != nil {
			return nil, fmt.Errorf("store: themes: %w", err)
		}
		out = append(out, t)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: themes: %w", err)
	}
	if len(out) == 0 {
		return signaal.DefaultThemes(), nil
	}
	return out, nil
}

// SetThemes replaces the wijk's theme list. A theme that signals or the
// register use cannot be left out (archive it instead).
func (s *Store) SetThemes(ctx context.Context, wijkID string, themes []signaal.Theme) error {
	if err := signaal.ValidateThemes(themes); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		keep := map[string]bool{}
		for _, t := range themes {
			keep[t.Key] = true
		}
		rows, err := tx.query(ctx, `SELECT theme FROM signals WHERE wijk_id = ? UNION SELECT theme FROM register_entries WHERE wijk_id = ?
			UNION SELECT p.theme FROM visit_problems p JOIN visits v ON v.id = p.visit_id WHERE v.wijk_id = ?`, wijkID, wijkID, wijkID)
		if err != nil {
			return fmt.Errorf("store: set themes: %w", err)
		}
		var used []string
		for rows.Next() {
			var k string
			if err := rows.Scan(&k); err != nil {
				rows.Close()
				return fmt.Errorf("store: set themes: %w", err)
			}
			used = append(used, k)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: set themes: %w", err)
		}
		for _, k := range used {
			if !keep[k] {
				return signaal.ErrThemeInUse(k)
			}
		}
		if _, err := tx.exec(ctx, "DELETE FROM signal_themes WHERE wijk_id = ?", wijkID); err != nil {
			return fmt.Errorf("store: set themes: %w", err)
		}
		for i, t := range themes {
			if _, err := tx.exec(ctx, "INSERT INTO signal_themes (wijk_id, theme, label, position, archived) VALUES (?, ?, ?, ?, ?)",
				wijkID, t.Key, t.Label, i, t.Archived); err != nil {
				return mapErr(fmt.Errorf("store: set themes: %w", err))
			}
		}
		return nil
	})
}
