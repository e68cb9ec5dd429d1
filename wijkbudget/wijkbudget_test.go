package wijkbudget

import (
	"fmt"
	"strings"
	"testing"

	"github.com/wei-platform/wei"
)

func project(id string, cost, seq int64, f Feasibility) Project {
	return Project{ID: id, Title: id, CostCents: cost, Seq: seq, Feasibility: f}
}

func TestCount(t *testing.T) {
	r := Round{Method: MethodKnapsack, BudgetCents: 1000}
	ps := []Project{
		project("a", 600, 1, Feasible),
		project("b", 500, 2, Feasible),
		project("c", 500, 3, Feasible),
		project("d", 300, 4, Feasible),
		project("e", 100, 5, Infeasible),
		project("f", 100, 6, Feasible),
	}
	// b and c tie at 5 votes with the same cost: b was entered first.
	// a (7 votes) wins first; b fits no more (400 left); d does (100 left);
	// f has no votes and wins nothing.
	votes := map[string]int64{"a": 7, "b": 5, "c": 5, "d": 5, "e": 9}
	res := Count(r, ps, votes, 12)
	var got []string
	for _, row := range res.Rows {
		got = append(got, fmt.Sprintf("%d:%s:%d:%s", row.Rank, row.Project.ID, row.Votes, row.Outcome))
	}
	want := "1:a:7:won 2:d:5:won 3:b:5:does_not_fit 4:c:5:does_not_fit 5:f:0:does_not_fit 0:e:0:not_feasible"
	if strings.Join(got, " ") != want {
		t.Errorf("Count=\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	if res.SpentCents != 900 || res.LeftCents != 100 || res.WinnerCount != 2 || res.Ballots != 12 {
		t.Errorf("spent=%d left=%d winners=%d ballots=%d", res.SpentCents, res.LeftCents, res.WinnerCount, res.Ballots)
	}
	if !res.Rows[2].TiedWithPrev || res.Rows[0].TiedWithPrev {
		t.Errorf("tie marks: %v %v", res.Rows[0].TiedWithPrev, res.Rows[2].TiedWithPrev)
	}
}

func TestCheckBallot(t *testing.T) {
	ps := []Project{project("a", 600, 1, Feasible), project("b", 500, 2, Feasible), project("c", 100, 3, Pending)}
	knap := Round{Method: MethodKnapsack, BudgetCents: 1000}
	appr := Round{Method: MethodApproval, BudgetCents: 1000, MaxChoices: 1}
	for _, tc := range []struct {
		r      Round
		chosen []string
		key    string
	}{
		{knap, []string{"a"}, ""},
		{knap, nil, "wijkbudget.error.none_chosen"},
		{knap, []string{"a", "b"}, "wijkbudget.error.over_budget"},
		{knap, []string{"c"}, "wijkbudget.error.unknown_project"},
		{knap, []string{"x"}, "wijkbudget.error.unknown_project"},
		{knap, []string{"b", "b"}, "wijkbudget.error.unknown_project"},
		{appr, []string{"a", "b"}, "wijkbudget.error.too_many"},
		{appr, []string{"b"}, ""},
	} {
		err := CheckBallot(tc.r, ps, tc.chosen)
		var e *wei.Error
		got := ""
		if err != nil {
			e = err.(*wei.Error)
			got = e.Fields["projects"]
		}
		if got != tc.key {
			t.Errorf("CheckBallot(%s, %v)=%q, want %q", tc.r.Method, tc.chosen, got, tc.key)
		}
	}
}

func TestCodes(t *testing.T) {
	seen := map[string]bool{}
	for range 1000 {
		c := NewCode()
		n := NormalizeCode(c)
		if len(c) != 14 || n == "" || n != strings.ReplaceAll(c, "-", "") || seen[n] {
			t.Fatalf("NewCode=%q normalized %q", c, n)
		}
		seen[n] = true
		if got := NormalizeCode(" " + strings.ToLower(strings.ReplaceAll(c, "-", " ")) + " "); got != n {
			t.Errorf("NormalizeCode of typed %q=%q", c, got)
		}
	}
	for _, bad := range []string{"", "ABCD-EFGH-JKM", "ABCD-EFGH-JKMNP", "0BCD-EFGH-JKMN", "ABCD/EFGH/JKMN"} {
		if got := NormalizeCode(bad); got != "" {
			t.Errorf("NormalizeCode(%q)=%q, want refused", bad, got)
		}
	}
}

func TestRoundValidate(t *testing.T) {
	r := Round{WijkID: "w", Title: " R ", Method: MethodApproval, BudgetCents: 100, MaxChoices: 0}
	if err := r.Validate(); wei.ErrorCode(err) != wei.EINVALID {
		t.Errorf("approval without N: %v", err)
	}
	r.MaxChoices = 3
	if err := r.Validate(); err != nil || r.Title != "R" || r.Phase != PhaseIdeas {
		t.Errorf("Validate=%v title=%q phase=%s", err, r.Title, r.Phase)
	}
	if next, ok := PhaseResults.Next(); !ok || next != PhaseExecution {
		t.Errorf("Next(results)=%s", next)
	}
	if _, ok := PhaseExecution.Next(); ok {
		t.Error("execution has a next phase")
	}
}

// BenchmarkCount counts 200 projects with 50,000 ballots' votes.
func BenchmarkCount(b *testing.B) {
	r := Round{Method: MethodKnapsack, BudgetCents: 250_000_00}
	ps := make([]Project, 200)
	votes := map[string]int64{}
	for i := range ps {
		ps[i] = project(fmt.Sprintf("p%03d", i), int64(1000+i*37%50)*100, int64(i+1), Feasible)
		votes[ps[i].ID] = int64(50_000 * ((i*7919)%200 + 1) / 400)
	}
	for b.Loop() {
		Count(r, ps, votes, 50_000)
	}
}
