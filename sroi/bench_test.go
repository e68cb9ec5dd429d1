package sroi

import (
	"fmt"
	"math/rand/v2"
	"testing"
)

// benchWijk returns a wijk with 50 initiatives of 10 outcomes each, a
// fifth of the outcomes under 20 shared keys, and each initiative's
// money, volunteer time and in-kind inputs.
func benchWijk(tb testing.TB) (Analysis, []Analysis) {
	tb.Helper()
	rng := rand.New(rand.NewPCG(50, 10))
	w := wijkOf()
	parts := make([]Analysis, 50)
	for i := range parts {
		id := fmt.Sprintf("i%02d", i)
		a := part(id)
		a.Inputs = append(a.Inputs,
			Input{ID: id + "-time", StakeholderID: id + "-s1", Kind: InputTime, Description: "Vrijwilligers", Minutes: rng.Int64N(60_000)},
			Input{ID: id + "-kind", StakeholderID: id + "-s2", Kind: InputInKind, Description: "Ruimte", Amount: rng.Int64N(500_000), Source: "Huurprijs"})
		a.Outcomes = nil
		for j := range 10 {
			o := randomOutcome(rng, fmt.Sprintf("%s-o%d", id, j))
			o.StakeholderID = id + "-s1"
			if rng.IntN(5) == 0 {
				o.SharedKey = fmt.Sprintf("gedeeld-%d", rng.IntN(20))
			}
			a.Outcomes = append(a.Outcomes, o)
		}
		parts[i] = a
	}
	return w, parts
}

// BenchmarkWijk measures a wijk analysis of 50 initiatives × 10 outcomes
// with full sensitivity: combining, the exact calculation at three rates,
// the tornado and every break-even value of the 500 outcomes, and the
// default scenarios.
func BenchmarkWijk(b *testing.B) {
	w, parts := benchWijk(b)
	b.ReportAllocs()
	for b.Loop() {
		c, _, err := ComputeWijk(w, parts)
		if err != nil {
			b.Fatal(err)
		}
		s, err := SensitivityOf(c.Analysis, DefaultVariation)
		if err != nil {
			b.Fatal(err)
		}
		if len(s.BreakEven) != 6*len(c.Analysis.Outcomes)+1 {
			b.Fatalf("%d break-even values for %d outcomes", len(s.BreakEven), len(c.Analysis.Outcomes))
		}
		if _, err := RunScenarios(c.Analysis, DefaultScenarios); err != nil {
			b.Fatal(err)
		}
	}
}

// TestBenchWijkSetup guards that the benchmark's wijk is valid and shares
// outcomes, so the benchmark measures what it says.
func TestBenchWijkSetup(t *testing.T) {
	t.Parallel()
	w, parts := benchWijk(t)
	c, r, err := ComputeWijk(w, parts)
	if err != nil {
		t.Fatal(err)
	}
	if len(c.Shared) == 0 || len(c.Analysis.Outcomes) >= 500 || len(c.Analysis.Outcomes) < 400 {
		t.Errorf("%d shared keys, %d outcomes counted", len(c.Shared), len(c.Analysis.Outcomes))
	}
	if !r.Primary().Ratio.Defined {
		t.Error("the benchmark wijk has no ratio")
	}
}
