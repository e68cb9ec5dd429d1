package demo_test

import (
	"testing"
	"time"

	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijkbudget"
)

// TestSeedWijkbudget checks the demo's wijkbudget: last year's round was
// voted and its winners funded in the books; this year's is open for
// voting, with money enough left in the Wijkbudget for its winners.
func TestSeedWijkbudget(t *testing.T) {
	t.Parallel()
	for _, now := range []time.Time{time.Date(2026, 3, 10, 12, 0, 0, 0, time.UTC), time.Date(2026, 1, 1, 11, 7, 0, 0, time.UTC)} {
		s := openSQLite(t)
		ctx := t.Context()
		res, err := demo.Seed(ctx, s, now)
		if err != nil {
			t.Fatal(err)
		}
		rounds, err := s.BudgetRounds(ctx, res.Wijk.ID)
		if err != nil || len(rounds) != 2 {
			t.Fatalf("rounds=%d, %v; want 2", len(rounds), err)
		}
		open, done := rounds[0], rounds[1]
		if done.Title != demo.BudgetRoundDone || done.Phase != wijkbudget.PhaseExecution || open.Title != demo.BudgetRoundOpen || open.Phase != wijkbudget.PhaseVoting {
			t.Fatalf("rounds: %s %s, %s %s", done.Title, done.Phase, open.Title, open.Phase)
		}
		r, err := s.BudgetResult(ctx, done)
		if err != nil {
			t.Fatal(err)
		}
		if r.Ballots != 48 || r.WinnerCount < 2 {
			t.Errorf("done round: %d ballots, %d winners", r.Ballots, r.WinnerCount)
		}
		for _, row := range r.Rows {
			if (row.Outcome == wijkbudget.Won) != (row.Project.GrantTxID != "") {
				t.Errorf("%s: outcome %s, grant %q", row.Project.Title, row.Outcome, row.Project.GrantTxID)
			}
		}
		wb, err := s.AccountByCode(ctx, res.Wijk.ID, store.CodeWijkbudget, ledger.EUR)
		if err != nil {
			t.Fatal(err)
		}
		left, _ := s.Balance(ctx, wb.ID)
		if left < open.BudgetCents {
			t.Errorf("Wijkbudget holds %d after the grants, less than the open round's %d", left, open.BudgetCents)
		}
		t.Logf("%s: done round %d cents, %d winners, spent %d; open round %d cents; Wijkbudget left %d", now.Format(time.DateOnly), done.BudgetCents, r.WinnerCount, r.SpentCents, open.BudgetCents, left)
	}
}
