package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/pact"
	"github.com/wei-platform/wei/wijk"
)

// Right to Challenge: challenges of residents' organisations, the
// gemeente's decisions (kept as events) and the agreement with its links
// to a pact commitment and a ledger account.

const challengeCols = `id, wijk_id, organisation_id, task, current_cost_cents, plan, business_case, proposed_cost_cents, status, agreement,
	commitment_id, ledger_account_id, created_by, created_at`

func scanChallenge(sc interface{ Scan(...any) error }) (pact.Challenge, error) {
	var c pact.Challenge
	var status string
	var created int64
	err := sc.Scan(&c.ID, &c.WijkID, &c.OrganisationID, &c.Task, &c.CurrentCostCents, &c.Plan, &c.BusinessCase, &c.ProposedCostCents, &status, &c.Agreement,
		&c.CommitmentID, &c.LedgerAccountID, &c.CreatedBy, &created)
	c.Status, c.CreatedAt = pact.ChallengeStatus(status), fromMS(created)
	return c, err
}

// CreateChallenge saves a new challenge of a residents' organisation of
// the wijk (not a partner: partners are who is challenged).
func (s *Store) CreateChallenge(ctx context.Context, c *pact.Challenge) error {
	c.Normalize()
	if err := c.Validate(); err != nil {
		return err
	}
	c.ID, c.Status, c.CreatedAt = wei.NewID(), pact.ChallengeSubmitted, s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		var form string
		err := tx.queryRow(ctx, "SELECT form FROM organisations WHERE id = ? AND wijk_id = ?", c.OrganisationID, c.WijkID).Scan(&form)
		if err != nil || wijk.Form(form) == wijk.FormPartner {
			return invalid("organisation_id", "challenge.error.org", "Choose a residents' organisation of the wijk.")
		}
		_, err = tx.exec(ctx, "INSERT INTO challenges ("+challengeCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '', '', '', ?, ?)",
			c.ID, c.WijkID, c.OrganisationID, c.Task, c.CurrentCostCents, c.Plan, c.BusinessCase, c.ProposedCostCents, string(c.Status), c.CreatedBy, ms(c.CreatedAt))
		return mapErr(err)
	})
}

// DecideChallenge records the gemeente's decision with its reasons. A
// decision can be changed, with new reasons; the earlier one stays in the
// history. Deciding what was decided last already is a conflict. Once an
// agreement is made, the decision no longer changes.
func (s *Store) DecideChallenge(ctx context.Context, wijkID, id string, accepted bool, reasons, byUserID string) error {
	if err := pact.ValidReasons(reasons); err != nil {
		return err
	}
	to := pact.ChallengeRejected
	if accepted {
		to = pact.ChallengeAccepted
	}
	return s.inTx(ctx, func(tx *Tx) error {
		c, err := scanChallenge(tx.queryRow(ctx, "SELECT "+challengeCols+" FROM challenges WHERE id = ? AND wijk_id = ?"+tx.forUpdate(), id, wijkID))
		if err != nil {
			return notFound(err, "store: challenge %s: %w", id)
		}
		if c.Status == to {
			return conflict("decision", "challenge.error.same_decision", "This is the decision already.")
		}
		if c.Agreement != "" {
			return conflict("decision", "challenge.error.agreed", "An agreement was made: the decision no longer changes.")
		}
		if _, err := tx.exec(ctx, "INSERT INTO challenge_decisions (id, challenge_id, decision, reasons, by_user_id, at) VALUES (?, ?, ?, ?, ?, ?)",
			wei.NewID(), id, string(to), strings.TrimSpace(reasons), byUserID, ms(s.now())); err != nil {
			return mapErr(err)
		}
		_, err = tx.exec(ctx, "UPDATE challenges SET status = ? WHERE id = ?", string(to), id)
		return err
	})
}

// SetChallengeAgreement records the agreement of an accepted challenge
// and links it to a commitment of a pact of the wijk and an account of
// the wijk's books (either may be empty).
func (s *Store) SetChallengeAgreement(ctx context.Context, wijkID, id, agreement, commitmentID, accountID string) error {
	agreement = strings.TrimSpace(agreement)
	if n := len([]rune(agreement)); n < 10 || n > 8000 {
		return invalid("agreement", "challenge.error.agreement", "Describe the agreement.")
	}
	return s.inTx(ctx, func(tx *Tx) error {
		c, err := scanChallenge(tx.queryRow(ctx, "SELECT "+challengeCols+" FROM challenges WHERE id = ? AND wijk_id = ?"+tx.forUpdate(), id, wijkID))
		if err != nil {
			return notFound(err, "store: challenge %s: %w", id)
		}
		if c.Status != pact.ChallengeAccepted {
			return invalid("agreement", "challenge.error.not_accepted", "Only an accepted challenge gets an agreement.")
		}
		var n int
		if commitmentID != "" {
			if err := tx.queryRow(ctx, "SELECT count(*) FROM pact_commitments c JOIN pacts p ON p.id = c.pact_id WHERE c.id = ? AND p.wijk_id = ?", commitmentID, wijkID).Scan(&n); err != nil {
				return fmt.Errorf("store: agreement: %w", err)
			}
			if n == 0 {
				return invalid("commitment_id", "error.choice", "Not a commitment of the wijk.")
			}
		}
		if accountID != "" {
			if err := tx.queryRow(ctx, "SELECT count(*) FROM ledger_accounts WHERE id = ? AND wijk_id = ?", accountID, wijkID).Scan(&n); err != nil {
				return fmt.Errorf("store: agreement: %w", err)
			}
			if n == 0 {
				return invalid("ledger_account_id", "error.choice", "Not an account of the wijk.")
			}
		}
		_, err = tx.exec(ctx, "UPDATE challenges SET agreement = ?, commitment_id = ?, ledger_account_id = ? WHERE id = ?", agreement, commitmentID, accountID, id)
		return err
	})
}

// Challenge returns a challenge of the wijk with its decisions.
func (s *Store) Challenge(ctx context.Context, wijkID, id string) (pact.Challenge, error) {
	c, err := scanChallenge(s.queryRow(ctx, "SELECT "+challengeCols+" FROM challenges WHERE id = ? AND wijk_id = ?", id, wijkID))
	if err != nil {
		return c, notFound(err, "store: challenge %s: %w", id)
	}
	rows, err := s.query(ctx, "SELECT id, decision, reasons, by_user_id, at FROM challenge_decisions WHERE challenge_id = ? ORDER BY at, id", id)
	if err != nil {
		return c, fmt.Errorf("store: challenge %s: %w", id, err)
	}
	for rows.Next() {
		var d pact.Decision
		var dec string
		var at int64
		if err := rows.Scan(&d.ID, &dec, &d.Reasons, &d.ByUserID, &at); err != nil {
			rows.Close()
			return c, fmt.Errorf("store: challenge %s: %w", id, err)
		}
		d.Accepted, d.At = dec == string(pact.ChallengeAccepted), fromMS(at)
		c.Decisions = append(c.Decisions, d)
	}
	return c, closeRows(rows)
}

// ChallengesOfWijk lists the challenges of the wijk, newest first, without
// their decisions.
func (s *Store) ChallengesOfWijk(ctx context.Context, wijkID string) ([]pact.Challenge, error) {
	rows, err := s.query(ctx, "SELECT "+challengeCols+" FROM challenges WHERE wijk_id = ? ORDER BY created_at DESC, id DESC", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: challenges: %w", err)
	}
	defer rows.Close()
	var out []pact.Challenge
	for rows.Next() {
		c, err := scanChallenge(rows)
		if err != nil {
			return nil, fmt.Errorf("store: challenges: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
