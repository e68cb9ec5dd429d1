package store_test

import (
	"testing"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/pact"
)

// TestChallenge: a residents' organisation challenges the gemeente; bad
// input and a partner as challenger are refused with nothing saved; the
// decision needs reasons, a changed decision keeps the first in the
// history; the agreement links a pact commitment and a ledger account of
// the wijk only, and freezes the decision.
func TestChallenge(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		pw := newPactWijk(t, s, "challenge")
		other := newPactWijk(t, s, "challenge-ander")

		bad := pact.Challenge{WijkID: pw.w.ID, OrganisationID: pw.orgs[0].ID, Task: "Park", CurrentCostCents: -1, Plan: "kort", BusinessCase: "", ProposedCostCents: 5}
		err := s.CreateChallenge(ctx, &bad)
		for _, f := range []string{"task", "current_cost", "plan", "business_case"} {
			if e, _ := err.(*wei.Error); e == nil || e.Fields[f] == "" {
				t.Fatalf("CreateChallenge(bad): %v, want a message for %s", err, f)
			}
		}
		c := pact.Challenge{WijkID: pw.w.ID, OrganisationID: pw.orgs[1].ID, Task: "Onderhoud van het Sluispark", CurrentCostCents: 12_000_000, ProposedCostCents: 9_500_000,
			Plan: "Bewoners maaien, snoeien en houden het park schoon, met een vaste ploeg.", BusinessCase: "Goedkoper dan de aannemer, en het geld blijft in de wijk.", CreatedBy: pw.user.ID}
		wantPactErr(t, s.CreateChallenge(ctx, &c), wei.EINVALID, "organisation_id", "challenge.error.org") // the gemeente cannot challenge itself
		c.OrganisationID = other.orgs[0].ID
		wantPactErr(t, s.CreateChallenge(ctx, &c), wei.EINVALID, "organisation_id", "challenge.error.org")
		if list, _ := s.ChallengesOfWijk(ctx, pw.w.ID); len(list) != 0 {
			t.Fatalf("%d challenges saved after refusals", len(list))
		}
		c.OrganisationID = pw.orgs[0].ID
		if err := s.CreateChallenge(ctx, &c); err != nil {
			t.Fatal(err)
		}
		if c.SavingCents() != 2_500_000 {
			t.Errorf("SavingCents()=%d", c.SavingCents())
		}
		wantPactErr(t, s.SetChallengeAgreement(ctx, pw.w.ID, c.ID, "Drie jaar onderhoud door de bewoners.", "", ""), wei.EINVALID, "agreement", "challenge.error.not_accepted")
		wantPactErr(t, s.DecideChallenge(ctx, pw.w.ID, c.ID, true, "ja", pw.user.ID), wei.EINVALID, "reasons", "challenge.error.reasons")
		wantPactErr(t, s.DecideChallenge(ctx, other.w.ID, c.ID, true, "Een goed plan, we doen het.", pw.user.ID), wei.ENOTFOUND, "", "")
		if err := s.DecideChallenge(ctx, pw.w.ID, c.ID, false, "Het plan mist een verzekering.", pw.user.ID); err != nil {
			t.Fatal(err)
		}
		wantPactErr(t, s.DecideChallenge(ctx, pw.w.ID, c.ID, false, "Nog steeds geen verzekering.", pw.user.ID), wei.ECONFLICT, "decision", "challenge.error.same_decision")
		if err := s.DecideChallenge(ctx, pw.w.ID, c.ID, true, "Verzekering geregeld: we gaan akkoord.", pw.user.ID); err != nil {
			t.Fatal(err)
		}

		if err := s.EnsureChart(ctx, pw.w.ID); err != nil {
			t.Fatal(err)
		}
		if err := s.EnsureChart(ctx, other.w.ID); err != nil {
			t.Fatal(err)
		}
		accounts, _ := s.LedgerAccounts(ctx, pw.w.ID)
		otherAccounts, _ := s.LedgerAccounts(ctx, other.w.ID)
		if len(accounts) == 0 || len(otherAccounts) == 0 {
			t.Fatal("no ledger accounts")
		}
		wantPactErr(t, s.SetChallengeAgreement(ctx, pw.w.ID, c.ID, "Drie jaar onderhoud door de bewoners.", "", otherAccounts[0].ID), wei.EINVALID, "ledger_account_id", "error.choice")
		wantPactErr(t, s.SetChallengeAgreement(ctx, pw.w.ID, c.ID, "Drie jaar onderhoud door de bewoners.", "geen-afspraak", ""), wei.EINVALID, "commitment_id", "error.choice")
		if err := s.SetChallengeAgreement(ctx, pw.w.ID, c.ID, "Drie jaar onderhoud door de bewoners.", "", accounts[0].ID); err != nil {
			t.Fatal(err)
		}
		wantPactErr(t, s.DecideChallenge(ctx, pw.w.ID, c.ID, false, "Toch maar niet doen.", pw.user.ID), wei.ECONFLICT, "decision", "challenge.error.agreed")

		got, err := s.Challenge(ctx, pw.w.ID, c.ID)
		if err != nil {
			t.Fatal(err)
		}
		if got.Status != pact.ChallengeAccepted || len(got.Decisions) != 2 || got.Decisions[0].Accepted || !got.Decisions[1].Accepted ||
			got.Decisions[0].Reasons != "Het plan mist een verzekering." || got.LedgerAccountID != accounts[0].ID || got.CurrentCostCents != 12_000_000 {
			t.Fatalf("challenge=%+v", got)
		}
	})
}
