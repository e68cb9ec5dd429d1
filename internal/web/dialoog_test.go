package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/internal/store"
)

// TestDialogueFlow: the process manager opens a session owned by the
// partner organisation; a resident gives input (bad input comes back with
// messages and kept); the owner answers, the resident is e-mailed and sees
// the answer; a changed answer keeps the old one in the history; others
// may not answer; the public page shows it without the resident's name.
func TestDialogueFlow(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	base := "/w/test-wijk/dialogen"

	expectPage(t, f.do("GET", base+"/nieuw", "procesmanager", nil), http.StatusOK, `name="theme"`, "Woonstichting")
	if rec := f.do("POST", base, "bewoner", url.Values{"kind": {"session"}, "theme": {"Groen"}}); rec.Code != http.StatusForbidden {
		t.Errorf("resident creates a dialogue: status=%d, want 403", rec.Code)
	}
	bad := url.Values{"kind": {"session"}, "theme": {"Groen rond de flats"}, "held_on": {"gisteren"}, "attendance": {"veel"}, "answer_days": {"14"}, "owner_org_id": {f.partner.ID}}
	expectPage(t, f.do("POST", base, "procesmanager", bad), http.StatusBadRequest,
		"Vul een datum in", "Vul een heel getal in", `value="Groen rond de flats"`, `value="veel"`, "Vul dit veld in")
	if ds, _ := f.store.Dialogues(ctx, f.wijk.ID); len(ds) != 0 {
		t.Fatalf("a bad dialogue was saved: %+v", ds)
	}
	good := url.Values{"kind": {"session"}, "theme": {"Groen rond de flats"}, "held_on": {time.Now().Format(dialoog.DateLayout)}, "place": {"Buurthuis"},
		"facilitator": {"Welzijn"}, "attendance": {"31"}, "answer_days": {"14"}, "owner_org_id": {f.partner.ID}}
	rec := f.do("POST", base, "procesmanager", good)
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("create: status=%d: %s", rec.Code, rec.Body.String())
	}
	did := locationID(t, rec)

	expectPage(t, f.do("GET", base+"/"+did, "", nil), http.StatusOK, "Groen rond de flats", "Log in om je inbreng te geven", "31")
	expectPage(t, f.do("GET", base+"/"+did, "bewoner", nil), http.StatusOK, `name="body"`)

	// Bad input: messages, value kept, nothing saved.
	expectPage(t, f.do("POST", base+"/"+did+"/inbreng", "bewoner", url.Values{"kind": {"idea"}, "body": {"ja"}}), http.StatusBadRequest,
		"minstens 3 tekens", ">ja</textarea>")
	if rec := f.do("POST", base+"/"+did+"/inbreng", "bewoner", url.Values{"kind": {"idea"}, "body": {"Meer bomen"}, "on_behalf": {"yes"}, "consent": {"yes"}}); rec.Code != http.StatusForbidden {
		t.Errorf("resident enters input on someone's behalf: status=%d, want 403", rec.Code)
	}
	expectPage(t, f.do("POST", base+"/"+did+"/inbreng", "procesmanager", url.Values{"kind": {"concern"}, "body": {"Te weinig bankjes"}, "on_behalf": {"yes"}}),
		http.StatusBadRequest, "Vink aan dat de bewoner toestemming geeft", "Te weinig bankjes")
	if _, n, _ := f.store.WijkInputs(ctx, f.wijk.ID, store.InputFilter{}, 10, 0); n != 0 {
		t.Fatalf("%d inputs saved from bad forms", n)
	}

	rec = f.do("POST", base+"/"+did+"/inbreng", "bewoner", url.Values{"kind": {"idea"}, "body": {"Een moestuin op het grasveld"}})
	if rec.Code != http.StatusSeeOther {
		t.Fatalf("give input: status=%d: %s", rec.Code, rec.Body.String())
	}
	iid := locationID(t, rec)
	in := "/w/test-wijk/inbreng/" + iid
	expectPage(t, f.do("GET", in, "bewoner", nil), http.StatusOK, "Een moestuin op het grasveld", "Woonstichting", "Je volgt deze inbreng", "Nog geen antwoord")
	if strings.Contains(f.do("GET", in, "bewoner", nil).Body.String(), `action="/w/test-wijk/inbreng/`+iid+`/antwoord"`) {
		t.Error("the resident sees the answer form")
	}

	// Only the owner (or the process manager) answers.
	for _, who := range []string{"bewoner", "initiatiefnemer", "voorzitter"} {
		if rec := f.do("POST", in+"/antwoord", who, url.Values{"status": {"answered"}, "answer": {"Nee"}}); rec.Code != http.StatusForbidden {
			t.Errorf("%s answers: status=%d, want 403", who, rec.Code)
		}
	}
	expectPage(t, f.do("GET", in, "partner", nil), http.StatusOK, `action="/w/test-wijk/inbreng/`+iid+`/antwoord"`)
	expectPage(t, f.do("POST", in+"/antwoord", "partner", url.Values{"status": {"answered"}, "answer": {""}}), http.StatusBadRequest, "Schrijf een antwoord")
	if rec := f.do("POST", in+"/antwoord", "partner", url.Values{"status": {"answered"}, "answer": {"We leggen in het voorjaar een moestuin aan."}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("answer: status=%d: %s", rec.Code, rec.Body.String())
	}
	mails, err := f.store.Outbox(ctx, 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(mails) != 1 || mails[0].To != "bewoner@example.org" || !strings.Contains(mails[0].Body, "We leggen in het voorjaar een moestuin aan.") || !strings.Contains(mails[0].Body, "http://wei.test"+in) {
		t.Fatalf("outbox = %+v, want one e-mail with the answer to the resident", mails)
	}
	expectPage(t, f.do("GET", base, "bewoner", nil), http.StatusOK, "Jouw inbreng", "We leggen in het voorjaar een moestuin aan.")

	// A changed answer keeps the first one in the history.
	if rec := f.do("POST", in+"/antwoord", "procesmanager", url.Values{"status": {"done"}, "answer": {"De moestuin is aangelegd."}, "owner_org_id": {f.partner.ID}, "due_on": {"2030-01-01"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("second answer: status=%d: %s", rec.Code, rec.Body.String())
	}
	page := f.do("GET", in, "", nil)
	expectPage(t, page, http.StatusOK, "De moestuin is aangelegd.", "We leggen in het voorjaar een moestuin aan.", "Gedaan", "Geschiedenis")

	// Links to what came of it; bad links come back with a message.
	expectPage(t, f.do("POST", in+"/koppelingen", "partner", url.Values{"kind": {"initiative"}, "target_id": {""}, "label": {"Moestuin"}}), http.StatusBadRequest, "Vul het nummer (id) in", `value="Moestuin"`)
	expectPage(t, f.do("POST", in+"/koppelingen", "partner", url.Values{"kind": {"initiative"}, "target_id": {f.partner.ID}, "label": {"Geen initiatief"}}), http.StatusBadRequest, "Er is geen initiatief met dit nummer")
	if rec := f.do("POST", in+"/koppelingen", "partner", url.Values{"kind": {"initiative"}, "target_id": {f.org.ID}, "label": {"Buurttuin"}}); rec.Code != http.StatusSeeOther {
		t.Fatalf("link: status=%d: %s", rec.Code, rec.Body.String())
	}
	expectPage(t, f.do("GET", in, "", nil), http.StatusOK, `href="/w/test-wijk/initiatieven/`+f.org.ID+`"`, "Buurttuin")

	// Public: the input, the answer and the owner; never the resident.
	pub := f.do("GET", "/w/test-wijk/u-zei-wij-deden", "", nil)
	expectPage(t, pub, http.StatusOK, "U zei, wij deden", "Een moestuin op het grasveld", "De moestuin is aangelegd.", "Woonstichting")
	if strings.Contains(pub.Body.String(), "User bewoner") || strings.Contains(page.Body.String(), "User bewoner") || strings.Contains(page.Body.String(), "User partner") {
		t.Error("a person's name is on a public page")
	}

	// Unfollowing: no e-mail on the next change.
	if rec := f.do("POST", in+"/ontvolgen", "bewoner", nil); rec.Code != http.StatusSeeOther {
		t.Fatalf("unfollow: status=%d", rec.Code)
	}
	f.do("POST", in+"/antwoord", "partner", url.Values{"status": {"in_progress"}, "answer": {"We kijken nog eens."}})
	if mails, _ := f.store.Outbox(ctx, 10); len(mails) != 2 { // the second answer was e-mailed, this one not
		t.Errorf("outbox has %d messages, want 2", len(mails))
	}
}

// TestInputOverdueAndReminder: an input past its date is flagged on the
// public page, and the reminder job e-mails its owner's partner account
// once.
func TestInputOverdueAndReminder(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	past := time.Now().AddDate(0, 0, -10)
	f.store.SetClock(func() time.Time { return past })
	d := dialoog.Dialogue{WijkID: f.wijk.ID, Kind: dialoog.KindSession, Theme: "Verkeer", HeldOn: past.Format(dialoog.DateLayout), Place: "School",
		OwnerOrgID: f.partner.ID, AnswerDays: 3, CreatedBy: f.users["procesmanager"].ID}
	if err := f.store.CreateDialogue(ctx, &d); err != nil {
		t.Fatal(err)
	}
	in := dialoog.Input{DialogueID: d.ID, Kind: dialoog.InputConcern, Body: "Er wordt te hard gereden", AuthorUserID: f.users["bewoner"].ID, EnteredBy: f.users["bewoner"].ID}
	if err := f.store.CreateInput(ctx, &in); err != nil {
		t.Fatal(err)
	}
	f.store.SetClock(time.Now)

	expectPage(t, f.do("GET", "/w/test-wijk/u-zei-wij-deden?te-laat=1", "", nil), http.StatusOK, "Er wordt te hard gereden", "Te laat: antwoord was uiterlijk")
	expectPage(t, f.do("GET", "/w/test-wijk/u-zei-wij-deden?status=answered", "", nil), http.StatusOK, "Er is geen inbreng die hierbij past")

	if err := f.h.SendInputReminders(ctx, time.Now()); err != nil {
		t.Fatal(err)
	}
	if err := f.h.SendInputReminders(ctx, time.Now().Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	mails, _ := f.store.Outbox(ctx, 10)
	if len(mails) != 1 || mails[0].To != "partner@example.org" || !strings.Contains(mails[0].Body, "Er wordt te hard gereden") {
		t.Fatalf("outbox = %+v, want one reminder to the partner", mails)
	}
}

// TestInputsPublicPages: 120 inputs are shown 50 a page with links to the
// next and previous pages.
func TestInputsPublicPages(t *testing.T) {
	f := newFixture(t)
	ctx := context.Background()
	d := dialoog.Dialogue{WijkID: f.wijk.ID, Kind: dialoog.KindSession, Theme: "Alles", HeldOn: "2020-01-01", Place: "Plein", CreatedBy: f.users["procesmanager"].ID}
	if err := f.store.CreateDialogue(ctx, &d); err != nil {
		t.Fatal(err)
	}
	for i := range 120 {
		in := dialoog.Input{DialogueID: d.ID, Kind: dialoog.InputIdea, Body: "Idee nummer " + string(rune('A'+i%26)) + strings.Repeat("x", i%5), EnteredBy: f.users["procesmanager"].ID, OnBehalf: true}
		if err := f.store.CreateInput(ctx, &in); err != nil {
			t.Fatal(err)
		}
	}
	p1 := f.do("GET", "/w/test-wijk/u-zei-wij-deden", "", nil)
	expectPage(t, p1, http.StatusOK, "Inbreng 1 tot en met 50 van 120", `rel="next"`, "pagina=3")
	if n := strings.Count(p1.Body.String(), `href="/w/test-wijk/inbreng/`); n != 50 {
		t.Errorf("page 1 links %d inputs, want 50", n)
	}
	expectPage(t, f.do("GET", "/w/test-wijk/u-zei-wij-deden?pagina=3", "", nil), http.StatusOK, "Inbreng 101 tot en met 120 van 120", `rel="prev"`)
}
