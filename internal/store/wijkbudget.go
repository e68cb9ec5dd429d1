package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijkbudget"
)

// BudgetEvent is one line of a round's public history: a phase change or
// a review decision.
type BudgetEvent struct {
	ProjectID string
	Kind      string // "phase" (Detail: the new phase) or "review" (Detail: "feasible: note")
	Detail    string
	At        time.Time
}

const budgetRoundCols = "id, wijk_id, title, description, method, budget_cents, max_choices, phase, created_by, created_at"

func scanBudgetRound(sc interface{ Scan(...any) error }) (wijkbudget.Round, error) {
	var r wijkbudget.Round
	var method, phase string
	var created int64
	err := sc.Scan(&r.ID, &r.WijkID, &r.Title, &r.Description, &method, &r.BudgetCents, &r.MaxChoices, &phase, &r.CreatedBy, &created)
	r.Method, r.Phase, r.CreatedAt = wijkbudget.Method(method), wijkbudget.Phase(phase), fromMS(created)
	return r, err
}

// CreateBudgetRound starts a round in the ideas phase.
func (s *Store) CreateBudgetRound(ctx context.Context, r *wijkbudget.Round) error {
	r.Phase = wijkbudget.PhaseIdeas
	if err := r.Validate(); err != nil {
		return err
	}
	r.ID, r.CreatedAt = wei.NewID(), s.now().UTC()
	return s.inTx(ctx, func(tx *Tx) error {
		_, err := tx.exec(ctx, "INSERT INTO wijkbudget_rounds ("+budgetRoundCols+") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			r.ID, r.WijkID, r.Title, r.Description, string(r.Method), r.BudgetCents, r.MaxChoices, string(r.Phase), r.CreatedBy, ms(r.CreatedAt))
		if err != nil {
			return mapErr(fmt.Errorf("store: create budget round: %w", err))
		}
		return addBudgetEvent(ctx, tx, r.ID, "", "phase", string(r.Phase), r.CreatedBy, r.CreatedAt)
	})
}

// BudgetRounds lists a wijk's rounds, newest first.
func (s *Store) BudgetRounds(ctx context.Context, wijkID string) ([]wijkbudget.Round, error) {
	rows, err := s.query(ctx, "SELECT "+budgetRoundCols+" FROM wijkbudget_rounds WHERE wijk_id = ? ORDER BY created_at DESC, id DESC", wijkID)
	if err != nil {
		return nil, fmt.Errorf("store: budget rounds: %w", err)
	}
	defer rows.Close()
	var out []wijkbudget.Round
	for rows.Next() {
		r, err := scanBudgetRound(rows)
		if err != nil {
			return nil, fmt.Errorf("store: budget rounds: %w", err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// BudgetRound returns one round of a wijk.
func (s *Store) BudgetRound(ctx context.Context, wijkID, id string) (wijkbudget.Round, error) {
	r, err := scanBudgetRound(s.queryRow(ctx, "SELECT "+budgetRoundCols+" FROM wijkbudget_rounds WHERE id = ? AND wijk_id = ?", id, wijkID))
	return r, notFound(err, "store: budget round %s: %w", id)
}

func budgetRoundTx(ctx context.Context, tx *Tx, wijkID, id string) (wijkbudget.Round, error) {
	r, err := scanBudgetRound(tx.queryRow(ctx, "SELECT "+budgetRoundCols+" FROM wijkbudget_rounds WHERE id = ? AND wijk_id = ?"+tx.forUpdate(), id, wijkID))
	return r, notFound(err, "store: budget round %s: %w", id)
}

func addBudgetEvent(ctx context.Context, tx *Tx, roundID, projectID, kind, detail, by string, at time.Time) error {
	_, err := tx.exec(ctx, "INSERT INTO wijkbudget_events (id, round_id, project_id, kind, detail, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
		wei.NewID(), roundID, projectID, kind, detail, by, ms(at))
	if err != nil {
		return fmt.Errorf("store: budget event: %w", err)
	}
	return nil
}

// BudgetEvents returns a round's history, oldest first. It names no
// persons: it is public.
func (s *Store) BudgetEvents(ctx context.Context, roundID string) ([]BudgetEvent, error) {
	rows, err := s.query(ctx, "SELECT project_id, kind, detail, created_at FROM wijkbudget_events WHERE round_id = ? ORDER BY created_at, id", roundID)
	if err != nil {
		return nil, fmt.Errorf("store: budget events: %w", err)
	}
	defer rows.Close()
	var out []BudgetEvent
	for rows.Next() {
		var e BudgetEvent
		var at int64
		if err := rows.Scan(&e.ProjectID, &e.Kind, &e.Detail, &at); err != nil {
			return nil, fmt.Errorf("store: budget events: %w", err)
		}
		e.At = fromMS(at)
		out = append(out, e)
	}
	return out, rows.Err()
}

func errBudgetPhase(want wijkbudget.Phase) error {
	return &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("This is possible only in the %s phase of the round.", want),
		Fields: map[string]string{"phase": "wijkbudget.error.phase_" + string(want)}}
}

// SetBudgetPhase moves a round to the next phase. Voting opens only when
// every project was reviewed and at least one is feasible.
func (s *Store) SetBudgetPhase(ctx context.Context, wijkID, roundID string, to wijkbudget.Phase, by string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		r, err := budgetRoundTx(ctx, tx, wijkID, roundID)
		if err != nil {
			return err
		}
		if next, ok := r.Phase.Next(); !ok || next != to {
			return &wei.Error{Code: wei.EINVALID, Message: "A round moves one phase forward at a time.", Fields: map[string]string{"phase": "wijkbudget.error.phase_order"}}
		}
		if to == wijkbudget.PhaseVoting {
			var pending, feasible int
			if err := tx.queryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN feasibility = 'pending' THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN feasibility = 'feasible' THEN 1 ELSE 0 END), 0)
				FROM wijkbudget_projects WHERE round_id = ?`, roundID).Scan(&pending, &feasible); err != nil {
				return fmt.Errorf("store: budget phase: %w", err)
			}
			if pending > 0 || feasible == 0 {
				return &wei.Error{Code: wei.EINVALID, Message: "Voting opens when every project was reviewed and at least one is feasible.",
					Fields: map[string]string{"phase": "wijkbudget.error.not_reviewed"}}
			}
		}
		if to == wijkbudget.PhaseExecution {
			return &wei.Error{Code: wei.EINVALID, Message: "The execution phase starts when the winners are funded.", Fields: map[string]string{"phase": "wijkbudget.error.fund_first"}}
		}
		now := s.now().UTC()
		if _, err := tx.exec(ctx, "UPDATE wijkbudget_rounds SET phase = ? WHERE id = ?", string(to), roundID); err != nil {
			return fmt.Errorf("store: budget phase: %w", err)
		}
		return addBudgetEvent(ctx, tx, roundID, "", "phase", string(to), by, now)
	})
}

const budgetProjectCols = "id, round_id, wijk_id, seq, title, summary, cost_cents, COALESCE(initiative_id, ''), feasibility, feasibility_note, COALESCE(grant_tx_id, ''), created_by, created_at"

func scanBudgetProject(sc interface{ Scan(...any) error }) (wijkbudget.Project, error) {
	var p wijkbudget.Project
	var feas string
	var created int64
	err := sc.Scan(&p.ID, &p.RoundID, &p.WijkID, &p.Seq, &p.Title, &p.Summary, &p.CostCents, &p.InitiativeID, &feas, &p.FeasibilityNote, &p.GrantTxID, &p.CreatedBy, &created)
	p.Feasibility, p.CreatedAt = wijkbudget.Feasibility(feas), fromMS(created)
	return p, err
}

// AddBudgetProject adds a project to a round in its ideas phase. The
// initiative that will carry it out may be named now or at the review.
func (s *Store) AddBudgetProject(ctx context.Context, p *wijkbudget.Project) error {
	return s.inTx(ctx, func(tx *Tx) error {
		r, err := budgetRoundTx(ctx, tx, p.WijkID, p.RoundID)
		if err != nil {
			return err
		}
		if r.Phase != wijkbudget.PhaseIdeas {
			return errBudgetPhase(wijkbudget.PhaseIdeas)
		}
		p.Feasibility, p.FeasibilityNote, p.GrantTxID = wijkbudget.Pending, "", ""
		if err := p.Validate(r); err != nil {
			return err
		}
		if p.InitiativeID != "" {
			if err := initiativeInWijk(ctx, tx, p.WijkID, p.InitiativeID); err != nil {
				return err
			}
		}
		if err := tx.queryRow(ctx, "SELECT COALESCE(MAX(seq), 0) + 1 FROM wijkbudget_projects WHERE round_id = ?", r.ID).Scan(&p.Seq); err != nil {
			return fmt.Errorf("store: add budget project: %w", err)
		}
		p.ID, p.CreatedAt = wei.NewID(), s.now().UTC()
		_, err = tx.exec(ctx, "INSERT INTO wijkbudget_projects (id, round_id, wijk_id, seq, title, summary, cost_cents, initiative_id, feasibility, feasibility_note, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
			p.ID, p.RoundID, p.WijkID, p.Seq, p.Title, p.Summary, p.CostCents, nullStr(p.InitiativeID), string(p.Feasibility), "", p.CreatedBy, ms(p.CreatedAt))
		return mapErr(err)
	})
}

// BudgetProjects lists a round's projects in order of entry.
func (s *Store) BudgetProjects(ctx context.Context, roundID string) ([]wijkbudget.Project, error) {
	return budgetProjects(ctx, s.query, roundID)
}

func budgetProjects(ctx context.Context, query queryFunc, roundID string) ([]wijkbudget.Project, error) {
	rows, err := query(ctx, "SELECT "+budgetProjectCols+" FROM wijkbudget_projects WHERE round_id = ? ORDER BY seq", roundID)
	if err != nil {
		return nil, fmt.Errorf("store: budget projects: %w", err)
	}
	defer rows.Close()
	var out []wijkbudget.Project
	for rows.Next() {
		p, err := scanBudgetProject(rows)
		if err != nil {
			return nil, fmt.Errorf("store: budget projects: %w", err)
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

// BudgetProject returns one project of a round.
func (s *Store) BudgetProject(ctx context.Context, roundID, id string) (wijkbudget.Project, error) {
	p, err := scanBudgetProject(s.queryRow(ctx, "SELECT "+budgetProjectCols+" FROM wijkbudget_projects WHERE id = ? AND round_id = ?", id, roundID))
	return p, notFound(err, "store: budget project %s: %w", id)
}

// ReviewBudgetProject records the feasibility review of a project, in the
// review phase: feasible or not, with a public reason (required when not
// feasible), and the initiative that carries it out (required when
// feasible: it receives the grant). Each decision, also a changed one, is
// kept in the round's history.
func (s *Store) ReviewBudgetProject(ctx context.Context, wijkID, roundID, projectID string, f wijkbudget.Feasibility, note, initiativeID, by string) error {
	note = strings.TrimSpace(note)
	fe := wei.FieldErrors{}
	if f != wijkbudget.Feasible && f != wijkbudget.Infeasible {
		fe.Add("feasibility", "error.choice")
	}
	if f == wijkbudget.Infeasible && note == "" {
		fe.Add("note", "wijkbudget.error.reason")
	}
	if len(note) > 2000 {
		fe.Add("note", "error.too_long")
	}
	if f == wijkbudget.Feasible && initiativeID == "" {
		fe.Add("initiative_id", "wijkbudget.error.initiative")
	}
	if err := fe.Err(); err != nil {
		return err
	}
	return s.inTx(ctx, func(tx *Tx) error {
		r, err := budgetRoundTx(ctx, tx, wijkID, roundID)
		if err != nil {
			return err
		}
		if r.Phase != wijkbudget.PhaseReview {
			return errBudgetPhase(wijkbudget.PhaseReview)
		}
		if initiativeID != "" {
			if err := initiativeInWijk(ctx, tx, wijkID, initiativeID); err != nil {
				return err
			}
		}
		res, err := tx.exec(ctx, "UPDATE wijkbudget_projects SET feasibility = ?, feasibility_note = ?, initiative_id = ? WHERE id = ? AND round_id = ?",
			string(f), note, nullStr(initiativeID), projectID, roundID)
		if err != nil {
			return mapErr(fmt.Errorf("store: review budget project: %w", err))
		}
		if err := mustAffect(res); err != nil {
			return err
		}
		return addBudgetEvent(ctx, tx, roundID, projectID, "review", string(f)+": "+note, by, s.now().UTC())
	})
}

func codeHash(normalized string) string {
	h := sha256.Sum256([]byte("wijkbudget:" + normalized))
	return hex.EncodeToString(h[:])
}

// IssueVotingCodes makes n new single-use voting codes for a round, before
// its results, and returns them: they are shown once, to print or hand
// out, and stored only as a hash.
func (s *Store) IssueVotingCodes(ctx context.Context, wijkID, roundID string, n int) ([]string, error) {
	if n < 1 || n > wijkbudget.MaxCodesAtOnce {
		return nil, &wei.Error{Code: wei.EINVALID, Message: fmt.Sprintf("Make from 1 to %d codes at a time.", wijkbudget.MaxCodesAtOnce),
			Fields: map[string]string{"count": "wijkbudget.error.code_count"}}
	}
	codes := make([]string, n)
	for i := range codes {
		codes[i] = wijkbudget.NewCode()
	}
	now := ms(s.now().UTC())
	err := s.inTx(ctx, func(tx *Tx) error {
		r, err := budgetRoundTx(ctx, tx, wijkID, roundID)
		if err != nil {
			return err
		}
		if r.Phase != wijkbudget.PhaseIdeas && r.Phase != wijkbudget.PhaseReview && r.Phase != wijkbudget.PhaseVoting {
			return errBudgetPhase(wijkbudget.PhaseVoting)
		}
		for _, c := range codes {
			if _, err := tx.exec(ctx, "INSERT INTO wijkbudget_codes (code_hash, round_id, used_at, created_at) VALUES (?, ?, 0, ?)",
				codeHash(wijkbudget.NormalizeCode(c)), roundID, now); err != nil {
				return mapErr(fmt.Errorf("store: issue voting codes: %w", err))
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return codes, nil
}

// BudgetCodeCounts returns how many codes a round has and how many were used.
func (s *Store) BudgetCodeCounts(ctx context.Context, roundID string) (issued, used int64, err error) {
	err = s.queryRow(ctx, "SELECT count(*), COALESCE(SUM(CASE WHEN used_at > 0 THEN 1 ELSE 0 END), 0) FROM wijkbudget_codes WHERE round_id = ?", roundID).Scan(&issued, &used)
	if err != nil {
		err = fmt.Errorf("store: budget codes: %w", err)
	}
	return issued, used, err
}

// Vote is what a voter sends: the code, an address in the wijk, and the
// chosen project IDs.
type Vote struct {
	WijkID, RoundID string
	Code            string
	Postcode        string
	HouseNumber     int
	ProjectIDs      []string
}

// CastBallot counts a vote once. It refuses, with nothing counted: a round
// that is not voting, an address outside the wijk (checked against the
// CBS postcode table), an unknown code, a used code, and a ballot that
// breaks the round's rule (wijkbudget.CheckBallot). The code is spent and
// the ballot stored in one transaction; of concurrent votes with the same
// code exactly one is counted (the conditional UPDATE on the code row).
// The ballot keeps the voter's buurt, not the address.
func (s *Store) CastBallot(ctx context.Context, v Vote) (string, error) {
	fe := wei.FieldErrors{}
	code := wijkbudget.NormalizeCode(v.Code)
	if code == "" {
		fe.Add("code", "wijkbudget.error.code_unknown")
	}
	buurt, err := s.LookupAddress(ctx, v.Postcode, v.HouseNumber)
	if we := (*wei.Error)(nil); errors.As(err, &we) && len(we.Fields) > 0 {
		for k, m := range we.Fields {
			if k == "number" {
				k = "house_number"
			}
			fe.Add(k, m)
		}
	} else if err != nil {
		return "", err
	}
	if err := fe.Err(); err != nil {
		return "", err
	}
	var buurtOK bool
	if err := s.queryRow(ctx, "SELECT count(*) > 0 FROM buurten WHERE wijk_id = ? AND cbs_code = ?", v.WijkID, buurt).Scan(&buurtOK); err != nil {
		return "", fmt.Errorf("store: cast ballot: %w", err)
	}
	if !buurtOK {
		return "", &wei.Error{Code: wei.EINVALID, Message: "This address is not in the wijk.", Fields: map[string]string{"postcode": "wijkbudget.error.outside"}}
	}
	id := wei.NewID()
	err = s.inTx(ctx, func(tx *Tx) error {
		var phase string
		q := "SELECT phase FROM wijkbudget_rounds WHERE id = ? AND wijk_id = ?"
		if tx.d == Postgres { // a phase change waits for the ballots being cast, and they for it
			q += " FOR SHARE"
		}
		if err := tx.queryRow(ctx, q, v.RoundID, v.WijkID).Scan(&phase); err != nil {
			return notFound(err, "store: cast ballot %s: %w", v.RoundID)
		}
		if wijkbudget.Phase(phase) != wijkbudget.PhaseVoting {
			return &wei.Error{Code: wei.EINVALID, Message: "Voting in this round is closed.", Fields: map[string]string{"code": "wijkbudget.error.closed"}}
		}
		r, err := scanBudgetRound(tx.queryRow(ctx, "SELECT "+budgetRoundCols+" FROM wijkbudget_rounds WHERE id = ?", v.RoundID))
		if err != nil {
			return fmt.Errorf("store: cast ballot: %w", err)
		}
		projects, err := budgetProjects(ctx, tx.query, v.RoundID)
		if err != nil {
			return err
		}
		if err := wijkbudget.CheckBallot(r, projects, v.ProjectIDs); err != nil {
			return err
		}
		h := codeHash(code)
		now := ms(s.now().UTC())
		res, err := tx.exec(ctx, "UPDATE wijkbudget_codes SET used_at = ? WHERE code_hash = ? AND round_id = ? AND used_at = 0", now, h, v.RoundID)
		if err != nil {
			return fmt.Errorf("store: cast ballot: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil {
			return fmt.Errorf("store: cast ballot: %w", err)
		} else if n == 0 {
			var used int64
			err := tx.queryRow(ctx, "SELECT used_at FROM wijkbudget_codes WHERE code_hash = ? AND round_id = ?", h, v.RoundID).Scan(&used)
			if errors.Is(err, sql.ErrNoRows) {
				return &wei.Error{Code: wei.EINVALID, Message: "This voting code is not one of this round.", Fields: map[string]string{"code": "wijkbudget.error.code_unknown"}}
			} else if err != nil {
				return fmt.Errorf("store: cast ballot: %w", err)
			}
			return &wei.Error{Code: wei.ECONFLICT, Message: "This voting code was used already.", Fields: map[string]string{"code": "wijkbudget.error.code_used"}}
		}
		if _, err := tx.exec(ctx, "INSERT INTO wijkbudget_ballots (id, round_id, code_hash, buurt_code, cast_at) VALUES (?, ?, ?, ?, ?)", id, v.RoundID, h, buurt, now); err != nil {
			return mapErr(fmt.Errorf("store: cast ballot: %w", err))
		}
		for _, pid := range v.ProjectIDs {
			if _, err := tx.exec(ctx, "INSERT INTO wijkbudget_choices (ballot_id, round_id, project_id) VALUES (?, ?, ?)", id, v.RoundID, pid); err != nil {
				return mapErr(fmt.Errorf("store: cast ballot: %w", err))
			}
		}
		return nil
	})
	if err != nil {
		return "", err
	}
	return id, nil
}

// BudgetResult counts a round: the votes per project from the stored
// ballots, ranked and funded by wijkbudget.Count.
func (s *Store) BudgetResult(ctx context.Context, r wijkbudget.Round) (wijkbudget.Result, error) {
	projects, err := s.BudgetProjects(ctx, r.ID)
	if err != nil {
		return wijkbudget.Result{}, err
	}
	votes := map[string]int64{}
	rows, err := s.query(ctx, "SELECT project_id, count(*) FROM wijkbudget_choices WHERE round_id = ? GROUP BY project_id", r.ID)
	if err != nil {
		return wijkbudget.Result{}, fmt.Errorf("store: budget result: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		var n int64
		if err := rows.Scan(&id, &n); err != nil {
			return wijkbudget.Result{}, fmt.Errorf("store: budget result: %w", err)
		}
		votes[id] = n
	}
	if err := rows.Err(); err != nil {
		return wijkbudget.Result{}, fmt.Errorf("store: budget result: %w", err)
	}
	var ballots int64
	if err := s.queryRow(ctx, "SELECT count(*) FROM wijkbudget_ballots WHERE round_id = ?", r.ID).Scan(&ballots); err != nil {
		return wijkbudget.Result{}, fmt.Errorf("store: budget result: %w", err)
	}
	return wijkbudget.Count(r, projects, votes, ballots), nil
}

// FundBudgetWinners books a grant from the Wijkbudget account to the
// budget of each winning project's initiative and moves the round to its
// execution phase, all in one transaction: when the wijkbudget holds too
// little, nothing is booked. It is possible in the results phase only.
func (s *Store) FundBudgetWinners(ctx context.Context, wijkID, roundID string, on time.Time, by string) ([]ledger.Transaction, error) {
	if err := s.EnsureChart(ctx, wijkID); err != nil {
		return nil, err
	}
	var out []ledger.Transaction
	err := s.inTxRetry(ctx, func(tx *Tx) error {
		out = nil
		r, err := budgetRoundTx(ctx, tx, wijkID, roundID)
		if err != nil {
			return err
		}
		if r.Phase != wijkbudget.PhaseResults {
			return errBudgetPhase(wijkbudget.PhaseResults)
		}
		// Count inside the transaction: voting is closed, so the count is final.
		projects, err := budgetProjects(ctx, tx.query, roundID)
		if err != nil {
			return err
		}
		votes := map[string]int64{}
		rows, err := tx.query(ctx, "SELECT project_id, count(*) FROM wijkbudget_choices WHERE round_id = ? GROUP BY project_id", roundID)
		if err != nil {
			return fmt.Errorf("store: fund budget winners: %w", err)
		}
		for rows.Next() {
			var id string
			var n int64
			if err := rows.Scan(&id, &n); err != nil {
				rows.Close()
				return fmt.Errorf("store: fund budget winners: %w", err)
			}
			votes[id] = n
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("store: fund budget winners: %w", err)
		}
		res := wijkbudget.Count(r, projects, votes, 0)
		from, err := accountTx(ctx, tx, wijkID, CodeWijkbudget)
		if err != nil {
			return err
		}
		for _, row := range res.Rows {
			p := row.Project
			if row.Outcome != wijkbudget.Won || p.GrantTxID != "" {
				continue
			}
			budget, err := initiativeAccountTx(ctx, tx, wijkID, p.InitiativeID, ledger.TypeBudget)
			if err != nil {
				return err
			}
			t, _, err := bookTx(ctx, tx, ledger.Transaction{WijkID: wijkID, On: on, Description: r.Title + ": " + p.Title,
				Category: "toekenning", IdempotencyKey: budgetGrantKey(r, p), CreatedBy: by,
				Postings: []ledger.Posting{
					{AccountID: budget.ID, Asset: ledger.EUR, Amount: p.CostCents},
					{AccountID: from.ID, Asset: ledger.EUR, Amount: -p.CostCents},
				}})
			if insufficient(err) {
				return &wei.Error{Code: wei.EINVALID, Message: "The wijkbudget holds less than the winning projects cost.",
					Fields: map[string]string{"fund": "wijkbudget.error.insufficient"}}
			} else if err != nil {
				return err
			}
			if _, err := tx.exec(ctx, "UPDATE wijkbudget_projects SET grant_tx_id = ? WHERE id = ?", t.ID, p.ID); err != nil {
				return fmt.Errorf("store: fund budget winners: %w", err)
			}
			out = append(out, t)
		}
		if _, err := tx.exec(ctx, "UPDATE wijkbudget_rounds SET phase = ? WHERE id = ?", string(wijkbudget.PhaseExecution), roundID); err != nil {
			return fmt.Errorf("store: fund budget winners: %w", err)
		}
		return addBudgetEvent(ctx, tx, roundID, "", "phase", string(wijkbudget.PhaseExecution), by, s.now().UTC())
	})
	if err != nil {
		return nil, err
	}
	slices.SortFunc(out, func(a, b ledger.Transaction) int { return int(a.Seq - b.Seq) })
	return out, nil
}

// budgetGrantKey is the idempotency key of a project's grant: the round's
// creation time and the project's number in it. It is unique per wijk and,
// unlike the random IDs, the same on every run of the demo seed.
func budgetGrantKey(r wijkbudget.Round, p wijkbudget.Project) string {
	return fmt.Sprintf("wijkbudget:%d:%d", ms(r.CreatedAt), p.Seq)
}
