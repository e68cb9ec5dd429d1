package sroi

import (
	"errors"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/wijk"
)

// fieldsOf returns the field messages of a validation error, nil for nil.
func fieldsOf(err error) map[string]string {
	var e *wei.Error
	if err == nil || !errors.As(err, &e) {
		return nil
	}
	if e.Code != wei.EINVALID {
		return map[string]string{"code": e.Code}
	}
	return e.Fields
}

// TestValidate walks every kind of bad input of the issue and more: each
// case changes one thing in a valid analysis and expects one field
// message, and Compute to refuse the analysis.
func TestValidate(t *testing.T) {
	t.Parallel()
	if err := func() error { a := handExample(); return a.Validate() }(); err != nil {
		t.Fatalf("the hand example is invalid: %v", err)
	}
	for _, c := range []struct {
		name   string
		change func(a *Analysis)
		field  string
		key    string
	}{
		{"deadweight above 100%", func(a *Analysis) { a.Outcomes[0].Deadweight = 10001 }, "outcomes[0].deadweight", KeyPercentage},
		{"deadweight below 0%", func(a *Analysis) { a.Outcomes[0].Deadweight = -1 }, "outcomes[0].deadweight", KeyPercentage},
		{"displacement above 100%", func(a *Analysis) { a.Outcomes[0].Displacement = 12000 }, "outcomes[0].displacement", KeyPercentage},
		{"attribution below 0%", func(a *Analysis) { a.Outcomes[0].Attribution = -500 }, "outcomes[0].attribution", KeyPercentage},
		{"drop-off above 100%", func(a *Analysis) { a.Outcomes[0].DropOff = 10500 }, "outcomes[0].drop_off", KeyPercentage},
		{"discount rate below 0%", func(a *Analysis) { a.DiscountRate = -225 }, "discount_rate", KeyPercentage},
		{"negative quantity", func(a *Analysis) { a.Outcomes[0].Quantity = -3 }, "outcomes[0].quantity", KeyQuantity},
		{"quantity too large", func(a *Analysis) { a.Outcomes[0].Quantity = MaxQuantity + 1 }, "outcomes[0].quantity", KeyQuantity},
		{"negative output quantity", func(a *Analysis) { a.Outputs[0].Quantity = -1 }, "outputs[0].quantity", KeyQuantity},
		{"duration 0 years", func(a *Analysis) { a.Outcomes[0].DurationYears = 0 }, "outcomes[0].duration_years", KeyDuration},
		{"duration too long", func(a *Analysis) { a.Outcomes[0].DurationYears = MaxDurationYears + 1 }, "outcomes[0].duration_years", KeyDuration},
		{"proxy without a source", func(a *Analysis) { a.Outcomes[0].Proxy.Source = "  " }, "outcomes[0].proxy.source", KeyProxySource},
		{"proxy of € 0", func(a *Analysis) { a.Outcomes[0].Proxy.Value = 0 }, "outcomes[0].proxy.value", KeyProxyValue},
		{"negative proxy", func(a *Analysis) { a.Outcomes[0].Proxy.Value = -100 }, "outcomes[0].proxy.value", KeyProxyValue},
		{"proxy without a year", func(a *Analysis) { a.Outcomes[0].Proxy.Year = 0 }, "outcomes[0].proxy.year", KeyProxyYear},
		{"proxy without a unit", func(a *Analysis) { a.Outcomes[0].Proxy.Unit = "" }, "outcomes[0].proxy.unit", "error.required"},
		{"outcome without an indicator", func(a *Analysis) { a.Outcomes[0].Indicator = "" }, "outcomes[0].indicator", "error.required"},
		{"outcome of an unknown stakeholder", func(a *Analysis) { a.Outcomes[0].StakeholderID = "nobody" }, "outcomes[0].stakeholder_id", "error.choice"},
		{"outcome of an unknown output", func(a *Analysis) { a.Outcomes[0].OutputID = "nothing" }, "outcomes[0].output_id", "error.choice"},
		{"negative amount", func(a *Analysis) { a.Inputs[0].Amount = -1 }, "inputs[0].amount", KeyAmount},
		{"negative minutes", func(a *Analysis) {
			a.Inputs = append(a.Inputs, Input{ID: "t", Kind: InputTime, Description: "Uren", Minutes: -60})
		}, "inputs[1].minutes", KeyMinutes},
		{"in-kind without a source", func(a *Analysis) {
			a.Inputs = append(a.Inputs, Input{ID: "k", Kind: InputInKind, Description: "Ruimte", Amount: 100})
		}, "inputs[1].source", KeyInKindSource},
		{"unknown input kind", func(a *Analysis) { a.Inputs[0].Kind = "gift" }, "inputs[0].kind", "error.choice"},
		{"negative hourly rate", func(a *Analysis) { a.HourlyRate = -1 }, "hourly_rate", KeyHourlyRate},
		{"unknown domain", func(a *Analysis) { a.Stakeholders[0].Domain = "media" }, "stakeholders[0].domain", "error.choice"},
		{"stakeholder without a name", func(a *Analysis) { a.Stakeholders[0].Name = " " }, "stakeholders[0].name", "error.required"},
		{"two outcomes with one ID", func(a *Analysis) { a.Outcomes = append(a.Outcomes, a.Outcomes[0]) }, "outcomes[1].id", KeyDuplicateID},
		{"period backwards", func(a *Analysis) { a.Period.To = a.Period.From.AddDate(0, 0, -1) }, "period.to", "error.date_order"},
		{"no period", func(a *Analysis) { a.Period.From = time.Time{} }, "period.from", "error.date"},
		{"initiative analysis without its initiative", func(a *Analysis) { a.InitiativeID = "" }, "initiative_id", "error.required"},
		{"unknown scope", func(a *Analysis) { a.Scope = "stad" }, "scope", "error.choice"},
		{"title too long", func(a *Analysis) { a.Title = string(make([]rune, 201)) }, "title", "error.too_long"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			a := handExample()
			c.change(&a)
			got := fieldsOf(a.Validate())
			if got[c.field] != c.key {
				t.Errorf("fields %v, want %s=%s", got, c.field, c.key)
			}
			if _, err := Compute(a); err == nil {
				t.Error("Compute accepted the analysis")
			}
			if _, err := SensitivityOf(a, DefaultVariation); err == nil {
				t.Error("SensitivityOf accepted the analysis")
			}
		})
	}
}

// TestValidateReportsAll guards that a form gets every message at once.
func TestValidateReportsAll(t *testing.T) {
	t.Parallel()
	a := handExample()
	a.Outcomes[0].Attribution = 20000
	a.Outcomes[0].Quantity = -1
	a.Outcomes[0].Proxy.Source = ""
	got := fieldsOf(a.Validate())
	for _, f := range []string{"outcomes[0].attribution", "outcomes[0].quantity", "outcomes[0].proxy.source"} {
		if got[f] == "" {
			t.Errorf("no message for %s in %v", f, got)
		}
	}
}

// TestValidateOneItem checks the validation pages use for a form about
// one item: field names without the place in the analysis.
func TestValidateOneItem(t *testing.T) {
	t.Parallel()
	o := handExample().Outcomes[0]
	o.DropOff = 10001
	o.Proxy.Source = ""
	if got := fieldsOf(o.Validate()); got["drop_off"] != KeyPercentage || got["proxy.source"] != KeyProxySource {
		t.Errorf("outcome fields %v", got)
	}
	p := handProxy
	p.Source = ""
	if got := fieldsOf(p.Validate()); got["source"] != KeyProxySource || len(got) != 1 {
		t.Errorf("proxy fields %v, want only source", got)
	}
	in := Input{Kind: InputMoney, Description: "Subsidie", Amount: -5}
	if got := fieldsOf(in.Validate()); got["amount"] != KeyAmount {
		t.Errorf("input fields %v", got)
	}
	s := Stakeholder{Name: "Buren", Domain: "pers"}
	if got := fieldsOf(s.Validate()); got["domain"] != "error.choice" {
		t.Errorf("stakeholder fields %v", got)
	}
	out := Output{Description: "Bijeenkomsten", Quantity: -2}
	if got := fieldsOf(out.Validate()); got["quantity"] != KeyQuantity {
		t.Errorf("output fields %v", got)
	}
}

func TestParseBasisPoints(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		in   string
		want BasisPoints
		ok   bool
	}{
		{"25", 2500, true}, {"12,5", 1250, true}, {"12.50", 1250, true}, {" 7,25 % ", 725, true}, {"0", 0, true},
		{"100", 10000, true}, {"-5", -500, true}, {"150", 15000, true},
		{"", 0, false}, {"abc", 0, false}, {"1,234", 0, false}, {"12,", 0, false}, {",5", 0, false}, {"+5", 0, false}, {"1e3", 0, false}, {"5,-1", 0, false},
	} {
		got, ok := ParseBasisPoints(c.in)
		if ok != c.ok || (ok && got != c.want) {
			t.Errorf("ParseBasisPoints(%q)=%d,%v, want %d,%v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// TestDomainsAlignWithWijk guards that every partner domain of the wijk
// module is a stakeholder domain here, so a partner's domain can be used
// as is.
func TestDomainsAlignWithWijk(t *testing.T) {
	t.Parallel()
	for _, d := range wijk.Domains {
		if !contains(Domains, Domain(d)) {
			t.Errorf("wijk domain %q is not an sroi domain", d)
		}
	}
	if len(Domains) != len(wijk.Domains)+1 || Domains[0] != DomainBewoners {
		t.Errorf("Domains=%v, want bewoners and the %d partner domains", Domains, len(wijk.Domains))
	}
}
