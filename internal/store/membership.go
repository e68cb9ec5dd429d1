package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// MembershipView is a membership with the names a page shows beside it.
type MembershipView struct {
	wijk.Membership
	OrganisationName string
	OrganisationForm wijk.Form
	PersonName       string
}

// AddMembership validates and stores a membership: for an initiative this
// is the person's instroom, recorded as a people event (and an ended
// membership also as an uitstroom). Person and organisation must belong to
// the same wijk. The audit entries given are written in the same
// transaction, about the person.
func (s *Store) AddMembership(ctx context.Context, m *wijk.Membership, audits ...privacy.AuditEntry) error {
	return s.Join(ctx, m, "", audits...)
}

// Join is AddMembership by a known user, who is named in the flow event.
func (s *Store) Join(ctx context.Context, m *wijk.Membership, byUserID string, audits ...privacy.AuditEntry) error {
	if err := m.Validate(); err != nil {
		return err
	}
	m.ID = wei.NewID()
	return s.inTx(ctx, func(tx *Tx) error {
		if err := addMembership(ctx, tx, m); err != nil {
			return err
		}
		if err := flowEvent(ctx, tx, m, proces.Instroom, m.StartedOn, "", "", byUserID); err != nil {
			return err
		}
		if !m.EndedOn.IsZero() {
			if err := flowEvent(ctx, tx, m, proces.Uitstroom, m.EndedOn, "", "", byUserID); err != nil {
				return err
			}
		}
		return auditAll(ctx, tx, m.PersonID, audits)
	})
}

func addMembership(ctx context.Context, tx *Tx, m *wijk.Membership) error {
	var created int64
	var form string
	if err := tx.queryRow(ctx, "SELECT created_at, form FROM organisations WHERE id = ?", m.OrganisationID).Scan(&created, &form); errors.Is(err, sql.ErrNoRows) {
		return &wei.Error{Code: wei.EINVALID, Message: "This organisation does not exist.", Fields: map[string]string{"organisation_id": "error.choice"}}
	} else if err != nil {
		return fmt.Errorf("store: add membership: %w", err)
	}
	if wijk.Form(form).IsInitiative() {
		// The flow of an initiative only knows days the initiative existed.
		switch {
		case proces.Day(m.StartedOn).After(proces.Day(tx.s.now())):
			return &wei.Error{Code: wei.EINVALID, Message: "The date is in the future.", Fields: map[string]string{"started_on": "error.date_future"}}
		case proces.Day(m.StartedOn).Before(proces.Day(fromMS(created))):
			return &wei.Error{Code: wei.EINVALID, Message: "The date is before the initiative started.", Fields: map[string]string{"started_on": "error.date_before_start"}}
		}
	}
	var active int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM memberships WHERE organisation_id = ? AND person_id = ? AND ended_on = ''", m.OrganisationID, m.PersonID).Scan(&active); err != nil {
		return fmt.Errorf("store: add membership: %w", err)
	}
	if active > 0 && m.EndedOn.IsZero() {
		return &wei.Error{Code: wei.ECONFLICT, Message: "This person already takes part in this organisation.", Fields: map[string]string{"person_id": "error.already_member"}}
	}
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
	return nil
}

// EndMembership sets the end date of an active membership: the person's
// uitstroom from that initiative.
func (s *Store) EndMembership(ctx context.Context, id string, on time.Time) error {
	return s.Leave(ctx, id, on, "", "")
}

// Leave ends an active membership on a date, with an optional reason, and
// records the uitstroom; the audit entries given are written with it.
func (s *Store) Leave(ctx context.Context, id string, on time.Time, reason, byUserID string, audits ...privacy.AuditEntry) error {
	return s.inTx(ctx, func(tx *Tx) error {
		m, err := endMembership(ctx, tx, id, on)
		if err != nil {
			return err
		}
		if err := flowEvent(ctx, tx, &m, proces.Uitstroom, on, reason, "", byUserID); err != nil {
			return err
		}
		return auditAll(ctx, tx, m.PersonID, audits)
	})
}

// Membership returns one membership with its names and the wijk it is in.
func (s *Store) Membership(ctx context.Context, id string) (MembershipView, string, error) {
	var wijkID string
	views, err := s.memberships(ctx, membershipViewQuery+"WHERE m.id = ?", id)
	if err == nil && len(views) == 0 {
		err = fmt.Errorf("store: membership %s: %w", id, wei.ErrNotFound)
	}
	if err != nil {
		return MembershipView{}, "", err
	}
	if err := s.queryRow(ctx, "SELECT wijk_id FROM organisations WHERE id = ?", views[0].OrganisationID).Scan(&wijkID); err != nil {
		return MembershipView{}, "", fmt.Errorf("store: membership %s: %w", id, err)
	}
	return views[0], wijkID, nil
}

func endMembership(ctx context.Context, tx *Tx, id string, on time.Time) (wijk.Membership, error) {
	var m wijk.Membership
	var role, started string
	if err := tx.queryRow(ctx, "SELECT organisation_id, person_id, role, started_on FROM memberships WHERE id = ? AND ended_on = ''", id).
		Scan(&m.OrganisationID, &m.PersonID, &role, &started); err != nil {
		return m, notFound(err, "store: end membership %s: %w", id)
	}
	m.ID, m.Role, m.StartedOn, m.EndedOn = id, wijk.MemberRole(role), parseDate(started), on
	if on.IsZero() || dateStr(on) < started {
		return m, &wei.Error{Code: wei.EINVALID, Message: "The end date is before the start date.", Fields: map[string]string{"ended_on": "error.date_order"}}
	}
	if proces.Day(on).After(proces.Day(tx.s.now())) {
		return m, &wei.Error{Code: wei.EINVALID, Message: "The date is in the future.", Fields: map[string]string{"ended_on": "error.date_future"}}
	}
	_, err := tx.exec(ctx, "UPDATE memberships SET ended_on = ? WHERE id = ?", dateStr(on), id)
	return m, err
}

// MoveOn is a doorstroom: the person ends one membership and, on the same
// day, starts another (another role, or another initiative of the wijk).
// The new membership's StartedOn is the day; it gets its ID.
func (s *Store) MoveOn(ctx context.Context, fromID string, to *wijk.Membership, reason, byUserID string, audits ...privacy.AuditEntry) error {
	if err := to.Validate(); err != nil {
		return err
	}
	to.ID = wei.NewID()
	return s.inTx(ctx, func(tx *Tx) error {
		old, err := endMembership(ctx, tx, fromID, to.StartedOn)
		if err != nil {
			return err
		}
		if old.PersonID != to.PersonID {
			return wei.Errorf(wei.EINVALID, "A doorstroom keeps the same person.")
		}
		if old.OrganisationID == to.OrganisationID && old.Role == to.Role {
			return &wei.Error{Code: wei.EINVALID, Message: "Choose another role or another initiative.", Fields: map[string]string{"role": "error.same_role"}}
		}
		if err := addMembership(ctx, tx, to); err != nil {
			return err
		}
		if err := flowEvent(ctx, tx, to, proces.Doorstroom, to.StartedOn, reason, fromID, byUserID); err != nil {
			return err
		}
		return auditAll(ctx, tx, to.PersonID, audits)
	})
}

// flowEvent records a person's step for a membership of an initiative, with
// the phase the initiative was in on that day. Memberships of partners and
// the wijkcoöperatie are not part of the flow.
func flowEvent(ctx context.Context, tx *Tx, m *wijk.Membership, kind proces.FlowKind, on time.Time, reason, fromMembershipID, byUserID string) error {
	var wijkID, form string
	if err := tx.queryRow(ctx, "SELECT wijk_id, form FROM organisations WHERE id = ?", m.OrganisationID).Scan(&wijkID, &form); err != nil {
		return fmt.Errorf("store: flow event: %w", err)
	}
	if !wijk.Form(form).IsInitiative() {
		return nil
	}
	phase, err := phaseOn(ctx, tx, m.OrganisationID, on)
	if err != nil {
		return err
	}
	_, err = tx.exec(ctx, `INSERT INTO people_events (id, wijk_id, person_id, initiative_id, membership_id, from_membership_id, kind, role, phase, on_date, reason, by_user, recorded_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, wei.NewID(), wijkID, m.PersonID, m.OrganisationID, m.ID, fromMembershipID,
		string(kind), string(m.Role), string(phase), dateStr(on), strings.TrimSpace(reason), byUserID, ms(tx.s.now()))
	if err != nil {
		return mapErr(fmt.Errorf("store: flow event: %w", err))
	}
	return nil
}

// phaseOn returns the phase an initiative was in on a day: that of its
// latest phase event on or before the day, or its first phase when the day
// lies before its first event.
func phaseOn(ctx context.Context, tx *Tx, initiativeID string, on time.Time) (proces.Phase, error) {
	var p string
	err := tx.queryRow(ctx, `SELECT to_phase FROM phase_events WHERE initiative_id = ? AND on_date <= ?
		ORDER BY on_date DESC, seq DESC LIMIT 1`, initiativeID, dateStr(on)).Scan(&p)
	if errors.Is(err, sql.ErrNoRows) {
		err = tx.queryRow(ctx, "SELECT to_phase FROM phase_events WHERE initiative_id = ? ORDER BY seq LIMIT 1", initiativeID).Scan(&p)
		if errors.Is(err, sql.ErrNoRows) {
			return proces.PhaseInformatie, nil
		}
	}
	if err != nil {
		return "", fmt.Errorf("store: phase on %s: %w", dateStr(on), err)
	}
	return proces.Phase(p), nil
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
