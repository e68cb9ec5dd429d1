package web

// Impact (SROI): an analysis calculated and made ready to show. One
// sroiView feeds the analysis page, the printable report, the PDF and the
// exports, so that they all say the same. The figures come from the sroi
// package (exact to the cent); this file only formats them.

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"math"
	"math/big"
	"net/http"
	"strconv"
	"strings"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/sroi"
)

// sroiSlugs name the parts of an impact map in URLs.
var sroiSlugs = map[store.SROIPart]string{
	store.SROIStakeholders: "belanghebbenden",
	store.SROIInputs:       "inputs",
	store.SROIOutputs:      "outputs",
	store.SROIOutcomes:     "uitkomsten",
}

// sroiPartOf returns the part a URL slug names.
func sroiPartOf(slug string) (store.SROIPart, bool) {
	for p, s := range sroiSlugs {
		if s == slug {
			return p, true
		}
	}
	return "", false
}

func sroiBase(rc *request) string { return "/w/" + rc.Wijk.Slug + "/impact" }

func sroiURL(rc *request, id string) string { return sroiBase(rc) + "/" + id }

// sroiCanEdit reports whether the actor may change an analysis: the
// process manager any, an initiatiefnemer their initiative's.
func sroiCanEdit(rc *request, a store.SROIAnalysis) bool {
	if a.Scope == sroi.ScopeInitiative {
		return rc.Actor.CanOrg(account.PermEditImpact, rc.Wijk.ID, a.InitiativeID)
	}
	return rc.Actor.Can(account.PermEditImpact, rc.Wijk.ID)
}

// sroiCalc is an analysis calculated.
type sroiCalc struct {
	A store.SROIAnalysis
	// Analysis is what was calculated: the analysis with the books'
	// inputs, or for the wijk the combination of its own items and its
	// initiatives' (sroi.CombineWijk).
	Analysis  sroi.Analysis
	Combined  *sroi.Combined
	Parts     []store.SROIAnalysis
	Result    sroi.Result
	Sens      *sroi.Sensitivity // nil without inputs: there is no ratio to test
	Scenarios []sroi.ScenarioResult
}

// sroiCalculate calculates a stored analysis; with sens also its
// sensitivity and scenarios. For the wijk's analysis, all are the wijk's
// analyses to take its parts from (nil: read them).
func (h *Handler) sroiCalculate(c context.Context, a store.SROIAnalysis, all []store.SROIAnalysis, sens bool) (sroiCalc, error) {
	out := sroiCalc{A: a, Analysis: a.Full()}
	var err error
	if a.Scope == sroi.ScopeWijk {
		if all == nil {
			if out.Parts, err = h.store.SROIParts(c, a); err != nil {
				return out, err
			}
		} else {
			for _, p := range all {
				if p.Scope == sroi.ScopeInitiative && p.Period.From.Equal(a.Period.From) && p.Period.To.Equal(a.Period.To) {
					out.Parts = append(out.Parts, p)
				}
			}
		}
		fulls := make([]sroi.Analysis, len(out.Parts))
		for i, p := range out.Parts {
			fulls[i] = p.Full()
		}
		var comb sroi.Combined
		if comb, out.Result, err = sroi.ComputeWijk(out.Analysis, fulls); err != nil {
			return out, fmt.Errorf("web: sroi wijk %s: %w", a.ID, err)
		}
		out.Combined, out.Analysis = &comb, comb.Analysis
	} else if out.Result, err = sroi.Compute(out.Analysis); err != nil {
		return out, fmt.Errorf("web: sroi %s: %w", a.ID, err)
	}
	if !sens {
		return out, nil
	}
	s, err := sroi.SensitivityOf(out.Analysis, sroi.DefaultVariation)
	switch {
	case err == nil:
		out.Sens = &s
	case !errors.Is(err, sroi.ErrNoInputs):
		return out, fmt.Errorf("web: sroi sensitivity %s: %w", a.ID, err)
	}
	if out.Scenarios, err = sroi.RunScenarios(out.Analysis, sroi.DefaultScenarios); err != nil {
		return out, fmt.Errorf("web: sroi scenarios %s: %w", a.ID, err)
	}
	return out, nil
}

// sroiLoad loads and calculates the analysis of the URL's {id}.
func (h *Handler) sroiLoad(w http.ResponseWriter, r *http.Request, rc *request, sens bool) (sroiCalc, bool) {
	a, err := h.store.SROIAnalysis(ctx(r), rc.Wijk.ID, r.PathValue("id"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return sroiCalc{}, false
	}
	c, err := h.sroiCalculate(ctx(r), a, nil, sens)
	if err != nil {
		h.serverError(w, r, rc, err)
		return sroiCalc{}, false
	}
	return c, true
}

// Formatting.

// sroiDecimal writes v hundredths (or tenths, ...) with decimals
// decimals in l's notation: 140 → "1,40" (nl), "1.40" (en).
func sroiDecimal(l *locale.Localizer, v int64, decimals int) string {
	s := ledger.FormatAmount(v, decimals, true)
	if l.Lang() != "nl" {
		s = strings.NewReplacer(".", ",", ",", ".").Replace(s)
	}
	return s
}

// sroiFloat writes x rounded to decimals decimals.
func sroiFloat(l *locale.Localizer, x float64, decimals int) string {
	return sroiDecimal(l, int64(math.Round(x*math.Pow10(decimals))), decimals)
}

func sroiPercent(l *locale.Localizer, b sroi.BasisPoints) string { return percentText(l, int(b)) }

// sroiRatio writes a ratio: "1,40", or the reason it is undefined.
func sroiRatio(l *locale.Localizer, r sroi.Ratio) string {
	if !r.Defined {
		return l.T("sroi.ratio.undefined")
	}
	return sroiDecimal(l, r.Hundredths, 2)
}

func sroiPayback(l *locale.Localizer, p sroi.Payback) string {
	if !p.Defined {
		return l.T(p.Reason)
	}
	return l.T("sroi.payback.months", sroiDecimal(l, p.Tenths, 1))
}

// sroiHours writes minutes as hours with up to two decimals: "12,5 uur".
func sroiHours(l *locale.Localizer, minutes int64) string {
	return l.T("sroi.hours", sroiHoursValue(l, minutes))
}

// sroiHoursValue writes minutes as a number of hours for a form: "12,5".
func sroiHoursValue(l *locale.Localizer, minutes int64) string {
	s := sroiDecimal(l, (minutes*100+30)/60, 2)
	if strings.ContainsAny(s, ".,") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".,")
	}
	return s
}

// sroiAssumptionValue writes a value of an assumption in its unit.
func sroiAssumptionValue(l *locale.Localizer, a sroi.Assumption, x float64) string {
	switch a {
	case sroi.AssumptionDeadweight, sroi.AssumptionDisplacement, sroi.AssumptionAttribution, sroi.AssumptionDropOff, sroi.AssumptionDiscountRate:
		return percentText(l, int(math.Round(x*100))) // x is in percent; to basis points
	case sroi.AssumptionProxy, sroi.AssumptionHourlyRate, sroi.AssumptionInKind:
		return euro(l, int64(math.Round(x)))
	case sroi.AssumptionDuration:
		return l.T("sroi.years", sroiFloat(l, x, 0))
	}
	return sroiFloat(l, x, 1)
}

// The view.

type sroiView struct {
	ID, Title, Subject, Period string
	IsWijk                     bool
	Rate, HourlyRate           string
	CanEdit                    bool
	URL                        string

	Stakeholders []sroiStakeholderRow
	Inputs       []sroiInputRow
	InputTotals  sroiInputTotals
	Outputs      []sroiOutputRow
	Outcomes     []sroiOutcomeRow
	YearCols     []int
	Years        []sroiYearRow
	YearsTotal   sroiYearRow
	Rates        []sroiRateRow
	Primary      sroiRateRow
	NoInputs     bool
	Payback      string
	PaybackCalc  string
	ByDomain     []sroiDomainRow
	DomainChart  template.HTML

	HasSens     bool
	Tornado     template.HTML
	TornadoRows []sroiTornadoRow
	BreakEven   []sroiBreakEvenRow
	Scenarios   []sroiScenarioRow
	Variation   string

	Parts  []sroiPartRow
	Shared []sroiSharedRow
}

type sroiStakeholderRow struct {
	ID, Name, Domain, Description, From, EditURL string
}

type sroiInputRow struct {
	ID, Kind, Description, Stakeholder, Figure, Value, Source, From, EditURL string
	Books                                                                    bool
}

type sroiInputTotals struct {
	Money, Time, Minutes, InKind, Total string
}

type sroiOutputRow struct {
	ID, Description, Stakeholder, Quantity, From, EditURL string
}

type sroiProxyRow struct {
	Name, Value, Unit, Source, URL, Year, Note string
}

type sroiOutcomeRow struct {
	ID, Description, Stakeholder, Output, Indicator, IndicatorSource string
	Quantity, Duration                                               string
	Proxy                                                            sroiProxyRow
	Deadweight, Displacement, Attribution, DropOff                   string
	DeadweightSource, DisplacementSource                             string
	AttributionSource, DropOffSource                                 string
	Negative                                                         bool
	SharedKey                                                        string
	Gross, Impact, PV                                                string
	Years                                                            []string // one per column of YearCols; "" after its duration
	GrossCalc, ImpactCalc                                            string
	From, EditURL                                                    string
}

type sroiYearRow struct {
	Year          int
	Value, Factor string
	PV            string
}

type sroiRateRow struct {
	Rate, Label, PV, NPV, Ratio string
	Primary                     bool
}

type sroiDomainRow struct {
	Domain, PV, Inputs string
}

type sroiTornadoRow struct {
	Label, Base, Low, High, RatioLow, RatioHigh, Swing string
}

type sroiBreakEvenRow struct {
	Outcome, Assumption, Current, Value string
	Reachable                           bool
}

type sroiScenarioRow struct {
	Label, PV, Ratio string
}

type sroiPartRow struct {
	Title, URL, Inputs, PV, PVCounted, Ratio string
}

type sroiSharedRow struct {
	Key, Counted string
	Excluded     []string
}

// newSROIView formats a calculated analysis for the pages. canEdit adds
// the links to the forms of the analysis's own items.
func newSROIView(l *locale.Localizer, rc *request, c sroiCalc, canEdit bool) sroiView {
	a, res, an := c.A, c.Result, c.Analysis
	v := sroiView{ID: a.ID, Title: a.Title, IsWijk: a.Scope == sroi.ScopeWijk, Rate: sroiPercent(l, a.DiscountRate),
		HourlyRate: euro(l, a.HourlyRate), CanEdit: canEdit, URL: sroiURL(rc, a.ID),
		Period: l.T("sroi.period", l.Date(a.Period.From), l.Date(a.Period.To))}
	v.Subject = a.InitiativeName
	if v.IsWijk {
		v.Subject = l.T("sroi.scope.wijk", rc.Wijk.Name)
	}
	// Where each item comes from, for the wijk: its initiative's title.
	titles := map[string]string{a.ID: ""}
	for _, p := range c.Parts {
		titles[p.ID] = p.InitiativeName
	}
	from := func(id string) string {
		if c.Combined == nil {
			return ""
		}
		return titles[c.Combined.Origin[id]]
	}
	own := func(id string) bool { return c.Combined == nil || c.Combined.Origin[id] == a.ID }
	edit := func(part store.SROIPart, id string) string {
		if !canEdit || !own(id) {
			return ""
		}
		return v.URL + "/" + sroiSlugs[part] + "/" + id
	}
	stakeholder, domainOf := map[string]string{}, map[string]sroi.Domain{}
	for _, s := range an.Stakeholders {
		stakeholder[s.ID], domainOf[s.ID] = s.Name, s.Domain
		v.Stakeholders = append(v.Stakeholders, sroiStakeholderRow{ID: s.ID, Name: s.Name, Domain: l.T("sroi.domain." + string(s.Domain)),
			Description: s.Description, From: from(s.ID), EditURL: edit(store.SROIStakeholders, s.ID)})
	}

	// Inputs.
	for i, in := range an.Inputs {
		row := sroiInputRow{ID: in.ID, Kind: l.T("sroi.input.kind." + string(in.Kind)), Description: in.Description, Stakeholder: stakeholder[in.StakeholderID],
			Source: in.Source, From: from(in.ID), EditURL: edit(store.SROIInputs, in.ID)}
		if kind, ok := store.SROIBooksInput(in.ID); ok {
			row.Books, row.EditURL = true, ""
			if kind == sroi.InputMoney {
				row.Description = l.T("sroi.books.money")
				row.Source = l.T("sroi.books.money.source", strings.Join(orNone(l, booksOf(c, in.ID).MoneyAccounts), ", "), v.Period)
			} else {
				row.Description = l.T("sroi.books.time")
				row.Source = l.T("sroi.books.time.source", strings.Join(orNone(l, booksOf(c, in.ID).TimeAccounts), ", "), v.Period)
			}
		}
		var value int64
		if i < len(res.Inputs.Values) {
			value = res.Inputs.Values[i].Value
		}
		row.Value = euro(l, value)
		if in.Kind == sroi.InputTime {
			row.Figure = l.T("sroi.input.time_at", sroiHours(l, in.Minutes), euro(l, an.HourlyRate))
		} else {
			row.Figure = euro(l, in.Amount)
		}
		v.Inputs = append(v.Inputs, row)
	}
	it := res.Inputs
	v.InputTotals = sroiInputTotals{Money: euro(l, it.Money), Time: euro(l, it.Time), Minutes: sroiHours(l, it.Minutes), InKind: euro(l, it.InKind), Total: euro(l, it.Total)}
	v.NoInputs = it.Total == 0

	// Outputs.
	output := map[string]string{}
	for _, o := range an.Outputs {
		output[o.ID] = o.Description
		q := l.Number(o.Quantity)
		if o.Unit != "" {
			q += " " + o.Unit
		}
		v.Outputs = append(v.Outputs, sroiOutputRow{ID: o.ID, Description: o.Description, Stakeholder: stakeholder[o.StakeholderID], Quantity: q,
			From: from(o.ID), EditURL: edit(store.SROIOutputs, o.ID)})
	}

	// Outcomes, step by step.
	for t := range res.Years {
		v.YearCols = append(v.YearCols, t+1)
	}
	outcomeName := map[string]string{}
	for i, o := range an.Outcomes {
		outcomeName[o.ID] = o.Description
		or := res.Outcomes[i]
		p := o.Proxy
		row := sroiOutcomeRow{ID: o.ID, Description: o.Description, Stakeholder: stakeholder[o.StakeholderID], Output: output[o.OutputID],
			Indicator: o.Indicator, IndicatorSource: o.IndicatorSource, Quantity: l.Number(o.Quantity), Duration: l.T("sroi.years", strconv.Itoa(o.DurationYears)),
			Proxy:      sroiProxyRow{Name: p.Name, Value: euro(l, p.Value), Unit: p.Unit, Source: p.Source, URL: p.URL, Year: strconv.Itoa(p.Year), Note: p.Note},
			Deadweight: sroiPercent(l, o.Deadweight), Displacement: sroiPercent(l, o.Displacement), Attribution: sroiPercent(l, o.Attribution), DropOff: sroiPercent(l, o.DropOff),
			DeadweightSource: o.DeadweightSource, DisplacementSource: o.DisplacementSource, AttributionSource: o.AttributionSource, DropOffSource: o.DropOffSource,
			Negative: o.Negative, SharedKey: o.SharedKey, Gross: euro(l, or.Gross), Impact: euro(l, or.Impact), PV: euro(l, or.PV),
			From: from(o.ID), EditURL: edit(store.SROIOutcomes, o.ID)}
		row.GrossCalc = l.T("sroi.calc.gross", l.Number(o.Quantity), euro(l, p.Value), euro(l, or.Gross))
		row.ImpactCalc = l.T("sroi.calc.impact", euro(l, or.Gross), sroiPercent(l, o.Deadweight), sroiPercent(l, o.Displacement), sroiPercent(l, o.Attribution), euro(l, or.Impact))
		for t := range v.YearCols {
			cell := ""
			if t < len(or.Years) {
				cell = euro(l, or.Years[t])
			}
			row.Years = append(row.Years, cell)
		}
		v.Outcomes = append(v.Outcomes, row)
	}

	// Years, discounted at the analysis's rate.
	var total int64
	for _, y := range res.Years {
		v.Years = append(v.Years, sroiYearRow{Year: y.Year, Value: euro(l, y.Value), Factor: discountFactor(l, res.DiscountRate, y.Year), PV: euro(l, y.PV)})
		total += y.Value
	}
	v.YearsTotal = sroiYearRow{Value: euro(l, total), PV: euro(l, res.Primary().PV)}
	for i, rr := range res.Rates {
		row := sroiRateRow{Rate: sroiPercent(l, rr.Rate), PV: euro(l, rr.PV), NPV: euro(l, rr.NPV), Ratio: sroiRatio(l, rr.Ratio), Primary: i == 0}
		switch rr.Rate {
		case sroi.DutchDiscountRate:
			row.Label = l.T("sroi.rate.dutch")
		case sroi.GreenBookDiscountRate:
			row.Label = l.T("sroi.rate.greenbook")
		default:
			row.Label = l.T("sroi.rate.own")
		}
		v.Rates = append(v.Rates, row)
	}
	if len(v.Rates) > 0 {
		v.Primary = v.Rates[0]
	}
	v.Payback = sroiPayback(l, res.Payback)
	if res.Payback.Defined && len(res.Years) > 0 {
		v.PaybackCalc = l.T("sroi.payback.calc", euro(l, it.Total), euro(l, res.Years[0].Value), v.Payback)
	}

	// Who gains what.
	chart := BarChart{ID: "sroi-domains-" + a.ID, Title: l.T("sroi.domains.chart"), Desc: l.T("sroi.domains.chart.desc"),
		Series: []string{l.T("sroi.domains.col.pv"), l.T("sroi.domains.col.inputs")}}
	for _, d := range res.ByDomain {
		name := l.T("sroi.domain." + string(d.Domain))
		v.ByDomain = append(v.ByDomain, sroiDomainRow{Domain: name, PV: euro(l, d.PV), Inputs: euro(l, d.Inputs)})
		if d.PV != 0 || d.Inputs != 0 {
			chart.Groups = append(chart.Groups, BarGroup{Label: name, Values: []int64{d.PV, d.Inputs}, Texts: []string{euro(l, d.PV), euro(l, d.Inputs)}})
		}
	}
	v.DomainChart = BarChartSVG(chart)

	// Sensitivity.
	if s := c.Sens; s != nil {
		v.HasSens = true
		dv := sroi.DefaultVariation
		v.Variation = l.T("sroi.sens.variation", percentValue(int(dv.Points)), sroiPercent(l, dv.Relative), strconv.Itoa(dv.Years), percentValue(int(dv.DiscountPoints)))
		label := func(outcomeID string, as sroi.Assumption) string {
			name := l.T("sroi.assumption." + string(as))
			if outcomeID == "" {
				return name
			}
			return outcomeName[outcomeID] + ": " + name
		}
		tc := TornadoChart{ID: "sroi-tornado-" + a.ID, Title: l.T("sroi.sens.tornado"), Desc: l.T("sroi.sens.tornado.desc", sroiFloat(l, s.Ratio, 2)),
			Base: s.Ratio, BaseText: l.T("sroi.sens.tornado.base", sroiFloat(l, s.Ratio, 2)), OneText: l.T("sroi.sens.tornado.one")}
		for i, b := range s.Tornado {
			row := sroiTornadoRow{Label: label(b.OutcomeID, b.Assumption), Base: sroiAssumptionValue(l, b.Assumption, b.Base),
				Low: sroiAssumptionValue(l, b.Assumption, b.Low), High: sroiAssumptionValue(l, b.Assumption, b.High),
				RatioLow: sroiFloat(l, b.RatioLow, 2), RatioHigh: sroiFloat(l, b.RatioHigh, 2), Swing: sroiFloat(l, b.Swing, 2)}
			v.TornadoRows = append(v.TornadoRows, row)
			if i < tornadoMaxBars {
				tc.Bars = append(tc.Bars, TornadoBar{Label: row.Label, Low: b.RatioLow, High: b.RatioHigh,
					Text: l.T("sroi.sens.tornado.bar", row.Low, row.RatioLow, row.High, row.RatioHigh)})
			}
		}
		v.Tornado = TornadoSVG(tc)
		for _, be := range s.BreakEven {
			row := sroiBreakEvenRow{Outcome: outcomeName[be.OutcomeID], Assumption: l.T("sroi.assumption." + string(be.Assumption)),
				Current: sroiAssumptionValue(l, be.Assumption, be.Current), Reachable: be.Reachable}
			if be.OutcomeID == "" {
				row.Outcome = l.T("sroi.sens.whole")
			}
			if be.Reachable {
				row.Value = sroiAssumptionValue(l, be.Assumption, be.Value)
			} else {
				row.Value = l.T("sroi.reason." + be.Reason)
			}
			v.BreakEven = append(v.BreakEven, row)
		}
	}
	for _, sc := range c.Scenarios {
		p := sc.Result.Primary()
		v.Scenarios = append(v.Scenarios, sroiScenarioRow{Label: l.T("sroi.scenario." + sc.Scenario.Key), PV: euro(l, p.PV), Ratio: sroiRatio(l, p.Ratio)})
	}

	// The wijk: its initiatives and the shared outcomes counted once.
	if cb := c.Combined; cb != nil {
		for _, p := range cb.Parts {
			v.Parts = append(v.Parts, sroiPartRow{Title: titles[p.AnalysisID], URL: sroiURL(rc, p.AnalysisID), Inputs: euro(l, p.Inputs),
				PV: euro(l, p.PV), PVCounted: euro(l, p.PVCounted), Ratio: sroiRatio(l, p.Ratio)})
		}
		names := map[string]string{}
		for _, o := range c.A.Outcomes {
			names[o.ID] = o.Description
		}
		for _, p := range c.Parts {
			for _, o := range p.Outcomes {
				names[o.ID] = o.Description
			}
		}
		claim := func(cl sroi.SharedClaim) string {
			t := titles[cl.AnalysisID]
			if t == "" {
				t = c.A.Title
			}
			return l.T("sroi.shared.claim", names[cl.OutcomeID], t, euro(l, cl.PV))
		}
		for _, s := range cb.Shared {
			row := sroiSharedRow{Key: s.Key, Counted: claim(s.Counted)}
			for _, e := range s.Excluded {
				row.Excluded = append(row.Excluded, claim(e))
			}
			v.Shared = append(v.Shared, row)
		}
	}
	return v
}

// booksOf returns the books of the analysis an input of the books came
// from: the analysis itself or, for the wijk, one of its parts.
func booksOf(c sroiCalc, inputID string) store.SROIBooks {
	for _, p := range append([]store.SROIAnalysis{c.A}, c.Parts...) {
		if strings.HasPrefix(inputID, p.ID+":") {
			return p.Books
		}
	}
	return store.SROIBooks{}
}

func orNone(l *locale.Localizer, list []string) []string {
	if len(list) == 0 {
		return []string{l.T("sroi.books.no_account")}
	}
	return list
}

// discountFactor writes (1 + r)^t with four decimals: "1,0456".
func discountFactor(l *locale.Localizer, r sroi.BasisPoints, t int) string {
	f := new(big.Rat).SetFrac64(int64(sroi.Whole+r), int64(sroi.Whole))
	p := big.NewRat(1, 1)
	for range t {
		p.Mul(p, f)
	}
	p.Mul(p, big.NewRat(10000, 1))
	n, _ := p.Float64()
	return sroiDecimal(l, int64(math.Round(n)), 4)
}
