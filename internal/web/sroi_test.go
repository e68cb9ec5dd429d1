package web

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/mail"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/sroi"
	"github.com/wei-platform/wei/wijk"
)

// newDemoFixture seeds the demo wijk and signs in every demo account,
// by role name.
func newDemoFixture(t *testing.T) *fixture {
	t.Helper()
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "wei.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	if _, err := s.Migrate(ctx); err != nil {
		t.Fatal(err)
	}
	res, err := demo.Seed(ctx, s, time.Now())
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Deps{Store: s, Mail: mail.New(s, config.SMTP{}, nil), Config: config.Config{BaseURL: "http://wei.test", SessionTTL: time.Hour}})
	if err != nil {
		t.Fatal(err)
	}
	f := &fixture{t: t, store: s, h: h, wijk: res.Wijk, users: map[string]account.User{}, sessions: map[string]string{}, csrf: map[string]string{}}
	for _, a := range res.Accounts {
		u, err := s.UserByEmail(ctx, a.Email)
		if err != nil {
			t.Fatal(err)
		}
		tok, sess, err := s.CreateSession(ctx, u.ID, time.Hour)
		if err != nil {
			t.Fatal(err)
		}
		f.users[string(a.Role)], f.sessions[string(a.Role)], f.csrf[string(a.Role)] = u, tok, sess.CSRFToken
	}
	return f
}

// sroiByTitle returns the stored analysis of the wijk with the title.
func (f *fixture) sroiByTitle(title string) store.SROIAnalysis {
	f.t.Helper()
	all, err := f.store.SROIAnalyses(context.Background(), f.wijk.ID)
	if err != nil {
		f.t.Fatal(err)
	}
	for _, a := range all {
		if a.Title == title {
			return a
		}
	}
	f.t.Fatalf("no analysis %q", title)
	return store.SROIAnalysis{}
}

func sroiNL(t testing.TB) *locale.Localizer {
	t.Helper()
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	return b.For("nl")
}

// wantFigures checks that the page shows the figures sroi calculates: the
// inputs, the present value, net present value and ratio at 2,25% and
// 3,5%, the payback period and each outcome's present value.
func wantFigures(t *testing.T, body string, l *locale.Localizer, r sroi.Result) {
	t.Helper()
	want := []string{euro(l, r.Inputs.Total), sroiPayback(l, r.Payback)}
	for _, rate := range []sroi.BasisPoints{sroi.DutchDiscountRate, sroi.GreenBookDiscountRate} {
		rr, ok := r.At(rate)
		if !ok {
			t.Fatalf("no figures at %d", rate)
		}
		want = append(want, sroiPercent(l, rate), euro(l, rr.PV), euro(l, rr.NPV), sroiRatio(l, rr.Ratio))
	}
	for _, o := range r.Outcomes {
		want = append(want, euro(l, o.PV), euro(l, o.Impact))
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			t.Errorf("the page lacks %q", w)
		}
	}
}

// TestSROIDemoPages: the demo's analyses show exactly what sroi.Compute
// and sroi.ComputeWijk give, to everyone; the report, PDF, CSV and XLSX
// hold the same analysis.
func TestSROIDemoPages(t *testing.T) {
	f := newDemoFixture(t)
	l := sroiNL(t)
	ctx := context.Background()
	now := time.Now()
	cafe := f.sroiByTitle(demo.SROITitle(demo.SROIPeriod(now, 0)))
	r, err := sroi.Compute(cafe.Full())
	if err != nil {
		t.Fatal(err)
	}
	if !r.Primary().Ratio.Defined || len(r.Outcomes) != 4 || len(cafe.Stakeholders) < 2 || cafe.Books.MoneyCents == 0 || cafe.Books.Minutes == 0 {
		t.Fatalf("the demo analysis is not complete: ratio %+v, %d outcomes, %d stakeholders, books %+v", r.Primary().Ratio, len(r.Outcomes), len(cafe.Stakeholders), cafe.Books)
	}
	base := "/w/" + demo.Slug + "/impact"
	for _, who := range []string{"", "bewoner", "procesmanager"} {
		rec := f.do(http.MethodGet, base+"/"+cafe.ID, who, nil)
		expectPage(t, rec, http.StatusOK, cafe.Title, "Initiatieven:Repair Café Blauwe Akker:Uitgaven")
		wantFigures(t, rec.Body.String(), l, r)
		// Only the editors get the forms.
		if edit := strings.Contains(rec.Body.String(), base+"/"+cafe.ID+"/uitkomsten/nieuw"); edit != (who == "procesmanager") {
			t.Errorf("as %q: link to the outcome form shown=%v", who, edit)
		}
	}

	// The wijk: the initiatives added up, the shared outcome counted once.
	w := f.sroiByTitle(demo.SROIWijkTitle(demo.SROIPeriod(now, 0)))
	parts, err := f.store.SROIParts(ctx, w)
	if err != nil || len(parts) != 2 {
		t.Fatalf("parts=%d %v, want the Repair Café and the Buurtkeuken", len(parts), err)
	}
	fulls := []sroi.Analysis{parts[0].Full(), parts[1].Full()}
	comb, wr, err := sroi.ComputeWijk(w.Full(), fulls)
	if err != nil {
		t.Fatal(err)
	}
	if len(comb.Shared) != 1 || len(comb.Shared[0].Excluded) != 1 {
		t.Fatalf("shared outcomes=%+v, want one claimed twice", comb.Shared)
	}
	rec := f.do(http.MethodGet, base+"/"+w.ID, "", nil)
	expectPage(t, rec, http.StatusOK, l.T("sroi.shared.title"), "eenzaamheid-ouderen-sluispark", euro(l, comb.Shared[0].Excluded[0].PV))
	wantFigures(t, rec.Body.String(), l, wr)

	// The overview: the latest wijk analysis, the comparison over years, all analyses.
	rec = f.do(http.MethodGet, base, "", nil)
	expectPage(t, rec, http.StatusOK, l.T("sroi.compare.title"), demo.SROIWijkTitle(demo.SROIPeriod(now, 1)), cafe.Title, sroiRatio(l, wr.Primary().Ratio))

	// The report, as HTML and PDF.
	rec = f.do(http.MethodGet, base+"/"+cafe.ID+"/rapport", "", nil)
	expectPage(t, rec, http.StatusOK, l.T("sroi.report.method"), l.T("sroi.sens.break_even"), "CPB &amp; PBL")
	wantFigures(t, rec.Body.String(), l, r)
	rec = f.do(http.MethodGet, base+"/"+cafe.ID+"/rapport.pdf", "", nil)
	if rec.Code != http.StatusOK || !bytes.HasPrefix(rec.Body.Bytes(), []byte("%PDF-")) || rec.Header().Get("Content-Type") != "application/pdf" {
		t.Fatalf("PDF: status %d, type %q, starts %q", rec.Code, rec.Header().Get("Content-Type"), rec.Body.Bytes()[:min(8, rec.Body.Len())])
	}

	// CSV: a row per item, the outcomes with their figures.
	rec = f.do(http.MethodGet, base+"/"+cafe.ID+"/impactmap.csv", "", nil)
	rows, err := csv.NewReader(rec.Body).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	full := cafe.Full()
	if want := 1 + len(full.Stakeholders) + len(full.Inputs) + len(full.Outputs) + len(full.Outcomes); len(rows) != want {
		t.Fatalf("CSV has %d rows, want %d", len(rows), want)
	}
	col := map[string]int{}
	for i, h := range rows[0] {
		col[h] = i
	}
	var pvs []string
	for _, row := range rows[1:] {
		if row[col["part"]] == "outcome" {
			pvs = append(pvs, row[col["pv_eur"]])
		}
	}
	for i, o := range r.Outcomes {
		if pvs[i] != sroiEUR(o.PV) {
			t.Errorf("CSV outcome %d pv_eur=%s, want %s", i, pvs[i], sroiEUR(o.PV))
		}
	}

	// XLSX: a workbook with the impact map and the calculation.
	rec = f.do(http.MethodGet, base+"/"+cafe.ID+"/impactmap.xlsx", "", nil)
	z, err := zip.NewReader(bytes.NewReader(rec.Body.Bytes()), int64(rec.Body.Len()))
	if err != nil {
		t.Fatalf("XLSX is no zip: %v", err)
	}
	sheets := 0
	for _, zf := range z.File {
		if strings.HasPrefix(zf.Name, "xl/worksheets/sheet") {
			sheets++
		}
	}
	if sheets != 5 {
		t.Errorf("XLSX has %d sheets, want 5", sheets)
	}

	// The library is public, its forms are not.
	rec = f.do(http.MethodGet, base+"/proxies", "", nil)
	expectPage(t, rec, http.StatusOK, "HM Treasury (2021)")
	if strings.Contains(rec.Body.String(), `name="source"`) {
		t.Error("a visitor sees the proxy form")
	}
}

// TestSROIEditAttribution: the process manager changes an attribution
// through the form and the ratio on the page follows sroi.Compute; a
// percentage out of range comes back with the typed value and a message
// and saves nothing.
func TestSROIEditAttribution(t *testing.T) {
	f := newDemoFixture(t)
	l := sroiNL(t)
	cafe := f.sroiByTitle(demo.SROITitle(demo.SROIPeriod(time.Now(), 0)))
	o := cafe.Outcomes[2] // the volunteers' life satisfaction, the largest
	itemURL := "/w/" + demo.Slug + "/impact/" + cafe.ID + "/uitkomsten/" + o.ID
	rec := f.do(http.MethodGet, itemURL, "procesmanager", nil)
	expectPage(t, rec, http.StatusOK, `value="20"`, l.T("sroi.field.attribution"))

	form := url.Values{}
	for k, v := range map[string]string{"description": o.Description, "stakeholder_id": o.StakeholderID, "output_id": o.OutputID, "indicator": o.Indicator,
		"indicator_source": o.IndicatorSource, "quantity": "12", "duration_years": "2", "proxy_id": o.Proxy.ID,
		"deadweight": "30", "displacement": "0", "attribution": "120", "drop_off": "50", "attribution_source": "Ook ander vrijwilligerswerk"} {
		form.Set(k, v)
	}
	rec = f.do(http.MethodPost, itemURL, "procesmanager", form)
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.percentage"), `value="120"`, l.T("error.form"))
	form.Set("quantity", "-3")
	form.Set("attribution", "veel")
	rec = f.do(http.MethodPost, itemURL, "procesmanager", form)
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.percentage_format"), l.T("sroi.error.quantity"), `value="-3"`, `value="veel"`)
	if got := f.sroiByTitle(cafe.Title).Outcomes[2]; got.Attribution != o.Attribution || got.Quantity != o.Quantity {
		t.Fatalf("a refused form changed the outcome: attribution %d, quantity %d", got.Attribution, got.Quantity)
	}

	form.Set("quantity", "12")
	form.Set("attribution", "45,5")
	rec = f.do(http.MethodPost, itemURL, "procesmanager", form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("save: status %d\n%s", rec.Code, rec.Body.String())
	}
	after := f.sroiByTitle(cafe.Title)
	if after.Outcomes[2].Attribution != 4550 || after.Outcomes[2].AttributionSource != "Ook ander vrijwilligerswerk" {
		t.Fatalf("saved outcome: %+v", after.Outcomes[2])
	}
	before, _ := sroi.Compute(cafe.Full())
	r, err := sroi.Compute(after.Full())
	if err != nil {
		t.Fatal(err)
	}
	if r.Primary().Ratio.Hundredths >= before.Primary().Ratio.Hundredths {
		t.Errorf("ratio %d after raising the attribution, was %d: want it lower", r.Primary().Ratio.Hundredths, before.Primary().Ratio.Hundredths)
	}
	rec = f.do(http.MethodGet, "/w/"+demo.Slug+"/impact/"+cafe.ID, "procesmanager", nil)
	expectPage(t, rec, http.StatusOK, "45,5%")
	wantFigures(t, rec.Body.String(), l, r)
	if m := regexp.MustCompile(`id="sroi-ratio">([^<]+)<`).FindStringSubmatch(rec.Body.String()); m == nil || m[1] != sroiRatio(l, r.Primary().Ratio) {
		t.Errorf("headline ratio %v, want %s", m, sroiRatio(l, r.Primary().Ratio))
	}

	// A stakeholder that outcomes name stays, with a message.
	rec = f.do(http.MethodPost, "/w/"+demo.Slug+"/impact/"+cafe.ID+"/belanghebbenden/"+o.StakeholderID+"/verwijderen", "procesmanager", nil)
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.in_use"))
	if n := len(f.sroiByTitle(cafe.Title).Stakeholders); n != len(cafe.Stakeholders) {
		t.Errorf("%d stakeholders after a refused delete, want %d", n, len(cafe.Stakeholders))
	}
	// An outcome can go.
	rec = f.do(http.MethodPost, itemURL+"/verwijderen", "procesmanager", nil)
	if rec.Code != http.StatusSeeOther || len(f.sroiByTitle(cafe.Title).Outcomes) != 3 {
		t.Fatalf("delete outcome: status %d", rec.Code)
	}
}

// TestSROIRoles: who may change which analysis. The process manager any;
// an initiatiefnemer their own initiative's, not another's nor the wijk's;
// others none, and visitors are sent to log in.
func TestSROIRoles(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	other := wijk.Organisation{WijkID: f.wijk.ID, Name: "Repair Café", Form: wijk.FormBurgerinitiatief}
	if err := f.store.CreateOrganisation(ctx, &other); err != nil {
		t.Fatal(err)
	}
	base := "/w/" + f.wijk.Slug
	newForm := func(title string) url.Values {
		return url.Values{"title": {title}, "from": {"2025-01-01"}, "to": {"2025-12-31"}, "discount_rate": {"2,25"}, "hourly_rate": {"14,06"}}
	}
	// The initiatiefnemer makes an analysis of their own initiative.
	rec := f.do(http.MethodGet, base+"/initiatieven/"+f.org.ID+"/impact/nieuw", "initiatiefnemer", nil)
	expectPage(t, rec, http.StatusOK, "Buurttuin")
	rec = f.do(http.MethodPost, base+"/initiatieven/"+f.org.ID+"/impact", "initiatiefnemer", newForm("Buurttuin 2025"))
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("initiatiefnemer creates: status %d\n%s", rec.Code, rec.Body.String())
	}
	own := rec.Header().Get("Location")
	// Not of another initiative, nor of the wijk.
	for _, c := range []struct{ method, path string }{
		{http.MethodPost, base + "/initiatieven/" + other.ID + "/impact"},
		{http.MethodGet, base + "/impact/nieuw"},
		{http.MethodPost, base + "/impact"},
	} {
		rec = f.do(c.method, c.path, "initiatiefnemer", newForm("X"))
		if rec.Code != http.StatusForbidden {
			t.Errorf("initiatiefnemer %s %s: status %d, want 403", c.method, c.path, rec.Code)
		}
	}
	// The process manager makes the other initiative's analysis.
	pm := newForm("Repair Café 2025")
	pm.Set("subject", other.ID)
	rec = f.do(http.MethodPost, base+"/impact", "procesmanager", pm)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("procesmanager creates: status %d\n%s", rec.Code, rec.Body.String())
	}
	theirs := rec.Header().Get("Location")

	sh := url.Values{"name": {"Bezoekers"}, "domain": {"bewoners"}}
	for _, c := range []struct {
		who, analysis string
		want          int
	}{
		{"initiatiefnemer", own, http.StatusSeeOther},
		{"procesmanager", own, http.StatusSeeOther},
		{"beheerder", theirs, http.StatusSeeOther},
		{"initiatiefnemer", theirs, http.StatusForbidden},
		{"bewoner", own, http.StatusForbidden},
		{"penningmeester", own, http.StatusForbidden},
		{"partner", theirs, http.StatusForbidden},
		{"none", own, http.StatusForbidden},
	} {
		rec := f.do(http.MethodPost, c.analysis+"/belanghebbenden", c.who, clone(sh))
		if rec.Code != c.want {
			t.Errorf("%s adds a stakeholder to %s: status %d, want %d", c.who, c.analysis, rec.Code, c.want)
		}
		for _, path := range []string{"/belanghebbenden/nieuw", "/instellingen"} {
			rec := f.do(http.MethodGet, c.analysis+path, c.who, nil)
			if want := map[bool]int{true: http.StatusOK, false: http.StatusForbidden}[c.want == http.StatusSeeOther]; rec.Code != want {
				t.Errorf("%s GET %s%s: status %d, want %d", c.who, c.analysis, path, rec.Code, want)
			}
		}
	}
	rec = f.do(http.MethodPost, own+"/belanghebbenden", "", clone(sh))
	if rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/inloggen") {
		t.Errorf("visitor: status %d to %q, want the login page", rec.Code, rec.Header().Get("Location"))
	}
	// Everyone may read both.
	for _, who := range []string{"", "bewoner", "partner"} {
		expectPage(t, f.do(http.MethodGet, own, who, nil), http.StatusOK, "Buurttuin 2025")
	}
	// The library: the process manager edits it, the initiatiefnemer not.
	proxy := url.Values{"name": {"Minder eenzaam"}, "value": {"1.000"}, "unit": {"persoon per jaar"}, "year": {"2025"}, "source": {"Wijkonderzoek"}}
	if rec := f.do(http.MethodPost, base+"/impact/proxies", "initiatiefnemer", clone(proxy)); rec.Code != http.StatusForbidden {
		t.Errorf("initiatiefnemer saves a proxy: status %d, want 403", rec.Code)
	}
	if rec := f.do(http.MethodPost, base+"/impact/proxies", "procesmanager", clone(proxy)); rec.Code != http.StatusSeeOther {
		t.Errorf("procesmanager saves a proxy: status %d, want 303", rec.Code)
	}
}

// TestSROIBadInput: forms that are not filled in right come back with what
// was typed and a message per field, and save nothing; a period without
// inputs shows that the ratio is undefined instead of dividing by zero.
func TestSROIBadInput(t *testing.T) {
	f := newFixture(t)
	l := sroiNL(t)
	ctx := context.Background()
	base := "/w/" + f.wijk.Slug + "/impact"
	// A new analysis: no subject, no title, a period backwards, a bad rate.
	rec := f.do(http.MethodPost, base, "procesmanager", url.Values{"from": {"2025-12-31"}, "to": {"2025-01-01"}, "discount_rate": {"abc"}, "hourly_rate": {"14,06"}})
	expectPage(t, rec, http.StatusBadRequest, l.T("error.required"), l.T("error.date_order"), l.T("sroi.error.percentage_format"), `value="abc"`, `value="14,06"`)
	if all, _ := f.store.SROIAnalyses(ctx, f.wijk.ID); len(all) != 0 {
		t.Fatalf("%d analyses after a refused form", len(all))
	}
	// An analysis of a period without books or inputs.
	rec = f.do(http.MethodPost, base, "procesmanager", url.Values{"subject": {f.org.ID}, "title": {"Buurttuin 2010"}, "from": {"2010-01-01"}, "to": {"2010-12-31"},
		"discount_rate": {"2,25"}, "hourly_rate": {"14,06"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create: status %d\n%s", rec.Code, rec.Body.String())
	}
	a := rec.Header().Get("Location")
	// The same period again is refused.
	rec = f.do(http.MethodPost, base, "procesmanager", url.Values{"subject": {f.org.ID}, "title": {"Nog eens"}, "from": {"2010-01-01"}, "to": {"2010-12-31"},
		"discount_rate": {"2,25"}, "hourly_rate": {"14,06"}})
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.exists"), `value="Nog eens"`)

	rec = f.do(http.MethodGet, a, "", nil)
	expectPage(t, rec, http.StatusOK, l.T("sroi.error.no_inputs"), l.T("sroi.ratio.undefined"), l.T("sroi.sens.none"))

	// Stakeholder and output forms.
	rec = f.do(http.MethodPost, a+"/belanghebbenden", "procesmanager", url.Values{"name": {""}, "domain": {"buren"}, "description": {"Iets"}})
	expectPage(t, rec, http.StatusBadRequest, l.T("error.required"), l.T("error.choice"), ">Iets</textarea>")
	rec = f.do(http.MethodPost, a+"/outputs", "procesmanager", url.Values{"description": {"Middagen"}, "quantity": {"-4"}})
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.quantity"), `value="-4"`)
	// An in-kind input without how it was valued; hours that are no number.
	rec = f.do(http.MethodPost, a+"/inputs", "procesmanager", url.Values{"kind": {"in_kind"}, "description": {"Zaal"}, "amount": {"900"}})
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.in_kind_source"), `value="900"`)
	rec = f.do(http.MethodPost, a+"/inputs", "procesmanager", url.Values{"kind": {"time"}, "description": {"Uren"}, "hours": {"twaalf"}})
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.hours"))
	// An outcome without a proxy and without its percentages.
	rec = f.do(http.MethodPost, a+"/uitkomsten", "procesmanager", url.Values{"description": {"Minder eenzaam"}, "indicator": {"Enquête"}, "quantity": {"5"}, "duration_years": {"0"}})
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.proxy_required"), l.T("sroi.error.duration"), l.T("error.required"), `value="Minder eenzaam"`)
	// A proxy without a source.
	rec = f.do(http.MethodPost, "/w/"+f.wijk.Slug+"/impact/proxies", "procesmanager", url.Values{"name": {"Zonder bron"}, "value": {"10"}, "unit": {"uur"}, "year": {"2025"}, "source": {" "}})
	expectPage(t, rec, http.StatusBadRequest, l.T("sroi.error.proxy_source"), `value="Zonder bron"`)
	ps, err := f.store.SROIProxies(ctx, f.wijk.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Name == "Zonder bron" {
			t.Fatal("a proxy without a source was saved")
		}
	}
	got, err := f.store.SROIAnalysis(ctx, f.wijk.ID, a[strings.LastIndex(a, "/")+1:])
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Stakeholders)+len(got.Inputs)+len(got.Outputs)+len(got.Outcomes) != 0 {
		t.Fatalf("refused forms saved items: %+v", got.Analysis)
	}
	// Good input is saved: a stakeholder, and time by the hour.
	if rec := f.do(http.MethodPost, a+"/belanghebbenden", "procesmanager", url.Values{"name": {"Tuinders"}, "domain": {"bewoners"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("stakeholder: status %d", rec.Code)
	}
	if rec := f.do(http.MethodPost, a+"/inputs", "procesmanager", url.Values{"kind": {"time"}, "description": {"Uren"}, "hours": {"12,5"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("input: status %d\n%s", rec.Code, rec.Body.String())
	}
	got, _ = f.store.SROIAnalysis(ctx, f.wijk.ID, got.ID)
	if len(got.Inputs) != 1 || got.Inputs[0].Minutes != 750 {
		t.Fatalf("inputs=%+v, want 750 minutes", got.Inputs)
	}
	// Now there are inputs: 12,5 h × € 14,06 = € 175,75, and a ratio of 0,00.
	expectPage(t, f.do(http.MethodGet, a, "", nil), http.StatusOK, "€ 175,75", "12,5 uur")
}

// TestSROILocaleKeys guards that every message key the sroi package, the
// store and these pages can produce has a text in both languages.
func TestSROILocaleKeys(t *testing.T) {
	b, err := locale.Load()
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile(`"(sroi\.[a-z0-9_.]*[a-z0-9_])"`)
	keys := map[string]bool{}
	for _, pat := range []string{"../../sroi/*.go", "../store/sroi*.go", "sroi_*.go"} {
		files, _ := filepath.Glob(pat)
		if len(files) == 0 {
			t.Fatalf("no files match %s", pat)
		}
		for _, fn := range files {
			if strings.HasSuffix(fn, "_test.go") {
				continue
			}
			data, err := os.ReadFile(fn)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllStringSubmatch(string(data), -1) {
				keys[m[1]] = true
			}
		}
	}
	// Keys made from values.
	for _, d := range sroi.Domains {
		keys["sroi.domain."+string(d)] = true
	}
	for _, k := range sroi.InputKinds {
		keys["sroi.input.kind."+string(k)] = true
	}
	for _, a := range []sroi.Assumption{sroi.AssumptionQuantity, sroi.AssumptionProxy, sroi.AssumptionDeadweight, sroi.AssumptionDisplacement, sroi.AssumptionAttribution,
		sroi.AssumptionDropOff, sroi.AssumptionDuration, sroi.AssumptionDiscountRate, sroi.AssumptionHourlyRate, sroi.AssumptionInKind} {
		keys["sroi.assumption."+string(a)] = true
	}
	for _, s := range sroi.DefaultScenarios {
		keys["sroi.scenario."+s.Key] = true
	}
	for _, r := range []string{sroi.ReasonStaysAbove, sroi.ReasonStaysBelow} {
		keys["sroi.reason."+r] = true
	}
	for part, fields := range sroiItemFields {
		for _, mode := range []string{"new", "edit", "form_intro"} {
			keys["sroi."+string(part)+"."+mode] = true
		}
		for _, fl := range fields {
			if !b.For("nl").Has("sroi.field." + string(part) + "." + fl) {
				keys["sroi.field."+fl] = true
			}
		}
	}
	delete(keys, "sroi.scenario.") // the prefix in a comment
	for k := range keys {
		for _, lang := range b.Langs() {
			if !b.For(lang).Has(k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}
