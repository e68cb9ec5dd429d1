package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/sroi"
)

// SROI analyses: the impact map of an initiative or of the wijk over a
// period (see the sroi package), stored item by item. Every change is one
// transaction that loads the analysis, applies the change and checks the
// whole analysis with sroi.Compute before it writes: what is saved can
// always be calculated, and a refused change saves nothing.
//
// The inputs of an initiative's analysis come partly from the
// wijkboekhouding, read each time the analysis is loaded, so that they
// follow the books: the money the initiative spent in the period (the
// postings on its expense accounts, Initiatieven:<naam>:Uitgaven) and the
// volunteer time it thanked its volunteers for in the time bank (the
// minutes its time accounts paid in transactions of the category
// "vrijwilligers", less any corrections). SROIAnalysis.Full adds them to
// the inputs entered by hand (in-kind contributions, money and hours
// that are not in the books).

// SROIAnalysis is a stored analysis: the sroi.Analysis with the inputs
// entered by hand, and what the books say for its period.
type SROIAnalysis struct {
	sroi.Analysis
	InitiativeName string // for an initiative's analysis
	// MoneyStakeholderID and TimeStakeholderID name the stakeholder that
	// contributed the money and the volunteer time of the books; "" for
	// none.
	MoneyStakeholderID string
	TimeStakeholderID  string
	Books              SROIBooks
	CreatedBy          string
	UpdatedBy          string
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// SROIBooks is what the wijkboekhouding holds for an initiative's
// analysis over its period.
type SROIBooks struct {
	Read       bool  // true for an initiative's analysis
	MoneyCents int64 // spent: the postings on its expense accounts, not below 0
	Minutes    int64 // volunteer minutes thanked from its time accounts, not below 0
	// MoneyAccounts and TimeAccounts are the codes of the accounts read.
	MoneyAccounts []string
	TimeAccounts  []string
}

// The IDs of the inputs SROIAnalysis.Full adds from the books: the
// analysis's ID with these suffixes.
const (
	sroiBooksMoney = ":boeken:geld"
	sroiBooksTime  = ":boeken:tijd"
)

// SROIBooksInput reports whether an input ID is one of the inputs read
// from the books, and which kind.
func SROIBooksInput(id string) (sroi.InputKind, bool) {
	switch {
	case strings.HasSuffix(id, sroiBooksMoney):
		return sroi.InputMoney, true
	case strings.HasSuffix(id, sroiBooksTime):
		return sroi.InputTime, true
	}
	return "", false
}

// Full returns the analysis with every input: first the money and the
// volunteer time from the books (for an initiative's analysis), then the
// inputs entered by hand. Their descriptions and sources are in Dutch, the
// language of the books; pages show their own text for them
// (SROIBooksInput tells them apart).
func (a SROIAnalysis) Full() sroi.Analysis {
	full := a.Analysis
	if !a.Books.Read {
		full.Inputs = slices.Clone(a.Inputs)
		return full
	}
	period := dateStr(a.Period.From) + " t/m " + dateStr(a.Period.To)
	books := []sroi.Input{
		{ID: a.ID + sroiBooksMoney, StakeholderID: a.MoneyStakeholderID, Kind: sroi.InputMoney, Description: "Uitgaven volgens de wijkboekhouding",
			Amount: a.Books.MoneyCents, Source: "Wijkboekhouding, " + strings.Join(a.Books.MoneyAccounts, ", ") + ", " + period},
		{ID: a.ID + sroiBooksTime, StakeholderID: a.TimeStakeholderID, Kind: sroi.InputTime, Description: "Vrijwilligerstijd volgens de tijdbank",
			Minutes: a.Books.Minutes, Source: "Tijdbank, " + strings.Join(a.Books.TimeAccounts, ", ") + ", " + period},
	}
	full.Inputs = append(books, a.Inputs...)
	return full
}

// SROIPart names the kind of item of an analysis, as the sroi package
// names the fields of its validation errors.
type SROIPart string

const (
	SROIStakeholders SROIPart = "stakeholders"
	SROIInputs       SROIPart = "inputs"
	SROIOutputs      SROIPart = "outputs"
	SROIOutcomes     SROIPart = "outcomes"
)

// KeySROIExists is the message for a second analysis of one subject and period.
const KeySROIExists = "sroi.error.exists"

// KeySROIInUse is the message for an item that other items still refer to.
const KeySROIInUse = "sroi.error.in_use"

// KeySROIProxyRequired is the message for an outcome without a proxy from the library.
const KeySROIProxyRequired = "sroi.error.proxy_required"

// headCheck checks the analysis's own fields (not its items) with the
// rules of the sroi package, and that the stakeholders of the books'
// inputs exist.
func (a *SROIAnalysis) headCheck() wei.FieldErrors {
	f := wei.FieldErrors{}
	head := a.Analysis
	head.Inputs, head.Outputs, head.Outcomes = nil, nil, nil
	head.Stakeholders = slices.Clone(a.Stakeholders)
	if err := head.Validate(); err != nil {
		var e *wei.Error
		if errors.As(err, &e) {
			for k, v := range e.Fields {
				if !strings.HasPrefix(k, "stakeholders[") {
					f.Add(k, v)
				}
			}
		}
	}
	a.Title = head.Title
	known := map[string]bool{"": true}
	for _, s := range a.Stakeholders {
		known[s.ID] = true
	}
	if !known[a.MoneyStakeholderID] {
		f.Add("money_stakeholder_id", "error.choice")
	}
	if !known[a.TimeStakeholderID] {
		f.Add("time_stakeholder_id", "error.choice")
	}
	return f
}

// CreateSROIAnalysis stores a new analysis without items. An initiative
// has one analysis per period, and so has the wijk.
func (s *Store) CreateSROIAnalysis(ctx context.Context, a *SROIAnalysis) error {
	a.Period = sroi.Period{From: day(a.Period.From), To: day(a.Period.To)}
	a.Stakeholders, a.Inputs, a.Outputs, a.Outcomes = nil, nil, nil, nil
	a.MoneyStakeholderID, a.TimeStakeholderID = "", ""
	if a.Scope == sroi.ScopeWijk {
		a.InitiativeID = ""
	}
	f := a.headCheck()
	return s.inTx(ctx, func(tx *Tx) error {
		subject := "wijk"
		if a.Scope == sroi.ScopeInitiative && a.InitiativeID != "" {
			subject = a.InitiativeID
			if err := initiativeInWijk(ctx, tx, a.WijkID, a.InitiativeID); err != nil {
				var e *wei.Error
				if !errors.As(err, &e) {
					return err
				}
				f.Add("initiative_id", "error.choice")
			}
		}
		if _, ok := f["period.from"]; !ok && !a.Period.From.IsZero() && !a.Period.To.IsZero() {
			var n int
			if err := tx.queryRow(ctx, "SELECT count(*) FROM sroi_analyses WHERE wijk_id = ? AND subject = ? AND from_date = ? AND to_date = ?",
				a.WijkID, subject, dateStr(a.Period.From), dateStr(a.Period.To)).Scan(&n); err != nil {
				return fmt.Errorf("store: create sroi analysis: %w", err)
			}
			if n > 0 {
				f.Add("period.from", KeySROIExists)
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		now := tx.s.now().UTC()
		a.ID, a.CreatedAt, a.UpdatedAt, a.UpdatedBy = wei.NewID(), now, now, a.CreatedBy
		if _, err := tx.exec(ctx, `INSERT INTO sroi_analyses (id, wijk_id, scope, initiative_id, subject, title, from_date, to_date, discount_rate_bp, hourly_rate_cents,
			created_by, created_at, updated_by, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			a.ID, a.WijkID, string(a.Scope), nullStr(a.InitiativeID), subject, a.Title, dateStr(a.Period.From), dateStr(a.Period.To),
			int(a.DiscountRate), a.HourlyRate, a.CreatedBy, ms(now), a.CreatedBy, ms(now)); err != nil {
			return mapErr(fmt.Errorf("store: create sroi analysis: %w", err))
		}
		return nil
	})
}

// UpdateSROIAnalysis changes an analysis's title, period, rates and the
// stakeholders of the books' inputs; its scope and initiative stay.
func (s *Store) UpdateSROIAnalysis(ctx context.Context, a *SROIAnalysis, by string) error {
	a.Period = sroi.Period{From: day(a.Period.From), To: day(a.Period.To)}
	return s.inTx(ctx, func(tx *Tx) error {
		cur, err := loadSROITx(ctx, tx, a.WijkID, a.ID)
		if err != nil {
			return err
		}
		next := cur
		next.Title, next.Period, next.DiscountRate, next.HourlyRate = a.Title, a.Period, a.DiscountRate, a.HourlyRate
		next.MoneyStakeholderID, next.TimeStakeholderID = a.MoneyStakeholderID, a.TimeStakeholderID
		f := next.headCheck()
		if _, ok := f["period.from"]; !ok && !next.Period.From.IsZero() && !next.Period.To.IsZero() {
			var n int
			if err := tx.queryRow(ctx, "SELECT count(*) FROM sroi_analyses WHERE wijk_id = ? AND subject = (SELECT subject FROM sroi_analyses WHERE id = ?) AND from_date = ? AND to_date = ? AND id <> ?",
				a.WijkID, a.ID, dateStr(next.Period.From), dateStr(next.Period.To), a.ID).Scan(&n); err != nil {
				return fmt.Errorf("store: update sroi analysis: %w", err)
			}
			if n > 0 {
				f.Add("period.from", KeySROIExists)
			}
		}
		if err := f.Err(); err != nil {
			return err
		}
		if err := checkSROI(next.Analysis, ""); err != nil {
			return err
		}
		now := tx.s.now().UTC()
		if _, err := tx.exec(ctx, `UPDATE sroi_analyses SET title = ?, from_date = ?, to_date = ?, discount_rate_bp = ?, hourly_rate_cents = ?,
			money_stakeholder_id = ?, time_stakeholder_id = ?, updated_by = ?, updated_at = ? WHERE id = ?`,
			next.Title, dateStr(next.Period.From), dateStr(next.Period.To), int(next.DiscountRate), next.HourlyRate,
			next.MoneyStakeholderID, next.TimeStakeholderID, by, ms(now), a.ID); err != nil {
			return mapErr(fmt.Errorf("store: update sroi analysis: %w", err))
		}
		*a = next
		a.UpdatedBy, a.UpdatedAt = by, now
		return nil
	})
}

// checkSROI calculates the analysis to check it. The messages of the
// item at prefix ("outcomes[2].") lose the prefix, so that they name the
// fields of that item's form; the others stay as they are.
func checkSROI(a sroi.Analysis, prefix string) error {
	_, err := sroi.Compute(a)
	if err == nil {
		return nil
	}
	var e *wei.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		return err
	}
	f := wei.FieldErrors{}
	for k, v := range e.Fields {
		if prefix != "" && strings.HasPrefix(k, prefix) {
			k = strings.TrimPrefix(k, prefix)
		}
		f.Add(k, v)
	}
	return f.Err()
}

// SROIAnalysis returns an analysis of a wijk with its items and what the
// books hold for it.
func (s *Store) SROIAnalysis(ctx context.Context, wijkID, id string) (SROIAnalysis, error) {
	var list []SROIAnalysis
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		list, err = loadSROI(ctx, tx, "a.wijk_id = ? AND a.id = ?", wijkID, id)
		return err
	})
	if err != nil {
		return SROIAnalysis{}, err
	}
	if len(list) == 0 {
		return SROIAnalysis{}, fmt.Errorf("store: sroi analysis %s: %w", id, wei.ErrNotFound)
	}
	if err := s.readSROIBooks(ctx, list); err != nil {
		return SROIAnalysis{}, err
	}
	return list[0], nil
}

// SROIAnalyses returns every analysis of a wijk with its items and books,
// newest period first, the wijk's own before the initiatives' (by name).
func (s *Store) SROIAnalyses(ctx context.Context, wijkID string) ([]SROIAnalysis, error) {
	var list []SROIAnalysis
	err := s.inRead(ctx, func(tx *Tx) error {
		var err error
		list, err = loadSROI(ctx, tx, "a.wijk_id = ?", wijkID)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := s.readSROIBooks(ctx, list); err != nil {
		return nil, err
	}
	return list, nil
}

// SROIParts returns the initiatives' analyses of a wijk over exactly the
// period of the wijk's analysis w: the parts that sroi.CombineWijk adds up.
func (s *Store) SROIParts(ctx context.Context, w SROIAnalysis) ([]SROIAnalysis, error) {
	all, err := s.SROIAnalyses(ctx, w.WijkID)
	if err != nil {
		return nil, err
	}
	var parts []SROIAnalysis
	for _, a := range all {
		if a.Scope == sroi.ScopeInitiative && a.Period.From.Equal(w.Period.From) && a.Period.To.Equal(w.Period.To) {
			parts = append(parts, a)
		}
	}
	return parts, nil
}

// loadSROITx loads one analysis of a wijk, without the books, inside a
// write transaction.
func loadSROITx(ctx context.Context, tx *Tx, wijkID, id string) (SROIAnalysis, error) {
	list, err := loadSROI(ctx, tx, "a.wijk_id = ? AND a.id = ?", wijkID, id)
	if err != nil {
		return SROIAnalysis{}, err
	}
	if len(list) == 0 {
		return SROIAnalysis{}, fmt.Errorf("store: sroi analysis %s: %w", id, wei.ErrNotFound)
	}
	return list[0], nil
}

// loadSROI loads the analyses that where (on sroi_analyses a) selects,
// with their items, without the books.
func loadSROI(ctx context.Context, tx *Tx, where string, args ...any) ([]SROIAnalysis, error) {
	rows, err := tx.query(ctx, `SELECT a.id, a.wijk_id, a.scope, COALESCE(a.initiative_id, ''), COALESCE(o.name, ''), a.title, a.from_date, a.to_date,
		a.discount_rate_bp, a.hourly_rate_cents, a.money_stakeholder_id, a.time_stakeholder_id, a.created_by, a.created_at, a.updated_by, a.updated_at
		FROM sroi_analyses a LEFT JOIN organisations o ON o.id = a.initiative_id
		WHERE `+where+` ORDER BY a.from_date DESC, a.to_date DESC, CASE WHEN a.scope = 'wijk' THEN 0 ELSE 1 END, o.name, a.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: sroi analyses: %w", err)
	}
	var list []SROIAnalysis
	index := map[string]int{}
	for rows.Next() {
		var a SROIAnalysis
		var scope, from, to string
		var rate int
		var created, updated int64
		if err := rows.Scan(&a.ID, &a.WijkID, &scope, &a.InitiativeID, &a.InitiativeName, &a.Title, &from, &to, &rate, &a.HourlyRate,
			&a.MoneyStakeholderID, &a.TimeStakeholderID, &a.CreatedBy, &created, &a.UpdatedBy, &updated); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: sroi analyses: %w", err)
		}
		a.Scope, a.Period, a.DiscountRate = sroi.Scope(scope), sroi.Period{From: parseDate(from), To: parseDate(to)}, sroi.BasisPoints(rate)
		a.CreatedAt, a.UpdatedAt = fromMS(created), fromMS(updated)
		index[a.ID] = len(list)
		list = append(list, a)
	}
	if err := rows.Err(); err != nil {
		rows.Close()
		return nil, fmt.Errorf("store: sroi analyses: %w", err)
	}
	if err := rows.Close(); err != nil {
		return nil, fmt.Errorf("store: sroi analyses: %w", err)
	}
	if len(list) == 0 {
		return nil, nil
	}
	items := func(table, cols string, scan func(*sql.Rows, *SROIAnalysis) error) error {
		rows, err := tx.query(ctx, `SELECT x.analysis_id, `+cols+` FROM `+table+` x JOIN sroi_analyses a ON a.id = x.analysis_id
			WHERE `+where+` ORDER BY x.analysis_id, x.position, x.id`, args...)
		if err != nil {
			return fmt.Errorf("store: %s: %w", table, err)
		}
		defer rows.Close()
		for rows.Next() {
			var aid string
			var a SROIAnalysis // scanned into first, then appended to its analysis
			if err := scan(rows, &a); err != nil {
				return fmt.Errorf("store: %s: %w", table, err)
			}
			aid = a.ID
			t := &list[index[aid]]
			t.Stakeholders = append(t.Stakeholders, a.Stakeholders...)
			t.Inputs = append(t.Inputs, a.Inputs...)
			t.Outputs = append(t.Outputs, a.Outputs...)
			t.Outcomes = append(t.Outcomes, a.Outcomes...)
		}
		return rows.Err()
	}
	err = items("sroi_stakeholders", "x.id, x.name, x.domain, x.description", func(r *sql.Rows, a *SROIAnalysis) error {
		var x sroi.Stakeholder
		var domain string
		if err := r.Scan(&a.ID, &x.ID, &x.Name, &domain, &x.Description); err != nil {
			return err
		}
		x.Domain = sroi.Domain(domain)
		a.Stakeholders = []sroi.Stakeholder{x}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = items("sroi_inputs", "x.id, COALESCE(x.stakeholder_id, ''), x.kind, x.description, x.amount_cents, x.minutes, x.source", func(r *sql.Rows, a *SROIAnalysis) error {
		var x sroi.Input
		var kind string
		if err := r.Scan(&a.ID, &x.ID, &x.StakeholderID, &kind, &x.Description, &x.Amount, &x.Minutes, &x.Source); err != nil {
			return err
		}
		x.Kind = sroi.InputKind(kind)
		a.Inputs = []sroi.Input{x}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = items("sroi_outputs", "x.id, COALESCE(x.stakeholder_id, ''), x.description, x.quantity, x.unit", func(r *sql.Rows, a *SROIAnalysis) error {
		var x sroi.Output
		if err := r.Scan(&a.ID, &x.ID, &x.StakeholderID, &x.Description, &x.Quantity, &x.Unit); err != nil {
			return err
		}
		a.Outputs = []sroi.Output{x}
		return nil
	})
	if err != nil {
		return nil, err
	}
	err = items("sroi_outcomes", `x.id, x.stakeholder_id, COALESCE(x.output_id, ''), x.description, x.indicator, x.indicator_source, x.quantity, x.duration_years,
		x.proxy_id, x.proxy_name, x.proxy_value_cents, x.proxy_unit, x.proxy_source, x.proxy_url, x.proxy_year, x.proxy_note,
		x.deadweight_bp, x.displacement_bp, x.attribution_bp, x.drop_off_bp, x.deadweight_source, x.displacement_source, x.attribution_source, x.drop_off_source,
		x.negative, x.shared_key`, func(r *sql.Rows, a *SROIAnalysis) error {
		var x sroi.Outcome
		var dw, ds, at, do int
		p := &x.Proxy
		if err := r.Scan(&a.ID, &x.ID, &x.StakeholderID, &x.OutputID, &x.Description, &x.Indicator, &x.IndicatorSource, &x.Quantity, &x.DurationYears,
			&p.ID, &p.Name, &p.Value, &p.Unit, &p.Source, &p.URL, &p.Year, &p.Note,
			&dw, &ds, &at, &do, &x.DeadweightSource, &x.DisplacementSource, &x.AttributionSource, &x.DropOffSource,
			&x.Negative, &x.SharedKey); err != nil {
			return err
		}
		x.Deadweight, x.Displacement, x.Attribution, x.DropOff = sroi.BasisPoints(dw), sroi.BasisPoints(ds), sroi.BasisPoints(at), sroi.BasisPoints(do)
		a.Outcomes = []sroi.Outcome{x}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return list, nil
}

// readSROIBooks fills in the books of the initiatives' analyses: the
// totals of their expense accounts over each period (read once per
// period) and their volunteer minutes.
func (s *Store) readSROIBooks(ctx context.Context, list []SROIAnalysis) error {
	totals := map[sroi.Period][]AccountTotal{}
	for i := range list {
		a := &list[i]
		if a.Scope != sroi.ScopeInitiative {
			continue
		}
		b := SROIBooks{Read: true}
		tt, ok := totals[a.Period]
		if !ok {
			var err error
			if tt, err = s.AccountTotals(ctx, a.WijkID, a.Period.From, a.Period.To); err != nil {
				return err
			}
			totals[a.Period] = tt
		}
		for _, t := range tt {
			if t.OrganisationID == a.InitiativeID && t.Type == ledger.TypeExpense && t.Asset == ledger.EUR {
				b.MoneyCents += t.Total
				b.MoneyAccounts = append(b.MoneyAccounts, t.Code)
			}
			if t.OrganisationID == a.InitiativeID && t.Asset == ledger.Time {
				b.TimeAccounts = append(b.TimeAccounts, t.Code)
			}
		}
		b.MoneyCents = min(max(b.MoneyCents, 0), sroi.MaxAmount)
		// The minutes the initiative's time accounts paid to volunteers in
		// the period, corrections (reversals keep the category) included.
		var paid int64
		if err := s.queryRow(ctx, `SELECT COALESCE(SUM(p.amount), 0) FROM ledger_postings p
			JOIN ledger_transactions t ON t.id = p.transaction_id
			JOIN ledger_accounts acc ON acc.id = p.account_id
			WHERE t.wijk_id = ? AND t.category = ? AND t.on_date >= ? AND t.on_date <= ?
			AND acc.organisation_id = ? AND acc.asset = ?`,
			a.WijkID, CategoryVolunteer, dateStr(a.Period.From), dateStr(a.Period.To), a.InitiativeID, ledger.Time).Scan(&paid); err != nil {
			return fmt.Errorf("store: sroi volunteer minutes: %w", err)
		}
		b.Minutes = min(max(-paid, 0), sroi.MaxMinutes)
		a.Books = b
	}
	return nil
}

// The items of an analysis. Each save adds the item (its ID empty: it gets
// a new one, at the end) or replaces the one with its ID, checks the whole
// analysis and writes the item, in one transaction.

// SaveSROIStakeholder adds or changes a stakeholder of an analysis.
func (s *Store) SaveSROIStakeholder(ctx context.Context, wijkID, analysisID string, x *sroi.Stakeholder, by string) error {
	return s.saveSROIItem(ctx, wijkID, analysisID, SROIStakeholders, &x.ID, by, func(a *SROIAnalysis, isNew bool) int {
		return place(&a.Stakeholders, *x, x.ID, isNew, func(v sroi.Stakeholder) string { return v.ID })
	}, func(a *SROIAnalysis, i int) { *x = a.Stakeholders[i] }, func(ctx context.Context, tx *Tx, isNew bool, pos int) error {
		if isNew {
			_, err := tx.exec(ctx, "INSERT INTO sroi_stakeholders (id, analysis_id, position, name, domain, description) VALUES (?, ?, ?, ?, ?, ?)",
				x.ID, analysisID, pos, x.Name, string(x.Domain), x.Description)
			return err
		}
		_, err := tx.exec(ctx, "UPDATE sroi_stakeholders SET name = ?, domain = ?, description = ? WHERE id = ?", x.Name, string(x.Domain), x.Description, x.ID)
		return err
	})
}

// SaveSROIInput adds or changes an input entered by hand.
func (s *Store) SaveSROIInput(ctx context.Context, wijkID, analysisID string, x *sroi.Input, by string) error {
	// Only the figure of its kind counts: a time input has no amount.
	if x.Kind == sroi.InputTime {
		x.Amount = 0
	} else {
		x.Minutes = 0
	}
	return s.saveSROIItem(ctx, wijkID, analysisID, SROIInputs, &x.ID, by, func(a *SROIAnalysis, isNew bool) int {
		return place(&a.Inputs, *x, x.ID, isNew, func(v sroi.Input) string { return v.ID })
	}, func(a *SROIAnalysis, i int) { *x = a.Inputs[i] }, func(ctx context.Context, tx *Tx, isNew bool, pos int) error {
		if isNew {
			_, err := tx.exec(ctx, "INSERT INTO sroi_inputs (id, analysis_id, position, stakeholder_id, kind, description, amount_cents, minutes, source) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
				x.ID, analysisID, pos, nullStr(x.StakeholderID), string(x.Kind), x.Description, x.Amount, x.Minutes, x.Source)
			return err
		}
		_, err := tx.exec(ctx, "UPDATE sroi_inputs SET stakeholder_id = ?, kind = ?, description = ?, amount_cents = ?, minutes = ?, source = ? WHERE id = ?",
			nullStr(x.StakeholderID), string(x.Kind), x.Description, x.Amount, x.Minutes, x.Source, x.ID)
		return err
	})
}

// SaveSROIOutput adds or changes an output.
func (s *Store) SaveSROIOutput(ctx context.Context, wijkID, analysisID string, x *sroi.Output, by string) error {
	return s.saveSROIItem(ctx, wijkID, analysisID, SROIOutputs, &x.ID, by, func(a *SROIAnalysis, isNew bool) int {
		return place(&a.Outputs, *x, x.ID, isNew, func(v sroi.Output) string { return v.ID })
	}, func(a *SROIAnalysis, i int) { *x = a.Outputs[i] }, func(ctx context.Context, tx *Tx, isNew bool, pos int) error {
		if isNew {
			_, err := tx.exec(ctx, "INSERT INTO sroi_outputs (id, analysis_id, position, stakeholder_id, description, quantity, unit) VALUES (?, ?, ?, ?, ?, ?, ?)",
				x.ID, analysisID, pos, nullStr(x.StakeholderID), x.Description, x.Quantity, x.Unit)
			return err
		}
		_, err := tx.exec(ctx, "UPDATE sroi_outputs SET stakeholder_id = ?, description = ?, quantity = ?, unit = ? WHERE id = ?",
			nullStr(x.StakeholderID), x.Description, x.Quantity, x.Unit, x.ID)
		return err
	})
}

// SaveSROIOutcome adds or changes an outcome. Its proxy comes from the
// wijk's library, by x.Proxy.ID: a new outcome, or one that changes to
// another proxy, gets a copy of the library entry as it is now; an outcome
// that keeps its proxy keeps its copy, unless refreshProxy asks for the
// library's current figures.
func (s *Store) SaveSROIOutcome(ctx context.Context, wijkID, analysisID string, x *sroi.Outcome, refreshProxy bool, by string) error {
	var proxyErr string
	err := s.saveSROIItem(ctx, wijkID, analysisID, SROIOutcomes, &x.ID, by, func(a *SROIAnalysis, isNew bool) int {
		return place(&a.Outcomes, *x, x.ID, isNew, func(v sroi.Outcome) string { return v.ID })
	}, func(a *SROIAnalysis, i int) { *x = a.Outcomes[i] }, func(ctx context.Context, tx *Tx, isNew bool, pos int) error {
		p := x.Proxy
		if isNew {
			_, err := tx.exec(ctx, `INSERT INTO sroi_outcomes (id, analysis_id, position, stakeholder_id, output_id, description, indicator, indicator_source, quantity, duration_years,
				proxy_id, proxy_name, proxy_value_cents, proxy_unit, proxy_source, proxy_url, proxy_year, proxy_note,
				deadweight_bp, displacement_bp, attribution_bp, drop_off_bp, deadweight_source, displacement_source, attribution_source, drop_off_source, negative, shared_key)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
				x.ID, analysisID, pos, x.StakeholderID, nullStr(x.OutputID), x.Description, x.Indicator, x.IndicatorSource, x.Quantity, x.DurationYears,
				p.ID, p.Name, p.Value, p.Unit, p.Source, p.URL, p.Year, p.Note,
				int(x.Deadweight), int(x.Displacement), int(x.Attribution), int(x.DropOff), x.DeadweightSource, x.DisplacementSource, x.AttributionSource, x.DropOffSource,
				x.Negative, x.SharedKey)
			return err
		}
		_, err := tx.exec(ctx, `UPDATE sroi_outcomes SET stakeholder_id = ?, output_id = ?, description = ?, indicator = ?, indicator_source = ?, quantity = ?, duration_years = ?,
			proxy_id = ?, proxy_name = ?, proxy_value_cents = ?, proxy_unit = ?, proxy_source = ?, proxy_url = ?, proxy_year = ?, proxy_note = ?,
			deadweight_bp = ?, displacement_bp = ?, attribution_bp = ?, drop_off_bp = ?, deadweight_source = ?, displacement_source = ?, attribution_source = ?, drop_off_source = ?,
			negative = ?, shared_key = ? WHERE id = ?`,
			x.StakeholderID, nullStr(x.OutputID), x.Description, x.Indicator, x.IndicatorSource, x.Quantity, x.DurationYears,
			p.ID, p.Name, p.Value, p.Unit, p.Source, p.URL, p.Year, p.Note,
			int(x.Deadweight), int(x.Displacement), int(x.Attribution), int(x.DropOff), x.DeadweightSource, x.DisplacementSource, x.AttributionSource, x.DropOffSource,
			x.Negative, x.SharedKey, x.ID)
		return err
	}, func(ctx context.Context, tx *Tx, a *SROIAnalysis, isNew bool) error {
		// Before the check: the proxy the outcome will hold.
		var cur sroi.Proxy
		if !isNew {
			for _, o := range a.Outcomes {
				if o.ID == x.ID {
					cur = o.Proxy
				}
			}
		}
		if x.Proxy.ID == "" && !isNew && !refreshProxy {
			x.Proxy = cur // a copy whose library entry is unknown stays
			return nil
		}
		if !isNew && x.Proxy.ID == cur.ID && !refreshProxy {
			x.Proxy = cur
			return nil
		}
		if x.Proxy.ID == "" {
			proxyErr, x.Proxy = KeySROIProxyRequired, sroi.Proxy{} // an empty proxy fails the check
			return nil
		}
		p, err := proxyTx(ctx, tx, wijkID, x.Proxy.ID)
		if errors.Is(err, wei.ErrNotFound) {
			proxyErr, x.Proxy = "error.choice", sroi.Proxy{}
			return nil
		} else if err != nil {
			return err
		}
		x.Proxy = p
		return nil
	})
	if proxyErr != "" {
		f := wei.FieldErrors{}
		var e *wei.Error
		if errors.As(err, &e) && e.Code == wei.EINVALID {
			for k, v := range e.Fields {
				if !strings.HasPrefix(k, "proxy.") {
					f.Add(k, v)
				}
			}
		}
		f.Add("proxy_id", proxyErr)
		return f.Err()
	}
	return err
}

// place puts v into the list: appended when new (its ID set), or in the
// place of the item with its ID. It returns the index, or -1 when no item
// has the ID.
func place[T any](list *[]T, v T, id string, isNew bool, idOf func(T) string) int {
	if isNew {
		*list = append(*list, v)
		return len(*list) - 1
	}
	for i := range *list {
		if idOf((*list)[i]) == id {
			(*list)[i] = v
			return i
		}
	}
	return -1
}

// saveSROIItem is the transaction of every item save: load the analysis,
// run prepare (optional), put the item in place, check the whole analysis,
// take back the item as the check tidied it (trimmed texts), write it and
// mark the analysis as changed.
func (s *Store) saveSROIItem(ctx context.Context, wijkID, analysisID string, part SROIPart, id *string, by string,
	put func(*SROIAnalysis, bool) int, get func(*SROIAnalysis, int), write func(context.Context, *Tx, bool, int) error,
	prepare ...func(context.Context, *Tx, *SROIAnalysis, bool) error) error {
	isNew := *id == ""
	return s.inTx(ctx, func(tx *Tx) error {
		a, err := loadSROITx(ctx, tx, wijkID, analysisID)
		if err != nil {
			return err
		}
		if !isNew {
			if _, books := SROIBooksInput(*id); books {
				return fmt.Errorf("store: the books' inputs of %s are read, not saved: %w", analysisID, wei.ErrNotFound)
			}
		}
		for _, p := range prepare {
			if err := p(ctx, tx, &a, isNew); err != nil {
				return err
			}
		}
		if isNew {
			*id = wei.NewID()
		}
		i := put(&a, isNew)
		if i < 0 {
			return fmt.Errorf("store: sroi %s %s: %w", part, *id, wei.ErrNotFound)
		}
		// Checked without the books' inputs (loadSROITx does not read
		// them): they are valid by construction and change with the
		// books, not with this save.
		if err := checkSROI(a.Analysis, fmt.Sprintf("%s[%d].", part, i)); err != nil {
			if isNew {
				*id = ""
			}
			return err
		}
		// Compute checked a copy; Validate tidies the item itself (trimmed
		// texts), which get hands back to the caller for writing.
		if err := a.Analysis.Validate(); err != nil {
			return err
		}
		get(&a, i)
		pos := i
		if isNew {
			table := "sroi_" + string(part)
			if err := tx.queryRow(ctx, "SELECT COALESCE(MAX(position), -1) + 1 FROM "+table+" WHERE analysis_id = ?", analysisID).Scan(&pos); err != nil {
				return fmt.Errorf("store: sroi %s: %w", part, err)
			}
		}
		if err := write(ctx, tx, isNew, pos); err != nil {
			if isNew {
				*id = ""
			}
			return mapErr(fmt.Errorf("store: save sroi %s: %w", part, err))
		}
		return touchSROI(ctx, tx, analysisID, by)
	})
}

func touchSROI(ctx context.Context, tx *Tx, analysisID, by string) error {
	if _, err := tx.exec(ctx, "UPDATE sroi_analyses SET updated_by = ?, updated_at = ? WHERE id = ?", by, ms(tx.s.now().UTC()), analysisID); err != nil {
		return fmt.Errorf("store: sroi analysis %s: %w", analysisID, err)
	}
	return nil
}

// DeleteSROIItem removes an item of an analysis. A stakeholder that an
// input, output or outcome (or the books' inputs) names, and an output
// that an outcome follows from, stay: the error names them with
// KeySROIInUse.
func (s *Store) DeleteSROIItem(ctx context.Context, wijkID, analysisID string, part SROIPart, id, by string) error {
	return s.inTx(ctx, func(tx *Tx) error {
		a, err := loadSROITx(ctx, tx, wijkID, analysisID)
		if err != nil {
			return err
		}
		found, inUse := false, false
		switch part {
		case SROIStakeholders:
			found = slices.ContainsFunc(a.Stakeholders, func(x sroi.Stakeholder) bool { return x.ID == id })
			inUse = a.MoneyStakeholderID == id || a.TimeStakeholderID == id ||
				slices.ContainsFunc(a.Inputs, func(x sroi.Input) bool { return x.StakeholderID == id }) ||
				slices.ContainsFunc(a.Outputs, func(x sroi.Output) bool { return x.StakeholderID == id }) ||
				slices.ContainsFunc(a.Outcomes, func(x sroi.Outcome) bool { return x.StakeholderID == id })
		case SROIInputs:
			found = slices.ContainsFunc(a.Inputs, func(x sroi.Input) bool { return x.ID == id })
		case SROIOutputs:
			found = slices.ContainsFunc(a.Outputs, func(x sroi.Output) bool { return x.ID == id })
			inUse = slices.ContainsFunc(a.Outcomes, func(x sroi.Outcome) bool { return x.OutputID == id })
		case SROIOutcomes:
			found = slices.ContainsFunc(a.Outcomes, func(x sroi.Outcome) bool { return x.ID == id })
		default:
			return fmt.Errorf("store: sroi part %q: %w", part, wei.ErrNotFound)
		}
		if !found {
			return fmt.Errorf("store: sroi %s %s: %w", part, id, wei.ErrNotFound)
		}
		if inUse {
			return &wei.Error{Code: wei.EINVALID, Message: "Other parts of the analysis still refer to this.", Fields: map[string]string{"_": KeySROIInUse}}
		}
		if _, err := tx.exec(ctx, "DELETE FROM sroi_"+string(part)+" WHERE id = ? AND analysis_id = ?", id, analysisID); err != nil {
			return mapErr(fmt.Errorf("store: delete sroi %s: %w", part, err))
		}
		return touchSROI(ctx, tx, analysisID, by)
	})
}
