package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
)

// APITokenPrefix starts every API token, so that leaked tokens are easy to
// recognise in logs and by secret scanners.
const APITokenPrefix = "wei_"

// APIToken is a named token for the JSON API. Only its hash is stored.
type APIToken struct {
	ID         string
	UserID     string
	Name       string
	CreatedAt  time.Time
	LastUsedAt time.Time
	RevokedAt  time.Time
}

// CreateAPIToken makes a token for a user and returns it in plain text,
// the only time it is shown.
func (s *Store) CreateAPIToken(ctx context.Context, userID, name string) (string, APIToken, error) {
	name = strings.TrimSpace(name)
	if name == "" || len(name) > 80 {
		return "", APIToken{}, &wei.Error{Code: wei.EINVALID, Message: "Give the token a name.", Fields: map[string]string{"name": "error.required"}}
	}
	plain := APITokenPrefix + wei.RandomToken(24)
	t := APIToken{ID: wei.NewID(), UserID: userID, Name: name, CreatedAt: s.now().UTC()}
	err := s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?)",
			t.ID, userID, name, hashToken(plain), ms(t.CreatedAt))
		return mapErr(err)
	})
	if err != nil {
		return "", APIToken{}, fmt.Errorf("store: create api token: %w", err)
	}
	return plain, t, nil
}

// UserByAPIToken returns the account of a live token and records its use.
func (s *Store) UserByAPIToken(ctx context.Context, plain string) (account.User, error) {
	var id string
	var u account.User
	err := s.inTx(ctx, func(tx *Tx) error {
		var err error
		row := tx.queryRow(ctx, "SELECT t.id, "+prefixCols("u.", userCols)+` FROM api_tokens t JOIN users u ON u.id = t.user_id
			WHERE t.token_hash = ? AND t.revoked_at = 0 AND u.erased_at = 0`, hashToken(plain))
		var created, last, erased int64
		err = row.Scan(&id, &u.ID, &u.Email, &u.DisplayName, &u.PasswordHash, &u.Locale, &u.IsAdmin, &created, &last, &erased)
		if err != nil {
			return notFound(err, "store: api token %s: %w", "(token)")
		}
		u.CreatedAt, u.LastLoginAt, u.ErasedAt = fromMS(created), fromMS(last), fromMS(erased)
		_, err = tx.exec(ctx, "UPDATE api_tokens SET last_used_at = ? WHERE id = ?", ms(s.now()), id)
		return err
	})
	return u, err
}

// APITokens lists a user's tokens, newest first.
func (s *Store) APITokens(ctx context.Context, userID string) ([]APIToken, error) {
	rows, err := s.query(ctx, "SELECT id, user_id, name, created_at, last_used_at, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY created_at DESC", userID)
	if err != nil {
		return nil, fmt.Errorf("store: list api tokens: %w", err)
	}
	defer rows.Close()
	var out []APIToken
	for rows.Next() {
		var t APIToken
		var c, l, r int64
		if err := rows.Scan(&t.ID, &t.UserID, &t.Name, &c, &l, &r); err != nil {
			return nil, fmt.Errorf("store: list api tokens: %w", err)
		}
		t.CreatedAt, t.LastUsedAt, t.RevokedAt = fromMS(c), fromMS(l), fromMS(r)
		out = append(out, t)
	}
	return out, rows.Err()
}

// RevokeAPIToken stops a token of the user from working.
func (s *Store) RevokeAPIToken(ctx context.Context, userID, id string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at = 0", ms(s.now()), id, userID)
		if err != nil {
			return fmt.Errorf("store: revoke api token: %w", err)
		}
		return mustAffect(res)
	})
}

func prefixCols(prefix, cols string) string {
	parts := strings.Split(cols, ", ")
	for i := range parts {
		parts[i] = prefix + parts[i]
	}
	return strings.Join(parts, ", ")
}
