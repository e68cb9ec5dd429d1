package store

import (
	"context"
	"fmt"
	"time"

	"github.com/wei-platform/wei"
)

// Mail is a message in the outbox.
type Mail struct {
	ID        string
	To        string
	Subject   string
	Body      string
	CreatedAt time.Time
	SentAt    time.Time
	Error     string
}

// EnqueueMail stores a message in the outbox.
func (s *Store) EnqueueMail(ctx context.Context, m *Mail) error {
	m.ID, m.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "INSERT INTO outbox (id, to_addr, subject, body, created_at) VALUES (?, ?, ?, ?, ?)",
			m.ID, m.To, m.Subject, m.Body, ms(m.CreatedAt))
		if err != nil {
			return fmt.Errorf("store: enqueue mail: %w", err)
		}
		return nil
	})
}

// MarkMailSent records that a message went out, or why it failed.
func (s *Store) MarkMailSent(ctx context.Context, id string, sendErr string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		sent := ms(s.now())
		if sendErr != "" {
			sent = 0
		}
		res, err := tx.exec(ctx, "UPDATE outbox SET sent_at = ?, error = ? WHERE id = ?", sent, sendErr, id)
		if err != nil {
			return fmt.Errorf("store: mark mail %s sent: %w", id, err)
		}
		return mustAffect(res)
	})
}

// Outbox lists the newest messages, up to limit.
func (s *Store) Outbox(ctx context.Context, limit int) ([]Mail, error) {
	rows, err := s.query(ctx, "SELECT id, to_addr, subject, body, created_at, sent_at, error FROM outbox ORDER BY created_at DESC, id DESC LIMIT ?", limit)
	if err != nil {
		return nil, fmt.Errorf("store: list outbox: %w", err)
	}
	defer rows.Close()
	var out []Mail
	for rows.Next() {
		var m Mail
		var c, sent int64
		if err := rows.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &c, &sent, &m.Error); err != nil {
			return nil, fmt.Errorf("store: list outbox: %w", err)
		}
		m.CreatedAt, m.SentAt = fromMS(c), fromMS(sent)
		out = append(out, m)
	}
	return out, rows.Err()
}
