package store

import (
	"context"
	"fmt"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
)

// GrantView is a grant with the names a page shows beside it.
type GrantView struct {
	account.Grant
	UserName         string
	UserEmail        string
	OrganisationName string
}

// AddGrant gives a user a role in a wijk. Granting the same role twice is an ECONFLICT.
func (s *Store) AddGrant(ctx context.Context, g *account.Grant) error {
	if err := g.Validate(); err != nil {
		return err
	}
	g.ID, g.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error { return addGrant(ctx, tx, g) })
}

func addGrant(ctx context.Context, tx *Tx, g *account.Grant) error {
	if g.OrganisationID != "" {
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM organisations WHERE id = ? AND wijk_id = ?", g.OrganisationID, g.WijkID).Scan(&n); err != nil {
			return fmt.Errorf("store: add grant: %w", err)
		}
		if n == 0 {
			return &wei.Error{Code: wei.EINVALID, Message: "The organisation is not part of this wijk.", Fields: map[string]string{"organisation_id": "error.choice"}}
		}
	}
	_, err := tx.exec(ctx, "INSERT INTO grants (id, user_id, wijk_id, role, organisation_id, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		g.ID, g.UserID, g.WijkID, string(g.Role), g.OrganisationID, ms(g.CreatedAt))
	if err != nil {
		return mapErr(fmt.Errorf("store: add grant: %w", err))
	}
	return nil
}

// RemoveGrant removes a grant of a wijk.
func (s *Store) RemoveGrant(ctx context.Context, wijkID, id string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "DELETE FROM grants WHERE id = ? AND wijk_id = ?", id, wijkID)
		if err != nil {
			return fmt.Errorf("store: remove grant: %w", err)
		}
		return mustAffect(res)
	})
}

// GrantsOfUser returns all grants of an account.
func (s *Store) GrantsOfUser(ctx context.Context, userID string) ([]account.Grant, error) {
	views, err := s.grants(ctx, "WHERE g.user_id = ? ORDER BY g.wijk_id, g.role", userID)
	out := make([]account.Grant, len(views))
	for i, v := range views {
		out[i] = v.Grant
	}
	return out, err
}

// GrantsOfWijk lists the grants in a wijk with user and organisation names.
func (s *Store) GrantsOfWijk(ctx context.Context, wijkID string) ([]GrantView, error) {
	return s.grants(ctx, "WHERE g.wijk_id = ? ORDER BY g.role, u.display_name", wijkID)
}

func (s *Store) grants(ctx context.Context, where string, args ...any) ([]GrantView, error) {
	rows, err := s.query(ctx, `SELECT g.id, g.user_id, g.wijk_id, g.role, g.organisation_id, g.created_at, u.display_name, u.email, COALESCE(o.name, '')
		FROM grants g JOIN users u ON u.id = g.user_id LEFT JOIN organisations o ON o.id = g.organisation_id `+where, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list grants: %w", err)
	}
	defer rows.Close()
	var out []GrantView
	for rows.Next() {
		var v GrantView
		var role string
		var created int64
		if err := rows.Scan(&v.ID, &v.UserID, &v.WijkID, &role, &v.OrganisationID, &created, &v.UserName, &v.UserEmail, &v.OrganisationName); err != nil {
			return nil, fmt.Errorf("store: list grants: %w", err)
		}
		v.Role, v.CreatedAt = account.Role(role), fromMS(created)
		out = append(out, v)
	}
	return out, rows.Err()
}
