package store

import (
	"context"
	"fmt"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
)

// Audit records a read or change of personal data.
func (s *Store) Audit(ctx context.Context, e privacy.AuditEntry) error {
	return s.inTx(ctx, func(tx *Tx) error { return audit(ctx, tx, e) })
}

func audit(ctx context.Context, tx *Tx, e privacy.AuditEntry) error {
	if e.ID == "" {
		e.ID = wei.NewID()
	}
	if e.At.IsZero() {
		e.At = tx.s.now()
	}
	_, err := tx.exec(ctx, `INSERT INTO audit_log (id, at, actor_id, wijk_id, action, subject_type, subject_id, detail, request_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, e.ID, ms(e.At), e.ActorID, e.WijkID, string(e.Action), e.SubjectType, e.SubjectID, e.Detail, e.RequestID)
	if err != nil {
		return fmt.Errorf("store: audit: %w", err)
	}
	return nil
}

// AuditLog lists the newest entries of a wijk ("" for all), up to limit.
func (s *Store) AuditLog(ctx context.Context, wijkID string, limit int) ([]privacy.AuditEntry, error) {
	q := "SELECT id, at, actor_id, wijk_id, action, subject_type, subject_id, detail, request_id FROM audit_log"
	args := []any{}
	if wijkID != "" {
		q += " WHERE wijk_id = ?"
		args = append(args, wijkID)
	}
	args = append(args, limit)
	return s.auditRows(ctx, q+" ORDER BY at DESC, id DESC LIMIT ?", args...)
}

// AuditAbout lists the entries about any of the given subjects, newest first.
func (s *Store) AuditAbout(ctx context.Context, subjectIDs []string, limit int) ([]privacy.AuditEntry, error) {
	if len(subjectIDs) == 0 {
		return nil, nil
	}
	q := "SELECT id, at, actor_id, wijk_id, action, subject_type, subject_id, detail, request_id FROM audit_log WHERE subject_id IN (?"
	args := []any{subjectIDs[0]}
	for _, id := range subjectIDs[1:] {
		q += ", ?"
		args = append(args, id)
	}
	args = append(args, limit)
	return s.auditRows(ctx, q+") ORDER BY at DESC, id DESC LIMIT ?", args...)
}

func (s *Store) auditRows(ctx context.Context, q string, args ...any) ([]privacy.AuditEntry, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: audit log: %w", err)
	}
	defer rows.Close()
	var out []privacy.AuditEntry
	for rows.Next() {
		var e privacy.AuditEntry
		var at int64
		var action string
		if err := rows.Scan(&e.ID, &at, &e.ActorID, &e.WijkID, &action, &e.SubjectType, &e.SubjectID, &e.Detail, &e.RequestID); err != nil {
			return nil, fmt.Errorf("store: audit log: %w", err)
		}
		e.At, e.Action = fromMS(at), privacy.Action(action)
		out = append(out, e)
	}
	return out, rows.Err()
}

// auditAll writes entries about subjectID (where they name none) in tx.
func auditAll(ctx context.Context, tx *Tx, subjectID string, entries []privacy.AuditEntry) error {
	for _, e := range entries {
		if e.SubjectID == "" {
			e.SubjectID = subjectID
		}
		if err := audit(ctx, tx, e); err != nil {
			return err
		}
	}
	return nil
}
