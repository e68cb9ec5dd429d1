// Package sroi is the impact module of WEI: Social Return on Investment per
// initiative and per wijk, following "A guide to Social Return on
// Investment" (SROI Network / Social Value UK, 2012; the 2009 Cabinet Office
// guide with its language updated). An analysis is an impact map —
// stakeholders, inputs, outputs and outcomes — from which Compute derives
// the value created; SensitivityOf and RunScenarios test how much that
// value rests on each assumption; CombineWijk adds the initiatives of a
// wijk up without counting a shared outcome twice; CompareYears sets
// periods side by side. DefaultProxies is the starting library of
// financial proxies.
//
// The package is pure: it reads no database and serves no pages. The store
// fills an Analysis (money from the wijkboekhouding, minutes from the time
// bank) and the pages show a Result.
//
// # Money and rounding
//
// Money is in integer euro cents. The calculation itself is exact: every
// figure of an analysis is a rational number (percentages and rates are
// basis points, and powers of rationals stay rational), so Compute works
// in big integers over a common denominator (see calc.go) and rounds each
// figure it reports once, to the cent, half away from zero. The ratio is
// rounded the same way to two decimals and the payback period to a tenth
// of a month. Because each
// figure is rounded on its own, a column of rounded figures may differ
// from its rounded total by a cent. Exact arithmetic makes the cents the
// same on every machine (float64 is not: Go may fuse a multiply and an add
// on some processors) and lets an evaluator redo the sums by hand.
//
// Sensitivity analysis searches and varies assumptions thousands of times;
// it works in float64 and reports ratios and break-even values, which are
// estimates to two decimals anyway. Tests check that both paths agree.
package sroi

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/wijk"
)

// BasisPoints is a percentage in hundredths of a percent: 2500 is 25%,
// 225 is 2.25%. Percentages are stored and validated as basis points so
// that no float ever reaches the books.
type BasisPoints int

// Whole is 100% in basis points.
const Whole BasisPoints = 10000

// Percent returns b as a percentage, for charts: 2500 gives 25.
func (b BasisPoints) Percent() float64 { return float64(b) / 100 }

// ParseBasisPoints reads a percentage as a person types it: "25", "12,5",
// "12.50" or "7,25 %". It allows at most two decimals and a leading minus
// sign (so that validation, not parsing, tells the user the range).
func ParseBasisPoints(s string) (BasisPoints, bool) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	s = strings.ReplaceAll(s, ",", ".")
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, hasFrac := strings.Cut(s, ".")
	if whole == "" || len(whole) > 6 || (hasFrac && (frac == "" || len(frac) > 2)) {
		return 0, false
	}
	for len(frac) < 2 {
		frac += "0"
	}
	w, err1 := strconv.Atoi(whole)
	f, err2 := strconv.Atoi(frac)
	if err1 != nil || err2 != nil || strings.ContainsAny(whole+frac, "+-") {
		return 0, false
	}
	bp := BasisPoints(w*100 + f)
	if neg {
		bp = -bp
	}
	return bp, true
}

// Discount rates. DutchDiscountRate is the standard rate for Dutch social
// cost-benefit analysis (MKBA) since 1 January 2021: 2.25% real, made of a
// risk-free part of -1% and a risk premium of 3.25% (Rapport Werkgroep
// discontovoet 2020, adopted by the cabinet). GreenBookDiscountRate is the
// UK Treasury Green Book social time preference rate for the first 30
// years, 3.5%, which the SROI guide refers to. Every Result shows both.
const (
	DutchDiscountRate     BasisPoints = 225
	GreenBookDiscountRate BasisPoints = 350
)

// ReferenceRates are the rates every Result is computed at besides the
// analysis's own rate.
var ReferenceRates = []BasisPoints{DutchDiscountRate, GreenBookDiscountRate}

// DefaultHourlyRate values an hour of volunteer time, in cents: the Dutch
// statutory minimum wage for employees of 21 and older on 1 January 2025,
// € 14,06 gross per hour (Regeling indexatie wettelijk minimumloon per
// 1 januari 2025). The minimum wage is a conservative replacement cost;
// the SROI guide asks that volunteer time be valued as an input. Each
// analysis may set its own rate.
const DefaultHourlyRate int64 = 1406

// Limits keep every product of an analysis far inside an int64 of cents
// and catch typing errors (a quantity with three zeros too many).
const (
	MaxDurationYears = 50
	MaxQuantity      = 10_000_000      // units of one outcome or output
	MaxProxyValue    = 100_000_000     // cents per unit: € 1.000.000
	MaxAmount        = 100_000_000_000 // cents of one input: € 1 miljard
	MaxMinutes       = 1_000_000_000   // minutes of one input
	MaxHourlyRate    = 100_000         // cents: € 1.000 per hour
	maxName          = 200
	maxText          = 4000
)

// Locale keys of the validation messages of this package, used as values in
// wei.Error.Fields (next to the general keys error.required, error.choice,
// error.too_long, error.date and error.date_order).
const (
	KeyPercentage     = "sroi.error.percentage"      // a percentage outside 0–100
	KeyQuantity       = "sroi.error.quantity"        // a quantity below 0 or above MaxQuantity
	KeyDuration       = "sroi.error.duration"        // a duration outside 1–MaxDurationYears years
	KeyProxyValue     = "sroi.error.proxy_value"     // a proxy of € 0 or less, or above MaxProxyValue
	KeyProxySource    = "sroi.error.proxy_source"    // a proxy without a source
	KeyProxyYear      = "sroi.error.proxy_year"      // the year of a proxy's source outside 1900–2100
	KeyAmount         = "sroi.error.amount"          // an input amount below 0 or above MaxAmount
	KeyMinutes        = "sroi.error.minutes"         // volunteer minutes below 0 or above MaxMinutes
	KeyInKindSource   = "sroi.error.in_kind_source"  // an in-kind input without how it was valued
	KeyHourlyRate     = "sroi.error.hourly_rate"     // an hourly rate below 0 or above MaxHourlyRate
	KeyNoInputs       = "sroi.error.no_inputs"       // no inputs in the period: the ratio is undefined
	KeyTooLarge       = "sroi.error.too_large"       // a total that does not fit the books
	KeyDuplicateID    = "sroi.error.duplicate_id"    // two items with one ID
	KeyPeriodMismatch = "sroi.error.period_mismatch" // an initiative analysed over another period than the wijk
)

// Scope is what an analysis is about.
type Scope string

const (
	ScopeInitiative Scope = "initiative"
	ScopeWijk       Scope = "wijk"
)

// Domain is who a stakeholder is, in the terms of the WEI-model: the
// residents and the partner domains of wijk.Domains, so that the wijk
// report can say who gains what.
type Domain string

const (
	DomainBewoners         Domain = "bewoners"
	DomainGemeente         Domain = Domain(wijk.DomainGemeente)
	DomainWoningcorporatie Domain = Domain(wijk.DomainWoningcorporatie)
	DomainWelzijn          Domain = Domain(wijk.DomainWelzijn) // welzijn and zorg
	DomainOndernemer       Domain = Domain(wijk.DomainOndernemer)
	DomainOnderwijs        Domain = Domain(wijk.DomainOnderwijs) // onderwijs and wetenschap
)

// Domains lists every domain: residents first, then the partner domains in
// the order of wijk.Domains.
var Domains = []Domain{DomainBewoners, DomainGemeente, DomainWoningcorporatie, DomainWelzijn, DomainOndernemer, DomainOnderwijs}

// Period is the span of days an analysis covers; From and To are both
// included. The inputs are those of the period; outcomes may last longer.
type Period struct {
	From time.Time `json:"from"`
	To   time.Time `json:"to"`
}

// Analysis is the impact map of one initiative, or of the wijk, over a
// period, with the settings of its calculation.
type Analysis struct {
	ID           string
	WijkID       string
	Scope        Scope
	InitiativeID string // the organisation analysed, for ScopeInitiative
	Title        string
	Period       Period
	// DiscountRate is the rate the analysis is reported at; Results also
	// show ReferenceRates. Usually DutchDiscountRate.
	DiscountRate BasisPoints
	// HourlyRate values volunteer time, in cents per hour; usually
	// DefaultHourlyRate. Zero leaves volunteer time unvalued, which the
	// report then has to explain.
	HourlyRate   int64
	Stakeholders []Stakeholder
	Inputs       []Input
	Outputs      []Output
	Outcomes     []Outcome
}

// Stakeholder is a group that experiences change or contributes.
type Stakeholder struct {
	ID          string
	Name        string // a group, never a person: "deelnemers", "de gemeente"
	Domain      Domain
	Description string
}

// InputKind is what an input consists of.
type InputKind string

const (
	InputMoney  InputKind = "money"   // from the wijkboekhouding, in cents
	InputTime   InputKind = "time"    // volunteer time from the time bank, in minutes
	InputInKind InputKind = "in_kind" // goods, space or services given, valued in cents
)

// InputKinds lists every kind.
var InputKinds = []InputKind{InputMoney, InputTime, InputInKind}

// Input is a contribution to the activity in the period.
type Input struct {
	ID            string
	StakeholderID string // who contributed it; optional
	Kind          InputKind
	Description   string
	Amount        int64  // cents, for money and in-kind inputs
	Minutes       int64  // for time inputs
	Source        string // where the figure comes from; required for in-kind inputs (how they were valued)
}

// Value returns what the input counts for in cents: the amount, or the
// minutes at hourlyRate cents per hour, rounded half up to the cent.
func (in Input) Value(hourlyRate int64) int64 {
	if in.Kind == InputTime {
		return (in.Minutes*hourlyRate*2 + 60) / 120
	}
	return in.Amount
}

// Output is a measure of the activity itself: "12 bijeenkomsten".
type Output struct {
	ID            string
	StakeholderID string // optional
	Description   string
	Quantity      int64
	Unit          string
}

// Outcome is a change a stakeholder experiences, with its indicator,
// quantity, duration, financial proxy and the four adjustments of the SROI
// guide. The adjustments are in basis points; each has a field for its
// evidence, which the report shows beside it.
type Outcome struct {
	ID              string
	StakeholderID   string
	OutputID        string // the output it follows from; optional
	Description     string // the change: "minder eenzaam"
	Indicator       string // how the change is seen: "score op de eenzaamheidsschaal"
	IndicatorSource string // where the quantity comes from: a survey, a register
	Quantity        int64  // how many units (people, households, kg) experienced it
	DurationYears   int    // how long it lasts, 1 or more years
	Proxy           Proxy  // the value of one unit for one year
	// Deadweight is the part that would have happened anyway.
	Deadweight BasisPoints
	// Displacement is the part that displaced other outcomes.
	Displacement BasisPoints
	// Attribution is the part due to others than this activity.
	Attribution BasisPoints
	// DropOff is the part by which the outcome declines each year after the first.
	DropOff            BasisPoints
	DeadweightSource   string
	DisplacementSource string
	AttributionSource  string
	DropOffSource      string
	// Negative marks an unintended negative outcome: its value is
	// subtracted. The SROI guide asks to include them.
	Negative bool
	// SharedKey names an outcome that several initiatives of the wijk may
	// claim ("eenzaamheid-ouderen-noord"). CombineWijk counts outcomes
	// with the same key once.
	SharedKey string
}

// Proxy is a financial proxy: the value of one unit of an outcome for one
// year, with its source. A wijk keeps a library of them (DefaultProxies
// to start); an outcome holds a copy, so a later edit of the library does
// not silently change a finished analysis.
type Proxy struct {
	ID     string // the library entry it was copied from
	Name   string
	Value  int64 // cents per Unit
	Unit   string
	Source string // the publication or data set, required
	URL    string
	Year   int    // the year of the figure (its price level)
	Note   string // how it was derived, and "indicatief" where the figure is uncertain
}

// Validate checks a proxy: a name, a unit, a positive value, a source and
// a plausible year. A proxy without a source is invalid: an evaluator must
// be able to check every value.
func (p *Proxy) Validate() error {
	f := wei.FieldErrors{}
	p.validate(f, "")
	return f.Err()
}

func (p *Proxy) validate(f wei.FieldErrors, prefix string) {
	p.Name, p.Unit, p.Source = strings.TrimSpace(p.Name), strings.TrimSpace(p.Unit), strings.TrimSpace(p.Source)
	p.URL, p.Note = strings.TrimSpace(p.URL), strings.TrimSpace(p.Note)
	text(f, prefix+"name", p.Name, maxName, true)
	text(f, prefix+"unit", p.Unit, maxName, true)
	if p.Value <= 0 || p.Value > MaxProxyValue {
		f.Add(prefix+"value", KeyProxyValue)
	}
	if p.Source == "" {
		f.Add(prefix+"source", KeyProxySource)
	}
	text(f, prefix+"source", p.Source, maxText, false)
	text(f, prefix+"url", p.URL, maxText, false)
	text(f, prefix+"note", p.Note, maxText, false)
	if p.Year < 1900 || p.Year > 2100 {
		f.Add(prefix+"year", KeyProxyYear)
	}
}

// Validate checks a stakeholder.
func (s *Stakeholder) Validate() error {
	f := wei.FieldErrors{}
	s.validate(f, "")
	return f.Err()
}

func (s *Stakeholder) validate(f wei.FieldErrors, prefix string) {
	s.Name, s.Description = strings.TrimSpace(s.Name), strings.TrimSpace(s.Description)
	text(f, prefix+"name", s.Name, maxName, true)
	text(f, prefix+"description", s.Description, maxText, false)
	if !contains(Domains, s.Domain) {
		f.Add(prefix+"domain", "error.choice")
	}
}

// Validate checks an input on its own; Analysis.Validate also checks that
// its stakeholder exists.
func (in *Input) Validate() error {
	f := wei.FieldErrors{}
	in.validate(f, "")
	return f.Err()
}

func (in *Input) validate(f wei.FieldErrors, prefix string) {
	in.Description, in.Source = strings.TrimSpace(in.Description), strings.TrimSpace(in.Source)
	text(f, prefix+"description", in.Description, maxName, true)
	text(f, prefix+"source", in.Source, maxText, false)
	switch in.Kind {
	case InputMoney, InputInKind:
		if in.Amount < 0 || in.Amount > MaxAmount {
			f.Add(prefix+"amount", KeyAmount)
		}
		if in.Kind == InputInKind && in.Source == "" {
			f.Add(prefix+"source", KeyInKindSource)
		}
	case InputTime:
		if in.Minutes < 0 || in.Minutes > MaxMinutes {
			f.Add(prefix+"minutes", KeyMinutes)
		}
	default:
		f.Add(prefix+"kind", "error.choice")
	}
}

// Validate checks an output on its own.
func (o *Output) Validate() error {
	f := wei.FieldErrors{}
	o.validate(f, "")
	return f.Err()
}

func (o *Output) validate(f wei.FieldErrors, prefix string) {
	o.Description, o.Unit = strings.TrimSpace(o.Description), strings.TrimSpace(o.Unit)
	text(f, prefix+"description", o.Description, maxName, true)
	text(f, prefix+"unit", o.Unit, maxName, false)
	if o.Quantity < 0 || o.Quantity > MaxQuantity {
		f.Add(prefix+"quantity", KeyQuantity)
	}
}

// Validate checks an outcome on its own, its proxy included (fields
// "proxy.name", "proxy.source", ...); Analysis.Validate also checks that
// its stakeholder and output exist.
func (o *Outcome) Validate() error {
	f := wei.FieldErrors{}
	o.validate(f, "")
	return f.Err()
}

func (o *Outcome) validate(f wei.FieldErrors, prefix string) {
	o.Description, o.Indicator, o.IndicatorSource = strings.TrimSpace(o.Description), strings.TrimSpace(o.Indicator), strings.TrimSpace(o.IndicatorSource)
	o.SharedKey = strings.TrimSpace(o.SharedKey)
	text(f, prefix+"description", o.Description, maxName, true)
	text(f, prefix+"indicator", o.Indicator, maxName, true)
	text(f, prefix+"indicator_source", o.IndicatorSource, maxText, false)
	text(f, prefix+"shared_key", o.SharedKey, maxName, false)
	if o.Quantity < 0 || o.Quantity > MaxQuantity {
		f.Add(prefix+"quantity", KeyQuantity)
	}
	if o.DurationYears < 1 || o.DurationYears > MaxDurationYears {
		f.Add(prefix+"duration_years", KeyDuration)
	}
	for _, p := range []struct {
		field  string
		v      BasisPoints
		source *string
	}{
		{"deadweight", o.Deadweight, &o.DeadweightSource},
		{"displacement", o.Displacement, &o.DisplacementSource},
		{"attribution", o.Attribution, &o.AttributionSource},
		{"drop_off", o.DropOff, &o.DropOffSource},
	} {
		if p.v < 0 || p.v > Whole {
			f.Add(prefix+p.field, KeyPercentage)
		}
		*p.source = strings.TrimSpace(*p.source)
		text(f, prefix+p.field+"_source", *p.source, maxText, false)
	}
	o.Proxy.validate(f, prefix+"proxy.")
}

// Validate checks the whole analysis and reports every problem at once,
// with fields named by their place: "outcomes[2].attribution",
// "inputs[0].amount". A period without inputs is valid: Compute reports
// the ratio as undefined (see Ratio.Err), so an impact map can be built up
// before the books of the period are in.
func (a *Analysis) Validate() error {
	f := wei.FieldErrors{}
	a.Title = strings.TrimSpace(a.Title)
	if a.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	switch a.Scope {
	case ScopeInitiative:
		if a.InitiativeID == "" {
			f.Add("initiative_id", "error.required")
		}
	case ScopeWijk:
	default:
		f.Add("scope", "error.choice")
	}
	text(f, "title", a.Title, maxName, true)
	if a.Period.From.IsZero() {
		f.Add("period.from", "error.date")
	}
	if a.Period.To.IsZero() {
		f.Add("period.to", "error.date")
	}
	if !a.Period.From.IsZero() && !a.Period.To.IsZero() && a.Period.To.Before(a.Period.From) {
		f.Add("period.to", "error.date_order")
	}
	if a.DiscountRate < 0 || a.DiscountRate > Whole {
		f.Add("discount_rate", KeyPercentage)
	}
	if a.HourlyRate < 0 || a.HourlyRate > MaxHourlyRate {
		f.Add("hourly_rate", KeyHourlyRate)
	}
	ids := map[string]bool{}
	unique := func(field, id string) {
		if id == "" {
			f.Add(field, "error.required")
		} else if ids[id] {
			f.Add(field, KeyDuplicateID)
		}
		ids[id] = true
	}
	stakeholders := map[string]bool{}
	for i := range a.Stakeholders {
		s := &a.Stakeholders[i]
		p := fmt.Sprintf("stakeholders[%d].", i)
		unique(p+"id", s.ID)
		s.validate(f, p)
		stakeholders[s.ID] = true
	}
	for i := range a.Inputs {
		in := &a.Inputs[i]
		p := fmt.Sprintf("inputs[%d].", i)
		unique(p+"id", in.ID)
		in.validate(f, p)
		if in.StakeholderID != "" && !stakeholders[in.StakeholderID] {
			f.Add(p+"stakeholder_id", "error.choice")
		}
	}
	outputs := map[string]bool{}
	for i := range a.Outputs {
		o := &a.Outputs[i]
		p := fmt.Sprintf("outputs[%d].", i)
		unique(p+"id", o.ID)
		o.validate(f, p)
		if o.StakeholderID != "" && !stakeholders[o.StakeholderID] {
			f.Add(p+"stakeholder_id", "error.choice")
		}
		outputs[o.ID] = true
	}
	for i := range a.Outcomes {
		o := &a.Outcomes[i]
		p := fmt.Sprintf("outcomes[%d].", i)
		unique(p+"id", o.ID)
		o.validate(f, p)
		if !stakeholders[o.StakeholderID] {
			f.Add(p+"stakeholder_id", "error.choice")
		}
		if o.OutputID != "" && !outputs[o.OutputID] {
			f.Add(p+"output_id", "error.choice")
		}
	}
	return f.Err()
}

// text checks the length of a trimmed text and, if required, that it is there.
func text(f wei.FieldErrors, field, s string, max int, required bool) {
	if required && s == "" {
		f.Add(field, "error.required")
	} else if len([]rune(s)) > max {
		f.Add(field, "error.too_long")
	}
}

func contains[T comparable](list []T, v T) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
