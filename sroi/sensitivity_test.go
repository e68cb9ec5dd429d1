package sroi

import (
	"fmt"
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

// randomAnalyses returns n valid analyses with positive outcomes, from a
// fixed seed so that a failure can be reproduced.
func randomAnalyses(t testing.TB, n int) []Analysis {
	t.Helper()
	rng := rand.New(rand.NewPCG(7, 2025))
	out := make([]Analysis, n)
	for k := range out {
		a := handExample()
		a.DiscountRate = BasisPoints(rng.IntN(800))
		a.Inputs[0].Amount = 1 + rng.Int64N(5_000_000)
		a.Outcomes = nil
		for i := range 1 + rng.IntN(5) {
			a.Outcomes = append(a.Outcomes, randomOutcome(rng, fmt.Sprintf("o%d", i)))
		}
		if err := a.Validate(); err != nil {
			t.Fatalf("random analysis %d is invalid: %v", k, err)
		}
		out[k] = a
	}
	return out
}

func randomOutcome(rng *rand.Rand, id string) Outcome {
	p := handProxy
	p.Value = 1 + rng.Int64N(500_000)
	return Outcome{
		ID: id, StakeholderID: "s1", Description: "Verandering " + id, Indicator: "Indicator",
		Quantity: rng.Int64N(200), DurationYears: 1 + rng.IntN(8), Proxy: p,
		Deadweight: BasisPoints(rng.IntN(10001)), Displacement: BasisPoints(rng.IntN(10001)),
		Attribution: BasisPoints(rng.IntN(10001)), DropOff: BasisPoints(rng.IntN(10001)),
	}
}

func ratioOfAnalysis(t testing.TB, a Analysis) Ratio {
	t.Helper()
	r, err := Compute(a)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	return r.Primary().Ratio
}

// TestRatioMonotone is the property test of the issue: the ratio does not
// rise when deadweight, displacement, attribution or drop-off rise, and
// does not fall when a proxy rises. It raises one assumption of one
// outcome at a time in a few hundred random analyses.
func TestRatioMonotone(t *testing.T) {
	t.Parallel()
	rng := rand.New(rand.NewPCG(11, 7))
	for k, a := range randomAnalyses(t, 300) {
		base := ratioOfAnalysis(t, a)
		i := rng.IntN(len(a.Outcomes))
		for _, c := range []struct {
			name    string
			raise   func(o *Outcome)
			falling bool
		}{
			{"deadweight", func(o *Outcome) { o.Deadweight = min(o.Deadweight+BasisPoints(1+rng.IntN(3000)), Whole) }, true},
			{"displacement", func(o *Outcome) { o.Displacement = min(o.Displacement+BasisPoints(1+rng.IntN(3000)), Whole) }, true},
			{"attribution", func(o *Outcome) { o.Attribution = min(o.Attribution+BasisPoints(1+rng.IntN(3000)), Whole) }, true},
			{"drop-off", func(o *Outcome) { o.DropOff = min(o.DropOff+BasisPoints(1+rng.IntN(3000)), Whole) }, true},
			{"proxy", func(o *Outcome) { o.Proxy.Value += 1 + rng.Int64N(100_000) }, false},
		} {
			b := a.clone()
			c.raise(&b.Outcomes[i])
			got := ratioOfAnalysis(t, b)
			if c.falling && (got.Value > base.Value || got.Hundredths > base.Hundredths) {
				t.Errorf("analysis %d: raising %s of outcome %d raised the ratio from %v to %v", k, c.name, i, base.Value, got.Value)
			}
			if !c.falling && (got.Value < base.Value || got.Hundredths < base.Hundredths) {
				t.Errorf("analysis %d: raising the proxy of outcome %d lowered the ratio from %v to %v", k, i, base.Value, got.Value)
			}
		}
	}
}

// TestRatioStrictlyFalls guards that the property test is not vacuous:
// with a non-zero outcome every adjustment does lower the ratio.
func TestRatioStrictlyFalls(t *testing.T) {
	t.Parallel()
	base := ratioOfAnalysis(t, handExample())
	for name, raise := range map[string]func(o *Outcome){
		"deadweight":   func(o *Outcome) { o.Deadweight += 500 },
		"displacement": func(o *Outcome) { o.Displacement += 500 },
		"attribution":  func(o *Outcome) { o.Attribution += 500 },
		"drop-off":     func(o *Outcome) { o.DropOff += 500 },
	} {
		a := handExample()
		raise(&a.Outcomes[0])
		if got := ratioOfAnalysis(t, a); got.Value >= base.Value {
			t.Errorf("raising %s by 5 points: ratio %v, want below %v", name, got.Value, base.Value)
		}
	}
}

// putBack returns the exact ratio of a with the break-even value be put in.
func putBack(t *testing.T, a Analysis, be BreakEven) float64 {
	t.Helper()
	params := make([]ratParams, len(a.Outcomes))
	idx := -1
	for i, o := range a.Outcomes {
		params[i] = paramsOf(o)
		if o.ID == be.OutcomeID {
			idx = i
		}
	}
	rate := bpRat(a.DiscountRate)
	v := new(big.Rat).SetFloat64(be.Value)
	pct := new(big.Rat).Quo(v, big.NewRat(100, 1))
	if be.Assumption == AssumptionDiscountRate {
		rate = pct
	} else {
		p := &params[idx]
		switch be.Assumption {
		case AssumptionDeadweight:
			p.dw = pct
		case AssumptionDisplacement:
			p.ds = pct
		case AssumptionAttribution:
			p.at = pct
		case AssumptionDropOff:
			p.do = pct
		case AssumptionProxy:
			p.p = v
		case AssumptionQuantity:
			p.q = v
		default:
			t.Fatalf("unknown assumption %s", be.Assumption)
		}
	}
	var total int64
	for _, in := range a.Inputs {
		total += in.Value(a.HourlyRate)
	}
	f, _ := exactRatio(params, total, rate).Float64()
	return f
}

// TestBreakEvenHandExample checks the break-even values of the hand
// example. With S = Σ 0,9^(t−1) / 1,0225^t (t = 1..3) = 2,596518…, the
// present value is 20.000 × (1−dw) × (1−ds) × (1−at) × S, and the ratio is
// 1 when it equals the € 20.000 of inputs:
//
//	attribution  1 − 20.000 / (20.000 × 0,8 × 0,9 × S)  = 46,5096%
//	deadweight   1 − 20.000 / (20.000 × 0,9 × 0,75 × S) = 42,9435%
//	displacement 1 − 20.000 / (20.000 × 0,8 × 0,75 × S) = 35,8115%
//	proxy        € 1.000 × 20.000 / 28.042,3969       = € 713,2058
//	quantity     20 × 20.000 / 28.042,3969             = 14,2641
//	drop-off     by bisection                           = 41,7835%
//	discount rate by bisection                          = 22,6787%
func TestBreakEvenHandExample(t *testing.T) {
	t.Parallel()
	a := handExample()
	s, err := SensitivityOf(a, DefaultVariation)
	if err != nil {
		t.Fatal(err)
	}
	if math.Abs(s.Ratio-1.40211984493129) > 1e-9 {
		t.Errorf("Ratio=%v, want 1,4021", s.Ratio)
	}
	want := map[Assumption]float64{
		AssumptionAttribution: 46.50956530490064, AssumptionDeadweight: 42.94353632522735, AssumptionDisplacement: 35.81147836588077,
		AssumptionProxy: 71320.57959346581, AssumptionQuantity: 14.264115918693163,
		AssumptionDropOff: 41.783527625522986, AssumptionDiscountRate: 22.67868855276588,
	}
	if len(s.BreakEven) != len(want) {
		t.Fatalf("BreakEven has %d rows, want %d", len(s.BreakEven), len(want))
	}
	for _, be := range s.BreakEven {
		w, ok := want[be.Assumption]
		if !ok || !be.Reachable || math.Abs(be.Value-w) > 1e-6*math.Max(1, w) {
			t.Errorf("%s: %+v, want reachable at %v", be.Assumption, be, w)
		}
		if got := putBack(t, a, be); math.Abs(got-1) > 0.005 {
			t.Errorf("%s at %v gives ratio %v, want 1,00", be.Assumption, be.Value, got)
		}
		// Put back as a form would: rounded to basis points or cents.
		b := a.clone()
		o := &b.Outcomes[0]
		switch be.Assumption {
		case AssumptionAttribution:
			o.Attribution = BasisPoints(math.Round(be.Value * 100))
		case AssumptionDeadweight:
			o.Deadweight = BasisPoints(math.Round(be.Value * 100))
		case AssumptionDisplacement:
			o.Displacement = BasisPoints(math.Round(be.Value * 100))
		case AssumptionDropOff:
			o.DropOff = BasisPoints(math.Round(be.Value * 100))
		case AssumptionProxy:
			o.Proxy.Value = int64(math.Round(be.Value))
		default:
			continue
		}
		if got := ratioOfAnalysis(t, b); got.Hundredths != 100 {
			t.Errorf("%s rounded to %v: ratio %v, want 1,00", be.Assumption, be.Value, got.Value)
		}
	}
}

// TestBreakEvenPutBack is the property test of break-even values: put
// back into the analysis (exactly), each gives a ratio of 1,00 ± 0,005.
func TestBreakEvenPutBack(t *testing.T) {
	t.Parallel()
	reached, unreachable := 0, 0
	for k, a := range randomAnalyses(t, 300) {
		s, err := SensitivityOf(a, DefaultVariation)
		if err != nil {
			t.Fatal(err)
		}
		for _, be := range s.BreakEven {
			if !be.Reachable {
				unreachable++
				checkUnreachable(t, a, be)
				continue
			}
			reached++
			if got := putBack(t, a, be); math.Abs(got-1) > 0.005 {
				t.Errorf("analysis %d, outcome %q: %s at %v gives ratio %v, want 1 ± 0,005", k, be.OutcomeID, be.Assumption, be.Value, got)
			}
		}
	}
	if reached < 100 || unreachable < 100 {
		t.Errorf("reached %d and could not reach %d break-even values: the random analyses test too little", reached, unreachable)
	}
}

// checkUnreachable checks the reason of an unreachable break-even value
// at both ends of the assumption's range.
func checkUnreachable(t *testing.T, a Analysis, be BreakEven) {
	t.Helper()
	ends := []float64{0, 100}
	switch be.Assumption {
	case AssumptionProxy, AssumptionQuantity:
		ends = []float64{0, be.Current * 1000}
	}
	for _, x := range ends {
		b := be
		b.Value = x
		got := putBack(t, a, b)
		if (be.Reason == ReasonStaysAbove && got < 1-1e-9) || (be.Reason == ReasonStaysBelow && got > 1+1e-9) || (be.Reason != ReasonStaysAbove && be.Reason != ReasonStaysBelow) {
			t.Errorf("outcome %q: %s unreachable (%s), but at %v the ratio is %v", be.OutcomeID, be.Assumption, be.Reason, x, got)
		}
	}
}

// TestTornado checks the bars of the hand example and their order.
func TestTornado(t *testing.T) {
	t.Parallel()
	a := handExample()
	a.Inputs = append(a.Inputs, Input{ID: "in2", Kind: InputTime, Description: "Vrijwilligers", Minutes: 6000}) // 100 hours: € 1.406
	s, err := SensitivityOf(a, DefaultVariation)
	if err != nil {
		t.Fatal(err)
	}
	bars := map[Assumption]TornadoBar{}
	for i, b := range s.Tornado {
		bars[b.Assumption] = b
		if i > 0 && b.Swing > s.Tornado[i-1].Swing {
			t.Errorf("bar %d (%s) swings more than bar %d", i, b.Assumption, i-1)
		}
	}
	inputs := 2000000.0 + 140600
	// Attribution 25% ± 10 points: the ratio moves with (1 − at).
	at := bars[AssumptionAttribution]
	if at.Low != 15 || at.High != 35 || math.Abs(at.RatioLow-s.Ratio*0.85/0.75) > 1e-9 || math.Abs(at.RatioHigh-s.Ratio*0.65/0.75) > 1e-9 {
		t.Errorf("attribution bar %+v", at)
	}
	// The proxy ± 20% moves the ratio ± 20%.
	px := bars[AssumptionProxy]
	if px.Base != 100000 || math.Abs(px.RatioLow-s.Ratio*0.8) > 1e-9 || math.Abs(px.RatioHigh-s.Ratio*1.2) > 1e-9 {
		t.Errorf("proxy bar %+v", px)
	}
	// The hourly rate ± 20% moves the inputs by ± € 281,20.
	hr := bars[AssumptionHourlyRate]
	pv := s.Ratio * inputs
	if hr.Base != 1406 || math.Abs(hr.RatioLow-pv/(inputs-28120)) > 1e-9 || math.Abs(hr.RatioHigh-pv/(inputs+28120)) > 1e-9 {
		t.Errorf("hourly rate bar %+v", hr)
	}
	if d := bars[AssumptionDiscountRate]; d.Low != 1.25 || d.High != 3.25 || d.RatioLow <= d.RatioHigh {
		t.Errorf("discount rate bar %+v", d)
	}
	if _, ok := bars[AssumptionInKind]; ok {
		t.Error("a bar for in-kind inputs, but there are none")
	}
	if dur := bars[AssumptionDuration]; dur.Low != 2 || dur.High != 4 {
		t.Errorf("duration bar %+v", dur)
	}
	// The largest swing of this example is the duration: 2 years loses
	// year 3 (− € 8.183), 4 years adds a year 4 (+ € 7.203), together 54%
	// of the PV against 40% for the proxy ± 20%.
	if s.Tornado[0].Assumption != AssumptionDuration || s.Tornado[1].Assumption != AssumptionProxy && s.Tornado[1].Assumption != AssumptionQuantity {
		t.Errorf("first bars %s, %s, want duration, then proxy or quantity", s.Tornado[0].Assumption, s.Tornado[1].Assumption)
	}
}

func TestVariationValidate(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		v     Variation
		field string
	}{
		{Variation{Points: -1}, "points"},
		{Variation{Points: 10001}, "points"},
		{Variation{Relative: 10000}, "relative"},
		{Variation{Years: -1}, "years"},
		{Variation{DiscountPoints: -5}, "discount_points"},
	} {
		if got := fieldsOf(c.v.Validate()); got[c.field] == "" {
			t.Errorf("%+v: fields %v, want %s", c.v, got, c.field)
		}
	}
	if err := DefaultVariation.Validate(); err != nil {
		t.Errorf("DefaultVariation: %v", err)
	}
}

// TestScenarios checks the default scenarios against the hand example.
func TestScenarios(t *testing.T) {
	t.Parallel()
	a := handExample()
	rs, err := RunScenarios(a, DefaultScenarios)
	if err != nil {
		t.Fatal(err)
	}
	// Conservative: dw 30%, ds 20%, at 35%, drop-off 20%, proxy € 800:
	// impact = 20 × 800 × 0,7 × 0,8 × 0,65 = 5.824; years 5.824, 4.659,20,
	// 3.727,36; PV = 5.695,84 + 4.456,48 + 3.486,65 = 13.638,97… → ratio 0,68.
	// Optimistic: dw 10%, ds 0%, at 15%, drop-off 0%, proxy € 1.200:
	// impact = 20 × 1.200 × 0,9 × 1 × 0,85 = 18.360 a year; PV = 18.360 × 2,865119… = 52.603,59… → ratio 2,63.
	for i, want := range []int64{68, 263} {
		if got := rs[i].Result.Primary().Ratio.Hundredths; got != want {
			t.Errorf("%s: ratio %d/100, want %d/100", rs[i].Scenario.Key, got, want)
		}
	}
	if a.Outcomes[0].Attribution != 2500 || a.Outcomes[0].Proxy.Value != 100000 {
		t.Error("RunScenarios changed the caller's analysis")
	}
	// Clamping: a scenario cannot push a percentage outside 0–100% or a proxy to 0.
	b := Scenario{Deadweight: 20000, Attribution: -20000, Proxy: -50000, Years: -10}.Apply(a)
	o := b.Outcomes[0]
	if o.Deadweight != Whole || o.Attribution != 0 || o.Proxy.Value != 1 || o.DurationYears != 1 {
		t.Errorf("clamped outcome %+v", o)
	}
}
