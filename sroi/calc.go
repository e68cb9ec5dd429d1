package sroi

import (
	"math"
	"math/big"

	"github.com/wei-platform/wei"
)

// Result is the calculation of an analysis (stage 5 of the SROI guide):
// the value of every input, the value of every outcome year by year, the
// present value, net present value and ratio at the analysis's discount
// rate and at the reference rates, who gains what, and the payback period.
// All money is in cents; see the package documentation for rounding.
type Result struct {
	Period       Period
	DiscountRate BasisPoints
	Inputs       InputTotals
	// Outcomes has one row per outcome of the analysis, in its order.
	Outcomes []OutcomeResult
	// Years has one row per year t = 1 .. the longest duration: the value
	// of all outcomes in that year and its present value at DiscountRate.
	Years []YearValue
	// Rates has the analysis's own rate first, then each of ReferenceRates
	// that differs from it.
	Rates []RateResult
	// ByDomain has one row per entry of Domains, in that order: the
	// present value that stakeholders of the domain gain, and the inputs
	// they contributed (inputs without a stakeholder count in none).
	ByDomain []DomainValue
	// ByStakeholder has one row per stakeholder, in the analysis's order.
	ByStakeholder []StakeholderValue
	Payback       Payback
}

// Primary returns the figures at the analysis's own discount rate.
func (r Result) Primary() RateResult {
	if len(r.Rates) == 0 {
		return RateResult{}
	}
	return r.Rates[0]
}

// At returns the figures at rate, if the result has them.
func (r Result) At(rate BasisPoints) (RateResult, bool) {
	for _, x := range r.Rates {
		if x.Rate == rate {
			return x, true
		}
	}
	return RateResult{}, false
}

// InputTotals is the value of the inputs of the period.
type InputTotals struct {
	// Values has one row per input, in the analysis's order.
	Values []InputValue
	// Money, Time and InKind are the totals per kind, in cents; Minutes
	// is the volunteer time they value.
	Money, Time, InKind int64
	Minutes             int64
	Total               int64
}

// InputValue is the value of one input in cents.
type InputValue struct {
	InputID string
	Kind    InputKind
	Value   int64
}

// OutcomeResult is the calculation of one outcome.
type OutcomeResult struct {
	OutcomeID string
	// Gross is quantity × proxy in cents, negative for a negative outcome.
	Gross int64
	// Impact is Gross × (1 − deadweight) × (1 − displacement) ×
	// (1 − attribution): the value in year 1.
	Impact int64
	// Years is the value in year t at index t−1: Impact × (1 − drop-off)^(t−1),
	// not discounted.
	Years []int64
	// PV is the present value at the analysis's rate: Σ Years[t−1] / (1 + r)^t.
	PV int64
}

// YearValue is the value of all outcomes in year Year.
type YearValue struct {
	Year  int
	Value int64 // not discounted
	PV    int64 // discounted at the analysis's rate
}

// RateResult holds the figures at one discount rate.
type RateResult struct {
	Rate BasisPoints
	PV   int64 // present value of all outcomes
	NPV  int64 // PV − inputs
	// Ratio is PV / inputs: the social value per euro invested.
	Ratio Ratio
}

// Ratio is an SROI ratio. It is undefined when the inputs are zero: then
// Defined is false and Err says why; it is never a division by zero.
type Ratio struct {
	Defined bool
	// Hundredths is the ratio × 100, rounded half away from zero: 140
	// reads "1,40" (€ 1,40 of value per euro).
	Hundredths int64
	// Value is the unrounded ratio, for charts and comparisons.
	Value float64
}

// Err returns ErrNoInputs for an undefined ratio, nil otherwise.
func (r Ratio) Err() error {
	if r.Defined {
		return nil
	}
	return ErrNoInputs
}

// ErrNoInputs tells that a period has no inputs, so its ratio is undefined.
var ErrNoInputs = &wei.Error{Code: wei.EINVALID, Message: "There are no inputs in this period, so the SROI ratio is undefined.", Fields: map[string]string{"inputs": KeyNoInputs}}

// PaybackNever is the Reason of a Payback when year 1 creates no value.
const PaybackNever = "sroi.payback.never"

// Payback is the payback period, after the SROI guide (stage 5, "payback
// period"): the investment divided by the monthly impact, that is
// inputs ÷ (annual impact ÷ 12) months, where the annual impact is the
// value of all outcomes in year 1, after deadweight, displacement and
// attribution and before discounting. The guide uses this simple form
// rather than a cumulative discounted cash flow; it tells how many months
// of the first year's value repay the investment.
type Payback struct {
	Defined bool
	// Tenths is the period in tenths of a month, rounded half away from
	// zero: 222 reads "22,2 maanden".
	Tenths int64
	// Reason, when not Defined: KeyNoInputs, or PaybackNever when year 1
	// creates no (or negative) value.
	Reason string
}

// DomainValue is what the stakeholders of one domain gain and give.
type DomainValue struct {
	Domain Domain
	PV     int64 // present value of their outcomes at the analysis's rate
	Inputs int64 // value of the inputs they contributed
}

// StakeholderValue is what one stakeholder gains and gives.
type StakeholderValue struct {
	StakeholderID string
	Domain        Domain
	PV            int64
	Inputs        int64
}

// Compute validates the analysis and calculates it. A period without
// inputs is calculated too, with the ratio and the payback period
// undefined (Ratio.Err tells the user why).
func Compute(a Analysis) (Result, error) {
	a = a.clone()
	if err := a.Validate(); err != nil {
		return Result{}, err
	}
	return compute(&a)
}

// compute calculates a valid analysis.
func compute(a *Analysis) (Result, error) {
	var c cents
	res := Result{Period: a.Period, DiscountRate: a.DiscountRate}

	// Inputs.
	domainOf := map[string]Domain{}
	for _, s := range a.Stakeholders {
		domainOf[s.ID] = s.Domain
	}
	stakeIn, domainIn := map[string]int64{}, map[Domain]int64{}
	in := &res.Inputs
	in.Values = make([]InputValue, len(a.Inputs))
	for i, x := range a.Inputs {
		v := x.Value(a.HourlyRate)
		in.Values[i] = InputValue{InputID: x.ID, Kind: x.Kind, Value: v}
		switch x.Kind {
		case InputMoney:
			in.Money = c.add(in.Money, v)
		case InputTime:
			in.Time = c.add(in.Time, v)
			in.Minutes = c.add(in.Minutes, x.Minutes)
		case InputInKind:
			in.InKind = c.add(in.InKind, v)
		}
		in.Total = c.add(in.Total, v)
		if x.StakeholderID != "" {
			stakeIn[x.StakeholderID] = c.add(stakeIn[x.StakeholderID], v)
			domainIn[domainOf[x.StakeholderID]] = c.add(domainIn[domainOf[x.StakeholderID]], v)
		}
	}

	// Outcomes: the values of each year, then their present value at
	// every rate, all as integers over a common denominator.
	rates := ratesFor(a.DiscountRate)
	maxYears := 0
	for _, o := range a.Outcomes {
		maxYears = max(maxYears, o.DurationYears)
	}
	disc := make([]*discounter, len(rates))
	totalPV := make([]*big.Int, len(rates))
	for k, r := range rates {
		disc[k] = newDiscounter(r, maxYears)
		totalPV[k] = new(big.Int)
	}
	yearVal, yearPV := intSlice(maxYears), intSlice(maxYears)
	stakePV, domainPV := map[string]*big.Int{}, map[Domain]*big.Int{}
	res.Outcomes = make([]OutcomeResult, len(a.Outcomes))
	for i, o := range a.Outcomes {
		vals := yearNumerators(o)
		or := OutcomeResult{OutcomeID: o.ID, Gross: o.Quantity * o.Proxy.Value, Years: make([]int64, len(vals))}
		if o.Negative {
			or.Gross = -or.Gross
		}
		for t, v := range vals {
			or.Years[t] = c.round(v, yearDenominator(t+1))
			yearVal[t].Add(yearVal[t], v)
		}
		or.Impact = or.Years[0]
		for k, d := range disc {
			pv := d.presentValue(vals)
			totalPV[k].Add(totalPV[k], pv)
			if k > 0 {
				continue
			}
			or.PV = c.round(pv, d.den)
			addInt(stakePV, o.StakeholderID, pv)
			addInt(domainPV, domainOf[o.StakeholderID], pv)
			for t, v := range vals {
				yearPV[t].Add(yearPV[t], d.yearPresentValue(v, t+1))
			}
		}
		res.Outcomes[i] = or
	}
	res.Years = make([]YearValue, maxYears)
	for t := range maxYears {
		res.Years[t] = YearValue{Year: t + 1, Value: c.round(yearVal[t], yearDenominator(t+1)), PV: c.round(yearPV[t], disc[0].den)}
	}
	res.Rates = make([]RateResult, len(rates))
	for k, r := range rates {
		d := disc[k]
		npv := new(big.Int).Sub(totalPV[k], new(big.Int).Mul(big.NewInt(in.Total), d.den))
		res.Rates[k] = RateResult{Rate: r, PV: c.round(totalPV[k], d.den), NPV: c.round(npv, d.den), Ratio: ratioOf(totalPV[k], d.den, in.Total, &c)}
	}
	res.ByDomain = make([]DomainValue, len(Domains))
	for i, d := range Domains {
		res.ByDomain[i] = DomainValue{Domain: d, PV: c.round(intOr0(domainPV[d]), disc[0].den), Inputs: domainIn[d]}
	}
	res.ByStakeholder = make([]StakeholderValue, len(a.Stakeholders))
	for i, s := range a.Stakeholders {
		res.ByStakeholder[i] = StakeholderValue{StakeholderID: s.ID, Domain: s.Domain, PV: c.round(intOr0(stakePV[s.ID]), disc[0].den), Inputs: stakeIn[s.ID]}
	}

	// Payback: inputs ÷ (value of year 1 ÷ 12) months, in tenths:
	// inputs × 120 × W³ / (numerator of year 1).
	switch {
	case in.Total == 0:
		res.Payback = Payback{Reason: KeyNoInputs}
	case maxYears == 0 || yearVal[0].Sign() <= 0:
		res.Payback = Payback{Reason: PaybackNever}
	default:
		num := new(big.Int).Mul(big.NewInt(in.Total), big.NewInt(120))
		num.Mul(num, yearDenominator(1))
		res.Payback = Payback{Defined: true, Tenths: c.round(num, yearVal[0])}
	}
	if c.overflow {
		return Result{}, &wei.Error{Code: wei.EINVALID, Message: "The totals of this analysis are too large.", Fields: map[string]string{"outcomes": KeyTooLarge}}
	}
	return res, nil
}

// ratioOf returns (pv / den) / inputs, undefined for zero inputs.
func ratioOf(pv, den *big.Int, inputs int64, c *cents) Ratio {
	if inputs == 0 {
		return Ratio{}
	}
	d := new(big.Int).Mul(den, big.NewInt(inputs))
	v, _ := new(big.Rat).SetFrac(pv, d).Float64()
	return Ratio{Defined: true, Hundredths: c.round(new(big.Int).Mul(pv, big.NewInt(100)), d), Value: v}
}

func ratesFor(primary BasisPoints) []BasisPoints {
	rates := []BasisPoints{primary}
	for _, r := range ReferenceRates {
		if r != primary {
			rates = append(rates, r)
		}
	}
	return rates
}

// The exact calculation. With W = 10000 (100% in basis points), the value
// of an outcome in year t is
//
//	q × p × (W−dw)/W × (W−ds)/W × (W−at)/W × ((W−do)/W)^(t−1)
//
// which is an integer numerator over W^(t+2): yearNumerators returns the
// numerators, yearDenominator the denominator. Discounted at rate r (in
// basis points), year t is worth numerator × W^t / (W^(t+2) × (W+r)^t) =
// numerator / (W² × (W+r)^t), so over the longest duration n every
// present value is an integer over W² × (W+r)^n. Sums are then sums of
// big integers, and each reported figure is one division, rounded.

var bigW = big.NewInt(int64(Whole))

// yearNumerators returns the numerators of the value of each year of o,
// over yearDenominator(t); negative for a negative outcome.
func yearNumerators(o Outcome) []*big.Int {
	v := big.NewInt(o.Quantity)
	v.Mul(v, big.NewInt(o.Proxy.Value))
	for _, x := range []BasisPoints{o.Deadweight, o.Displacement, o.Attribution} {
		v.Mul(v, big.NewInt(int64(Whole-x)))
	}
	if o.Negative {
		v.Neg(v)
	}
	keep := big.NewInt(int64(Whole - o.DropOff))
	vals := make([]*big.Int, o.DurationYears)
	for t := range vals {
		vals[t] = new(big.Int).Set(v)
		v.Mul(v, keep)
	}
	return vals
}

// yearDenominator returns W^(t+2), the denominator of year t's value.
func yearDenominator(t int) *big.Int {
	return new(big.Int).Exp(bigW, big.NewInt(int64(t+2)), nil)
}

// discounter discounts year values at one rate over up to n years.
type discounter struct {
	n   int
	den *big.Int   // W² × (W+r)^n
	pow []*big.Int // (W+r)^k for k = 0..n
}

func newDiscounter(rate BasisPoints, n int) *discounter {
	d := &discounter{n: n, pow: make([]*big.Int, n+1)}
	base := big.NewInt(int64(Whole + rate))
	d.pow[0] = big.NewInt(1)
	for k := 1; k <= n; k++ {
		d.pow[k] = new(big.Int).Mul(d.pow[k-1], base)
	}
	d.den = new(big.Int).Mul(d.pow[n], new(big.Int).Mul(bigW, bigW))
	return d
}

// yearPresentValue returns the numerator over d.den of year t's value v.
func (d *discounter) yearPresentValue(v *big.Int, t int) *big.Int {
	return new(big.Int).Mul(v, d.pow[d.n-t])
}

// presentValue returns the numerator over d.den of Σ vals[t−1] / (1+r)^t.
func (d *discounter) presentValue(vals []*big.Int) *big.Int {
	pv := new(big.Int)
	for t, v := range vals {
		pv.Add(pv, d.yearPresentValue(v, t+1))
	}
	return pv
}

func intSlice(n int) []*big.Int {
	s := make([]*big.Int, n)
	for i := range s {
		s[i] = new(big.Int)
	}
	return s
}

func addInt[K comparable](m map[K]*big.Int, k K, v *big.Int) {
	if m[k] == nil {
		m[k] = new(big.Int)
	}
	m[k].Add(m[k], v)
}

func intOr0(x *big.Int) *big.Int {
	if x == nil {
		return new(big.Int)
	}
	return x
}

// cents rounds exact figures to int64 and adds them up, remembering
// whether anything did not fit.
type cents struct{ overflow bool }

// round rounds num/den (den > 0) half away from zero.
func (c *cents) round(num, den *big.Int) int64 {
	n, ok := roundHalfAway(num, den)
	if !ok {
		c.overflow = true
	}
	return n
}

func (c *cents) add(a, b int64) int64 {
	if (b > 0 && a > math.MaxInt64-b) || (b < 0 && a < math.MinInt64-b) {
		c.overflow = true
		return a
	}
	return a + b
}

// roundHalfAway rounds num/den to the nearest integer, halves away from
// zero; den must be positive. ok is false when the result does not fit an
// int64.
func roundHalfAway(num, den *big.Int) (int64, bool) {
	q, m := new(big.Int).QuoRem(num, den, new(big.Int))
	m.Abs(m).Lsh(m, 1)
	if m.Cmp(den) >= 0 {
		if num.Sign() < 0 {
			q.Sub(q, big.NewInt(1))
		} else {
			q.Add(q, big.NewInt(1))
		}
	}
	if !q.IsInt64() {
		return 0, false
	}
	return q.Int64(), true
}

// clone copies the slices of a, so that validation (which trims texts)
// and scenarios never change the caller's analysis.
func (a Analysis) clone() Analysis {
	a.Stakeholders = append([]Stakeholder(nil), a.Stakeholders...)
	a.Inputs = append([]Input(nil), a.Inputs...)
	a.Outputs = append([]Output(nil), a.Outputs...)
	a.Outcomes = append([]Outcome(nil), a.Outcomes...)
	return a
}
