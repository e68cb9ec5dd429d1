package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

const orgCols = "id, wijk_id, name, form, domain, description, created_at"

func scanOrganisation(sc interface{ Scan(...any) error }) (wijk.Organisation, error) {
	var o wijk.Organisation
	var form, domain string
	var created int64
	err := sc.Scan(&o.ID, &o.WijkID, &o.Name, &form, &domain, &o.Description, &created)
	o.Form, o.Domain, o.CreatedAt = wijk.Form(form), wijk.Domain(domain), fromMS(created)
	return o, err
}

// CreateOrganisation validates and stores an organisation. An initiative
// starts in the informatiefase on the day it is made; that and its form are
// its first events.
func (s *Store) CreateOrganisation(ctx context.Context, o *wijk.Organisation) error {
	return s.CreateOrganisationBy(ctx, o, "")
}

// CreateOrganisationBy is CreateOrganisation by a known user.
func (s *Store) CreateOrganisationBy(ctx context.Context, o *wijk.Organisation, byUserID string) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	o.ID, o.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "INSERT INTO organisations ("+orgCols+") VALUES (?, ?, ?, ?, ?, ?, ?)",
			o.ID, o.WijkID, o.Name, string(o.Form), string(o.Domain), o.Description, ms(o.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: create organisation: %w", err))
		}
		if o.Form.IsInitiative() {
			return startInitiative(ctx, tx, o, byUserID)
		}
		return nil
	})
}

// UpdateOrganisation changes an organisation's name, form, domain and description.
func (s *Store) UpdateOrganisation(ctx context.Context, o *wijk.Organisation) error {
	o.Normalize()
	if err := o.Validate(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		var oldForm string
		var seq int
		if err := tx.queryRow(ctx, "SELECT form, phase_seq FROM organisations WHERE id = ? AND wijk_id = ?", o.ID, o.WijkID).Scan(&oldForm, &seq); err != nil {
			return notFound(err, "store: update organisation %s: %w", o.ID)
		}
		if wijk.Form(oldForm).IsInitiative() != o.Form.IsInitiative() && seq > 0 {
			// An initiative with a phase history stays an initiative; its
			// form changes through ChangeForm, with a date.
			return &wei.Error{Code: wei.EINVALID, Message: "An initiative cannot become a partner or the wijkcoöperatie.", Fields: map[string]string{"form": "error.choice"}}
		}
		res, err := tx.exec(ctx, "UPDATE organisations SET name = ?, form = ?, domain = ?, description = ? WHERE id = ? AND wijk_id = ?",
			o.Name, string(o.Form), string(o.Domain), o.Description, o.ID, o.WijkID)
		if err != nil {
			return mapErr(fmt.Errorf("store: update organisation %s: %w", o.ID, err))
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		switch {
		case o.Form.IsInitiative() && seq == 0:
			o.CreatedAt = s.now()
			return startInitiative(ctx, tx, o, "")
		case o.Form.IsInitiative() && wijk.Form(oldForm) != o.Form:
			return insertFormEvent(ctx, tx, &proces.FormEvent{InitiativeID: o.ID, On: proces.Day(s.now()), From: wijk.Form(oldForm), To: o.Form})
		}
		return nil
	})
}

// Organisation returns an organisation by ID.
func (s *Store) Organisation(ctx context.Context, id string) (wijk.Organisation, error) {
	o, err := scanOrganisation(s.queryRow(ctx, "SELECT "+orgCols+" FROM organisations WHERE id = ?", id))
	return o, notFound(err, "store: organisation %s: %w", id)
}

// Organisations lists the organisations of a wijk by name, of the given
// forms only when forms is not empty.
func (s *Store) Organisations(ctx context.Context, wijkID string, forms ...wijk.Form) ([]wijk.Organisation, error) {
	q := "SELECT " + orgCols + " FROM organisations WHERE wijk_id = ?"
	args := []any{wijkID}
	if len(forms) > 0 {
		q += " AND form IN (?" + strings.Repeat(", ?", len(forms)-1) + ")"
		for _, f := range forms {
			args = append(args, string(f))
		}
	}
	rows, err := s.query(ctx, q+" ORDER BY name", args...)
	if err != nil {
		return nil, fmt.Errorf("store: list organisations: %w", err)
	}
	defer rows.Close()
	var out []wijk.Organisation
	for rows.Next() {
		o, err := scanOrganisation(rows)
		if err != nil {
			return nil, fmt.Errorf("store: list organisations: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}
