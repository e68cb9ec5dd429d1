package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/proces"
)

type queryFunc func(ctx context.Context, q string, args ...any) (*sql.Rows, error)

// Criteria lists the checklist of a wijk, by phase and position, retired
// criteria included.
func (s *Store) Criteria(ctx context.Context, wijkID string) ([]proces.Criterion, error) {
	return criteria(ctx, s.query, wijkID)
}

func criteria(ctx context.Context, query queryFunc, wijkID string) ([]proces.Criterion, error) {
	rows, err := query(ctx, "SELECT id, wijk_id, phase, text, required, position, retired FROM criteria WHERE wijk_id = ? ORDER BY phase, position, id", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: criteria: %w", err)
	}
	defer rows.Close()
	var out []proces.Criterion
	for rows.Next() {
		var c proces.Criterion
		var phase string
		if err := rows.Scan(&c.ID, &c.WijkID, &phase, &c.Text, &c.Required, &c.Position, &c.Retired); err != nil {
			return nil, fmt.Errorf("store: criteria: %w", err)
		}
		c.Phase = proces.Phase(phase)
		out = append(out, c)
	}
	return out, rows.Err()
}

// EnsureCriteria gives every wijk without a checklist the default one of
// the WEI-model (in Dutch), so that each wijk can then edit its own.
func (s *Store) EnsureCriteria(ctx context.Context) error {
	return s.inTx(ctx, func(tx *Tx) error {
		rows, err := tx.query(ctx, "SELECT id FROM wijken w WHERE NOT EXISTS (SELECT 1 FROM criteria c WHERE c.wijk_id = w.id)")
		if err != nil {
			return fmt.Errorf("store: ensure criteria: %w", err)
		}
		var ids []string
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				rows.Close()
				return err
			}
			ids = append(ids, id)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return err
		}
		for _, id := range ids {
			if err := insertDefaultCriteria(ctx, tx, id); err != nil {
				return err
			}
		}
		return nil
	})
}

func insertDefaultCriteria(ctx context.Context, tx *Tx, wijkID string) error {
	for _, c := range proces.DefaultCriteria("nl") {
		c.ID, c.WijkID = wei.NewID(), wijkID
		if err := insertCriterion(ctx, tx, &c); err != nil {
			return err
		}
	}
	return nil
}

func insertCriterion(ctx context.Context, tx *Tx, c *proces.Criterion) error {
	_, err := tx.exec(ctx, "INSERT INTO criteria (id, wijk_id, phase, text, required, position, retired) VALUES (?, ?, ?, ?, ?, ?, ?)",
		c.ID, c.WijkID, string(c.Phase), c.Text, c.Required, c.Position, c.Retired)
	if err != nil {
		return mapErr(fmt.Errorf("store: insert criterion: %w", err))
	}
	return nil
}

func validateCriterion(c *proces.Criterion) error {
	f := wei.FieldErrors{}
	c.Text = strings.TrimSpace(c.Text)
	if c.Phase.Index() < 0 || c.Phase.Next() == "" {
		f.Add("phase", "error.choice")
	}
	if c.Text == "" || len(c.Text) > 500 {
		f.Add("text", "error.required")
	}
	return f.Err()
}

// AddCriterion adds a criterion to a wijk's checklist, at the end of its phase.
func (s *Store) AddCriterion(ctx context.Context, c *proces.Criterion) error {
	if err := validateCriterion(c); err != nil {
		return err
	}
	c.ID = wei.NewID()
	return s.inTx(ctx, func(tx *Tx) error {
		if err := tx.queryRow(ctx, "SELECT COALESCE(MAX(position), 0) + 1 FROM criteria WHERE wijk_id = ? AND phase = ?", c.WijkID, string(c.Phase)).Scan(&c.Position); err != nil {
			return fmt.Errorf("store: add criterion: %w", err)
		}
		return insertCriterion(ctx, tx, c)
	})
}

// UpdateCriterion changes the text, whether it is required, or retires a
// criterion of the wijk. Ticks already given stay.
func (s *Store) UpdateCriterion(ctx context.Context, c *proces.Criterion) error {
	c.Text = strings.TrimSpace(c.Text)
	if c.Text == "" || len(c.Text) > 500 {
		return &wei.Error{Code: wei.EINVALID, Message: "Write the criterion.", Fields: map[string]string{"text": "error.required"}}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "UPDATE criteria SET text = ?, required = ?, retired = ? WHERE id = ? AND wijk_id = ?", c.Text, c.Required, c.Retired, c.ID, c.WijkID)
		if err != nil {
			return fmt.Errorf("store: update criterion: %w", err)
		}
		return mustAffect(res)
	})
}

// Checks returns the ticked criteria of an initiative by criterion ID.
func (s *Store) Checks(ctx context.Context, initiativeID string) (map[string]proces.Check, error) {
	return checksOf(ctx, s.query, initiativeID)
}

func checksOf(ctx context.Context, query queryFunc, initiativeID string) (map[string]proces.Check, error) {
	rows, err := query(ctx, "SELECT initiative_id, criterion_id, evidence, by_user, at FROM criterion_checks WHERE initiative_id = ?", initiativeID)
	if err != nil {
		return nil, fmt.Errorf("store: checks: %w", err)
	}
	defer rows.Close()
	out := map[string]proces.Check{}
	for rows.Next() {
		var c proces.Check
		var at int64
		if err := rows.Scan(&c.InitiativeID, &c.CriterionID, &c.Evidence, &c.ByUserID, &at); err != nil {
			return nil, fmt.Errorf("store: checks: %w", err)
		}
		c.At = fromMS(at)
		out[c.CriterionID] = c
	}
	return out, rows.Err()
}

// Tick records that an initiative meets a criterion of its wijk, with the
// evidence. Ticking again replaces the evidence.
func (s *Store) Tick(ctx context.Context, c proces.Check) error {
	c.Evidence = strings.TrimSpace(c.Evidence)
	if c.Evidence == "" || len(c.Evidence) > 2000 {
		return &wei.Error{Code: wei.EINVALID, Message: "Write down the evidence: what shows that this is met?", Fields: map[string]string{"evidence": "error.evidence"}}
	}
	return s.inTx(ctx, func(tx *Tx) error {
		var n int
		if err := tx.queryRow(ctx, `SELECT count(*) FROM criteria c JOIN organisations o ON o.wijk_id = c.wijk_id
			WHERE c.id = ? AND o.id = ? AND c.retired = ?`, c.CriterionID, c.InitiativeID, false).Scan(&n); err != nil {
			return fmt.Errorf("store: tick: %w", err)
		}
		if n == 0 {
			return wei.ErrNotFound
		}
		if _, err := tx.exec(ctx, "DELETE FROM criterion_checks WHERE initiative_id = ? AND criterion_id = ?", c.InitiativeID, c.CriterionID); err != nil {
			return fmt.Errorf("store: tick: %w", err)
		}
		_, err := tx.exec(ctx, "INSERT INTO criterion_checks (initiative_id, criterion_id, evidence, by_user, at) VALUES (?, ?, ?, ?, ?)",
			c.InitiativeID, c.CriterionID, c.Evidence, c.ByUserID, ms(s.now()))
		return mapErr(err)
	})
}

// Untick removes a tick.
func (s *Store) Untick(ctx context.Context, initiativeID, criterionID string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		res, err := tx.exec(ctx, "DELETE FROM criterion_checks WHERE initiative_id = ? AND criterion_id = ?", initiativeID, criterionID)
		if err != nil {
			return fmt.Errorf("store: untick: %w", err)
		}
		return mustAffect(res)
	})
}
