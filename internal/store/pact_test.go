package store_test

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/pact"
	"github.com/wei-platform/wei/wijk"
)

type pactWijk struct {
	w    wijk.Wijk
	orgs []wijk.Organisation
	user account.User
}

func newPactWijk(t *testing.T, s *store.Store, slug string) pactWijk {
	t.Helper()
	pw := pactWijk{w: wijk.Wijk{Slug: slug, Name: "Wijk " + slug, CBSCode: "WK" + fmt.Sprintf("%06d", len(slug)*7919%1000000), CBSYear: 2025, Municipality: "Testgemeente"}}
	if err := s.CreateWijk(t.Context(), &pw.w); err != nil {
		t.Fatal(err)
	}
	for _, o := range []wijk.Organisation{
		{Name: "Bewonersvereniging", Form: wijk.FormWijkcooperatie},
		{Name: "Gemeente", Form: wijk.FormPartner, Domain: wijk.DomainGemeente},
		{Name: "Woonstichting", Form: wijk.FormPartner, Domain: wijk.DomainWoningcorporatie},
	} {
		o.WijkID = pw.w.ID
		if err := s.CreateOrganisation(t.Context(), &o); err != nil {
			t.Fatal(err)
		}
		pw.orgs = append(pw.orgs, o)
	}
	pw.user = account.User{Email: slug + "@example.org", DisplayName: "Procesmanager"}
	if err := s.CreateUser(t.Context(), &pw.user); err != nil {
		t.Fatal(err)
	}
	return pw
}

func pactDay(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 0, 0, 0, 0, time.UTC) }

func wantPactErr(t *testing.T, err error, code, field, key string) {
	t.Helper()
	e, ok := err.(*wei.Error)
	if wei.ErrorCode(err) != code || (field != "" && (!ok || e.Fields[field] != key)) {
		t.Fatalf("err=%v (%+v), want %s with %s=%s", err, e, code, field, key)
	}
}

// TestPactLifecycle: a pact is drafted, refused while incomplete, signed
// by three parties (the text frozen from the first acceptance), progress
// is reported and rolled up; withdrawing is kept in the history.
func TestPactLifecycle(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		pw := newPactWijk(t, s, "pact")
		other := newPactWijk(t, s, "pact-ander")

		bad := pact.Pact{WijkID: pw.w.ID, Title: "W", Purpose: "kort", StartsOn: pactDay(2026, 1, 1), EndsOn: pactDay(2025, 1, 1)}
		err := s.CreatePact(ctx, &bad)
		for _, f := range []string{"title", "purpose", "ends_on"} {
			if e, _ := err.(*wei.Error); e == nil || e.Fields[f] == "" {
				t.Fatalf("CreatePact(bad): err=%v, want a message for %s", err, f)
			}
		}
		p := pact.Pact{WijkID: pw.w.ID, Title: "  Wijkpact   Blauwe Akker ", Purpose: "Samen zorgen voor een schone en veilige wijk.", StartsOn: pactDay(2026, 1, 1), EndsOn: pactDay(2027, 12, 31),
			Reviews: []time.Time{pactDay(2026, 6, 1)}, CreatedBy: pw.user.ID}
		if err := s.CreatePact(ctx, &p); err != nil {
			t.Fatal(err)
		}
		dup := pact.Pact{WijkID: pw.w.ID, Title: "Wijkpact Blauwe Akker", Purpose: "Nog een keer hetzelfde pact.", StartsOn: pactDay(2026, 1, 1), EndsOn: pactDay(2026, 12, 31)}
		wantPactErr(t, s.CreatePact(ctx, &dup), wei.ECONFLICT, "title", "error.taken")

		var parties []pact.Party
		for _, o := range pw.orgs {
			pt, err := s.AddPartyToPact(ctx, pw.w.ID, p.ID, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			parties = append(parties, pt)
		}
		_, err = s.AddPartyToPact(ctx, pw.w.ID, p.ID, pw.orgs[0].ID)
		wantPactErr(t, err, wei.ECONFLICT, "organisation_id", "pact.error.party_twice")
		_, err = s.AddPartyToPact(ctx, pw.w.ID, p.ID, other.orgs[0].ID)
		wantPactErr(t, err, wei.EINVALID, "organisation_id", "error.choice")
		_, err = s.AddPartyToPact(ctx, other.w.ID, p.ID, other.orgs[0].ID)
		wantPactErr(t, err, wei.ENOTFOUND, "", "")

		c := pact.Commitment{PactID: p.ID, PartyID: parties[0].ID, What: "Vier keer per jaar een opschoondag", Indicator: "opschoondagen", Target: 4, Due: pactDay(2026, 12, 31), Owner: "werkgroep groen", CreatedBy: pw.user.ID}
		if err := s.AddCommitment(ctx, pw.w.ID, &c); err != nil {
			t.Fatal(err)
		}
		late := pact.Commitment{PactID: p.ID, PartyID: parties[1].ID, What: "Extra containers plaatsen", Indicator: "containers", Target: 10, Due: pactDay(2030, 1, 1)}
		wantPactErr(t, s.AddCommitment(ctx, pw.w.ID, &late), wei.EINVALID, "due_on", "pact.error.due")

		// Not ready: the woonstichting has no commitment yet.
		wantPactErr(t, s.SetAcceptance(ctx, pw.w.ID, p.ID, parties[0].ID, true, "bestuur", pw.user.ID), wei.EINVALID, "_", "pact.error.not_ready")
		for i, what := range []string{"", "Extra containers plaatsen", "Portiekgesprekken in alle flats"} {
			if i == 0 {
				continue
			}
			cm := pact.Commitment{PactID: p.ID, PartyID: parties[i].ID, What: what, Indicator: "stuks", Target: 10, Due: pactDay(2027, 6, 30)}
			if err := s.AddCommitment(ctx, pw.w.ID, &cm); err != nil {
				t.Fatal(err)
			}
		}
		wantPactErr(t, s.SetAcceptance(ctx, pw.w.ID, p.ID, parties[0].ID, true, " ", pw.user.ID), wei.EINVALID, "signatory", "pact.error.signatory")
		if err := s.SetAcceptance(ctx, pw.w.ID, p.ID, parties[0].ID, true, "bestuur", pw.user.ID); err != nil {
			t.Fatal(err)
		}
		wantPactErr(t, s.SetAcceptance(ctx, pw.w.ID, p.ID, parties[0].ID, true, "bestuur", pw.user.ID), wei.ECONFLICT, "_", "pact.error.accepted_already")
		// Frozen: no new parties or commitments after the first acceptance.
		more := pact.Commitment{PactID: p.ID, PartyID: parties[1].ID, What: "Nog een belofte erbij", Indicator: "stuks", Target: 1, Due: pactDay(2026, 9, 1)}
		wantPactErr(t, s.AddCommitment(ctx, pw.w.ID, &more), wei.ECONFLICT, "_", "pact.error.frozen")
		// Progress only once signed.
		wantPactErr(t, s.ReportProgress(ctx, pw.w.ID, p.ID, c.ID, 1, "", pw.user.ID), wei.EINVALID, "_", "pact.error.not_signed")

		// Two acceptances of the same party at once: exactly one counts.
		var wg sync.WaitGroup
		errs := make([]error, 5)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = s.SetAcceptance(ctx, pw.w.ID, p.ID, parties[1].ID, true, "wethouder", pw.user.ID)
			}()
		}
		wg.Wait()
		ok := 0
		for _, err := range errs {
			if err == nil {
				ok++
			} else if wei.ErrorCode(err) != wei.ECONFLICT {
				t.Fatalf("concurrent acceptance: %v", err)
			}
		}
		if ok != 1 {
			t.Fatalf("%d concurrent acceptances succeeded, want 1", ok)
		}
		if err := s.SetAcceptance(ctx, pw.w.ID, p.ID, parties[2].ID, true, "directeur", pw.user.ID); err != nil {
			t.Fatal(err)
		}
		got, err := s.Pact(ctx, pw.w.ID, p.ID)
		if err != nil {
			t.Fatal(err)
		}
		if !got.Signed() || got.AcceptedCount() != 3 || got.Title != "Wijkpact Blauwe Akker" || len(got.Commitments) != 3 || len(got.Reviews) != 1 || got.Parties[1].Domain != wijk.DomainGemeente {
			t.Fatalf("pact after signing: %+v", got)
		}

		wantPactErr(t, s.ReportProgress(ctx, pw.w.ID, p.ID, c.ID, -1, "", pw.user.ID), wei.EINVALID, "value", "pact.error.value")
		for _, v := range []int64{1, 3} {
			if err := s.ReportProgress(ctx, pw.w.ID, p.ID, c.ID, v, "opschoondag gehouden", pw.user.ID); err != nil {
				t.Fatal(err)
			}
		}
		got, _ = s.Pact(ctx, pw.w.ID, p.ID)
		if r := got.Commitments[0]; r.Value() != 3 || r.Percent() != 75 || len(r.Reports) != 2 {
			t.Fatalf("commitment progress: value=%d percent=%d reports=%d", r.Value(), r.Percent(), len(r.Reports))
		}
		if r := got.PartyRollup(parties[0].ID); r.Percent != 75 || r.Commitments != 1 {
			t.Fatalf("party rollup: %+v", r)
		}
		if r := got.Rollup(); r.Percent != 25 || r.Commitments != 3 || r.Done != 0 {
			t.Fatalf("pact rollup: %+v", r)
		}

		// Withdrawing is an event too: the pact is no longer signed, and
		// the history shows both.
		if err := s.SetAcceptance(ctx, pw.w.ID, p.ID, parties[2].ID, false, "", pw.user.ID); err != nil {
			t.Fatal(err)
		}
		wantPactErr(t, s.SetAcceptance(ctx, pw.w.ID, p.ID, parties[2].ID, false, "", pw.user.ID), wei.ECONFLICT, "_", "pact.error.not_accepted")
		got, _ = s.Pact(ctx, pw.w.ID, p.ID)
		if got.Signed() || len(got.Events) != 4 || got.Events[3].Accepted {
			t.Fatalf("after withdrawal: signed=%v events=%+v", got.Signed(), got.Events)
		}

		wantPactErr(t, s.AddReview(ctx, pw.w.ID, p.ID, pactDay(2026, 6, 1)), wei.ECONFLICT, "review_on", "pact.error.review_twice")
		wantPactErr(t, s.AddReview(ctx, pw.w.ID, p.ID, pactDay(2029, 6, 1)), wei.EINVALID, "review_on", "pact.error.review")
		if err := s.AddReview(ctx, pw.w.ID, p.ID, pactDay(2026, 3, 1)); err != nil {
			t.Fatal(err)
		}
		list, err := s.PactsOfWijk(ctx, pw.w.ID)
		if err != nil || len(list) != 1 || len(list[0].Reviews) != 2 || !list[0].Reviews[0].Equal(pactDay(2026, 3, 1)) {
			t.Fatalf("PactsOfWijk: %v %+v", err, list)
		}
		if list, _ := s.PactsOfWijk(ctx, other.w.ID); len(list) != 0 {
			t.Fatalf("the other wijk sees %d pacts", len(list))
		}
	})
}
