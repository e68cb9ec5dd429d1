package sroi

import (
	"cmp"
	"math"
	"slices"

	"github.com/wei-platform/wei"
)

// Sensitivity analysis (stage 5 of the SROI guide): how far the ratio
// rests on each estimate. Three views:
//
//   - a tornado: each assumption of each outcome (and the discount rate,
//     the hourly rate and in-kind values) moved down and up by a Variation
//     while everything else stays, sorted by how much the ratio swings;
//   - break-even values: for each outcome, the value of its deadweight,
//     displacement, attribution, drop-off, proxy and quantity at which the
//     ratio falls (or rises) to exactly 1.0, and the discount rate that
//     does so for the whole analysis — the guide's test of how much an
//     estimate would have to change before the social return is 1:1;
//   - scenarios: every outcome moved at once (Scenario, RunScenarios).
//
// The tornado and break-even values are computed in float64 (see the
// package documentation); the ratio is linear in deadweight, displacement,
// attribution, proxy and quantity, so those are solved exactly, and
// monotone in drop-off and the discount rate, which are found by
// bisection.

// Assumption names an estimate that sensitivity analysis varies.
type Assumption string

// The assumptions, with the unit their values are given in (in Tornado
// rows and BreakEven).
const (
	AssumptionQuantity     Assumption = "quantity"      // units
	AssumptionProxy        Assumption = "proxy"         // cents per unit
	AssumptionDeadweight   Assumption = "deadweight"    // percent (0–100)
	AssumptionDisplacement Assumption = "displacement"  // percent
	AssumptionAttribution  Assumption = "attribution"   // percent
	AssumptionDropOff      Assumption = "drop_off"      // percent
	AssumptionDuration     Assumption = "duration"      // years
	AssumptionDiscountRate Assumption = "discount_rate" // percent; analysis-wide
	AssumptionHourlyRate   Assumption = "hourly_rate"   // cents per hour; analysis-wide
	AssumptionInKind       Assumption = "in_kind"       // cents, all in-kind inputs together; analysis-wide
)

// Why a break-even value cannot be reached within the range of an assumption.
const (
	ReasonStaysAbove = "stays_above" // the ratio stays above 1.0 over the whole range
	ReasonStaysBelow = "stays_below" // the ratio stays below 1.0 over the whole range
)

// Variation is how far the tornado moves each assumption down and up.
type Variation struct {
	// Points is added to and subtracted from deadweight, displacement,
	// attribution and drop-off, within 0–100%.
	Points BasisPoints
	// Relative is the relative change of quantities, proxies, the hourly
	// rate and in-kind values: 2000 moves them 20% down and up. At most 99%.
	Relative BasisPoints
	// Years is added to and subtracted from durations, within 1–MaxDurationYears.
	Years int
	// DiscountPoints is added to and subtracted from the discount rate (not below 0).
	DiscountPoints BasisPoints
}

// DefaultVariation moves percentages by 10 points, quantities, proxies and
// valued inputs by 20%, durations by a year and the discount rate by one point.
var DefaultVariation = Variation{Points: 1000, Relative: 2000, Years: 1, DiscountPoints: 100}

// Validate checks a variation.
func (v Variation) Validate() error {
	f := wei.FieldErrors{}
	if v.Points < 0 || v.Points > Whole {
		f.Add("points", KeyPercentage)
	}
	if v.Relative < 0 || v.Relative > 9900 {
		f.Add("relative", KeyPercentage)
	}
	if v.Years < 0 || v.Years > MaxDurationYears {
		f.Add("years", KeyDuration)
	}
	if v.DiscountPoints < 0 || v.DiscountPoints > Whole {
		f.Add("discount_points", KeyPercentage)
	}
	return f.Err()
}

// Sensitivity is the sensitivity analysis of an analysis at its own
// discount rate.
type Sensitivity struct {
	Rate  BasisPoints
	Ratio float64 // the ratio as calculated, for the centre line of the tornado
	// Tornado has a bar per assumption that moves the ratio at all, the
	// largest swing first (ties in the order of the analysis).
	Tornado []TornadoBar
	// BreakEven has, per outcome in the analysis's order, deadweight,
	// displacement, attribution, drop-off, proxy and quantity, and then
	// the discount rate of the whole analysis.
	BreakEven []BreakEven
}

// TornadoBar is one assumption moved down (Low) and up (High).
type TornadoBar struct {
	OutcomeID  string // "" for an analysis-wide assumption
	Assumption Assumption
	// Base, Low and High are values of the assumption, in its unit.
	Base, Low, High float64
	// RatioLow and RatioHigh are the ratio with the assumption at Low and
	// at High; for deadweight RatioHigh is the lower one.
	RatioLow, RatioHigh float64
	Swing               float64 // |RatioHigh − RatioLow|
}

// BreakEven is the value of one assumption at which the ratio is 1.0.
type BreakEven struct {
	OutcomeID  string // "" for the discount rate
	Assumption Assumption
	Current    float64 // the value in the analysis, in the assumption's unit
	// Value is the break-even value when Reachable.
	Value     float64
	Reachable bool
	// Reason tells, when not Reachable, on which side of 1.0 the ratio
	// stays over the whole range of the assumption (0–100% for
	// percentages, 0 and up for proxies and quantities).
	Reason string
}

// floatParams are the figures of one outcome as float64, percentages as
// parts of one.
type floatParams struct {
	sign, q, p, dw, ds, at, do float64
	years                      int
}

func floatOf(o Outcome) floatParams {
	fp := floatParams{sign: 1, q: float64(o.Quantity), p: float64(o.Proxy.Value),
		dw: frac(o.Deadweight), ds: frac(o.Displacement), at: frac(o.Attribution), do: frac(o.DropOff), years: o.DurationYears}
	if o.Negative {
		fp.sign = -1
	}
	return fp
}

func frac(b BasisPoints) float64 { return float64(b) / float64(Whole) }

// pv is the present value at rate r (a part of one).
func (f floatParams) pv(r float64) float64 {
	base := f.sign * f.q * f.p * (1 - f.dw) * (1 - f.ds) * (1 - f.at)
	if base == 0 {
		return 0
	}
	return base * annuity(f.do, r, f.years)
}

// annuity is Σ (1 − do)^(t−1) / (1 + r)^t for t = 1..n.
func annuity(do, r float64, n int) float64 {
	s, keep, disc := 0.0, 1.0, 1.0
	for range n {
		disc /= 1 + r
		s += keep * disc
		keep *= 1 - do
	}
	return s
}

// SensitivityOf validates the analysis and analyses its sensitivity with
// variation v. It needs inputs: without them there is no ratio to test,
// and it returns ErrNoInputs.
func SensitivityOf(a Analysis, v Variation) (Sensitivity, error) {
	a = a.clone()
	if err := a.Validate(); err != nil {
		return Sensitivity{}, err
	}
	if err := v.Validate(); err != nil {
		return Sensitivity{}, err
	}
	var timeV, kindV, total int64
	for _, in := range a.Inputs {
		x := in.Value(a.HourlyRate)
		total += x
		switch in.Kind {
		case InputTime:
			timeV += x
		case InputInKind:
			kindV += x
		}
	}
	if total == 0 {
		return Sensitivity{}, ErrNoInputs
	}
	s := newSens(a.Outcomes, float64(total), frac(a.DiscountRate))
	out := Sensitivity{Rate: a.DiscountRate, Ratio: s.ratio()}
	out.Tornado = s.tornado(a, v, float64(timeV), float64(kindV))
	for i, o := range a.Outcomes {
		out.BreakEven = append(out.BreakEven, s.breakEvens(i, o.ID)...)
	}
	out.BreakEven = append(out.BreakEven, s.discountBreakEven(a.DiscountRate))
	return out, nil
}

// sens holds the present value of every outcome at the base assumptions,
// so that moving one outcome costs one outcome's calculation.
type sens struct {
	params []floatParams
	pvs    []float64
	total  float64 // Σ pvs
	inputs float64 // cents
	rate   float64
}

func newSens(outcomes []Outcome, inputs, rate float64) *sens {
	s := &sens{inputs: inputs, rate: rate, params: make([]floatParams, len(outcomes)), pvs: make([]float64, len(outcomes))}
	for i, o := range outcomes {
		s.params[i] = floatOf(o)
		s.pvs[i] = s.params[i].pv(rate)
		s.total += s.pvs[i]
	}
	return s
}

func (s *sens) ratio() float64 { return s.total / s.inputs }

// ratioWith is the ratio with outcome i at present value pv.
func (s *sens) ratioWith(i int, pv float64) float64 {
	return (s.total - s.pvs[i] + pv) / s.inputs
}

// ratioAtRate is the ratio with every outcome discounted at r.
func (s *sens) ratioAtRate(r float64) float64 {
	t := 0.0
	for _, p := range s.params {
		t += p.pv(r)
	}
	return t / s.inputs
}

// setter changes one assumption of an outcome's parameters.
type setter struct {
	a   Assumption
	get func(*floatParams) float64
	set func(*floatParams, float64)
}

// percentage assumptions, as parts of one; quantity and proxy, as counted.
var setters = []setter{
	{AssumptionDeadweight, func(p *floatParams) float64 { return p.dw }, func(p *floatParams, x float64) { p.dw = x }},
	{AssumptionDisplacement, func(p *floatParams) float64 { return p.ds }, func(p *floatParams, x float64) { p.ds = x }},
	{AssumptionAttribution, func(p *floatParams) float64 { return p.at }, func(p *floatParams, x float64) { p.at = x }},
	{AssumptionDropOff, func(p *floatParams) float64 { return p.do }, func(p *floatParams, x float64) { p.do = x }},
	{AssumptionProxy, func(p *floatParams) float64 { return p.p }, func(p *floatParams, x float64) { p.p = x }},
	{AssumptionQuantity, func(p *floatParams) float64 { return p.q }, func(p *floatParams, x float64) { p.q = x }},
}

func isPercentage(a Assumption) bool {
	return a == AssumptionDeadweight || a == AssumptionDisplacement || a == AssumptionAttribution || a == AssumptionDropOff
}

// unit turns a part of one into percent for percentage assumptions.
func unit(a Assumption, x float64) float64 {
	if isPercentage(a) || a == AssumptionDiscountRate {
		return x * 100
	}
	return x
}

// ratioAt is the ratio with assumption st of outcome i at x.
func (s *sens) ratioAt(i int, st setter, x float64) float64 {
	p := s.params[i]
	st.set(&p, x)
	return s.ratioWith(i, p.pv(s.rate))
}

func (s *sens) tornado(a Analysis, v Variation, timeV, kindV float64) []TornadoBar {
	var bars []TornadoBar
	add := func(b TornadoBar) {
		b.Swing = math.Abs(b.RatioHigh - b.RatioLow)
		if b.Swing > 0 {
			bars = append(bars, b)
		}
	}
	rel := frac(v.Relative)
	for i, o := range a.Outcomes {
		for _, st := range setters {
			base := st.get(&s.params[i])
			lo, hi := base*(1-rel), base*(1+rel)
			bar := TornadoBar{OutcomeID: o.ID, Assumption: st.a, Base: base, Low: lo, High: hi}
			if isPercentage(st.a) {
				// In basis points, so that 25% ± 10 shows as 15 and 35.
				b := BasisPoints(math.Round(base * float64(Whole)))
				bl, bh := max(b-v.Points, 0), min(b+v.Points, Whole)
				lo, hi = frac(bl), frac(bh)
				bar.Base, bar.Low, bar.High = b.Percent(), bl.Percent(), bh.Percent()
			}
			bar.RatioLow, bar.RatioHigh = s.ratioAt(i, st, lo), s.ratioAt(i, st, hi)
			add(bar)
		}
		p := s.params[i]
		lo, hi := p, p
		lo.years, hi.years = max(p.years-v.Years, 1), min(p.years+v.Years, MaxDurationYears)
		add(TornadoBar{OutcomeID: o.ID, Assumption: AssumptionDuration, Base: float64(p.years), Low: float64(lo.years), High: float64(hi.years),
			RatioLow: s.ratioWith(i, lo.pv(s.rate)), RatioHigh: s.ratioWith(i, hi.pv(s.rate))})
	}
	rLo, rHi := max(a.DiscountRate-v.DiscountPoints, 0), a.DiscountRate+v.DiscountPoints
	add(TornadoBar{Assumption: AssumptionDiscountRate, Base: a.DiscountRate.Percent(), Low: rLo.Percent(), High: rHi.Percent(),
		RatioLow: s.ratioAtRate(frac(rLo)), RatioHigh: s.ratioAtRate(frac(rHi))})
	// Valued inputs: moving them changes the denominator.
	for _, x := range []struct {
		a    Assumption
		base float64 // the assumption's value
		val  float64 // the inputs it values, in cents
	}{
		{AssumptionHourlyRate, float64(a.HourlyRate), timeV},
		{AssumptionInKind, kindV, kindV},
	} {
		if x.val == 0 {
			continue
		}
		add(TornadoBar{Assumption: x.a, Base: x.base, Low: x.base * (1 - rel), High: x.base * (1 + rel),
			RatioLow: s.total / (s.inputs - x.val*rel), RatioHigh: s.total / (s.inputs + x.val*rel)})
	}
	slices.SortStableFunc(bars, func(x, y TornadoBar) int { return cmp.Compare(y.Swing, x.Swing) })
	return bars
}

// breakEvens returns the break-even values of outcome i.
func (s *sens) breakEvens(i int, id string) []BreakEven {
	var out []BreakEven
	for _, st := range setters {
		be := BreakEven{OutcomeID: id, Assumption: st.a, Current: unit(st.a, st.get(&s.params[i]))}
		var x float64
		if isPercentage(st.a) {
			f := func(x float64) float64 { return s.ratioAt(i, st, x) - 1 }
			// The ratio is linear in deadweight, displacement and
			// attribution; in drop-off it is a polynomial, monotone on 0–1.
			x, be.Reason = solve(f, 0, 1, st.a != AssumptionDropOff)
		} else {
			x, be.Reason = s.solveLinearFromZero(i, st)
		}
		if be.Reason == "" {
			be.Reachable, be.Value = true, unit(st.a, x)
		}
		out = append(out, be)
	}
	return out
}

// solveLinearFromZero finds x ≥ 0 with ratio 1 for an assumption the
// present value of the outcome is proportional to (proxy, quantity):
// ratio(x) = rest + slope × x, with rest the ratio without the outcome.
func (s *sens) solveLinearFromZero(i int, st setter) (float64, string) {
	rest := (s.total-s.pvs[i])/s.inputs - 1
	p := s.params[i]
	st.set(&p, 1)
	slope := p.pv(s.rate) / s.inputs
	if rest == 0 {
		return 0, ""
	}
	if slope != 0 {
		if x := -rest / slope; x >= 0 {
			return x, ""
		}
	}
	if rest > 0 {
		return 0, ReasonStaysAbove
	}
	return 0, ReasonStaysBelow
}

// discountBreakEven finds the discount rate (0–100%) at which the ratio is 1.0.
func (s *sens) discountBreakEven(rate BasisPoints) BreakEven {
	be := BreakEven{Assumption: AssumptionDiscountRate, Current: rate.Percent()}
	x, reason := solve(func(r float64) float64 { return s.ratioAtRate(r) - 1 }, 0, 1, false)
	if reason == "" {
		be.Reachable, be.Value = true, unit(AssumptionDiscountRate, x)
	}
	be.Reason = reason
	return be
}

// solve finds x in [lo, hi] with f(x) = 0 for a monotone f, exactly by
// interpolation when f is linear, else by bisection to 1e-12. When f has
// the same sign at both ends it returns the reason instead.
func solve(f func(float64) float64, lo, hi float64, linear bool) (float64, string) {
	flo, fhi := f(lo), f(hi)
	switch {
	case flo == 0:
		return lo, ""
	case fhi == 0:
		return hi, ""
	case flo > 0 && fhi > 0:
		return 0, ReasonStaysAbove
	case flo < 0 && fhi < 0:
		return 0, ReasonStaysBelow
	case linear:
		return lo + (hi-lo)*flo/(flo-fhi), ""
	}
	for range 200 {
		mid := (lo + hi) / 2
		fm := f(mid)
		if fm == 0 || hi-lo < 1e-12 {
			return mid, ""
		}
		if (fm > 0) == (flo > 0) {
			lo, flo = mid, fm
		} else {
			hi = mid
		}
	}
	return (lo + hi) / 2, ""
}

// Scenario moves every outcome of an analysis at once, for a pessimistic
// or an optimistic reading of the impact map.
type Scenario struct {
	// Key names the scenario; pages show T("sroi.scenario." + Key).
	Key string
	// Deadweight, Displacement, Attribution and DropOff are added to every
	// outcome (a negative value lowers them), within 0–100%.
	Deadweight, Displacement, Attribution, DropOff BasisPoints
	// Proxy and Quantity change every proxy value and quantity relatively:
	// -2000 is 20% lower. Results are rounded half up to whole cents and
	// units; a proxy stays at least 1 cent.
	Proxy, Quantity BasisPoints
	// Years is added to every duration, within 1–MaxDurationYears.
	Years int
	// DiscountRate is added to the discount rate, not below 0.
	DiscountRate BasisPoints
}

// DefaultScenarios are a conservative reading (every adjustment 10 points
// higher, proxies 20% lower) and an optimistic one (the reverse).
var DefaultScenarios = []Scenario{
	{Key: "conservative", Deadweight: 1000, Displacement: 1000, Attribution: 1000, DropOff: 1000, Proxy: -2000},
	{Key: "optimistic", Deadweight: -1000, Displacement: -1000, Attribution: -1000, DropOff: -1000, Proxy: 2000},
}

// Apply returns a copy of a with the scenario applied; a is not changed.
func (s Scenario) Apply(a Analysis) Analysis {
	a = a.clone()
	clampBP := func(b BasisPoints) BasisPoints { return min(max(b, 0), Whole) }
	scale := func(x int64, by BasisPoints, lo, hi int64) int64 {
		by = min(max(by, -Whole), 100*Whole)
		n := x * int64(Whole+by)
		v := (n + int64(Whole)/2) / int64(Whole)
		return min(max(v, lo), hi)
	}
	for i := range a.Outcomes {
		o := &a.Outcomes[i]
		o.Deadweight = clampBP(o.Deadweight + s.Deadweight)
		o.Displacement = clampBP(o.Displacement + s.Displacement)
		o.Attribution = clampBP(o.Attribution + s.Attribution)
		o.DropOff = clampBP(o.DropOff + s.DropOff)
		o.Proxy.Value = scale(o.Proxy.Value, s.Proxy, 1, MaxProxyValue)
		o.Quantity = scale(o.Quantity, s.Quantity, 0, MaxQuantity)
		o.DurationYears = min(max(o.DurationYears+s.Years, 1), MaxDurationYears)
	}
	a.DiscountRate = clampBP(a.DiscountRate + s.DiscountRate)
	return a
}

// ScenarioResult is the calculation of an analysis under a scenario.
type ScenarioResult struct {
	Scenario Scenario
	Result   Result
}

// RunScenarios computes the analysis under each scenario.
func RunScenarios(a Analysis, scenarios []Scenario) ([]ScenarioResult, error) {
	c := a.clone()
	if err := c.Validate(); err != nil {
		return nil, err
	}
	out := make([]ScenarioResult, len(scenarios))
	for i, s := range scenarios {
		r, err := Compute(s.Apply(a))
		if err != nil {
			return nil, err
		}
		out[i] = ScenarioResult{Scenario: s, Result: r}
	}
	return out, nil
}
