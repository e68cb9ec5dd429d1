package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
)

const userCols = "id, email, display_name, password_hash, locale, is_admin, created_at, last_login_at, erased_at"

func scanUser(sc interface{ Scan(...any) error }) (account.User, error) {
	var u account.User
	var created, last, erased int64
	err := sc.Scan(&u.ID, &u.Email, &u.DisplayName, &u.PasswordHash, &u.Locale, &u.IsAdmin, &created, &last, &erased)
	u.CreatedAt, u.LastLoginAt, u.ErasedAt = fromMS(created), fromMS(last), fromMS(erased)
	return u, err
}

// CreateUser validates and stores an account. An e-mail address that is
// already in use is an ECONFLICT.
func (s *Store) CreateUser(ctx context.Context, u *account.User) error {
	u.Normalize()
	if err := u.Validate(); err != nil {
		return err
	}
	u.ID, u.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error { return createUser(ctx, tx, u) })
}

func createUser(ctx context.Context, tx *Tx, u *account.User) error {
	_, err := tx.exec(ctx, "INSERT INTO users ("+userCols+") VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0)",
		u.ID, u.Email, u.DisplayName, u.PasswordHash, u.Locale, u.IsAdmin, ms(u.CreatedAt))
	if err != nil {
		return mapErr(fmt.Errorf("store: create user: %w", err))
	}
	return nil
}

// User returns an account by ID.
func (s *Store) User(ctx context.Context, id string) (account.User, error) {
	u, err := scanUser(s.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE id = ?", id))
	return u, notFound(err, "store: user %s: %w", id)
}

// UserByEmail returns the account with the (case-insensitive) e-mail address.
func (s *Store) UserByEmail(ctx context.Context, email string) (account.User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	u, err := scanUser(s.queryRow(ctx, "SELECT "+userCols+" FROM users WHERE email = ? AND erased_at = 0", email))
	if err != nil {
		return u, notFound(err, "store: user by email %s: %w", "(hidden)")
	}
	return u, nil
}

// Users lists all accounts that are not erased, by name.
func (s *Store) Users(ctx context.Context) ([]account.User, error) {
	rows, err := s.query(ctx, "SELECT "+userCols+" FROM users WHERE erased_at = 0 ORDER BY display_name, id")
	if err != nil {
		return nil, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	var out []account.User
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list users: %w", err)
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// SetPassword stores a new argon2id hash for the account ("" removes the
// password) and ends all its sessions.
func (s *Store) SetPassword(ctx context.Context, userID, hash string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE users SET password_hash = ? WHERE id = ? AND erased_at = 0", hash, userID)
		if err != nil {
			return fmt.Errorf("store: set password: %w", err)
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		_, err = tx.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID)
		return err
	})
}

// SetUserLocale stores the preferred language of an account.
func (s *Store) SetUserLocale(ctx context.Context, userID, lang string) error {
	if lang != "nl" && lang != "en" {
		return wei.Errorf(wei.EINVALID, "Unknown language.")
	}
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE users SET locale = ? WHERE id = ?", lang, userID)
		if err != nil {
			return fmt.Errorf("store: set locale: %w", err)
		}
		return mustAffect(res)
	})
}

// SetAdmin makes an account a site administrator or takes that away.
func (s *Store) SetAdmin(ctx context.Context, userID string, admin bool) error {
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE users SET is_admin = ? WHERE id = ?", admin, userID)
		if err != nil {
			return fmt.Errorf("store: set admin: %w", err)
		}
		return mustAffect(res)
	})
}
