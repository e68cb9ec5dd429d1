package demo_test

import (
	"testing"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/dialoog"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
)

// TestSeedDialogues checks the demo's wijkdialogen: a session and an online
// round that is open now and owned by the partner account's organisation
// (so partner@ can answer what bewoner@ gives), answers in every status,
// one changed answer with its history, a link, and an overdue input.
func TestSeedDialogues(t *testing.T) {
	t.Parallel()
	forEachDB(t, func(t *testing.T, s *store.Store) { checkSeedDialogues(t, s) })
}

func checkSeedDialogues(t *testing.T, s *store.Store) {
	ctx := t.Context()
	now := time.Now()
	res, err := demo.Seed(ctx, s, now)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := s.Dialogues(ctx, res.Wijk.ID)
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 {
		t.Fatalf("%d dialogues, want 2", len(ds))
	}
	round := ds[0].Dialogue
	if round.Kind != dialoog.KindOnline || !round.Open(now.Format(dialoog.DateLayout)) {
		t.Errorf("the newest dialogue is %s, open=%v; want an online round open now", round.Kind, round.Open(now.Format(dialoog.DateLayout)))
	}
	partner, err := s.UserByEmail(ctx, "partner@example.org")
	if err != nil {
		t.Fatal(err)
	}
	grants, err := s.GrantsOfUser(ctx, partner.ID)
	if err != nil {
		t.Fatal(err)
	}
	actor := account.Actor{User: &partner, Grants: grants}
	if !actor.CanOrg(account.PermAnswerInput, res.Wijk.ID, round.OwnerOrgID) {
		t.Error("partner@ may not answer the open round's inputs")
	}
	day := now.Format(dialoog.DateLayout)
	c, err := s.WijkInputCounts(ctx, res.Wijk.ID, day)
	if err != nil {
		t.Fatal(err)
	}
	for _, st := range []string{dialoog.StatusOpen, dialoog.StatusInProgress, dialoog.StatusAnswered, dialoog.StatusDone, dialoog.StatusDeclined} {
		if c.ByStatus[st] == 0 {
			t.Errorf("no demo input is %s", st)
		}
	}
	if c.Overdue == 0 {
		t.Error("no demo input is overdue")
	}
	list, _, err := s.WijkInputs(ctx, res.Wijk.ID, store.InputFilter{Status: dialoog.StatusDone}, 10, 0)
	if err != nil {
		t.Fatal(err)
	}
	changed, linked := false, false
	for _, in := range list {
		h, _ := s.InputHistory(ctx, in.ID)
		changed = changed || len(h) >= 3
		l, _ := s.InputLinks(ctx, in.ID)
		linked = linked || len(l) > 0
	}
	if !changed || !linked {
		t.Errorf("a changed answer: %v, a link: %v; want both", changed, linked)
	}
}
