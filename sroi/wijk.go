package sroi

import (
	"errors"
	"fmt"
	"math/big"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Combined is the analysis of a wijk built from the analyses of its
// initiatives by CombineWijk.
type Combined struct {
	// Analysis is the wijk's analysis with its own items and those of
	// every initiative, less the shared outcomes counted elsewhere. Give
	// it to Compute and SensitivityOf like any analysis.
	Analysis Analysis
	// Origin maps the ID of every stakeholder, input, output and outcome
	// (excluded outcomes too) to the ID of the analysis it came from.
	Origin map[string]string
	// Shared lists each shared key claimed more than once, in the order
	// of first appearance.
	Shared []SharedOutcome
	// Parts has one row per initiative analysis, in the order given.
	Parts []PartSummary
}

// SharedOutcome is an outcome several analyses claim under one shared key.
type SharedOutcome struct {
	Key      string // as written in the first claim
	Counted  SharedClaim
	Excluded []SharedClaim
}

// SharedClaim is one analysis's outcome under a shared key.
type SharedClaim struct {
	AnalysisID string
	OutcomeID  string
	PV         int64 // at the wijk's discount rate
}

// PartSummary is one initiative within the wijk, at the wijk's discount
// rate and hourly rate.
type PartSummary struct {
	AnalysisID   string
	InitiativeID string
	Title        string
	Inputs       int64
	// PV is the present value of all the initiative's outcomes; PVCounted
	// leaves out those of its shared outcomes that another claim won.
	PV, PVCounted int64
	// Ratio is the initiative's own ratio: PV / Inputs.
	Ratio Ratio
}

// CombineWijk adds the analyses of a wijk's initiatives (parts) to the
// wijk's own analysis w, which sets the period, the discount rate, the
// hourly rate and may hold wijk-wide items of its own (the coordinator's
// hours, say). Every part must cover the same period and wijk, and be of
// an initiative. Inputs are summed: each initiative's inputs are its own.
//
// Outcomes with the same SharedKey (compared without case and surrounding
// space) are one change claimed by several initiatives, for instance the
// same lonely elderly reached by a meal club and a walking group. Counting
// each claim would count that change more than once. CombineWijk counts
// only the claim with the largest present value at the wijk's rate (the
// first in order on a tie) and lists the others as excluded. The largest
// claim is the best single estimate of the change (its attribution already
// says what part others contributed); adding claims over-claims, which the
// SROI guide's principle "do not over-claim" forbids, and taking the
// largest rather than, say, the smallest keeps the initiative's own
// evidence intact. Reports show the excluded claims.
func CombineWijk(w Analysis, parts []Analysis) (Combined, error) {
	w = w.clone()
	parts = append([]Analysis(nil), parts...)
	f := wei.FieldErrors{}
	if err := w.Validate(); err != nil {
		mergeFields(f, "", err)
	}
	if w.Scope != ScopeWijk {
		f.Add("scope", "error.choice")
	}
	for i := range parts {
		p := parts[i].clone()
		prefix := fmt.Sprintf("parts[%d].", i)
		if err := p.Validate(); err != nil {
			mergeFields(f, prefix, err)
		}
		if p.Scope != ScopeInitiative {
			f.Add(prefix+"scope", "error.choice")
		}
		if p.WijkID != w.WijkID {
			f.Add(prefix+"wijk_id", "error.choice")
		}
		if !sameDay(p.Period.From, w.Period.From) || !sameDay(p.Period.To, w.Period.To) {
			f.Add(prefix+"period", KeyPeriodMismatch)
		}
		parts[i] = p
	}
	if err := f.Err(); err != nil {
		return Combined{}, err
	}

	c := Combined{Origin: map[string]string{}}
	m := w.clone()
	seen := func(prefix, kind string, i int, id, from string) {
		if _, dup := c.Origin[id]; dup {
			f.Add(fmt.Sprintf("%s%s[%d].id", prefix, kind, i), KeyDuplicateID)
		}
		c.Origin[id] = from
	}
	sources := append([]Analysis{w}, parts...)
	for k, p := range sources {
		prefix := ""
		if k > 0 {
			prefix = fmt.Sprintf("parts[%d].", k-1)
		}
		for i, x := range p.Stakeholders {
			seen(prefix, "stakeholders", i, x.ID, p.ID)
		}
		for i, x := range p.Inputs {
			seen(prefix, "inputs", i, x.ID, p.ID)
		}
		for i, x := range p.Outputs {
			seen(prefix, "outputs", i, x.ID, p.ID)
		}
		for i, x := range p.Outcomes {
			seen(prefix, "outcomes", i, x.ID, p.ID)
		}
		if k > 0 {
			m.Stakeholders = append(m.Stakeholders, p.Stakeholders...)
			m.Inputs = append(m.Inputs, p.Inputs...)
			m.Outputs = append(m.Outputs, p.Outputs...)
			m.Outcomes = append(m.Outcomes, p.Outcomes...)
		}
	}
	if err := f.Err(); err != nil {
		return Combined{}, err
	}

	// Present values at the wijk's rate, exactly, for the shared claims
	// and the parts.
	maxYears := 0
	for _, o := range m.Outcomes {
		maxYears = max(maxYears, o.DurationYears)
	}
	d := newDiscounter(w.DiscountRate, maxYears)
	pv := make(map[string]*big.Int, len(m.Outcomes)) // numerators over d.den
	for _, o := range m.Outcomes {
		pv[o.ID] = d.presentValue(yearNumerators(o))
	}

	var cr cents
	excluded := map[string]bool{}
	var keys []string // normalised, in order of first appearance
	claims := map[string][]Outcome{}
	for _, o := range m.Outcomes {
		key := strings.ToLower(strings.TrimSpace(o.SharedKey))
		if key == "" {
			continue
		}
		if _, ok := claims[key]; !ok {
			keys = append(keys, key)
		}
		claims[key] = append(claims[key], o)
	}
	for _, key := range keys {
		list := claims[key]
		if len(list) < 2 {
			continue
		}
		best := 0
		for i, o := range list {
			if pv[o.ID].Cmp(pv[list[best].ID]) > 0 {
				best = i
			}
		}
		s := SharedOutcome{Key: list[0].SharedKey}
		for i, o := range list {
			claim := SharedClaim{AnalysisID: c.Origin[o.ID], OutcomeID: o.ID, PV: cr.round(pv[o.ID], d.den)}
			if i == best {
				s.Counted = claim
			} else {
				s.Excluded = append(s.Excluded, claim)
				excluded[o.ID] = true
			}
		}
		c.Shared = append(c.Shared, s)
	}
	kept := m.Outcomes[:0:0]
	for _, o := range m.Outcomes {
		if !excluded[o.ID] {
			kept = append(kept, o)
		}
	}
	m.Outcomes = kept
	c.Analysis = m

	c.Parts = make([]PartSummary, len(parts))
	for i, p := range parts {
		var in int64
		for _, x := range p.Inputs {
			in = cr.add(in, x.Value(w.HourlyRate))
		}
		all, counted := new(big.Int), new(big.Int)
		for _, o := range p.Outcomes {
			all.Add(all, pv[o.ID])
			if !excluded[o.ID] {
				counted.Add(counted, pv[o.ID])
			}
		}
		c.Parts[i] = PartSummary{AnalysisID: p.ID, InitiativeID: p.InitiativeID, Title: p.Title, Inputs: in,
			PV: cr.round(all, d.den), PVCounted: cr.round(counted, d.den), Ratio: ratioOf(all, d.den, in, &cr)}
	}
	if cr.overflow {
		return Combined{}, &wei.Error{Code: wei.EINVALID, Message: "The totals of this wijk are too large.", Fields: map[string]string{"parts": KeyTooLarge}}
	}
	return c, nil
}

// ComputeWijk combines the analyses (CombineWijk) and computes the result.
func ComputeWijk(w Analysis, parts []Analysis) (Combined, Result, error) {
	c, err := CombineWijk(w, parts)
	if err != nil {
		return Combined{}, Result{}, err
	}
	r, err := Compute(c.Analysis)
	if err != nil {
		return Combined{}, Result{}, err
	}
	return c, r, nil
}

// mergeFields copies the field messages of a validation error into f, with
// prefix before each field name.
func mergeFields(f wei.FieldErrors, prefix string, err error) {
	var e *wei.Error
	if !errors.As(err, &e) || len(e.Fields) == 0 {
		f.Add(strings.TrimSuffix(prefix, "."), "error.form")
		return
	}
	for k, v := range e.Fields {
		f.Add(prefix+k, v)
	}
}

func sameDay(a, b time.Time) bool { return a.Year() == b.Year() && a.YearDay() == b.YearDay() }

// YearComparison is one period in a comparison over the years.
type YearComparison struct {
	Period       Period
	DiscountRate BasisPoints
	Inputs       int64
	PV, NPV      int64 // at the period's own discount rate
	Ratio        Ratio
	// RatioChange is the change of the ratio in hundredths against the
	// previous period; HasChange is false for the first period and when
	// either ratio is undefined.
	RatioChange int64
	HasChange   bool
	ByDomain    []DomainValue
}

// CompareYears puts results of successive periods side by side, oldest
// first, for the wijk's comparison over the years. Compare results at
// the same discount rate: each row carries its rate so pages can warn.
func CompareYears(results []Result) []YearComparison {
	rs := append([]Result(nil), results...)
	slices.SortStableFunc(rs, func(x, y Result) int { return x.Period.From.Compare(y.Period.From) })
	out := make([]YearComparison, len(rs))
	for i, r := range rs {
		p := r.Primary()
		out[i] = YearComparison{Period: r.Period, DiscountRate: r.DiscountRate, Inputs: r.Inputs.Total, PV: p.PV, NPV: p.NPV, Ratio: p.Ratio, ByDomain: r.ByDomain}
		if i > 0 && p.Ratio.Defined && out[i-1].Ratio.Defined {
			out[i].RatioChange, out[i].HasChange = p.Ratio.Hundredths-out[i-1].Ratio.Hundredths, true
		}
	}
	return out
}
