package store

import (
	"context"
	"fmt"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// MembershipView is a membership with the names a page shows beside it.
type MembershipView struct {
	wijk.Membership
	OrganisationName string
	OrganisationForm wijk.Form
	PersonName       string
}

// AddMembership validates and stores a membership. Person and organisation
// must belong to the same wijk. The audit entries given are written in the
// same transaction, about the person.
func (s *Store) AddMembership(ctx context.Context, m *wijk.Membership, audits ...privacy.AuditEntry) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.ID = wei.NewID()
	return s.inTx(ctx, func(tx *Tx) error {
		var n int
		err := tx.queryRow(ctx, `SELECT count(*) FROM people p JOIN organisations o ON o.wijk_id = p.wijk_id
			WHERE p.id = ? AND o.id = ? AND p.erased_at = 0`, m.PersonID, m.OrganisationID).Scan(&n)
		if err != nil {
			return fmt.Errorf("store: add membership: %w", err)
		}
		if n == 0 {
			return &wei.Error{Code: wei.EINVALID, Message: "Person and organisation are not in the same wijk.", Fields: map[string]string{"person_id": "error.choice"}}
		}
		_, err = tx.exec(ctx, "INSERT INTO memberships (id, organisation_id, person_id, role, started_on, ended_on) VALUES (?, ?, ?, ?, ?, ?)",
			m.ID, m.OrganisationID, m.PersonID, string(m.Role), dateStr(m.StartedOn), dateStr(m.EndedOn))
		if err != nil {
			return mapErr(fmt.Errorf("store: add membership: %w", err))
		}
		return auditAll(ctx, tx, m.PersonID, audits)
	})
}

// EndMembership sets the end date of an active membership.
func (s *Store) EndMembership(ctx context.Context, id string, on time.Time) error {
	return s.inTx(ctx, func(tx *Tx) error {
		var started string
		if err := tx.queryRow(ctx, "SELECT started_on FROM memberships WHERE id = ? AND ended_on = ''", id).Scan(&started); err != nil {
			return notFound(err, "store: end membership %s: %w", id)
		}
		if dateStr(on) < started {
			return &wei.Error{Code: wei.EINVALID, Message: "The end date is before the start date.", Fields: map[string]string{"ended_on": "error.date_order"}}
		}
		_, err := tx.exec(ctx, "UPDATE memberships SET ended_on = ? WHERE id = ?", dateStr(on), id)
		return err
	})
}

const membershipViewQuery = `SELECT m.id, m.organisation_id, m.person_id, m.role, m.started_on, m.ended_on, o.name, o.form, p.display_name
	FROM memberships m JOIN organisations o ON o.id = m.organisation_id JOIN people p ON p.id = m.person_id `

// MembershipsOfOrganisation lists the memberships of an organisation, active first.
func (s *Store) MembershipsOfOrganisation(ctx context.Context, orgID string) ([]MembershipView, error) {
	return s.memberships(ctx, membershipViewQuery+"WHERE m.organisation_id = ? ORDER BY m.ended_on, p.display_name", orgID)
}

// MembershipsOfPerson lists the memberships of a person, active first.
func (s *Store) MembershipsOfPerson(ctx context.Context, personID string) ([]MembershipView, error) {
	return s.memberships(ctx, membershipViewQuery+"WHERE m.person_id = ? ORDER BY m.ended_on, o.name", personID)
}

func (s *Store) memberships(ctx context.Context, q string, args ...any) ([]MembershipView, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: list memberships: %w", err)
	}
	defer rows.Close()
	var out []MembershipView
	for rows.Next() {
		var v MembershipView
		var role, form, started, ended string
		if err := rows.Scan(&v.ID, &v.OrganisationID, &v.PersonID, &role, &started, &ended, &v.OrganisationName, &form, &v.PersonName); err != nil {
			return nil, fmt.Errorf("store: list memberships: %w", err)
		}
		v.Role, v.OrganisationForm = wijk.MemberRole(role), wijk.Form(form)
		v.StartedOn, v.EndedOn = parseDate(started), parseDate(ended)
		out = append(out, v)
	}
	return out, rows.Err()
}
