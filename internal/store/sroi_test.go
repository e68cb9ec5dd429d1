package store_test

import (
	"errors"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/sroi"
	"github.com/wei-platform/wei/wijk"
)

var sroiYear = sroi.Period{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)}

// mustSROIAnalysis creates an initiative's analysis over 2025 at the
// Dutch discount rate and the default hourly rate.
func mustSROIAnalysis(t testing.TB, s *store.Store, wijkID, initiativeID string) store.SROIAnalysis {
	t.Helper()
	a := store.SROIAnalysis{Analysis: sroi.Analysis{WijkID: wijkID, Scope: sroi.ScopeInitiative, InitiativeID: initiativeID, Title: "Buurtkamer 2025",
		Period: sroiYear, DiscountRate: sroi.DutchDiscountRate, HourlyRate: sroi.DefaultHourlyRate}, CreatedBy: "pm"}
	if err := s.CreateSROIAnalysis(t.Context(), &a); err != nil {
		t.Fatalf("CreateSROIAnalysis: %v", err)
	}
	return a
}

func mustSROIAnalysisOf(t testing.TB, s *store.Store, wijkID, id string) store.SROIAnalysis {
	t.Helper()
	a, err := s.SROIAnalysis(t.Context(), wijkID, id)
	if err != nil {
		t.Fatalf("SROIAnalysis: %v", err)
	}
	return a
}

// wantField fails unless err is EINVALID with key for field (among others).
func wantField(t testing.TB, err error, field, key string) {
	t.Helper()
	var e *wei.Error
	if !errors.As(err, &e) || e.Code != wei.EINVALID {
		t.Fatalf("err=%v, want EINVALID", err)
	}
	if e.Fields[field] != key {
		t.Fatalf("Fields[%q]=%q, want %q (all: %v)", field, e.Fields[field], key, e.Fields)
	}
}

func TestSROILibrary(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w := mustWijk(t, s, "bieb", "Bibliotheekwijk")
		st, err := s.SROISettings(ctx, w.ID)
		if err != nil || st.HourlyRate != sroi.DefaultHourlyRate || st.DiscountRate != sroi.DutchDiscountRate {
			t.Fatalf("default settings=%+v %v", st, err)
		}
		if ps, err := s.SROIProxies(ctx, w.ID); err != nil || len(ps) != 0 {
			t.Fatalf("proxies before seeding=%d %v, want 0", len(ps), err)
		}
		for range 2 { // the second call changes nothing
			if err := s.EnsureSROILibrary(ctx, w.ID); err != nil {
				t.Fatal(err)
			}
		}
		ps, err := s.SROIProxies(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(sroi.DefaultProxies(), ps); diff != "" {
			t.Fatalf("seeded library differs from sroi.DefaultProxies (-want +got):\n%s", diff)
		}

		// Edit an entry; a proxy without a source is refused and nothing changes.
		p := ps[0]
		p.Value, p.Note = 1500, "Eigen schatting van de wijk"
		if err := s.SaveSROIProxy(ctx, w.ID, &p, "pm"); err != nil {
			t.Fatal(err)
		}
		bad := p
		bad.Source, bad.Value = "  ", 99
		wantField(t, s.SaveSROIProxy(ctx, w.ID, &bad, "pm"), "source", sroi.KeyProxySource)
		got, err := s.SROIProxy(ctx, w.ID, p.ID)
		if err != nil || got.Value != 1500 || got.Source != ps[0].Source {
			t.Fatalf("after a refused edit: %+v %v, want value 1500 and the old source", got, err)
		}
		for _, tc := range []struct {
			change func(*sroi.Proxy)
			field  string
			key    string
		}{
			{func(p *sroi.Proxy) { p.Value = 0 }, "value", sroi.KeyProxyValue},
			{func(p *sroi.Proxy) { p.Year = 1800 }, "year", sroi.KeyProxyYear},
			{func(p *sroi.Proxy) { p.Name = "" }, "name", "error.required"},
		} {
			x := sroi.Proxy{Name: "Minder eenzaam", Value: 100000, Unit: "persoon per jaar", Source: "Wijkonderzoek 2025", Year: 2025}
			tc.change(&x)
			wantField(t, s.SaveSROIProxy(ctx, w.ID, &x, "pm"), tc.field, tc.key)
			if x.ID != "" {
				t.Errorf("a refused new proxy got ID %q", x.ID)
			}
		}
		// A new entry comes last; an entry of another wijk cannot be changed.
		n := sroi.Proxy{Name: "Minder eenzaam", Value: 100000, Unit: "persoon per jaar", Source: "Wijkonderzoek 2025", Year: 2025}
		if err := s.SaveSROIProxy(ctx, w.ID, &n, "pm"); err != nil || n.ID == "" {
			t.Fatalf("new proxy: %v (ID %q)", err, n.ID)
		}
		ps, _ = s.SROIProxies(ctx, w.ID)
		if len(ps) != len(sroi.DefaultProxies())+1 || ps[len(ps)-1].ID != n.ID {
			t.Fatalf("library has %d entries, last %q; want %d, last the new one", len(ps), ps[len(ps)-1].ID, len(sroi.DefaultProxies())+1)
		}
		other := mustWijk(t, s, "elders", "Elders")
		wantCode(t, s.SaveSROIProxy(ctx, other.ID, &n, "pm"), wei.ENOTFOUND)

		// Settings.
		st.HourlyRate, st.DiscountRate, st.UpdatedBy = 1646, sroi.GreenBookDiscountRate, "pm"
		if err := s.SaveSROISettings(ctx, &st); err != nil {
			t.Fatal(err)
		}
		bst := st
		bst.HourlyRate, bst.DiscountRate = -1, 10001
		wantInvalid(t, s.SaveSROISettings(ctx, &bst), "hourly_rate", "discount_rate")
		if got, _ := s.SROISettings(ctx, w.ID); got.HourlyRate != 1646 || got.DiscountRate != sroi.GreenBookDiscountRate {
			t.Fatalf("settings=%+v, want 1646 and 3.5%%", got)
		}
	})
}

// buildHandExample stores the SROI guide example computed by hand below:
// one outcome for 20 residents, proxy € 1.000 per participant per year.
func buildHandExample(t testing.TB, s *store.Store, w wijk.Wijk, in wijk.Organisation) store.SROIAnalysis {
	t.Helper()
	ctx := t.Context()
	a := mustSROIAnalysis(t, s, w.ID, in.ID)
	if err := s.EnsureSROILibrary(ctx, w.ID); err != nil {
		t.Fatal(err)
	}
	proxy := sroi.Proxy{Name: "Minder eenzaam", Value: 100000, Unit: "deelnemer per jaar", Source: "Testbron", Year: 2025}
	if err := s.SaveSROIProxy(ctx, w.ID, &proxy, "pm"); err != nil {
		t.Fatal(err)
	}
	deelnemers := sroi.Stakeholder{Name: " Deelnemers ", Domain: sroi.DomainBewoners}
	gemeente := sroi.Stakeholder{Name: "Gemeente", Domain: sroi.DomainGemeente}
	for _, x := range []*sroi.Stakeholder{&deelnemers, &gemeente} {
		if err := s.SaveSROIStakeholder(ctx, w.ID, a.ID, x, "pm"); err != nil {
			t.Fatal(err)
		}
	}
	if deelnemers.Name != "Deelnemers" {
		t.Errorf("saved name %q, want it trimmed", deelnemers.Name)
	}
	subsidie := sroi.Input{StakeholderID: gemeente.ID, Kind: sroi.InputMoney, Description: "Subsidie", Amount: 2000000, Minutes: 99}
	if err := s.SaveSROIInput(ctx, w.ID, a.ID, &subsidie, "pm"); err != nil {
		t.Fatal(err)
	}
	out := sroi.Output{StakeholderID: deelnemers.ID, Description: "Bijeenkomsten", Quantity: 40, Unit: "bijeenkomst"}
	if err := s.SaveSROIOutput(ctx, w.ID, a.ID, &out, "pm"); err != nil {
		t.Fatal(err)
	}
	o := sroi.Outcome{StakeholderID: deelnemers.ID, OutputID: out.ID, Description: "Minder eenzaam", Indicator: "Eenzaamheidsschaal",
		Quantity: 20, DurationYears: 3, Proxy: sroi.Proxy{ID: proxy.ID},
		Deadweight: 2000, Displacement: 1000, Attribution: 2500, DropOff: 1000}
	if err := s.SaveSROIOutcome(ctx, w.ID, a.ID, &o, false, "pm"); err != nil {
		t.Fatal(err)
	}
	if o.Proxy != proxy {
		t.Errorf("outcome proxy=%+v, want a copy of the library entry %+v", o.Proxy, proxy)
	}
	return mustSROIAnalysisOf(t, s, w.ID, a.ID)
}

// TestSROIHandExample stores the example of the sroi package's hand
// calculation and checks the figures of the stored analysis:
//
//	impact    = 20 × € 1.000 × (1−0,20) × (1−0,10) × (1−0,25) = € 10.800,00 (year 1)
//	year 2    = 10.800 × 0,9 = € 9.720,00;  year 3 = 9.720 × 0,9 = € 8.748,00
//	PV 2,25%  = 10.800/1,0225 + 9.720/1,0225² + 8.748/1,0225³
//	          = 10.562,35 + 9.296,93 + 8.183,12 = € 28.042,40
//	NPV       = 28.042,40 − 20.000 = € 8.042,40;  ratio 1,40
//	PV 3,5%   = € 27.398,70;  ratio 1,37
//	payback   = 20.000 / (10.800 / 12) = 22,2 months
//
// The books hold nothing for the initiative, so the inputs are the
// € 20.000 subsidy alone.
func TestSROIHandExample(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		w := mustWijk(t, s, "hand", "Handwijk")
		in := mustOrganisation(t, s, w.ID, "Buurtkamer", wijk.FormBurgerinitiatief)
		a := buildHandExample(t, s, w, in)
		if !a.Books.Read || a.Books.MoneyCents != 0 || a.Books.Minutes != 0 || a.InitiativeName != "Buurtkamer" {
			t.Fatalf("books=%+v initiative=%q, want read and empty", a.Books, a.InitiativeName)
		}
		if len(a.Inputs) != 1 || a.Inputs[0].Minutes != 0 {
			t.Fatalf("inputs=%+v, want the subsidy without minutes", a.Inputs)
		}
		full := a.Full()
		if len(full.Inputs) != 3 {
			t.Fatalf("full inputs=%d, want the books' money and time and the subsidy", len(full.Inputs))
		}
		for i, kind := range []sroi.InputKind{sroi.InputMoney, sroi.InputTime} {
			if k, ok := store.SROIBooksInput(full.Inputs[i].ID); !ok || k != kind {
				t.Errorf("input %d=%q: SROIBooksInput=%q %v, want %q", i, full.Inputs[i].ID, k, ok, kind)
			}
		}
		r, err := sroi.Compute(full)
		if err != nil {
			t.Fatal(err)
		}
		got := []int64{r.Outcomes[0].Impact, r.Outcomes[0].Years[1], r.Outcomes[0].Years[2], r.Inputs.Total,
			r.Rates[0].PV, r.Rates[0].NPV, r.Rates[0].Ratio.Hundredths, r.Rates[1].PV, r.Rates[1].Ratio.Hundredths, r.Payback.Tenths}
		want := []int64{1080000, 972000, 874800, 2000000, 2804240, 804240, 140, 2739870, 137, 222}
		if diff := cmp.Diff(want, got); diff != "" {
			t.Errorf("figures (-want +got):\n%s", diff)
		}
	})
}

func TestSROIBadInputSavesNothing(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w := mustWijk(t, s, "fout", "Foutwijk")
		in := mustOrganisation(t, s, w.ID, "Buurtkamer", wijk.FormBurgerinitiatief)
		a := buildHandExample(t, s, w, in)
		before := mustSROIAnalysisOf(t, s, w.ID, a.ID)
		o := a.Outcomes[0]

		for _, tc := range []struct {
			name   string
			change func(*sroi.Outcome)
			field  string
			key    string
		}{
			{"attribution above 100", func(o *sroi.Outcome) { o.Attribution = 10001 }, "attribution", sroi.KeyPercentage},
			{"negative deadweight", func(o *sroi.Outcome) { o.Deadweight = -1 }, "deadweight", sroi.KeyPercentage},
			{"drop-off above 100", func(o *sroi.Outcome) { o.DropOff = 12000 }, "drop_off", sroi.KeyPercentage},
			{"negative quantity", func(o *sroi.Outcome) { o.Quantity = -5 }, "quantity", sroi.KeyQuantity},
			{"no duration", func(o *sroi.Outcome) { o.DurationYears = 0 }, "duration_years", sroi.KeyDuration},
			{"unknown stakeholder", func(o *sroi.Outcome) { o.StakeholderID = "nobody" }, "stakeholder_id", "error.choice"},
			{"unknown proxy", func(o *sroi.Outcome) { o.Proxy = sroi.Proxy{ID: "nope"} }, "proxy_id", "error.choice"},
		} {
			t.Run(tc.name, func(t *testing.T) {
				x := o
				tc.change(&x)
				wantField(t, s.SaveSROIOutcome(ctx, w.ID, a.ID, &x, false, "pm"), tc.field, tc.key)
			})
		}
		// A new outcome needs a proxy from the library.
		nw := o
		nw.ID, nw.Proxy = "", sroi.Proxy{}
		err := s.SaveSROIOutcome(ctx, w.ID, a.ID, &nw, false, "pm")
		wantField(t, err, "proxy_id", store.KeySROIProxyRequired)
		if nw.ID != "" {
			t.Errorf("a refused outcome got ID %q", nw.ID)
		}
		// Inputs and outputs.
		kind := sroi.Input{Kind: sroi.InputInKind, Description: "Zaal", Amount: 90000}
		wantField(t, s.SaveSROIInput(ctx, w.ID, a.ID, &kind, "pm"), "source", sroi.KeyInKindSource)
		neg := sroi.Input{Kind: sroi.InputMoney, Description: "Gift", Amount: -100}
		wantField(t, s.SaveSROIInput(ctx, w.ID, a.ID, &neg, "pm"), "amount", sroi.KeyAmount)
		out := sroi.Output{Description: "Bijeenkomsten", Quantity: -1}
		wantField(t, s.SaveSROIOutput(ctx, w.ID, a.ID, &out, "pm"), "quantity", sroi.KeyQuantity)
		sh := sroi.Stakeholder{Name: "Iemand", Domain: "buren"}
		wantField(t, s.SaveSROIStakeholder(ctx, w.ID, a.ID, &sh, "pm"), "domain", "error.choice")
		// The books' inputs are read, never saved.
		books := sroi.Input{ID: a.ID + ":boeken:geld", Kind: sroi.InputMoney, Description: "Geld", Amount: 1}
		wantCode(t, s.SaveSROIInput(ctx, w.ID, a.ID, &books, "pm"), wei.ENOTFOUND)

		after := mustSROIAnalysisOf(t, s, w.ID, a.ID)
		if diff := cmp.Diff(before.Analysis, after.Analysis); diff != "" {
			t.Errorf("refused saves changed the analysis (-before +after):\n%s", diff)
		}

		// A good change is saved; the proxy copy stays unless refreshed.
		lib, _ := s.SROIProxy(ctx, w.ID, o.Proxy.ID)
		lib.Value = 120000
		if err := s.SaveSROIProxy(ctx, w.ID, &lib, "pm"); err != nil {
			t.Fatal(err)
		}
		x := o
		x.Attribution = 5000
		if err := s.SaveSROIOutcome(ctx, w.ID, a.ID, &x, false, "pm"); err != nil {
			t.Fatal(err)
		}
		got := mustSROIAnalysisOf(t, s, w.ID, a.ID).Outcomes[0]
		if got.Attribution != 5000 || got.Proxy.Value != 100000 {
			t.Fatalf("after the edit: attribution %d, proxy %d; want 5000 and the old copy 100000", got.Attribution, got.Proxy.Value)
		}
		if err := s.SaveSROIOutcome(ctx, w.ID, a.ID, &x, true, "pm"); err != nil {
			t.Fatal(err)
		}
		if got := mustSROIAnalysisOf(t, s, w.ID, a.ID).Outcomes[0]; got.Proxy.Value != 120000 {
			t.Fatalf("after refreshing: proxy %d, want the library's 120000", got.Proxy.Value)
		}

		// Delete: a stakeholder in use stays; an outcome goes, then its output.
		wantField(t, s.DeleteSROIItem(ctx, w.ID, a.ID, store.SROIStakeholders, o.StakeholderID, "pm"), "_", store.KeySROIInUse)
		wantField(t, s.DeleteSROIItem(ctx, w.ID, a.ID, store.SROIOutputs, o.OutputID, "pm"), "_", store.KeySROIInUse)
		if err := s.DeleteSROIItem(ctx, w.ID, a.ID, store.SROIOutcomes, o.ID, "pm"); err != nil {
			t.Fatal(err)
		}
		if err := s.DeleteSROIItem(ctx, w.ID, a.ID, store.SROIOutputs, o.OutputID, "pm"); err != nil {
			t.Fatal(err)
		}
		wantCode(t, s.DeleteSROIItem(ctx, w.ID, a.ID, store.SROIOutcomes, o.ID, "pm"), wei.ENOTFOUND)
		if got := mustSROIAnalysisOf(t, s, w.ID, a.ID); len(got.Outcomes) != 0 || len(got.Outputs) != 0 || len(got.Stakeholders) != 2 {
			t.Fatalf("after deleting: %d outcomes, %d outputs, %d stakeholders; want 0, 0, 2", len(got.Outcomes), len(got.Outputs), len(got.Stakeholders))
		}

		// Another wijk sees nothing of the analysis.
		other := mustWijk(t, s, "elders", "Elders")
		_, err = s.SROIAnalysis(ctx, other.ID, a.ID)
		wantCode(t, err, wei.ENOTFOUND)
		sh2 := sroi.Stakeholder{Name: "Buren", Domain: sroi.DomainBewoners}
		wantCode(t, s.SaveSROIStakeholder(ctx, other.ID, a.ID, &sh2, "pm"), wei.ENOTFOUND)
	})
}

func TestSROIAnalysisHead(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w := mustWijk(t, s, "kop", "Kopwijk")
		in := mustOrganisation(t, s, w.ID, "Buurtkamer", wijk.FormBurgerinitiatief)
		partner := mustOrganisation(t, s, w.ID, "Gemeente", wijk.FormPartner)
		a := mustSROIAnalysis(t, s, w.ID, in.ID)

		// One analysis per initiative and period.
		dup := store.SROIAnalysis{Analysis: sroi.Analysis{WijkID: w.ID, Scope: sroi.ScopeInitiative, InitiativeID: in.ID, Title: "Nog een", Period: sroiYear}}
		wantField(t, s.CreateSROIAnalysis(ctx, &dup), "period.from", store.KeySROIExists)
		for _, tc := range []struct {
			name  string
			a     sroi.Analysis
			field string
			key   string
		}{
			{"partner is no initiative", sroi.Analysis{Scope: sroi.ScopeInitiative, InitiativeID: partner.ID, Title: "X", Period: sroiYear}, "initiative_id", "error.choice"},
			{"no initiative", sroi.Analysis{Scope: sroi.ScopeInitiative, Title: "X", Period: sroiYear}, "initiative_id", "error.required"},
			{"no title", sroi.Analysis{Scope: sroi.ScopeWijk, Period: sroiYear}, "title", "error.required"},
			{"period backwards", sroi.Analysis{Scope: sroi.ScopeWijk, Title: "X", Period: sroi.Period{From: sroiYear.To, To: sroiYear.From}}, "period.to", "error.date_order"},
			{"discount above 100", sroi.Analysis{Scope: sroi.ScopeWijk, Title: "X", Period: sroiYear, DiscountRate: 10001}, "discount_rate", sroi.KeyPercentage},
			{"hourly rate below 0", sroi.Analysis{Scope: sroi.ScopeWijk, Title: "X", Period: sroiYear, HourlyRate: -1}, "hourly_rate", sroi.KeyHourlyRate},
			{"bad scope", sroi.Analysis{Scope: "buurt", Title: "X", Period: sroiYear}, "scope", "error.choice"},
		} {
			x := store.SROIAnalysis{Analysis: tc.a}
			x.WijkID = w.ID
			wantField(t, s.CreateSROIAnalysis(ctx, &x), tc.field, tc.key)
		}

		// The wijk's analysis of the same period gathers the initiative's.
		wa := store.SROIAnalysis{Analysis: sroi.Analysis{WijkID: w.ID, Scope: sroi.ScopeWijk, Title: "Kopwijk 2025", Period: sroiYear,
			DiscountRate: sroi.DutchDiscountRate, HourlyRate: sroi.DefaultHourlyRate}}
		if err := s.CreateSROIAnalysis(ctx, &wa); err != nil {
			t.Fatal(err)
		}
		lastYear := store.SROIAnalysis{Analysis: sroi.Analysis{WijkID: w.ID, Scope: sroi.ScopeInitiative, InitiativeID: in.ID, Title: "Buurtkamer 2024",
			Period: sroi.Period{From: sroiYear.From.AddDate(-1, 0, 0), To: sroiYear.To.AddDate(-1, 0, 0)}}}
		if err := s.CreateSROIAnalysis(ctx, &lastYear); err != nil {
			t.Fatal(err)
		}
		parts, err := s.SROIParts(ctx, wa)
		if err != nil || len(parts) != 1 || parts[0].ID != a.ID {
			t.Fatalf("parts=%v %v, want the 2025 analysis of the initiative only", parts, err)
		}
		if parts[0].Books.Read != true || wa.Books.Read {
			t.Errorf("books read: part %v, wijk %v; want true, false", parts[0].Books.Read, wa.Books.Read)
		}
		all, err := s.SROIAnalyses(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		var order []string
		for _, x := range all {
			order = append(order, x.Title)
		}
		if diff := cmp.Diff([]string{"Kopwijk 2025", "Buurtkamer 2025", "Buurtkamer 2024"}, order); diff != "" {
			t.Errorf("order (-want +got):\n%s", diff)
		}

		// Update: the stakeholder of the books' money must exist; a period
		// of another analysis of the initiative is taken.
		sh := sroi.Stakeholder{Name: "Gemeente", Domain: sroi.DomainGemeente}
		if err := s.SaveSROIStakeholder(ctx, w.ID, a.ID, &sh, "pm"); err != nil {
			t.Fatal(err)
		}
		up := a
		up.MoneyStakeholderID = "nobody"
		wantField(t, s.UpdateSROIAnalysis(ctx, &up, "pm"), "money_stakeholder_id", "error.choice")
		up = a
		up.Period = lastYear.Period
		wantField(t, s.UpdateSROIAnalysis(ctx, &up, "pm"), "period.from", store.KeySROIExists)
		up = a
		up.Title, up.MoneyStakeholderID, up.HourlyRate = "Buurtkamer, heel 2025", sh.ID, 1646
		if err := s.UpdateSROIAnalysis(ctx, &up, "pm2"); err != nil {
			t.Fatal(err)
		}
		got := mustSROIAnalysisOf(t, s, w.ID, a.ID)
		if got.Title != "Buurtkamer, heel 2025" || got.MoneyStakeholderID != sh.ID || got.HourlyRate != 1646 || got.UpdatedBy != "pm2" {
			t.Fatalf("after update: %+v", got)
		}
		if got.Full().Inputs[0].StakeholderID != sh.ID {
			t.Errorf("the books' money is not the gemeente's: %+v", got.Full().Inputs[0])
		}
	})
}

// TestSROIBooks checks the inputs read from the books: the initiative's
// expenses in the period (not those before or after, not another
// initiative's) and the minutes it thanked volunteers with, less a
// correction.
func TestSROIBooks(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w := mustWijk(t, s, "boeken", "Boekenwijk")
		in := mustOrganisation(t, s, w.ID, "Repair Café", wijk.FormBurgerinitiatief)
		other := mustOrganisation(t, s, w.ID, "Buurttuin", wijk.FormBurgerinitiatief)
		fonds := mustOrganisation(t, s, w.ID, "Lindenfonds", wijk.FormPartner)
		if err := s.EnsureChart(ctx, w.ID); err != nil {
			t.Fatal(err)
		}
		acct := func(code string) ledger.Account {
			a, err := s.AccountByCode(ctx, w.ID, code, ledger.EUR)
			if err != nil {
				t.Fatal(err)
			}
			return a
		}
		funder := acct("Financiers:" + fonds.Name)
		spend := func(key, code string, on time.Time, cents int64) {
			t.Helper()
			if _, _, err := s.Post(ctx, ledger.Transaction{WijkID: w.ID, On: on, Description: "Onderdelen", IdempotencyKey: key,
				Postings: []ledger.Posting{{AccountID: acct(code).ID, Asset: ledger.EUR, Amount: cents}, {AccountID: funder.ID, Asset: ledger.EUR, Amount: -cents}}}); err != nil {
				t.Fatal(err)
			}
		}
		spend("e1", "Initiatieven:Repair Café:Uitgaven", time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC), 12_000)  // first day
		spend("e2", "Initiatieven:Repair Café:Uitgaven", time.Date(2025, 6, 15, 0, 0, 0, 0, time.UTC), 33_050) // mid-month
		spend("e3", "Initiatieven:Repair Café:Uitgaven", time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC), 5_000) // last day
		spend("e4", "Initiatieven:Repair Café:Uitgaven", time.Date(2024, 12, 31, 0, 0, 0, 0, time.UTC), 99_900)
		spend("e5", "Initiatieven:Repair Café:Uitgaven", time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), 99_900)
		spend("e6", "Initiatieven:Buurttuin:Uitgaven", time.Date(2025, 3, 3, 0, 0, 0, 0, time.UTC), 77_700)

		ria, aziz := mustPerson(t, s, w.ID, "Ria"), mustPerson(t, s, w.ID, "Aziz")
		start := time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)
		mustMembership(t, s, in.ID, ria.ID, wijk.MemberVrijwilliger, start)
		mustMembership(t, s, in.ID, aziz.ID, wijk.MemberVrijwilliger, start)
		mustMembership(t, s, other.ID, ria.ID, wijk.MemberVrijwilliger, start)
		reward := func(org, person, key string, on time.Time, minutes int64) ledger.Transaction {
			t.Helper()
			tx, err := s.RewardVolunteer(ctx, w.ID, org, person, ledger.Time, minutes, on, "Dank voor het repareren", key, "")
			if err != nil {
				t.Fatal(err)
			}
			return tx
		}
		reward(in.ID, ria.ID, "r1", time.Date(2025, 2, 8, 0, 0, 0, 0, time.UTC), 180)
		wrong := reward(in.ID, aziz.ID, "r2", time.Date(2025, 3, 8, 0, 0, 0, 0, time.UTC), 240)
		reward(in.ID, aziz.ID, "r3", time.Date(2025, 4, 12, 0, 0, 0, 0, time.UTC), 120)
		reward(in.ID, aziz.ID, "r4", time.Date(2024, 4, 12, 0, 0, 0, 0, time.UTC), 600)   // before the period
		reward(other.ID, ria.ID, "r5", time.Date(2025, 4, 12, 0, 0, 0, 0, time.UTC), 300) // another initiative
		if _, _, err := s.Post(ctx, wrong.Reversal(time.Date(2025, 3, 9, 0, 0, 0, 0, time.UTC), "r2-terug", "")); err != nil {
			t.Fatal(err)
		}
		// A resident paying another is no volunteer time of the initiative.
		if _, err := s.PayTime(ctx, w.ID, aziz.ID, ria.ID, 60, time.Date(2025, 5, 1, 0, 0, 0, 0, time.UTC), "Hulp", "p1", ""); err != nil {
			t.Fatal(err)
		}

		a := mustSROIAnalysis(t, s, w.ID, in.ID)
		got := mustSROIAnalysisOf(t, s, w.ID, a.ID)
		// 120,00 + 330,50 + 50,00 = € 500,50; 180 + 240 − 240 + 120 = 300 minutes.
		if got.Books.MoneyCents != 50_050 || got.Books.Minutes != 300 {
			t.Fatalf("books: %d cents, %d minutes; want 50050 and 300", got.Books.MoneyCents, got.Books.Minutes)
		}
		if diff := cmp.Diff([]string{"Initiatieven:Repair Café:Uitgaven"}, got.Books.MoneyAccounts); diff != "" {
			t.Errorf("money accounts (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff([]string{"Initiatieven:Repair Café:Tijdbank"}, got.Books.TimeAccounts); diff != "" {
			t.Errorf("time accounts (-want +got):\n%s", diff)
		}
		r, err := sroi.Compute(got.Full())
		if err != nil {
			t.Fatal(err)
		}
		// 300 minutes at € 14,06 an hour = € 70,30.
		if r.Inputs.Money != 50_050 || r.Inputs.Time != 7_030 || r.Inputs.Minutes != 300 || r.Inputs.Total != 57_080 {
			t.Errorf("inputs=%+v, want money 50050, time 7030 (300 min), total 57080", r.Inputs)
		}
		// A period without books: zero inputs, and the ratio is undefined.
		empty := store.SROIAnalysis{Analysis: sroi.Analysis{WijkID: w.ID, Scope: sroi.ScopeInitiative, InitiativeID: in.ID, Title: "2023",
			Period: sroi.Period{From: time.Date(2023, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2023, 12, 31, 0, 0, 0, 0, time.UTC)}, HourlyRate: sroi.DefaultHourlyRate}}
		if err := s.CreateSROIAnalysis(ctx, &empty); err != nil {
			t.Fatal(err)
		}
		e := mustSROIAnalysisOf(t, s, w.ID, empty.ID)
		r, err = sroi.Compute(e.Full())
		if err != nil {
			t.Fatal(err)
		}
		if r.Inputs.Total != 0 || r.Primary().Ratio.Defined || !errors.Is(r.Primary().Ratio.Err(), sroi.ErrNoInputs) {
			t.Errorf("empty period: inputs %d, ratio %+v; want 0 and undefined", r.Inputs.Total, r.Primary().Ratio)
		}
	})
}
