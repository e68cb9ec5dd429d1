package demo_test

import (
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
)

// TestSeedPact checks the demo's wijkpact: three parties of three kinds,
// all signed, commitments for each, and progress reported so the pact is
// partly done.
func TestSeedPact(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		now := time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC)
		res, err := demo.Seed(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		list, err := s.PactsOfWijk(ctx, res.Wijk.ID)
		if err != nil || len(list) != 1 || list[0].Title != demo.PactTitle {
			t.Fatalf("pacts=%+v, %v", list, err)
		}
		p := list[0]
		if len(p.Parties) != 3 || !p.Signed() || len(p.Events) != 3 || !p.SignedAt().Before(now) {
			t.Fatalf("parties=%d signed=%v events=%d signedAt=%v", len(p.Parties), p.Signed(), len(p.Events), p.SignedAt())
		}
		domains := map[string]bool{}
		for _, pt := range p.Parties {
			domains[string(pt.Domain)] = true
			if r := p.PartyRollup(pt.ID); r.Commitments < 2 || r.Percent <= 0 {
				t.Errorf("party %s: %+v", pt.Name, r)
			}
		}
		if !domains[""] || !domains["gemeente"] || !domains["woningcorporatie"] {
			t.Errorf("domains=%v, want residents, gemeente and woningcorporatie", domains)
		}
		if r := p.Rollup(); r.Percent <= 0 || r.Percent >= 100 || r.Done < 1 {
			t.Errorf("pact rollup=%+v, want partly done with a commitment met", r)
		}
		challenges, err := s.ChallengesOfWijk(ctx, res.Wijk.ID)
		if err != nil || len(challenges) != 1 {
			t.Fatalf("challenges=%+v, %v", challenges, err)
		}
		ch, err := s.Challenge(ctx, res.Wijk.ID, challenges[0].ID)
		if err != nil || ch.Task != demo.ChallengeTask || ch.Status != "accepted" || len(ch.Decisions) != 2 || ch.Agreement == "" ||
			ch.CommitmentID != p.Commitments[0].ID || ch.LedgerAccountID == "" || ch.SavingCents() <= 0 {
			t.Fatalf("challenge=%+v, %v", ch, err)
		}
		for _, c := range p.Commitments {
			for _, g := range c.Reports {
				if g.At.After(now) || g.At.Before(p.SignedAt()) {
					t.Errorf("progress of %q reported at %v", c.What, g.At)
				}
			}
		}
	})
}
