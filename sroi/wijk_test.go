package sroi

import (
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
)

// wijkOf returns the wijk's own analysis for the combine tests: no items
// of its own, except the coordinator's hours.
func wijkOf() Analysis {
	return Analysis{
		ID: "wijk-2025", WijkID: "w1", Scope: ScopeWijk, Title: "Blauwe Akker 2025", Period: year2025,
		DiscountRate: DutchDiscountRate, HourlyRate: DefaultHourlyRate,
		Stakeholders: []Stakeholder{{ID: "w-s", Name: "Wijkcoöperatie", Domain: DomainBewoners}},
		Inputs:       []Input{{ID: "w-in", StakeholderID: "w-s", Kind: InputTime, Description: "Coördinatie", Minutes: 600}}, // 10 hours: € 140,60
	}
}

// part returns the hand example as initiative analysis id, with every ID
// prefixed so the parts do not collide.
func part(id string) Analysis {
	a := handExample()
	a.ID, a.InitiativeID, a.Title = id, "org-"+id, "Initiatief "+id
	for i := range a.Stakeholders {
		a.Stakeholders[i].ID = id + "-" + a.Stakeholders[i].ID
	}
	for i := range a.Inputs {
		a.Inputs[i].ID, a.Inputs[i].StakeholderID = id+"-"+a.Inputs[i].ID, id+"-"+a.Inputs[i].StakeholderID
	}
	for i := range a.Outputs {
		a.Outputs[i].ID, a.Outputs[i].StakeholderID = id+"-"+a.Outputs[i].ID, id+"-"+a.Outputs[i].StakeholderID
	}
	for i := range a.Outcomes {
		o := &a.Outcomes[i]
		o.ID, o.StakeholderID, o.OutputID = id+"-"+o.ID, id+"-"+o.StakeholderID, id+"-"+o.OutputID
	}
	return a
}

// TestCombineWijk combines three initiatives, two of which claim the same
// shared outcome. The hand example's outcome is worth € 28.042,40; in the
// second initiative it reaches 30 residents (€ 42.063,60), in the third
// 20 (€ 28.042,40) under the same key. The wijk counts the second claim
// only:
//
//	PV    = 28.042,3969 (a) + 42.063,5953 (b) = 70.105,99
//	inputs = 3 × 20.000 + 140,60              = 60.140,60
//	ratio = 70.105,9922 / 60.140,60 = 1,1657… → 1,17
func TestCombineWijk(t *testing.T) {
	t.Parallel()
	a, b, c := part("a"), part("b"), part("c")
	b.Outcomes[0].Quantity, b.Outcomes[0].SharedKey = 30, "eenzaamheid-noord"
	c.Outcomes[0].SharedKey = " Eenzaamheid-Noord "
	parts := []Analysis{a, b, c}
	comb, res, err := ComputeWijk(wijkOf(), parts)
	if err != nil {
		t.Fatalf("ComputeWijk: %v", err)
	}
	wantShared := []SharedOutcome{{
		Key:      "eenzaamheid-noord",
		Counted:  SharedClaim{AnalysisID: "b", OutcomeID: "b-o1", PV: 4206360},
		Excluded: []SharedClaim{{AnalysisID: "c", OutcomeID: "c-o1", PV: 2804240}},
	}}
	if diff := cmp.Diff(wantShared, comb.Shared); diff != "" {
		t.Errorf("shared (-want +got):\n%s", diff)
	}
	if got := len(comb.Analysis.Outcomes); got != 2 {
		t.Errorf("%d outcomes counted, want 2", got)
	}
	if res.Primary().PV != 7010599 || res.Inputs.Total != 6014060 || res.Primary().Ratio.Hundredths != 117 {
		t.Errorf("PV=%d inputs=%d ratio=%d, want 7010599, 6014060, 117", res.Primary().PV, res.Inputs.Total, res.Primary().Ratio.Hundredths)
	}
	wantParts := []PartSummary{
		{AnalysisID: "a", InitiativeID: "org-a", Title: "Initiatief a", Inputs: 2000000, PV: 2804240, PVCounted: 2804240, Ratio: Ratio{Defined: true, Hundredths: 140, Value: 1.40211984493129}},
		{AnalysisID: "b", InitiativeID: "org-b", Title: "Initiatief b", Inputs: 2000000, PV: 4206360, PVCounted: 4206360, Ratio: Ratio{Defined: true, Hundredths: 210, Value: 2.1031797673969348}},
		{AnalysisID: "c", InitiativeID: "org-c", Title: "Initiatief c", Inputs: 2000000, PV: 2804240, PVCounted: 0, Ratio: Ratio{Defined: true, Hundredths: 140, Value: 1.40211984493129}},
	}
	if diff := cmp.Diff(wantParts, comb.Parts, cmp.Comparer(func(x, y float64) bool { return x-y < 1e-12 && y-x < 1e-12 })); diff != "" {
		t.Errorf("parts (-want +got):\n%s", diff)
	}
	if comb.Origin["c-o1"] != "c" || comb.Origin["w-in"] != "wijk-2025" || comb.Origin["a-s1"] != "a" {
		t.Errorf("origins %v", comb.Origin)
	}
	// Who gains what: the residents of all three, the wijkcoöperatie gave hours.
	if got := res.ByDomain[0]; got.Domain != DomainBewoners || got.PV != 7010599 || got.Inputs != 14060 {
		t.Errorf("ByDomain[bewoners]=%+v", got)
	}
	if got := res.ByDomain[1]; got.Inputs != 6000000 {
		t.Errorf("ByDomain[gemeente]=%+v, want € 60.000 invested", got)
	}
	// The caller's analyses are untouched.
	if parts[2].Outcomes[0].SharedKey != " Eenzaamheid-Noord " || len(parts) != 3 {
		t.Error("CombineWijk changed the caller's analyses")
	}
}

// TestCombineWijkSumsWithoutSharing checks that without shared keys the
// wijk is the sum of its parts.
func TestCombineWijkSumsWithoutSharing(t *testing.T) {
	t.Parallel()
	w := wijkOf()
	w.Inputs = nil
	_, res, err := ComputeWijk(w, []Analysis{part("a"), part("b")})
	if err != nil {
		t.Fatal(err)
	}
	// 2 × 28.042,3969 = 56.084,7938: the exact sum, rounded once, is a
	// cent below the sum of the rounded parts.
	if res.Primary().PV != 5608479 || res.Inputs.Total != 4000000 || res.Primary().Ratio.Hundredths != 140 {
		t.Errorf("PV=%d inputs=%d ratio=%d", res.Primary().PV, res.Inputs.Total, res.Primary().Ratio.Hundredths)
	}
}

func TestCombineWijkInvalid(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name  string
		w     func(*Analysis)
		parts func([]Analysis)
		field string
		key   string
	}{
		{"other period", nil, func(p []Analysis) { p[1].Period.From = p[1].Period.From.AddDate(0, 1, 0) }, "parts[1].period", KeyPeriodMismatch},
		{"other wijk", nil, func(p []Analysis) { p[0].WijkID = "w2" }, "parts[0].wijk_id", "error.choice"},
		{"wijk analysis as part", nil, func(p []Analysis) { p[0].Scope = ScopeWijk }, "parts[0].scope", "error.choice"},
		{"initiative as the wijk", func(w *Analysis) { w.Scope = ScopeInitiative; w.InitiativeID = "x" }, nil, "scope", "error.choice"},
		{"invalid part", nil, func(p []Analysis) { p[1].Outcomes[0].Attribution = -1 }, "parts[1].outcomes[0].attribution", KeyPercentage},
		{"one ID in two parts", nil, func(p []Analysis) { p[1].Outcomes[0].ID = p[0].Outcomes[0].ID }, "parts[1].outcomes[0].id", KeyDuplicateID},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			w := wijkOf()
			parts := []Analysis{part("a"), part("b")}
			if c.w != nil {
				c.w(&w)
			}
			if c.parts != nil {
				c.parts(parts)
			}
			_, err := CombineWijk(w, parts)
			if got := fieldsOf(err); got[c.field] != c.key {
				t.Errorf("fields %v, want %s=%s", got, c.field, c.key)
			}
		})
	}
}

// TestCompareYears puts three years side by side, given out of order.
func TestCompareYears(t *testing.T) {
	t.Parallel()
	var results []Result
	for _, y := range []struct {
		year   int
		amount int64
	}{{2025, 2000000}, {2023, 4000000}, {2024, 0}} {
		a := handExample()
		a.Period = Period{From: time.Date(y.year, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(y.year, 12, 31, 0, 0, 0, 0, time.UTC)}
		a.Inputs[0].Amount = y.amount
		r, err := Compute(a)
		if err != nil {
			t.Fatal(err)
		}
		results = append(results, r)
	}
	rows := CompareYears(results)
	var got []int
	for _, r := range rows {
		got = append(got, r.Period.From.Year())
	}
	if diff := cmp.Diff([]int{2023, 2024, 2025}, got); diff != "" {
		t.Errorf("order (-want +got):\n%s", diff)
	}
	// 2023: € 40.000 in → ratio 0,70; 2024: no inputs; 2025: 1,40.
	if rows[0].Ratio.Hundredths != 70 || rows[0].HasChange {
		t.Errorf("2023: %+v", rows[0])
	}
	if rows[1].Ratio.Defined || rows[1].HasChange {
		t.Errorf("2024 without inputs: %+v", rows[1])
	}
	if rows[2].Ratio.Hundredths != 140 || rows[2].HasChange {
		t.Errorf("2025 after a year without ratio: %+v", rows[2])
	}
	rows = CompareYears([]Result{results[1], results[0]})
	if !rows[1].HasChange || rows[1].RatioChange != 70 {
		t.Errorf("2023 → 2025: change %d (%v), want +70", rows[1].RatioChange, rows[1].HasChange)
	}
}
