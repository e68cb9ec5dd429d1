package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/wei-platform/wei"
)

// Session is a signed-in browser. Only the hash of its token is stored.
type Session struct {
	UserID    string
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
}

func hashToken(tok string) string {
	h := sha256.Sum256([]byte(tok))
	return hex.EncodeToString(h[:])
}

// CreateSession starts a session for a user and returns its token, to be
// sent in a cookie. It records the login time.
func (s *Store) CreateSession(ctx context.Context, userID string, ttl time.Duration) (string, Session, error) {
	tok := wei.RandomToken(32)
	now := s.now().UTC()
	sess := Session{UserID: userID, CSRFToken: wei.RandomToken(32), CreatedAt: now, ExpiresAt: now.Add(ttl)}
	err := s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)",
			hashToken(tok), userID, sess.CSRFToken, ms(now), ms(sess.ExpiresAt)); err != nil {
			return mapErr(fmt.Errorf("store: create session: %w", err))
		}
		_, err := tx.exec(ctx, "UPDATE users SET last_login_at = ? WHERE id = ?", ms(now), userID)
		return err
	})
	return tok, sess, err
}

// SessionByToken returns the live session for a cookie token. An unknown
// or expired token is ErrNotFound.
func (s *Store) SessionByToken(ctx context.Context, tok string) (Session, error) {
	var sess Session
	var created, expires int64
	err := s.queryRow(ctx, "SELECT user_id, csrf_token, created_at, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?",
		hashToken(tok), ms(s.now())).Scan(&sess.UserID, &sess.CSRFToken, &created, &expires)
	sess.CreatedAt, sess.ExpiresAt = fromMS(created), fromMS(expires)
	return sess, notFound(err, "store: session %s: %w", "(token)")
}

// DeleteSession ends a session.
func (s *Store) DeleteSession(ctx context.Context, tok string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", hashToken(tok))
		return err
	})
}

// DeleteExpired removes expired sessions, login tokens and old rate-limit
// hits. The server calls it periodically.
func (s *Store) DeleteExpired(ctx context.Context) error {
	now := ms(s.now())
	return s.inTx(ctx, func(tx *Tx) error {
		for _, q := range []string{
			"DELETE FROM sessions WHERE expires_at <= ?",
			"DELETE FROM login_tokens WHERE expires_at <= ?",
		} {
			if _, err := tx.exec(ctx, q, now); err != nil {
				return fmt.Errorf("store: delete expired: %w", err)
			}
		}
		_, err := tx.exec(ctx, "DELETE FROM rate_hits WHERE created_at <= ?", now-int64(24*time.Hour/time.Millisecond))
		return err
	})
}
