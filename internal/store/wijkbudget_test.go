package store_test

import (
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijk"
	"github.com/wei-platform/wei/wijkbudget"
)

// budgetWijk is a wijk of one buurt (BU09990101: 3999 AA 1 and 2) with the
// CBS postcode table loaded, an initiative, and €wijkbudgetCents in the
// Wijkbudget account given by the Gemeente.
type budgetWijk struct {
	wijkID, initiativeID string
	acct                 map[string]ledger.Account
}

func newBudgetWijk(t *testing.T, s *store.Store, wijkbudgetCents int64) budgetWijk {
	t.Helper()
	w, _ := cbsWijk(t, s, "budgetwijk", "WK099901", 2025, "BU09990101", "Akkerhof")
	if _, err := s.ImportCBSPostcodes(t.Context(), "pc6hnr20250801_gwb.csv", strings.NewReader(postcodes2025), 0); err != nil {
		t.Fatal(err)
	}
	in := mustOrganisation(t, s, w.ID, "Buurttuin", wijk.FormBurgerinitiatief)
	mustOrganisation(t, s, w.ID, "Gemeente", wijk.FormPartner)
	s.SetClock(time.Now)
	if err := s.EnsureChart(t.Context(), w.ID); err != nil {
		t.Fatal(err)
	}
	b := budgetWijk{wijkID: w.ID, initiativeID: in.ID, acct: map[string]ledger.Account{}}
	for _, code := range []string{store.CodeWijkbudget, "Financiers:Gemeente", "Initiatieven:Buurttuin:Budget"} {
		a, err := s.AccountByCode(t.Context(), w.ID, code, ledger.EUR)
		if err != nil {
			t.Fatalf("AccountByCode(%s): %v", code, err)
		}
		b.acct[code] = a
	}
	if _, _, err := s.Post(t.Context(), transfer(w.ID, "wijkbudget-in", b.acct["Financiers:Gemeente"], b.acct[store.CodeWijkbudget], wijkbudgetCents)); err != nil {
		t.Fatal(err)
	}
	return b
}

func budgetErr(t *testing.T, err error, code, field, key string) {
	t.Helper()
	var e *wei.Error
	if !errors.As(err, &e) || e.Code != code || e.Fields[field] != key {
		t.Fatalf("err=%v (%+v), want %s with %s=%s", err, e, code, field, key)
	}
}

// budgetRoundVoting makes a knapsack round of €1.000 with projects A
// (€600), B (€500) and C (€300, found not feasible), opens voting and
// issues n codes.
func budgetRoundVoting(t *testing.T, s *store.Store, b budgetWijk, n int) (wijkbudget.Round, []wijkbudget.Project, []string) {
	t.Helper()
	ctx := t.Context()
	r := wijkbudget.Round{WijkID: b.wijkID, Title: "Wijkbudget 2026", Method: wijkbudget.MethodKnapsack, BudgetCents: 100_000}
	if err := s.CreateBudgetRound(ctx, &r); err != nil {
		t.Fatal(err)
	}
	var ps []wijkbudget.Project
	for _, p := range []struct {
		title string
		cost  int64
	}{{"Speeltuin", 60_000}, {"Bankjes", 50_000}, {"Fontein", 30_000}} {
		pr := wijkbudget.Project{RoundID: r.ID, WijkID: b.wijkID, Title: p.title, CostCents: p.cost}
		if err := s.AddBudgetProject(ctx, &pr); err != nil {
			t.Fatal(err)
		}
		ps = append(ps, pr)
	}
	if err := s.SetBudgetPhase(ctx, b.wijkID, r.ID, wijkbudget.PhaseReview, "pm"); err != nil {
		t.Fatal(err)
	}
	for i, p := range ps {
		f, note := wijkbudget.Feasible, ""
		if i == 2 {
			f, note = wijkbudget.Infeasible, "Geen water op die plek."
		}
		if err := s.ReviewBudgetProject(ctx, b.wijkID, r.ID, p.ID, f, note, b.initiativeID, "pm"); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.SetBudgetPhase(ctx, b.wijkID, r.ID, wijkbudget.PhaseVoting, "pm"); err != nil {
		t.Fatal(err)
	}
	codes, err := s.IssueVotingCodes(ctx, b.wijkID, r.ID, n)
	if err != nil {
		t.Fatal(err)
	}
	r.Phase = wijkbudget.PhaseVoting
	return r, ps, codes
}

// TestWijkbudgetRound: a round goes through its phases; bad votes are
// refused with nothing counted; the count follows the tie rule; the
// winner is funded in the ledger in one transaction.
func TestWijkbudgetRound(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		b := newBudgetWijk(t, s, 200_000)

		// Phases move one step at a time; projects only in the ideas phase; review needs a reason.
		r := wijkbudget.Round{WijkID: b.wijkID, Title: "Proef", Method: wijkbudget.MethodApproval, BudgetCents: 1000}
		if err := s.CreateBudgetRound(ctx, &r); err == nil {
			t.Fatal("approval round without max choices accepted")
		}
		r.MaxChoices = 2
		if err := s.CreateBudgetRound(ctx, &r); err != nil {
			t.Fatal(err)
		}
		budgetErr(t, s.SetBudgetPhase(ctx, b.wijkID, r.ID, wijkbudget.PhaseVoting, "pm"), wei.EINVALID, "phase", "wijkbudget.error.phase_order")
		over := wijkbudget.Project{RoundID: r.ID, WijkID: b.wijkID, Title: "Te duur", CostCents: 1001}
		budgetErr(t, s.AddBudgetProject(ctx, &over), wei.EINVALID, "cost", "wijkbudget.error.cost_over_budget")
		if err := s.SetBudgetPhase(ctx, b.wijkID, r.ID, wijkbudget.PhaseReview, "pm"); err != nil {
			t.Fatal(err)
		}
		budgetErr(t, s.SetBudgetPhase(ctx, b.wijkID, r.ID, wijkbudget.PhaseVoting, "pm"), wei.EINVALID, "phase", "wijkbudget.error.not_reviewed")

		r, ps, codes := budgetRoundVoting(t, s, b, 6)
		if err := s.ReviewBudgetProject(ctx, b.wijkID, r.ID, ps[0].ID, wijkbudget.Infeasible, "", "", "pm"); wei.ErrorCode(err) != wei.EINVALID {
			t.Fatalf("review without reason: err=%v", err)
		}
		vote := func(code, pc string, nr int, ids ...string) error {
			_, err := s.CastBallot(ctx, store.Vote{WijkID: b.wijkID, RoundID: r.ID, Code: code, Postcode: pc, HouseNumber: nr, ProjectIDs: ids})
			return err
		}
		A, B, C := ps[0].ID, ps[1].ID, ps[2].ID
		budgetErr(t, vote(codes[0], "3999 AA", 1, A, B), wei.EINVALID, "projects", "wijkbudget.error.over_budget")
		budgetErr(t, vote(codes[0], "3999 AA", 1, C), wei.EINVALID, "projects", "wijkbudget.error.unknown_project")
		budgetErr(t, vote(codes[0], "3999 AA", 1, A, A), wei.EINVALID, "projects", "wijkbudget.error.unknown_project")
		budgetErr(t, vote(codes[0], "3999 AA", 1), wei.EINVALID, "projects", "wijkbudget.error.none_chosen")
		budgetErr(t, vote(codes[0], "3999 AB", 1, A), wei.EINVALID, "postcode", "wijkbudget.error.outside")
		budgetErr(t, vote(codes[0], "3999 AA", 9, A), wei.EINVALID, "postcode", "cbs.error.address_unknown")
		budgetErr(t, vote("2222-3333-4444", "3999 AA", 1, A), wei.EINVALID, "code", "wijkbudget.error.code_unknown")
		budgetErr(t, vote("nonsense", "3999 AA", 1, A), wei.EINVALID, "code", "wijkbudget.error.code_unknown")

		// Two votes each for A and B: the tie rule puts the cheaper B first; A no longer fits.
		for i, ids := range [][]string{{A}, {B}, {A}, {B}} {
			code := codes[i]
			if i == 1 {
				code = strings.ToLower(strings.ReplaceAll(code, "-", " ")) // typed from paper
			}
			if err := vote(code, "3999AA", 1+i%2, ids...); err != nil {
				t.Fatalf("vote %d: %v", i, err)
			}
		}
		budgetErr(t, vote(codes[0], "3999 AA", 1, B), wei.ECONFLICT, "code", "wijkbudget.error.code_used")
		issued, used, err := s.BudgetCodeCounts(ctx, r.ID)
		if err != nil || issued != 6 || used != 4 {
			t.Fatalf("BudgetCodeCounts=%d, %d, %v; want 6, 4", issued, used, err)
		}
		res, err := s.BudgetResult(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if res.Ballots != 4 || len(res.Rows) != 3 {
			t.Fatalf("result: %d ballots, %d rows; want 4, 3", res.Ballots, len(res.Rows))
		}
		if got := res.Rows[0]; got.Project.ID != B || got.Votes != 2 || got.Outcome != wijkbudget.Won {
			t.Errorf("first=%s %d %s, want Bankjes 2 won", got.Project.Title, got.Votes, got.Outcome)
		}
		if got := res.Rows[1]; got.Project.ID != A || got.Outcome != wijkbudget.DoesNotFit || !got.TiedWithPrev {
			t.Errorf("second=%s %s tied %v, want Speeltuin does_not_fit tied", got.Project.Title, got.Outcome, got.TiedWithPrev)
		}
		if res.SpentCents != 50_000 || res.Rows[2].Outcome != wijkbudget.NotFeasible {
			t.Errorf("spent=%d, third=%s", res.SpentCents, res.Rows[2].Outcome)
		}

		// Funding only in the results phase; after voting closes no vote counts.
		if _, err := s.FundBudgetWinners(ctx, b.wijkID, r.ID, time.Now(), "pen"); wei.ErrorCode(err) != wei.EINVALID {
			t.Fatalf("fund while voting: err=%v", err)
		}
		if err := s.SetBudgetPhase(ctx, b.wijkID, r.ID, wijkbudget.PhaseResults, "pm"); err != nil {
			t.Fatal(err)
		}
		budgetErr(t, vote(codes[5], "3999 AA", 1, A), wei.EINVALID, "code", "wijkbudget.error.closed")
		txs, err := s.FundBudgetWinners(ctx, b.wijkID, r.ID, time.Now(), "pen")
		if err != nil || len(txs) != 1 {
			t.Fatalf("FundBudgetWinners=%d txs, %v; want 1", len(txs), err)
		}
		if got := balanceOf(t, s, b.acct["Initiatieven:Buurttuin:Budget"]); got != 50_000 {
			t.Errorf("initiative budget=%d, want 50000", got)
		}
		if got := balanceOf(t, s, b.acct[store.CodeWijkbudget]); got != 150_000 {
			t.Errorf("wijkbudget=%d, want 150000", got)
		}
		p, err := s.BudgetProject(ctx, r.ID, B)
		if err != nil || p.GrantTxID != txs[0].ID {
			t.Fatalf("project grant=%q, %v; want %s", p.GrantTxID, err, txs[0].ID)
		}
		if _, err := s.FundBudgetWinners(ctx, b.wijkID, r.ID, time.Now(), "pen"); wei.ErrorCode(err) != wei.EINVALID {
			t.Fatalf("funding twice: err=%v", err)
		}
		got, _ := s.BudgetRound(ctx, b.wijkID, r.ID)
		if got.Phase != wijkbudget.PhaseExecution {
			t.Errorf("phase=%s, want execution", got.Phase)
		}
		evs, err := s.BudgetEvents(ctx, r.ID)
		if err != nil || len(evs) != 8 { // 5 phases + 3 reviews
			t.Errorf("events=%d, %v; want 8", len(evs), err)
		}
	})
}

// TestWijkbudgetFundInsufficient: when the wijkbudget holds less than the
// winners cost, nothing is booked and the round stays in results.
func TestWijkbudgetFundInsufficient(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		b := newBudgetWijk(t, s, 40_000)
		r, ps, codes := budgetRoundVoting(t, s, b, 1)
		if _, err := s.CastBallot(ctx, store.Vote{WijkID: b.wijkID, RoundID: r.ID, Code: codes[0], Postcode: "3999AA", HouseNumber: 1, ProjectIDs: []string{ps[1].ID}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetBudgetPhase(ctx, b.wijkID, r.ID, wijkbudget.PhaseResults, "pm"); err != nil {
			t.Fatal(err)
		}
		_, err := s.FundBudgetWinners(ctx, b.wijkID, r.ID, time.Now(), "pen")
		budgetErr(t, err, wei.EINVALID, "fund", "wijkbudget.error.insufficient")
		if got := balanceOf(t, s, b.acct[store.CodeWijkbudget]); got != 40_000 {
			t.Errorf("wijkbudget=%d, want 40000 untouched", got)
		}
		if got, _ := s.BudgetRound(ctx, b.wijkID, r.ID); got.Phase != wijkbudget.PhaseResults {
			t.Errorf("phase=%s, want results", got.Phase)
		}
	})
}

// TestWijkbudgetConcurrentVotes: the same code sent by 20 clients at once
// is counted exactly once.
func TestWijkbudgetConcurrentVotes(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		b := newBudgetWijk(t, s, 200_000)
		r, ps, codes := budgetRoundVoting(t, s, b, 1)
		var wg sync.WaitGroup
		var mu sync.Mutex
		ok, used := 0, 0
		start := make(chan struct{})
		for range 20 {
			wg.Go(func() {
				<-start
				_, err := s.CastBallot(ctx, store.Vote{WijkID: b.wijkID, RoundID: r.ID, Code: codes[0], Postcode: "3999AA", HouseNumber: 1, ProjectIDs: []string{ps[0].ID}})
				mu.Lock()
				defer mu.Unlock()
				switch {
				case err == nil:
					ok++
				case wei.ErrorCode(err) == wei.ECONFLICT:
					used++
				default:
					t.Errorf("CastBallot: %v", err)
				}
			})
		}
		close(start)
		wg.Wait()
		if ok != 1 || used != 19 {
			t.Fatalf("counted %d, refused as used %d; want 1 and 19", ok, used)
		}
		res, err := s.BudgetResult(ctx, r)
		if err != nil || res.Ballots != 1 || res.Rows[0].Votes != 1 {
			t.Fatalf("result: %d ballots, %d votes, %v; want 1, 1", res.Ballots, res.Rows[0].Votes, err)
		}
	})
}
