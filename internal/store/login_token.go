package store

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"database/sql"
	"errors"
	"fmt"
	"math/big"
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// MaxCodeAttempts is how often a typed login code may be tried.
const MaxCodeAttempts = 5

// LoginRequest is what a confirmed login link or code yields: the address
// that proved it receives mail, and for a sign-up the name and wijk given.
type LoginRequest struct {
	Email      string
	SignupName string
	SignupWijk string
}

// CreateLoginToken stores a one-time login link token and a six-digit code
// for an e-mail address, valid for ttl, and returns both in plain text for
// the mail. Earlier unused tokens for the address stop working.
func (s *Store) CreateLoginToken(ctx context.Context, req LoginRequest, ttl time.Duration) (link, code string, err error) {
	req.Email = strings.ToLower(strings.TrimSpace(req.Email))
	link = wei.RandomToken(32)
	n, err := rand.Int(rand.Reader, big.NewInt(1000000))
	if err != nil {
		return "", "", fmt.Errorf("store: login code: %w", err)
	}
	code = fmt.Sprintf("%06d", n.Int64())
	id := wei.NewID()
	now := s.now().UTC()
	err = s.inTx(ctx, func(tx *Tx) error {
		if _, err := tx.exec(ctx, "UPDATE login_tokens SET used_at = ? WHERE email = ? AND used_at = 0", ms(now), req.Email); err != nil {
			return fmt.Errorf("store: create login token: %w", err)
		}
		_, err := tx.exec(ctx, `INSERT INTO login_tokens (id, email, link_hash, code_hash, signup_name, signup_wijk, created_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, id, req.Email, hashToken(link), hashToken(id+code), req.SignupName, req.SignupWijk, ms(now), ms(now.Add(ttl)))
		if err != nil {
			return mapErr(fmt.Errorf("store: create login token: %w", err))
		}
		return nil
	})
	return link, code, err
}

// LoginLinkValid reports whether a link token can still be used, without
// using it up: the page behind the link shows a confirm button, so that
// mail scanners that follow links do not spend it.
func (s *Store) LoginLinkValid(ctx context.Context, link string) (bool, error) {
	var n int
	err := s.queryRow(ctx, "SELECT count(*) FROM login_tokens WHERE link_hash = ? AND used_at = 0 AND expires_at > ?", hashToken(link), ms(s.now())).Scan(&n)
	if err != nil {
		return false, fmt.Errorf("store: check login link: %w", err)
	}
	return n > 0, nil
}

var errLinkExpired = &wei.Error{Code: wei.EINVALID, Message: "This login link is no longer valid.", Fields: map[string]string{"link": "error.link_expired"}}
var errCodeWrong = &wei.Error{Code: wei.EINVALID, Message: "The code is not right.", Fields: map[string]string{"code": "error.code_wrong"}}

// UseLoginLink spends a link token (after the confirm button) and returns
// the request it was made for.
func (s *Store) UseLoginLink(ctx context.Context, link string) (LoginRequest, error) {
	var req LoginRequest
	err := s.inTx(ctx, func(tx *Tx) error {
		var id string
		err := tx.queryRow(ctx, "SELECT id, email, signup_name, signup_wijk FROM login_tokens WHERE link_hash = ? AND used_at = 0 AND expires_at > ?",
			hashToken(link), ms(s.now())).Scan(&id, &req.Email, &req.SignupName, &req.SignupWijk)
		if err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errLinkExpired
			}
			return fmt.Errorf("store: use login link: %w", err)
		}
		return spendOnce(tx.exec(ctx, "UPDATE login_tokens SET used_at = ? WHERE id = ? AND used_at = 0", ms(s.now()), id))
	})
	return req, err
}

// spendOnce checks the UPDATE that spends a token: when it changed no row,
// a concurrent request spent the token first (on PostgreSQL the SELECT
// before it does not lock the row).
func spendOnce(res sql.Result, err error) error {
	if err != nil {
		return fmt.Errorf("store: spend login token: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("store: spend login token: %w", err)
	}
	if n == 0 {
		return errLinkExpired
	}
	return nil
}

// UseLoginCode checks a typed code for an address. Each wrong try counts;
// after MaxCodeAttempts the code is spent.
func (s *Store) UseLoginCode(ctx context.Context, email, code string) (LoginRequest, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	code = strings.ReplaceAll(strings.TrimSpace(code), " ", "")
	var req LoginRequest
	var wrong bool
	err := s.inTx(ctx, func(tx *Tx) error {
		var id, codeHash string
		err := tx.queryRow(ctx, `SELECT id, email, code_hash, signup_name, signup_wijk FROM login_tokens
			WHERE email = ? AND used_at = 0 AND expires_at > ? ORDER BY created_at DESC LIMIT 1`, email, ms(s.now())).
			Scan(&id, &req.Email, &codeHash, &req.SignupName, &req.SignupWijk)
		if err != nil {
			if errors.Is(err, sql.ErrNoRows) {
				return errLinkExpired
			}
			return fmt.Errorf("store: use login code: %w", err)
		}
		if subtle.ConstantTimeCompare([]byte(hashToken(id+code)), []byte(codeHash)) != 1 {
			wrong = true
			// Count in SQL, not from the value read above, so that wrong
			// codes tried at the same time all count.
			_, err := tx.exec(ctx, `UPDATE login_tokens SET attempts = attempts + 1,
				used_at = CASE WHEN attempts + 1 >= ? THEN ? ELSE used_at END WHERE id = ? AND used_at = 0`,
				MaxCodeAttempts, ms(s.now()), id)
			return err // commit the attempt count
		}
		return spendOnce(tx.exec(ctx, "UPDATE login_tokens SET used_at = ? WHERE id = ? AND used_at = 0", ms(s.now()), id))
	})
	if err == nil && wrong {
		return LoginRequest{}, errCodeWrong
	}
	return req, err
}
