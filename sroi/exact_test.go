package sroi

import (
	"math/big"
	"testing"
)

// A second exact calculation, written the way the SROI guide states the
// formulas, in rational numbers, to check the integer calculation of
// calc.go and to put break-even values (any float) back in.

// ratParams are the figures of one outcome as fractions: q and p as
// counted, the percentages as parts of one.
type ratParams struct {
	q, p, dw, ds, at, do *big.Rat
	years                int
	negative             bool
}

func bpRat(b BasisPoints) *big.Rat { return big.NewRat(int64(b), int64(Whole)) }

func paramsOf(o Outcome) ratParams {
	return ratParams{
		q: new(big.Rat).SetInt64(o.Quantity), p: new(big.Rat).SetInt64(o.Proxy.Value),
		dw: bpRat(o.Deadweight), ds: bpRat(o.Displacement), at: bpRat(o.Attribution), do: bpRat(o.DropOff),
		years: o.DurationYears, negative: o.Negative,
	}
}

// values returns impact × (1 − drop-off)^(t−1) for t = 1..years, with
// impact = q × p × (1 − dw) × (1 − ds) × (1 − at).
func (r ratParams) values() []*big.Rat {
	one := big.NewRat(1, 1)
	v := new(big.Rat).Mul(r.q, r.p)
	for _, x := range []*big.Rat{r.dw, r.ds, r.at} {
		v.Mul(v, new(big.Rat).Sub(one, x))
	}
	if r.negative {
		v.Neg(v)
	}
	keep := new(big.Rat).Sub(one, r.do)
	vals := make([]*big.Rat, r.years)
	for t := range vals {
		vals[t] = new(big.Rat).Set(v)
		v.Mul(v, keep)
	}
	return vals
}

// ratPV returns Σ vals[t−1] / (1 + rate)^t.
func ratPV(vals []*big.Rat, rate *big.Rat) *big.Rat {
	step := new(big.Rat).Inv(new(big.Rat).Add(big.NewRat(1, 1), rate))
	d, pv := big.NewRat(1, 1), new(big.Rat)
	for _, v := range vals {
		d = new(big.Rat).Mul(d, step)
		pv.Add(pv, new(big.Rat).Mul(v, d))
	}
	return pv
}

// exactRatio is the ratio of outcomes given as fractions.
func exactRatio(params []ratParams, inputs int64, rate *big.Rat) *big.Rat {
	pv := new(big.Rat)
	for _, p := range params {
		pv.Add(pv, ratPV(p.values(), rate))
	}
	return pv.Quo(pv, new(big.Rat).SetInt64(inputs))
}

// TestIntegerCalculationExact checks the integer calculation against the
// rational one, digit for digit, on random analyses with negative
// outcomes among them, at every rate of the result.
func TestIntegerCalculationExact(t *testing.T) {
	t.Parallel()
	for k, a := range randomAnalyses(t, 200) {
		if k%3 == 0 {
			a.Outcomes[0].Negative = true
		}
		r, err := Compute(a)
		if err != nil {
			t.Fatal(err)
		}
		for _, rr := range r.Rates {
			want := new(big.Rat)
			for i, o := range a.Outcomes {
				pv := ratPV(paramsOf(o).values(), bpRat(rr.Rate))
				want.Add(want, pv)
				if rr.Rate == a.DiscountRate {
					if got := r.Outcomes[i].PV; !roundsTo(pv, got) {
						t.Fatalf("analysis %d outcome %d: PV %d, rational %s", k, i, got, pv.FloatString(4))
					}
					for y, v := range paramsOf(o).values() {
						if got := r.Outcomes[i].Years[y]; !roundsTo(v, got) {
							t.Fatalf("analysis %d outcome %d year %d: %d, rational %s", k, i, y+1, got, v.FloatString(4))
						}
					}
				}
			}
			if !roundsTo(want, rr.PV) {
				t.Fatalf("analysis %d at %d bp: PV %d, rational %s", k, rr.Rate, rr.PV, want.FloatString(4))
			}
			ratio := new(big.Rat).Quo(want, new(big.Rat).SetInt64(r.Inputs.Total))
			if f, _ := ratio.Float64(); f != rr.Ratio.Value || !roundsTo(new(big.Rat).Mul(ratio, big.NewRat(100, 1)), rr.Ratio.Hundredths) {
				t.Fatalf("analysis %d at %d bp: ratio %+v, rational %s", k, rr.Rate, rr.Ratio, ratio.FloatString(6))
			}
		}
	}
}

// roundsTo reports whether x rounds half away from zero to n.
func roundsTo(x *big.Rat, n int64) bool {
	got, ok := roundHalfAway(x.Num(), x.Denom())
	return ok && got == n
}

func TestRoundHalfAway(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		num, den int64
		want     int64
	}{
		{5, 2, 3}, {-5, 2, -3}, {7, 3, 2}, {-7, 3, -2}, {1, 2, 1}, {-1, 2, -1}, {149, 100, 1}, {0, 1, 0}, {2499999, 1000000, 2},
	} {
		got, ok := roundHalfAway(big.NewInt(c.num), big.NewInt(c.den))
		if !ok || got != c.want {
			t.Errorf("round(%d/%d)=%d,%v, want %d", c.num, c.den, got, ok, c.want)
		}
	}
	if _, ok := roundHalfAway(new(big.Int).Lsh(big.NewInt(1), 70), big.NewInt(1)); ok {
		t.Error("round(2^70) fits an int64?")
	}
}
