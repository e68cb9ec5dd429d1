package sroi

import (
	"errors"
	"math"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wei-platform/wei"
)

var year2025 = Period{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}

// handProxy is € 1.000 per participant per year.
var handProxy = Proxy{ID: "p1", Name: "Minder eenzaam", Value: 100000, Unit: "deelnemer per jaar", Source: "Testbron", Year: 2025}

// handExample is the analysis computed by hand in TestComputeHandExample:
// one outcome for 20 residents worth € 1.000 each, deadweight 20%,
// displacement 10%, attribution 25%, drop-off 10%, lasting 3 years, at
// 2,25%, with € 20.000 of inputs.
func handExample() Analysis {
	return Analysis{
		ID: "a1", WijkID: "w1", Scope: ScopeInitiative, InitiativeID: "i1", Title: "Buurtkamer",
		Period: year2025, DiscountRate: DutchDiscountRate, HourlyRate: DefaultHourlyRate,
		Stakeholders: []Stakeholder{{ID: "s1", Name: "Deelnemers", Domain: DomainBewoners}, {ID: "s2", Name: "Gemeente", Domain: DomainGemeente}},
		Inputs:       []Input{{ID: "in1", StakeholderID: "s2", Kind: InputMoney, Description: "Subsidie", Amount: 2000000}},
		Outputs:      []Output{{ID: "out1", StakeholderID: "s1", Description: "Bijeenkomsten", Quantity: 40, Unit: "bijeenkomst"}},
		Outcomes: []Outcome{{
			ID: "o1", StakeholderID: "s1", OutputID: "out1", Description: "Minder eenzaam", Indicator: "Eenzaamheidsschaal",
			Quantity: 20, DurationYears: 3, Proxy: handProxy,
			Deadweight: 2000, Displacement: 1000, Attribution: 2500, DropOff: 1000,
		}},
	}
}

// TestComputeHandExample checks Compute against the example worked out by hand:
//
//	gross     = 20 × € 1.000                       = € 20.000,00
//	impact    = 20.000 × (1−0,20) × (1−0,10) × (1−0,25)
//	          = 20.000 × 0,8 × 0,9 × 0,75 = 20.000 × 0,54 = € 10.800,00   (year 1)
//	year 2    = 10.800 × (1−0,10)                  = €  9.720,00
//	year 3    =  9.720 × (1−0,10)                  = €  8.748,00
//
//	at r = 2,25%: 1,0225¹ = 1,0225; 1,0225² = 1,04550625; 1,0225³ = 1,069030140625
//	PV year 1 = 10.800 / 1,0225        = 10.562,347188… → € 10.562,35
//	PV year 2 =  9.720 / 1,04550625    =  9.296,931510… → €  9.296,93
//	PV year 3 =  8.748 / 1,069030140625 = 8.183,118199… → €  8.183,12
//	PV        = 28.042,396898…                        → € 28.042,40
//	NPV       = 28.042,3969 − 20.000                   → €  8.042,40
//	ratio     = 28.042,3969 / 20.000 = 1,402119…       → 1,40
//
//	at r = 3,5%: 1,035; 1,071225; 1,108717875
//	PV        = 10.434,7826… + 9.073,7590… + 7.890,1597… = 27.398,7014… → € 27.398,70
//	NPV       = € 7.398,70; ratio = 1,369935… → 1,37
//
//	payback   = 20.000 / (10.800 / 12) = 20.000 / 900 = 22,22… → 22,2 months
func TestComputeHandExample(t *testing.T) {
	t.Parallel()
	r, err := Compute(handExample())
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	wantOutcome := OutcomeResult{OutcomeID: "o1", Gross: 2000000, Impact: 1080000, Years: []int64{1080000, 972000, 874800}, PV: 2804240}
	if diff := cmp.Diff(wantOutcome, r.Outcomes[0]); diff != "" {
		t.Errorf("outcome (-want +got):\n%s", diff)
	}
	wantYears := []YearValue{{1, 1080000, 1056235}, {2, 972000, 929693}, {3, 874800, 818312}}
	if diff := cmp.Diff(wantYears, r.Years); diff != "" {
		t.Errorf("years (-want +got):\n%s", diff)
	}
	if len(r.Rates) != 2 {
		t.Fatalf("Rates=%d rows, want 2 (2,25%% and 3,5%%)", len(r.Rates))
	}
	for _, w := range []struct {
		rate       BasisPoints
		pv, npv    int64
		hundredths int64
	}{
		{225, 2804240, 804240, 140},
		{350, 2739870, 739870, 137},
	} {
		got, ok := r.At(w.rate)
		if !ok {
			t.Fatalf("no result at %d bp", w.rate)
		}
		if got.PV != w.pv || got.NPV != w.npv || !got.Ratio.Defined || got.Ratio.Hundredths != w.hundredths {
			t.Errorf("at %d bp: PV=%d NPV=%d ratio=%+v, want PV=%d NPV=%d ratio %d/100", w.rate, got.PV, got.NPV, got.Ratio, w.pv, w.npv, w.hundredths)
		}
	}
	if r.Primary().Rate != DutchDiscountRate {
		t.Errorf("Primary().Rate=%d, want %d", r.Primary().Rate, DutchDiscountRate)
	}
	if got := r.Primary().Ratio.Value; math.Abs(got-1.40211984493129) > 1e-12 {
		t.Errorf("Ratio.Value=%v, want 1.40211984493129", got)
	}
	if r.Payback != (Payback{Defined: true, Tenths: 222}) {
		t.Errorf("Payback=%+v, want 22,2 months", r.Payback)
	}
	if r.Inputs.Total != 2000000 || r.Inputs.Money != 2000000 {
		t.Errorf("Inputs=%+v, want € 20.000 of money", r.Inputs)
	}
	// Who gains what: the residents gain the value, the gemeente invested.
	if got := r.ByDomain[0]; got != (DomainValue{Domain: DomainBewoners, PV: 2804240}) {
		t.Errorf("ByDomain[bewoners]=%+v", got)
	}
	if got := r.ByDomain[1]; got != (DomainValue{Domain: DomainGemeente, Inputs: 2000000}) {
		t.Errorf("ByDomain[gemeente]=%+v", got)
	}
	if len(r.ByDomain) != len(Domains) || len(r.ByStakeholder) != 2 {
		t.Errorf("ByDomain=%d rows, ByStakeholder=%d rows, want %d and 2", len(r.ByDomain), len(r.ByStakeholder), len(Domains))
	}
}

// TestComputeOwnRate checks that an analysis at its own rate shows the
// reference rates beside it.
func TestComputeOwnRate(t *testing.T) {
	t.Parallel()
	a := handExample()
	a.DiscountRate = 0
	r, err := Compute(a)
	if err != nil {
		t.Fatal(err)
	}
	var rates []BasisPoints
	for _, x := range r.Rates {
		rates = append(rates, x.Rate)
	}
	if diff := cmp.Diff([]BasisPoints{0, 225, 350}, rates); diff != "" {
		t.Errorf("rates (-want +got):\n%s", diff)
	}
	// Undiscounted: 10.800 + 9.720 + 8.748 = 29.268.
	if r.Primary().PV != 2926800 {
		t.Errorf("PV at 0%%=%d, want 2926800", r.Primary().PV)
	}
}

// TestComputeInputs checks the valuation of volunteer time and in-kind
// inputs: 90 minutes at € 14,06 an hour is € 21,09.
func TestComputeInputs(t *testing.T) {
	t.Parallel()
	a := handExample()
	a.Inputs = append(a.Inputs,
		Input{ID: "in2", StakeholderID: "s1", Kind: InputTime, Description: "Vrijwilligers", Minutes: 90},
		Input{ID: "in3", Kind: InputInKind, Description: "Ruimte", Amount: 50000, Source: "Huurprijs buurthuis"},
	)
	r, err := Compute(a)
	if err != nil {
		t.Fatal(err)
	}
	// 90 × 1406 / 60 = 2109.
	want := InputTotals{
		Values: []InputValue{{"in1", InputMoney, 2000000}, {"in2", InputTime, 2109}, {"in3", InputInKind, 50000}},
		Money:  2000000, Time: 2109, InKind: 50000, Minutes: 90, Total: 2052109,
	}
	if diff := cmp.Diff(want, r.Inputs); diff != "" {
		t.Errorf("inputs (-want +got):\n%s", diff)
	}
	if got := r.ByDomain[0].Inputs; got != 2109 {
		t.Errorf("inputs of the residents=%d, want 2109", got)
	}
	// Half a cent rounds up: 1 minute at € 0,30 an hour is 0,5 cent.
	if got := (Input{Kind: InputTime, Minutes: 1}).Value(30); got != 1 {
		t.Errorf("1 minute at 30 cents an hour=%d, want 1", got)
	}
}

// TestComputeNoInputs checks that a period without inputs is calculated,
// with the ratio and payback undefined and a message that says why.
func TestComputeNoInputs(t *testing.T) {
	t.Parallel()
	a := handExample()
	a.Inputs = nil
	r, err := Compute(a)
	if err != nil {
		t.Fatalf("Compute: %v", err)
	}
	for _, x := range r.Rates {
		if x.Ratio.Defined {
			t.Errorf("at %d bp the ratio is defined: %+v", x.Rate, x.Ratio)
		}
		err := x.Ratio.Err()
		var e *wei.Error
		if !errors.As(err, &e) || e.Code != wei.EINVALID || e.Fields["inputs"] != KeyNoInputs {
			t.Errorf("Ratio.Err()=%v, want EINVALID with inputs=%s", err, KeyNoInputs)
		}
	}
	if r.Primary().PV != 2804240 || r.Primary().NPV != 2804240 {
		t.Errorf("PV=%d NPV=%d, want both 2804240", r.Primary().PV, r.Primary().NPV)
	}
	if r.Payback.Defined || r.Payback.Reason != KeyNoInputs {
		t.Errorf("Payback=%+v, want undefined for lack of inputs", r.Payback)
	}
	if _, err := SensitivityOf(a, DefaultVariation); !errors.Is(err, ErrNoInputs) {
		t.Errorf("SensitivityOf without inputs: %v, want ErrNoInputs", err)
	}
}

// TestComputeNegativeOutcome checks that a negative outcome is subtracted.
func TestComputeNegativeOutcome(t *testing.T) {
	t.Parallel()
	a := handExample()
	neg := a.Outcomes[0]
	neg.ID, neg.Description, neg.Negative = "o2", "Overlast", true
	neg.Quantity = 2 // a tenth of the positive one
	a.Outcomes = append(a.Outcomes, neg)
	r, err := Compute(a)
	if err != nil {
		t.Fatal(err)
	}
	// 28.042,3969 − 2.804,2397 = 25.238,1572 → € 25.238,16.
	if got := r.Outcomes[1].PV; got != -280424 {
		t.Errorf("negative outcome PV=%d, want -280424", got)
	}
	if got := r.Primary().PV; got != 2523816 {
		t.Errorf("PV=%d, want 2523816", got)
	}
	if r.Outcomes[1].Gross != -200000 {
		t.Errorf("Gross=%d, want -200000", r.Outcomes[1].Gross)
	}
	a.Outcomes = a.Outcomes[1:]
	r, err = Compute(a)
	if err != nil {
		t.Fatal(err)
	}
	if r.Payback.Defined || r.Payback.Reason != PaybackNever {
		t.Errorf("Payback with only a negative outcome=%+v, want never", r.Payback)
	}
}

// TestComputeNoOutcomes checks an impact map that has inputs but no
// outcomes yet: a ratio of 0,00 and no payback.
func TestComputeNoOutcomes(t *testing.T) {
	t.Parallel()
	a := handExample()
	a.Outcomes = nil
	r, err := Compute(a)
	if err != nil {
		t.Fatal(err)
	}
	p := r.Primary()
	if p.PV != 0 || p.NPV != -2000000 || !p.Ratio.Defined || p.Ratio.Hundredths != 0 || len(r.Years) != 0 {
		t.Errorf("primary %+v, years %v", p, r.Years)
	}
	if r.Payback.Defined || r.Payback.Reason != PaybackNever {
		t.Errorf("Payback=%+v, want never", r.Payback)
	}
}

// TestComputeDoesNotChangeInput guards that validation's trimming stays
// inside Compute.
func TestComputeDoesNotChangeInput(t *testing.T) {
	t.Parallel()
	a := handExample()
	a.Outcomes[0].Description = "  Minder eenzaam  "
	if _, err := Compute(a); err != nil {
		t.Fatal(err)
	}
	if a.Outcomes[0].Description != "  Minder eenzaam  " {
		t.Errorf("Compute changed the caller's outcome: %q", a.Outcomes[0].Description)
	}
}

// TestExactAndFloatAgree guards that the float path of the sensitivity
// analysis computes the same present value as the exact path.
func TestExactAndFloatAgree(t *testing.T) {
	t.Parallel()
	for _, a := range randomAnalyses(t, 200) {
		r, err := Compute(a)
		if err != nil {
			t.Fatal(err)
		}
		s := newSens(a.Outcomes, float64(r.Inputs.Total), frac(a.DiscountRate))
		if math.Abs(s.ratio()-r.Primary().Ratio.Value) > 1e-9*math.Max(1, s.ratio()) {
			t.Fatalf("float ratio %v, exact %v", s.ratio(), r.Primary().Ratio.Value)
		}
	}
}
