package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
)

// The who-does-what register (sociale kaart) and its overlaps.

const registerCols = "id, wijk_id, organisation_id, theme, COALESCE(buurt_id, ''), contact_name, contact_role, contact_phone, contact_email, created_by, created_at"

func scanRegisterEntry(sc interface{ Scan(...any) error }) (signaal.RegisterEntry, error) {
	var e signaal.RegisterEntry
	var created int64
	err := sc.Scan(&e.ID, &e.WijkID, &e.OrganisationID, &e.Theme, &e.BuurtID, &e.ContactName, &e.ContactRole,
		&e.ContactPhone, &e.ContactEmail, &e.CreatedBy, &created)
	e.CreatedAt = fromMS(created)
	return e, err
}

// RegisterEntries returns the wijk's register, by theme, then buurt ("" =
// whole wijk first), then organisation.
func (s *Store) RegisterEntries(ctx context.Context, wijkID string) ([]signaal.RegisterEntry, error) {
	rows, err := s.query(ctx, "SELECT "+registerCols+" FROM register_entries WHERE wijk_id = ? ORDER BY theme, COALESCE(buurt_id, ''), organisation_id, id", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: register: %w", err)
	}
	defer rows.Close()
	var out []signaal.RegisterEntry
	for rows.Next() {
		e, err := scanRegisterEntry(rows)
		if err != nil {
			return nil, fmt.Errorf("store: register: %w", err)
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: register: %w", err)
	}
	return out, nil
}

// AddRegisterEntry validates and stores a register entry. The organisation
// and buurt must belong to the wijk; the same organisation, theme and buurt
// twice is a conflict. A contact person is audited as personal data.
func (s *Store) AddRegisterEntry(ctx context.Context, e *signaal.RegisterEntry) error {
	e.Normalize()
	themes, err := s.Themes(ctx, e.WijkID)
	if err != nil {
		return err
	}
	if err := e.Validate(themes); err != nil {
		return err
	}
	e.ID, e.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		f := wei.FieldErrors{}
		if !orgInWijk(ctx, tx, e.OrganisationID, e.WijkID) {
			f.Add("organisation_id", "signals.error.organisation")
		}
		if e.BuurtID != "" && !buurtInWijk(ctx, tx, e.BuurtID, e.WijkID) {
			f.Add("buurt_id", "signals.error.buurt")
		}
		if err := f.Err(); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM register_entries WHERE organisation_id = ? AND theme = ? AND COALESCE(buurt_id, '') = ?",
			e.OrganisationID, e.Theme, e.BuurtID).Scan(&n); err != nil {
			return fmt.Errorf("store: add register entry: %w", err)
		}
		if n > 0 {
			return &wei.Error{Code: wei.ECONFLICT, Message: "This organisation is already in the register for this theme and buurt.",
				Fields: map[string]string{"theme": "signals.error.register_duplicate"}}
		}
		_, err := tx.exec(ctx, "INSERT INTO register_entries (id, wijk_id, organisation_id, theme, buurt_id, contact_name, contact_role, contact_phone, contact_email, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			e.ID, e.WijkID, e.OrganisationID, e.Theme, nullStr(e.BuurtID), e.ContactName, e.ContactRole, e.ContactPhone, e.ContactEmail, e.CreatedBy, ms(e.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: add register entry: %w", err))
		}
		if e.ContactName != "" {
			return audit(ctx, tx, privacy.AuditEntry{ActorID: e.CreatedBy, WijkID: e.WijkID, Action: privacy.ActionCreate,
				SubjectType: "register_contact", SubjectID: e.ID})
		}
		return nil
	})
}

// DeleteRegisterEntry removes an entry of the wijk's register.
func (s *Store) DeleteRegisterEntry(ctx context.Context, wijkID, id, byUserID string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		var contact string
		err := tx.queryRow(ctx, "SELECT contact_name FROM register_entries WHERE id = ? AND wijk_id = ?", id, wijkID).Scan(&contact)
		if errors.Is(err, sql.ErrNoRows) {
			return wei.ErrNotFound
		} else if err != nil {
			return fmt.Errorf("store: delete register entry %s: %w", id, err)
		}
		if _, err := tx.exec(ctx, "DELETE FROM register_entries WHERE id = ?", id); err != nil {
			return fmt.Errorf("store: delete register entry %s: %w", id, err)
		}
		if contact != "" {
			return audit(ctx, tx, privacy.AuditEntry{ActorID: byUserID, WijkID: wijkID, Action: privacy.ActionErase,
				SubjectType: "register_contact", SubjectID: id})
		}
		return nil
	})
}

// Overlaps returns where two or more organisations work on the same theme
// in the same buurt without having been brought together in the
// leefomgevingsoverleg (see signaal.FindOverlaps for the rule).
func (s *Store) Overlaps(ctx context.Context, wijkID string) ([]signaal.Overlap, error) {
	entries, err := s.RegisterEntries(ctx, wijkID)
	if err != nil {
		return nil, err
	}
	connected, err := s.OrgsConnected(ctx, wijkID)
	if err != nil {
		return nil, err
	}
	return signaal.FindOverlaps(entries, connected), nil
}

// orgInWijk reports whether the organisation belongs to the wijk.
func orgInWijk(ctx context.Context, tx *Tx, orgID, wijkID string) bool {
	var n int
	err := tx.queryRow(ctx, "SELECT count(*) FROM organisations WHERE id = ? AND wijk_id = ?", orgID, wijkID).Scan(&n)
	return err == nil && n == 1
}

// buurtInWijk reports whether the buurt belongs to the wijk.
func buurtInWijk(ctx context.Context, tx *Tx, buurtID, wijkID string) bool {
	var n int
	err := tx.queryRow(ctx, "SELECT count(*) FROM buurten WHERE id = ? AND wijk_id = ?", buurtID, wijkID).Scan(&n)
	return err == nil && n == 1
}
