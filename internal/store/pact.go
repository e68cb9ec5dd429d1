package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/pact"
	"github.com/wei-platform/wei/wijk"
)

// Wijkpact: pacts with their parties, commitments, acceptances, progress
// reports and review dates. Every change that depends on the state of the
// pact (frozen once a party accepted, signed before progress) locks the
// pact's row first, so two requests cannot both pass the check.

func invalid(field, key, msg string) error {
	return &wei.Error{Code: wei.EINVALID, Message: msg, Fields: map[string]string{field: key}}
}

func conflict(field, key, msg string) error {
	return &wei.Error{Code: wei.ECONFLICT, Message: msg, Fields: map[string]string{field: key}}
}

// CreatePact saves a new pact with its review dates.
func (s *Store) CreatePact(ctx context.Context, p *pact.Pact) error {
	p.Normalize()
	if err := p.Validate(); err != nil {
		return err
	}
	for _, d := range p.Reviews {
		if d.Before(p.StartsOn) || d.After(p.EndsOn) {
			return invalid("review_on", "pact.error.review", "A review date lies outside the pact.")
		}
	}
	p.ID, p.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM pacts WHERE wijk_id = ? AND title = ?", p.WijkID, p.Title).Scan(&n); err != nil {
			return fmt.Errorf("store: create pact: %w", err)
		}
		if n > 0 {
			return conflict("title", "error.taken", "A pact with this title exists.")
		}
		if _, err := tx.exec(ctx, "INSERT INTO pacts (id, wijk_id, title, purpose, starts_on, ends_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
			p.ID, p.WijkID, p.Title, p.Purpose, dateStr(p.StartsOn), dateStr(p.EndsOn), p.CreatedBy, ms(p.CreatedAt)); err != nil {
			return mapErr(fmt.Errorf("store: create pact: %w", err))
		}
		for _, d := range p.Reviews {
			if _, err := tx.exec(ctx, "INSERT INTO pact_reviews (id, pact_id, on_date, created_at) VALUES (?, ?, ?, ?)", wei.NewID(), p.ID, dateStr(d), ms(p.CreatedAt)); err != nil {
				return mapErr(fmt.Errorf("store: create pact: %w", err))
			}
		}
		return nil
	})
}

// lockPact loads a pact of the wijk in tx, locking its row on PostgreSQL
// (SQLite's write transactions are serial already), with its parties and
// whether any party ever accepted.
func lockPact(ctx context.Context, tx *Tx, wijkID, id string) (p pact.Pact, frozen bool, err error) {
	var starts, ends string
	err = tx.queryRow(ctx, "SELECT id, wijk_id, starts_on, ends_on FROM pacts WHERE id = ? AND wijk_id = ?"+tx.forUpdate(), id, wijkID).Scan(&p.ID, &p.WijkID, &starts, &ends)
	if err != nil {
		return p, false, notFound(err, "store: pact %s: %w", id)
	}
	p.StartsOn, p.EndsOn = parseDate(starts), parseDate(ends)
	var n int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM pact_acceptances WHERE pact_id = ?", id).Scan(&n); err != nil {
		return p, false, fmt.Errorf("store: pact %s: %w", id, err)
	}
	return p, n > 0, nil
}

var errFrozen = conflict("_", "pact.error.frozen", "A party has accepted this pact: its text can no longer change.")

// AddPartyToPact adds an organisation of the wijk as a party, while no
// party has accepted yet.
func (s *Store) AddPartyToPact(ctx context.Context, wijkID, pactID, orgID string) (pact.Party, error) {
	pt := pact.Party{ID: wei.NewID(), PactID: pactID, OrganisationID: orgID}
	if orgID == "" {
		return pt, invalid("organisation_id", "pact.error.party", "Choose an organisation.")
	}
	err := s.inTx(ctx, func(tx *Tx) error {
		_, frozen, err := lockPact(ctx, tx, wijkID, pactID)
		if err != nil {
			return err
		}
		if frozen {
			return errFrozen
		}
		if err := orgsInWijk(ctx, tx, wijkID, "organisation_id", orgID); err != nil {
			return err
		}
		var n, pos int
		if err := tx.queryRow(ctx, "SELECT count(*), COALESCE(max(position), 0) FROM pact_parties WHERE pact_id = ? AND organisation_id = ?", pactID, orgID).Scan(&n, &pos); err != nil {
			return fmt.Errorf("store: add party: %w", err)
		}
		if n > 0 {
			return conflict("organisation_id", "pact.error.party_twice", "This organisation is a party already.")
		}
		if err := tx.queryRow(ctx, "SELECT COALESCE(max(position), 0) FROM pact_parties WHERE pact_id = ?", pactID).Scan(&pos); err != nil {
			return fmt.Errorf("store: add party: %w", err)
		}
		_, err = tx.exec(ctx, "INSERT INTO pact_parties (id, pact_id, organisation_id, position, created_at) VALUES (?, ?, ?, ?, ?)", pt.ID, pactID, orgID, pos+1, ms(s.now()))
		return mapErr(err)
	})
	return pt, err
}

// AddCommitment adds a commitment of a party, while no party has accepted yet.
func (s *Store) AddCommitment(ctx context.Context, wijkID string, c *pact.Commitment) error {
	c.Normalize()
	c.ID, c.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		p, frozen, err := lockPact(ctx, tx, wijkID, c.PactID)
		if err != nil {
			return err
		}
		if err := c.Validate(p); err != nil {
			return err
		}
		if frozen {
			return errFrozen
		}
		if err := partyOfPact(ctx, tx, c.PactID, c.PartyID); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `INSERT INTO pact_commitments (id, pact_id, party_id, what, indicator, target, due_on, owner, created_by, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.ID, c.PactID, c.PartyID, c.What, c.Indicator, c.Target, dateStr(c.Due), c.Owner, c.CreatedBy, ms(c.CreatedAt))
		return mapErr(err)
	})
}

func partyOfPact(ctx context.Context, tx *Tx, pactID, partyID string) error {
	var n int
	if err := tx.queryRow(ctx, "SELECT count(*) FROM pact_parties WHERE id = ? AND pact_id = ?", partyID, pactID).Scan(&n); err != nil {
		return fmt.Errorf("store: party: %w", err)
	}
	if n == 0 {
		return invalid("party_id", "pact.error.party", "Not a party of this pact.")
	}
	return nil
}

// SetAcceptance records that a party accepts the pact, or withdraws its
// acceptance. A pact can be accepted once it has at least two parties and
// every party has a commitment. Accepting twice, or withdrawing what was
// not accepted, is a conflict: someone else was first.
func (s *Store) SetAcceptance(ctx context.Context, wijkID, pactID, partyID string, accepted bool, signatory, byUserID string) error {
	if accepted {
		if err := pact.ValidSignatory(signatory); err != nil {
			return err
		}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if _, _, err := lockPact(ctx, tx, wijkID, pactID); err != nil {
			return err
		}
		if err := partyOfPact(ctx, tx, pactID, partyID); err != nil {
			return err
		}
		var parties, bare int
		if err := tx.queryRow(ctx, `SELECT count(*), COALESCE(sum(CASE WHEN NOT EXISTS (SELECT 1 FROM pact_commitments c WHERE c.party_id = pp.id) THEN 1 ELSE 0 END), 0)
			FROM pact_parties pp WHERE pp.pact_id = ?`, pactID).Scan(&parties, &bare); err != nil {
			return fmt.Errorf("store: acceptance: %w", err)
		}
		if accepted && (parties < 2 || bare > 0) {
			return invalid("_", "pact.error.not_ready", "The pact needs at least two parties, each with a commitment.")
		}
		var now bool
		err := tx.queryRow(ctx, "SELECT accepted FROM pact_acceptances WHERE party_id = ? ORDER BY at DESC, id DESC LIMIT 1", partyID).Scan(&now)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: acceptance: %w", err)
		}
		if now == accepted {
			key := "pact.error.accepted_already"
			if !accepted {
				key = "pact.error.not_accepted"
			}
			return conflict("_", key, "The party's acceptance is as asked already.")
		}
		_, err = tx.exec(ctx, "INSERT INTO pact_acceptances (id, pact_id, party_id, accepted, signatory, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)",
			wei.NewID(), pactID, partyID, accepted, signatory, byUserID, ms(s.now()))
		return mapErr(err)
	})
}

// ReportProgress records the value a commitment has reached. Progress is
// reported on a signed pact only: before that, nothing was agreed.
func (s *Store) ReportProgress(ctx context.Context, wijkID, pactID, commitmentID string, value int64, note, byUserID string) error {
	if err := pact.ValidProgress(value, note); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		if _, _, err := lockPact(ctx, tx, wijkID, pactID); err != nil {
			return err
		}
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM pact_commitments WHERE id = ? AND pact_id = ?", commitmentID, pactID).Scan(&n); err != nil {
			return fmt.Errorf("store: progress: %w", err)
		}
		if n == 0 {
			return fmt.Errorf("store: commitment %s: %w", commitmentID, wei.ErrNotFound)
		}
		p, err := loadPact(ctx, tx, wijkID, pactID)
		if err != nil {
			return err
		}
		if !p.Signed() {
			return invalid("_", "pact.error.not_signed", "Progress is reported once every party has signed.")
		}
		_, err = tx.exec(ctx, "INSERT INTO pact_progress (id, commitment_id, value, note, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?)",
			wei.NewID(), commitmentID, value, note, byUserID, ms(s.now()))
		return mapErr(err)
	})
}

// AddReview adds a review date within the pact's period.
func (s *Store) AddReview(ctx context.Context, wijkID, pactID string, on time.Time) error {
	return s.inTx(ctx, func(tx *Tx) error {
		p, _, err := lockPact(ctx, tx, wijkID, pactID)
		if err != nil {
			return err
		}
		if on.IsZero() {
			return invalid("review_on", "error.date", "Fill in a date.")
		}
		if on.Before(p.StartsOn) || on.After(p.EndsOn) {
			return invalid("review_on", "pact.error.review", "The review date lies outside the pact.")
		}
		var n int
		if err := tx.queryRow(ctx, "SELECT count(*) FROM pact_reviews WHERE pact_id = ? AND on_date = ?", pactID, dateStr(on)).Scan(&n); err != nil {
			return fmt.Errorf("store: review: %w", err)
		}
		if n > 0 {
			return conflict("review_on", "pact.error.review_twice", "This review date exists.")
		}
		_, err = tx.exec(ctx, "INSERT INTO pact_reviews (id, pact_id, on_date, created_at) VALUES (?, ?, ?, ?)", wei.NewID(), pactID, dateStr(on), ms(s.now()))
		return mapErr(err)
	})
}

// pactQ is what both the store (its reader pool) and a transaction offer.
type pactQ interface {
	queryRow(ctx context.Context, q string, args ...any) *sql.Row
	query(ctx context.Context, q string, args ...any) (*sql.Rows, error)
}

// closeRows closes rows and returns the error that ended the iteration.
func closeRows(rows *sql.Rows) error {
	err := rows.Err()
	rows.Close()
	return err
}

// Pact returns a pact of the wijk with everything that belongs to it.
func (s *Store) Pact(ctx context.Context, wijkID, id string) (pact.Pact, error) {
	return loadPact(ctx, s, wijkID, id)
}

// PactsOfWijk returns the pacts of the wijk, newest first, each complete.
func (s *Store) PactsOfWijk(ctx context.Context, wijkID string) ([]pact.Pact, error) {
	rows, err := s.query(ctx, "SELECT id FROM pacts WHERE wijk_id = ? ORDER BY starts_on DESC, created_at DESC", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: pacts: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: pacts: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("store: pacts: %w", err)
	}
	out := make([]pact.Pact, 0, len(ids))
	for _, id := range ids {
		p, err := s.Pact(ctx, wijkID, id)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, nil
}

func loadPact(ctx context.Context, q pactQ, wijkID, id string) (pact.Pact, error) {
	var p pact.Pact
	var starts, ends string
	var created int64
	err := q.queryRow(ctx, "SELECT id, wijk_id, title, purpose, starts_on, ends_on, created_by, created_at FROM pacts WHERE id = ? AND wijk_id = ?", id, wijkID).
		Scan(&p.ID, &p.WijkID, &p.Title, &p.Purpose, &starts, &ends, &p.CreatedBy, &created)
	if err != nil {
		return p, notFound(err, "store: pact %s: %w", id)
	}
	p.StartsOn, p.EndsOn, p.CreatedAt = parseDate(starts), parseDate(ends), fromMS(created)
	wrap := func(err error) error { return fmt.Errorf("store: pact %s: %w", id, err) }

	rows, err := q.query(ctx, `SELECT pp.id, pp.organisation_id, o.name, o.domain FROM pact_parties pp JOIN organisations o ON o.id = pp.organisation_id
		WHERE pp.pact_id = ? ORDER BY pp.position`, id)
	if err != nil {
		return p, wrap(err)
	}
	for rows.Next() {
		pt := pact.Party{PactID: id}
		var dom string
		if err := rows.Scan(&pt.ID, &pt.OrganisationID, &pt.Name, &dom); err != nil {
			rows.Close()
			return p, wrap(err)
		}
		pt.Domain = wijk.Domain(dom)
		p.Parties = append(p.Parties, pt)
	}
	if err := closeRows(rows); err != nil {
		return p, wrap(err)
	}

	rows, err = q.query(ctx, "SELECT id, party_id, accepted, signatory, by_user_id, at FROM pact_acceptances WHERE pact_id = ? ORDER BY at, id", id)
	if err != nil {
		return p, wrap(err)
	}
	for rows.Next() {
		a := pact.Acceptance{PactID: id}
		var at int64
		if err := rows.Scan(&a.ID, &a.PartyID, &a.Accepted, &a.Signatory, &a.ByUserID, &at); err != nil {
			rows.Close()
			return p, wrap(err)
		}
		a.At = fromMS(at)
		p.Events = append(p.Events, a)
	}
	if err := closeRows(rows); err != nil {
		return p, wrap(err)
	}
	for i := range p.Parties {
		for _, e := range p.Events {
			if e.PartyID != p.Parties[i].ID {
				continue
			}
			if e.Accepted {
				e := e
				p.Parties[i].Accepted = &e
			} else {
				p.Parties[i].Accepted = nil
			}
		}
	}

	rows, err = q.query(ctx, "SELECT id, party_id, what, indicator, target, due_on, owner, created_by, created_at FROM pact_commitments WHERE pact_id = ? ORDER BY created_at, id", id)
	if err != nil {
		return p, wrap(err)
	}
	idx := map[string]int{}
	for rows.Next() {
		c := pact.Commitment{PactID: id}
		var due string
		if err := rows.Scan(&c.ID, &c.PartyID, &c.What, &c.Indicator, &c.Target, &due, &c.Owner, &c.CreatedBy, &created); err != nil {
			rows.Close()
			return p, wrap(err)
		}
		c.Due, c.CreatedAt = parseDate(due), fromMS(created)
		idx[c.ID] = len(p.Commitments)
		p.Commitments = append(p.Commitments, c)
	}
	if err := closeRows(rows); err != nil {
		return p, wrap(err)
	}

	rows, err = q.query(ctx, `SELECT g.id, g.commitment_id, g.value, g.note, g.by_user_id, g.at FROM pact_progress g
		JOIN pact_commitments c ON c.id = g.commitment_id WHERE c.pact_id = ? ORDER BY g.at, g.id`, id)
	if err != nil {
		return p, wrap(err)
	}
	for rows.Next() {
		var g pact.Progress
		var at int64
		if err := rows.Scan(&g.ID, &g.CommitmentID, &g.Value, &g.Note, &g.ByUserID, &at); err != nil {
			rows.Close()
			return p, wrap(err)
		}
		g.At = fromMS(at)
		if i, ok := idx[g.CommitmentID]; ok {
			p.Commitments[i].Reports = append(p.Commitments[i].Reports, g)
		}
	}
	if err := closeRows(rows); err != nil {
		return p, wrap(err)
	}

	rows, err = q.query(ctx, "SELECT on_date FROM pact_reviews WHERE pact_id = ? ORDER BY on_date", id)
	if err != nil {
		return p, wrap(err)
	}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return p, wrap(err)
		}
		p.Reviews = append(p.Reviews, parseDate(d))
	}
	if err := closeRows(rows); err != nil {
		return p, wrap(err)
	}
	return p, nil
}
