package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// signalFixture adds two buurten with known CBS codes to the fixture's
// wijk and the CBS postcode table for an address in each.
func signalFixture(t *testing.T) (*fixture, wijk.Buurt, wijk.Buurt) {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	mk := func(name, code string) wijk.Buurt {
		b := wijk.Buurt{WijkID: f.wijk.ID, Name: name, CBSCode: code, CBSYear: 2025}
		if err := f.store.CreateBuurt(ctx, &b); err != nil {
			t.Fatal(err)
		}
		return b
	}
	noord, zuid := mk("Akker-Noord", "BU09990101"), mk("Akker-Zuid", "BU09990102")
	csv := "PC6;Huisnummer;Buurt2025;Wijk2025;Gemeente2025\n1234AB;5;BU09990101;WK099901;GM0999\n1234AC;8;BU09990102;WK099901;GM0999\n9999XX;1;BU09999901;WK099999;GM0999\n"
	if _, err := f.store.ImportCBSPostcodes(ctx, "pc6hnr20250801_gwb.csv", strings.NewReader(csv), 2025); err != nil {
		t.Fatal(err)
	}
	return f, noord, zuid
}

var idInLocation = regexp.MustCompile(`/([0-9a-f-]{36})$`)

func locationID(t *testing.T, rec interface{ Header() http.Header }) string {
	t.Helper()
	m := idInLocation.FindStringSubmatch(rec.Header().Get("Location"))
	if m == nil {
		t.Fatalf("Location=%q holds no ID", rec.Header().Get("Location"))
	}
	return m[1]
}

// TestSignalReportFlow: a resident reports a problem by address; bad input
// comes back with messages and the input kept; staff see it in the right
// buurt, the note only on request and audited; the chair moves it and the
// resident sees the outcome.
func TestSignalReportFlow(t *testing.T) {
	f, noord, _ := signalFixture(t)
	ctx := context.Background()
	base := "/w/test-wijk/signalen"

	expectPage(t, f.do("GET", base+"/nieuw", "bewoner", nil), http.StatusOK, `name="theme"`, `name="postcode"`, "Akker-Noord", "Probleem melden")
	if rec := f.do("GET", base+"/nieuw", "", nil); rec.Code != http.StatusSeeOther || !strings.HasPrefix(rec.Header().Get("Location"), "/inloggen") {
		t.Errorf("anonymous: status=%d location=%q, want the login page", rec.Code, rec.Header().Get("Location"))
	}

	// Bad input: no theme, an address the table does not know.
	bad := url.Values{"title": {"Kapotte lamp bij het fietspad"}, "postcode": {"1234 ab"}, "house_number": {"99"}, "urgency": {"high"}, "note": {"Al weken donker"}}
	rec := f.do("POST", base, "bewoner", bad)
	expectPage(t, rec, http.StatusBadRequest, "Kies een thema.", "We kennen dit adres niet", `value="Kapotte lamp bij het fietspad"`, `value="1234 ab"`, "Al weken donker", `href="#f-theme"`)
	// An address in another wijk.
	bad.Set("theme", "veiligheid")
	bad.Set("postcode", "9999XX")
	bad.Set("house_number", "1")
	expectPage(t, f.do("POST", base, "bewoner", bad), http.StatusBadRequest, "Dit adres ligt niet in deze wijk")
	bad.Set("house_number", "tien")
	expectPage(t, f.do("POST", base, "bewoner", bad), http.StatusBadRequest, "Vul een huisnummer in")
	if all, _ := f.store.Signals(ctx, f.wijk.ID, store.SignalFilter{}); len(all) != 0 {
		t.Fatalf("%d signals saved after bad input", len(all))
	}

	good := url.Values{"theme": {"veiligheid"}, "title": {"Kapotte lamp bij het fietspad"}, "postcode": {"1234 ab"}, "house_number": {"5"},
		"urgency": {"high"}, "note": {"Al weken donker"}, "reporter_contact": {"06-12345678"}}
	rec = f.do("POST", base, "bewoner", good)
	if rec.Code != http.StatusSeeOther || rec.Header().Get("Location") != base+"/mijn" {
		t.Fatalf("report: status=%d location=%q", rec.Code, rec.Header().Get("Location"))
	}
	list, _ := f.store.Signals(ctx, f.wijk.ID, store.SignalFilter{})
	if len(list) != 1 || list[0].BuurtID != noord.ID || list[0].ReporterUserID != f.users["bewoner"].ID || list[0].Urgency != signaal.UrgencyHigh {
		t.Fatalf("saved signal=%+v", list)
	}
	id := list[0].ID
	expectPage(t, f.do("GET", base+"/mijn", "bewoner", nil), http.StatusOK, "Kapotte lamp bij het fietspad", "Nieuw")
	expectPage(t, f.do("GET", base, "bewoner", nil), http.StatusForbidden)
	expectPage(t, f.do("GET", base+"/"+id, "bewoner", nil), http.StatusForbidden)

	// Staff see it in the right buurt; the filters work.
	expectPage(t, f.do("GET", base, "procesmanager", nil), http.StatusOK, "Kapotte lamp bij het fietspad", "Akker-Noord")
	rec = f.do("GET", base+"?status=solved", "procesmanager", nil)
	expectPage(t, rec, http.StatusOK, "Er zijn geen signalen die hierbij passen")

	// The note only on request, for those with PermViewNotes, audited.
	rec = f.do("GET", base+"/"+id, "procesmanager", nil)
	expectPage(t, rec, http.StatusOK, "Toon de privégegevens", "Hoog")
	if strings.Contains(rec.Body.String(), "Al weken donker") || strings.Contains(rec.Body.String(), "06-12345678") {
		t.Error("the detail page shows the note before it was asked for")
	}
	if log, _ := f.store.AuditAbout(ctx, []string{id}, 10); len(log) != 1 {
		t.Errorf("audit before reading the note=%+v, want only the creation", log)
	}
	expectPage(t, f.do("GET", base+"/"+id+"?prive=1", "procesmanager", nil), http.StatusOK, "Al weken donker", "06-12345678", "1234AB 5", "User bewoner")
	log, _ := f.store.AuditAbout(ctx, []string{id}, 10)
	if len(log) != 2 || log[0].Action != privacy.ActionRead || log[0].ActorID != f.users["procesmanager"].ID {
		t.Errorf("audit after reading the note=%+v", log)
	}
	rec = f.do("GET", base+"/"+id+"?prive=1", "partner", nil)
	expectPage(t, rec, http.StatusOK, "Kapotte lamp")
	if strings.Contains(rec.Body.String(), "Al weken donker") {
		t.Error("a partner without PermViewNotes sees the note")
	}
	if log, _ := f.store.AuditAbout(ctx, []string{id}, 10); len(log) != 2 {
		t.Errorf("a partner's visit was audited as a read of the note: %+v", log)
	}

	// Status: a rejection needs a reason; a stale status is a conflict.
	expectPage(t, f.do("POST", base+"/"+id+"/status", "partner", url.Values{"from": {"new"}, "status": {"solved"}}), http.StatusForbidden)
	expectPage(t, f.do("POST", base+"/"+id+"/status", "voorzitter", url.Values{"from": {"new"}, "status": {"rejected"}}), http.StatusBadRequest, "Schrijf op waarom")
	expectPage(t, f.do("POST", base+"/"+id+"/status", "voorzitter", url.Values{"from": {"new"}, "status": {"in_progress"}}), http.StatusSeeOther)
	expectPage(t, f.do("POST", base+"/"+id+"/status", "procesmanager", url.Values{"from": {"new"}, "status": {"solved"}}), http.StatusBadRequest, "Iemand anders heeft de status net gewijzigd")
	expectPage(t, f.do("POST", base+"/"+id+"/status", "procesmanager", url.Values{"from": {"in_progress"}, "status": {"rejected"}, "reason": {"De gemeente vervangt alle lampen in mei"}}), http.StatusSeeOther)
	expectPage(t, f.do("GET", base+"/mijn", "bewoner", nil), http.StatusOK, "Afgewezen", "De gemeente vervangt alle lampen in mei")
	expectPage(t, f.do("GET", base+"/"+id, "voorzitter", nil), http.StatusOK, "Status van Nieuw naar In behandeling", "Status van In behandeling naar Afgewezen")
	expectPage(t, f.do("GET", base+"/00000000-0000-7000-8000-000000000000", "voorzitter", nil), http.StatusNotFound)
}

// TestSignalGroupingPage groups two signals and takes one out again.
func TestSignalGroupingPage(t *testing.T) {
	f, noord, _ := signalFixture(t)
	ctx := context.Background()
	base := "/w/test-wijk/signalen"
	mk := func(title string) string {
		sg := signaal.Signal{WijkID: f.wijk.ID, BuurtID: noord.ID, Theme: "afval", Source: signaal.SourceResident, Title: title}
		if err := f.store.CreateSignal(ctx, &sg); err != nil {
			t.Fatal(err)
		}
		return sg.ID
	}
	a, b := mk("Vuilniszakken naast de container"), mk("Container vol")
	expectPage(t, f.do("POST", base+"/"+a+"/groep", "voorzitter", url.Values{}), http.StatusBadRequest, "Kies een van de mogelijkheden", `href="#f-with"`)
	expectPage(t, f.do("POST", base+"/"+a+"/groep", "voorzitter", url.Values{"with": {b}}), http.StatusSeeOther)
	expectPage(t, f.do("GET", base+"/"+a, "voorzitter", nil), http.StatusOK, "Dit signaal gaat over hetzelfde probleem als", "Container vol")
	expectPage(t, f.do("GET", base, "voorzitter", nil), http.StatusOK, "in een groep")
	expectPage(t, f.do("POST", base+"/"+a+"/losmaken", "voorzitter", nil), http.StatusSeeOther)
	if sg, _ := f.store.Signal(ctx, b); sg.GroupID != "" {
		t.Errorf("b still in group %s", sg.GroupID)
	}
	expectPage(t, f.do("POST", base+"/"+a+"/groep", "vrijwilliger", url.Values{"with": {b}}), http.StatusForbidden)
}

// TestSignalPublicPage: everyone sees counts per buurt and theme, with
// small counts hidden, and never a title.
func TestSignalPublicPage(t *testing.T) {
	f, noord, zuid := signalFixture(t)
	ctx := context.Background()
	for i := range 7 {
		b := noord.ID
		if i == 6 {
			b = zuid.ID
		}
		sg := signaal.Signal{WijkID: f.wijk.ID, BuurtID: b, Theme: "groen", Source: signaal.SourceResident, Title: "Geheime titel"}
		if err := f.store.CreateSignal(ctx, &sg); err != nil {
			t.Fatal(err)
		}
	}
	rec := f.do("GET", "/w/test-wijk/signalen/overzicht", "", nil)
	expectPage(t, rec, http.StatusOK, "Signalen per buurt", "Groen", "Akker-Noord", "minder dan 5", "Meld een probleem")
	body := rec.Body.String()
	if strings.Contains(body, "Geheime titel") {
		t.Error("the public page shows a title")
	}
	// Noord has 6, Zuid 1: Zuid is hidden, so is Noord (else 7 − 6 gives
	// Zuid away), and the totals of 7 stay.
	if strings.Contains(body, ">6<") || strings.Contains(body, ">1<") {
		t.Errorf("the public page reveals a count that must be hidden:\n%s", body)
	}
	if !strings.Contains(body, "<strong>7</strong>") {
		t.Errorf("the total of 7 is not shown")
	}
}

// TestVisitFlow: a volunteer records a house visit on a phone-sized form;
// bad input keeps everything; the visit makes signals in the buurt of the
// address; the list shows no names; the detail shows them on request,
// audited.
func TestVisitFlow(t *testing.T) {
	f, _, zuid := signalFixture(t)
	ctx := context.Background()
	base := "/w/test-wijk/huisbezoeken"
	expectPage(t, f.do("GET", base+"/nieuw", "vrijwilliger", nil), http.StatusOK, `name="score_safety"`, `name="problem_theme_1"`, `name="consent_how"`, "Buurttuin")
	for _, who := range []string{"bewoner", "partner", "voorzitter"} {
		expectPage(t, f.do("GET", base+"/nieuw", who, nil), http.StatusForbidden)
	}
	form := url.Values{"visited_on": {today().Format("2006-01-02")}, "resident_display_name": {"Mevrouw Özdemir"}, "resident_phone": {"06 1234 5678"},
		"postcode": {"1234AC"}, "house_number": {"8"}, "score_safety": {"2"}, "score_green": {"4"},
		"problem_theme_1": {"eenzaamheid"}, "problem_title_1": {"Ziet bijna niemand"}, "problem_urgency_1": {"high"},
		"problem_theme_2": {"groen"}, "ideas": {"Een moestuin op het plein"}, "wants_to_help": {"yes"}, "help_with": {"Koken"},
		"initiative_id": {f.org.ID}, "note": {"Slecht ter been"}}
	// No consent, and a problem text without a theme.
	form.Set("problem_title_3", "Iets zonder thema")
	rec := f.do("POST", base, "vrijwilliger", form)
	expectPage(t, rec, http.StatusBadRequest, "Kies hoe de bewoner toestemming gaf", "Kies een thema bij elk probleem", `value="Mevrouw Özdemir"`, "Een moestuin op het plein", `value="Ziet bijna niemand"`, "Slecht ter been")
	form.Del("problem_title_3")
	form.Set("consent_how", "verbal")
	form.Set("house_number", "99")
	expectPage(t, f.do("POST", base, "vrijwilliger", form), http.StatusBadRequest, "We kennen dit adres niet")
	if v, _ := f.store.Visits(ctx, f.wijk.ID); len(v) != 0 {
		t.Fatalf("%d visits saved after bad input", len(v))
	}
	form.Set("house_number", "8")
	rec = f.do("POST", base, "vrijwilliger", form)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("record visit: status=%d\n%s", rec.Code, rec.Body.String())
	}
	id := locationID(t, rec)
	sigs, _ := f.store.Signals(ctx, f.wijk.ID, store.SignalFilter{})
	if len(sigs) != 2 {
		t.Fatalf("signals from the visit=%+v", sigs)
	}
	for _, sg := range sigs {
		if sg.BuurtID != zuid.ID || sg.VisitID != id || sg.Source != signaal.SourceVisit {
			t.Errorf("signal from the visit=%+v, want buurt Zuid", sg)
		}
		if sg.Theme == "groen" && sg.Title != "Genoemd bij huisbezoek: Groen" {
			t.Errorf("title of a problem without text=%q", sg.Title)
		}
	}
	rec = f.do("GET", base, "vrijwilliger", nil)
	expectPage(t, rec, http.StatusOK, "Akker-Zuid", "Eenzaamheid, Groen", "Bekend", "wil meedoen")
	if strings.Contains(rec.Body.String(), "Özdemir") {
		t.Error("the list of visits shows the resident's name")
	}
	rec = f.do("GET", base+"/"+id, "vrijwilliger", nil)
	expectPage(t, rec, http.StatusOK, "Veiligheid", "2 – slecht", "Ziet bijna niemand", "doet mee met Buurttuin", "Mondeling")
	if strings.Contains(rec.Body.String(), "Slecht ter been") {
		t.Error("the detail shows the note before it was asked for")
	}
	expectPage(t, f.do("GET", base+"/"+id+"?prive=1", "vrijwilliger", nil), http.StatusOK, "Mevrouw Özdemir", "1234AC 8", "Slecht ter been", "Een moestuin op het plein", "Koken")
	log, _ := f.store.AuditAbout(ctx, []string{id}, 10)
	reads := 0
	for _, e := range log {
		if e.Action == privacy.ActionRead && e.ActorID == f.users["vrijwilliger"].ID {
			reads++
		}
	}
	if reads != 1 {
		t.Errorf("reads of the visit in the audit log=%d, want 1 (%+v)", reads, log)
	}
	expectPage(t, f.do("GET", base+"/"+id, "partner", nil), http.StatusForbidden)
	expectPage(t, f.do("GET", base+"/00000000-0000-7000-8000-000000000000", "vrijwilliger", nil), http.StatusNotFound)
}

// TestRegisterPage: the process manager fills the register and sees the
// overlap with a suggestion; a partner sees the register, not the overlaps,
// and cannot add to it.
func TestRegisterPage(t *testing.T) {
	f, noord, _ := signalFixture(t)
	ctx := context.Background()
	welzijn := wijk.Organisation{WijkID: f.wijk.ID, Name: "Welzijn Lindenwaard", Form: wijk.FormPartner, Domain: wijk.DomainWelzijn}
	if err := f.store.CreateOrganisation(ctx, &welzijn); err != nil {
		t.Fatal(err)
	}
	base := "/w/test-wijk/wie-doet-wat"
	expectPage(t, f.do("POST", base, "procesmanager", url.Values{"theme": {"eenzaamheid"}, "buurt_id": {noord.ID}, "contact_name": {"Sanne"}, "contact_email": {"sanne@"}}),
		http.StatusBadRequest, "Kies een organisatie van deze wijk", "Vul een goed e-mailadres in", `value="Sanne"`)
	expectPage(t, f.do("POST", base, "procesmanager", url.Values{"organisation_id": {welzijn.ID}, "theme": {"eenzaamheid"}, "buurt_id": {noord.ID},
		"contact_name": {"Sanne de Boer"}, "contact_role": {"Opbouwwerker"}, "contact_email": {"sanne@welzijn.example"}}), http.StatusSeeOther)
	expectPage(t, f.do("POST", base, "procesmanager", url.Values{"organisation_id": {f.partner.ID}, "theme": {"eenzaamheid"}}), http.StatusSeeOther)
	expectPage(t, f.do("POST", base, "procesmanager", url.Values{"organisation_id": {f.partner.ID}, "theme": {"eenzaamheid"}}), http.StatusBadRequest, "staat al bij dit thema")
	rec := f.do("GET", base, "voorzitter", nil)
	expectPage(t, rec, http.StatusOK, "Sanne de Boer", "Opbouwwerker", "Hele wijk", "Werken langs elkaar heen?", "Welzijn Lindenwaard en Woonstichting werken aan eenzaamheid in Akker-Noord", `href="/w/test-wijk/overleg"`)
	rec = f.do("GET", base, "partner", nil)
	expectPage(t, rec, http.StatusOK, "Sanne de Boer")
	if strings.Contains(rec.Body.String(), "Werken langs elkaar heen?") {
		t.Error("a partner sees the overlaps")
	}
	expectPage(t, f.do("POST", base, "partner", url.Values{"organisation_id": {f.partner.ID}, "theme": {"groen"}}), http.StatusForbidden)
	entries, _ := f.store.RegisterEntries(ctx, f.wijk.ID)
	expectPage(t, f.do("POST", base+"/"+entries[0].ID+"/verwijderen", "procesmanager", nil), http.StatusSeeOther)
	if after, _ := f.store.RegisterEntries(ctx, f.wijk.ID); len(after) != 1 {
		t.Errorf("%d entries after deleting one of 2", len(after))
	}
	expectPage(t, f.do("POST", base+"/"+entries[0].ID+"/verwijderen", "procesmanager", nil), http.StatusNotFound)
}

// TestThemesAndRetentionPages edits the themes and the retention periods.
func TestThemesAndRetentionPages(t *testing.T) {
	f, _, _ := signalFixture(t)
	ctx := context.Background()
	base := "/w/test-wijk/signalen"
	expectPage(t, f.do("GET", base+"/themas", "procesmanager", nil), http.StatusOK, "Eigen naam voor Armoede", "Nieuw thema")
	rec := f.do("POST", base+"/themas", "procesmanager", url.Values{"new_label": {"Verkeer & parkeren"}, "archived_energie": {"yes"}, "label_groen": {"Bomen en planten"}})
	expectPage(t, rec, http.StatusSeeOther)
	th, _ := f.store.Themes(ctx, f.wijk.ID)
	if len(th) != 13 || th[12].Key != "verkeer_parkeren" || !signaal.HasTheme(th, "energie") {
		t.Fatalf("themes=%+v", th)
	}
	rec = f.do("GET", base+"/nieuw", "bewoner", nil)
	expectPage(t, rec, http.StatusOK, "Verkeer &amp; parkeren", "Bomen en planten")
	if strings.Contains(rec.Body.String(), `value="energie"`) {
		t.Error("an archived theme is offered for a new signal")
	}
	expectPage(t, f.do("POST", base+"/themas", "procesmanager", url.Values{"new_label": {"***"}}), http.StatusBadRequest, "Geef elk nieuw thema een naam")
	expectPage(t, f.do("POST", base+"/themas", "vrijwilliger", url.Values{"new_label": {"Iets"}}), http.StatusForbidden)

	expectPage(t, f.do("GET", base+"/bewaartermijnen", "voorzitter", nil), http.StatusOK, `value="365"`, "Standaard 365 dagen")
	vals := url.Values{"visit_notes": {"3"}, "visit_person": {"730"}, "signal_notes": {"veel"}, "signal_reporter": {"90"}}
	rec = f.do("POST", base+"/bewaartermijnen", "voorzitter", vals)
	expectPage(t, rec, http.StatusBadRequest, "Vul een aantal dagen in van 7 tot en met 3650", `value="veel"`, `href="#f-visit_notes"`)
	vals.Set("visit_notes", "30")
	vals.Set("signal_notes", "60")
	expectPage(t, f.do("POST", base+"/bewaartermijnen", "voorzitter", vals), http.StatusSeeOther)
	if d, _ := f.store.Retention(ctx, f.wijk.ID); d[signaal.RetainVisitNotes] != 30 || d[signaal.RetainSignalNotes] != 60 {
		t.Errorf("retention=%v", d)
	}
}

// TestSignalLocaleKeys guards the keys the signal pages build from values.
func TestSignalLocaleKeys(t *testing.T) {
	b := testBundle(t)
	var keys []string
	add := func(prefix string, vals ...string) {
		for _, v := range vals {
			keys = append(keys, prefix+v)
		}
	}
	add("signals.status.", append([]string{"open"}, signaal.Statuses...)...)
	add("signals.urgency.", signaal.Urgencies...)
	add("signals.source.", signaal.Sources...)
	add("signals.theme.", signaal.DefaultThemeKeys...)
	add("signals.event.", signaal.EventCreated, signaal.EventStatus, signaal.EventGrouped, signaal.EventUngroup, signaal.EventRetained)
	add("visits.aspect.", signaal.Aspects...)
	add("visits.consent.", signaal.ConsentKinds...)
	add("visits.score.", "1", "2", "3", "4", "5")
	for _, c := range signaal.RetentionCategories {
		add("signals.retention.", c, c+".hint")
	}
	for _, lang := range b.Langs() {
		for _, k := range keys {
			if !b.For(lang).Has(k) {
				t.Errorf("%s lacks %q", lang, k)
			}
		}
	}
}
