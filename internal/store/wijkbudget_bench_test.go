package store_test

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijkbudget"
)

// BenchmarkBudgetResult counts a round of 200 projects and 50,000 ballots
// of about five choices each (250,000 choices), as the results page does:
// the votes per project from the database, then the ranking and the
// funding in order. The ballots are loaded straight into the tables.
//
//	go test ./internal/store/ -run '^$' -bench BudgetResult -benchtime 20x
func BenchmarkBudgetResult(b *testing.B) {
	for _, db := range []struct {
		name string
		open func(testing.TB) *store.Store
	}{{"sqlite", OpenTestSQLite}, {"postgres", OpenTestPostgres}} {
		b.Run(db.name, func(b *testing.B) {
			s := db.open(b)
			ctx := b.Context()
			w := mustWijk(b, s, "bench", "Bench")
			r := wijkbudget.Round{WijkID: w.ID, Title: "Bench", Method: wijkbudget.MethodKnapsack, BudgetCents: 1_000_000_00}
			if err := s.CreateBudgetRound(ctx, &r); err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(1, 2))
			ids := make([]string, 200)
			for i := range ids {
				p := wijkbudget.Project{RoundID: r.ID, WijkID: w.ID, Title: fmt.Sprintf("Project %d", i), CostCents: int64(1000+rng.IntN(20_000)) * 100}
				if err := s.AddBudgetProject(ctx, &p); err != nil {
					b.Fatal(err)
				}
				ids[i] = p.ID
			}
			exec := func(q string) {
				if err := s.ExecForTest(ctx, q); err != nil {
					b.Fatal(err)
				}
			}
			exec(fmt.Sprintf("UPDATE wijkbudget_projects SET feasibility = 'feasible' WHERE round_id = '%s'", r.ID))
			exec(fmt.Sprintf("UPDATE wijkbudget_rounds SET phase = 'results' WHERE id = '%s'", r.ID))
			const ballots, batch = 50_000, 500
			for start := 0; start < ballots; start += batch {
				var codes, bals, choices []string
				for i := start; i < start+batch; i++ {
					h := fmt.Sprintf("h%06d", i)
					bid := fmt.Sprintf("b%06d", i)
					codes = append(codes, fmt.Sprintf("('%s', '%s', 1, 1)", h, r.ID))
					bals = append(bals, fmt.Sprintf("('%s', '%s', '%s', 'BU1', 1)", bid, r.ID, h))
					for _, j := range rng.Perm(200)[:1+rng.IntN(9)] {
						choices = append(choices, fmt.Sprintf("('%s', '%s', '%s')", bid, r.ID, ids[j]))
					}
				}
				exec("INSERT INTO wijkbudget_codes (code_hash, round_id, used_at, created_at) VALUES " + strings.Join(codes, ", "))
				exec("INSERT INTO wijkbudget_ballots (id, round_id, code_hash, buurt_code, cast_at) VALUES " + strings.Join(bals, ", "))
				exec("INSERT INTO wijkbudget_choices (ballot_id, round_id, project_id) VALUES " + strings.Join(choices, ", "))
			}
			if db.name == "postgres" {
				exec("ANALYZE")
			}
			r.Phase = wijkbudget.PhaseResults
			b.ResetTimer()
			for b.Loop() {
				res, err := s.BudgetResult(ctx, r)
				if err != nil {
					b.Fatal(err)
				}
				if res.Ballots != ballots || len(res.Rows) != 200 {
					b.Fatalf("ballots=%d rows=%d", res.Ballots, len(res.Rows))
				}
			}
		})
	}
}
