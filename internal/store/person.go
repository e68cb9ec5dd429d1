package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

const personCols = "id, wijk_id, buurt_id, display_name, email, phone, user_id, consent_by, consent_at, created_at, erased_at"

func scanPerson(sc interface{ Scan(...any) error }) (wijk.Person, error) {
	var p wijk.Person
	var buurt, user, consentBy sql.NullString
	var consent, created, erased int64
	err := sc.Scan(&p.ID, &p.WijkID, &buurt, &p.DisplayName, &p.Email, &p.Phone, &user, &consentBy, &consent, &created, &erased)
	p.BuurtID, p.UserID, p.ConsentBy = buurt.String, user.String, consentBy.String
	p.ConsentAt, p.CreatedAt, p.ErasedAt = fromMS(consent), fromMS(created), fromMS(erased)
	return p, err
}

// CreatePerson validates and stores a resident. The audit entries given are
// written in the same transaction, about the new person.
func (s *Store) CreatePerson(ctx context.Context, p *wijk.Person, audits ...privacy.AuditEntry) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	p.ID, p.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		if err := createPerson(ctx, tx, p); err != nil {
			return err
		}
		return auditAll(ctx, tx, p.ID, audits)
	})
}

func createPerson(ctx context.Context, tx *Tx, p *wijk.Person) error {
	if p.BuurtID != "" {
		if err := checkBuurtInWijk(ctx, tx, p.BuurtID, p.WijkID); err != nil {
			return err
		}
	}
	_, err := tx.exec(ctx, "INSERT INTO people ("+personCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)",
		p.ID, p.WijkID, nullStr(p.BuurtID), p.DisplayName, p.Email, p.Phone, nullStr(p.UserID), nullStr(p.ConsentBy), ms(p.ConsentAt), ms(p.CreatedAt))
	if err != nil {
		return mapErr(fmt.Errorf("store: create person: %w", err))
	}
	return nil
}

func checkBuurtInWijk(ctx context.Context, tx *Tx, buurtID, wijkID string) error {
	var n int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM buurten WHERE id = ? AND wijk_id = ?", buurtID, wijkID).Scan(&n); err != nil {
		return fmt.Errorf("store: check buurt: %w", err)
	}
	if n == 0 {
		return &wei.Error{Code: wei.EINVALID, Message: "This buurt is not part of the wijk.", Fields: map[string]string{"buurt_id": "error.choice"}}
	}
	return nil
}

// UpdatePerson changes the personal data of a resident who is not erased,
// writing the audit entries given in the same transaction.
func (s *Store) UpdatePerson(ctx context.Context, p *wijk.Person, audits ...privacy.AuditEntry) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if p.BuurtID != "" {
			if err := checkBuurtInWijk(ctx, tx, p.BuurtID, p.WijkID); err != nil {
				return err
			}
		}
		res, err := tx.exec(ctx, "UPDATE people SET buurt_id = ?, display_name = ?, email = ?, phone = ? WHERE id = ? AND wijk_id = ? AND erased_at = 0",
			nullStr(p.BuurtID), p.DisplayName, p.Email, p.Phone, p.ID, p.WijkID)
		if err != nil {
			return mapErr(fmt.Errorf("store: update person %s: %w", p.ID, err))
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		return auditAll(ctx, tx, p.ID, audits)
	})
}

// Person returns a resident by ID.
func (s *Store) Person(ctx context.Context, id string) (wijk.Person, error) {
	p, err := scanPerson(s.queryRow(ctx, "SELECT "+personCols+" FROM people WHERE id = ?", id))
	return p, notFound(err, "store: person %s: %w", id)
}

// PersonOfUser returns the resident record of an account in a wijk.
func (s *Store) PersonOfUser(ctx context.Context, wijkID, userID string) (wijk.Person, error) {
	p, err := scanPerson(s.queryRow(ctx, "SELECT "+personCols+" FROM people WHERE wijk_id = ? AND user_id = ?", wijkID, userID))
	return p, notFound(err, "store: person of user %s: %w", userID)
}

// PeopleOfUser returns every resident record of an account, in any wijk.
func (s *Store) PeopleOfUser(ctx context.Context, userID string) ([]wijk.Person, error) {
	return s.people(ctx, "SELECT "+personCols+" FROM people WHERE user_id = ? ORDER BY created_at", userID)
}

// People lists the residents of a wijk by name; erased people are left out.
func (s *Store) People(ctx context.Context, wijkID string) ([]wijk.Person, error) {
	return s.people(ctx, "SELECT "+personCols+" FROM people WHERE wijk_id = ? AND erased_at = 0 ORDER BY display_name, id", wijkID)
}

func (s *Store) people(ctx context.Context, q string, args ...any) ([]wijk.Person, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list people: %w", err)
	}
	defer rows.Close()
	var out []wijk.Person
	for rows.Next() {
		p, err := scanPerson(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list people: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// CountPeople counts the residents of a wijk who are not erased.
func (s *Store) CountPeople(ctx context.Context, wijkID string) (int, error) {
	var n int
	err := s.queryRow(ctx, "SELECT count(*) FROM people WHERE wijk_id = ? AND erased_at = 0", wijkID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("store: count people: %w", err)
	}
	return n, nil
}
