// Package wijkbudget is participatory budgeting: residents decide how part
// of the wijkbudget is spent. A round goes through five phases (ideas,
// feasibility review, voting, results, execution). Residents vote with a
// single-use voting code, online or on paper, from an address in the wijk;
// by knapsack (choose projects that together fit the budget) or by approval
// (choose at most N projects). The count is public and follows a published
// rule; the winners get a grant in the wijkboekhouding.
package wijkbudget

import (
	"crypto/rand"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Phase is where a round is.
type Phase string

const (
	PhaseIdeas     Phase = "ideas"     // projects are collected
	PhaseReview    Phase = "review"    // the feasibility of each project is checked
	PhaseVoting    Phase = "voting"    // residents vote
	PhaseResults   Phase = "results"   // the count is published
	PhaseExecution Phase = "execution" // the winners are funded and carried out
)

// Phases lists the phases in order.
var Phases = []Phase{PhaseIdeas, PhaseReview, PhaseVoting, PhaseResults, PhaseExecution}

// Next returns the phase after p, and false for the last one.
func (p Phase) Next() (Phase, bool) {
	i := slices.Index(Phases, p)
	if i < 0 || i == len(Phases)-1 {
		return "", false
	}
	return Phases[i+1], true
}

// Method is how residents vote.
type Method string

const (
	MethodKnapsack Method = "knapsack" // choose projects whose costs fit in the budget
	MethodApproval Method = "approval" // choose at most MaxChoices projects
)

// Limits.
const (
	MaxBudgetCents  = 100_000_000_00 // € 100 million
	MaxCodesAtOnce  = 5000
	maxTitle        = 200
	maxText         = 4000
	maxApprovalPick = 50
)

// Round is one participatory budgeting round of a wijk.
type Round struct {
	ID          string
	WijkID      string
	Title       string
	Description string
	Method      Method
	BudgetCents int64
	MaxChoices  int // approval only: how many projects a voter may choose
	Phase       Phase
	CreatedBy   string
	CreatedAt   time.Time
}

// Validate checks a new round.
func (r *Round) Validate() error {
	f := wei.FieldErrors{}
	r.Title, r.Description = strings.TrimSpace(r.Title), strings.TrimSpace(r.Description)
	if r.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	switch {
	case r.Title == "":
		f.Add("title", "error.required")
	case len(r.Title) > maxTitle:
		f.Add("title", "error.too_long")
	}
	if len(r.Description) > maxText {
		f.Add("description", "error.too_long")
	}
	if r.BudgetCents <= 0 || r.BudgetCents > MaxBudgetCents {
		f.Add("budget", "wijkbudget.error.budget")
	}
	switch r.Method {
	case MethodKnapsack:
		r.MaxChoices = 0
	case MethodApproval:
		if r.MaxChoices < 1 || r.MaxChoices > maxApprovalPick {
			f.Add("max_choices", "wijkbudget.error.max_choices")
		}
	default:
		f.Add("method", "error.choice")
	}
	if r.Phase == "" {
		r.Phase = PhaseIdeas
	}
	return f.Err()
}

// Feasibility is the outcome of the review of a project.
type Feasibility string

const (
	Pending    Feasibility = "pending"
	Feasible   Feasibility = "feasible"
	Infeasible Feasibility = "infeasible"
)

// Project is an idea in a round: what, and what it costs.
type Project struct {
	ID              string
	RoundID         string
	WijkID          string
	Title           string
	Summary         string
	CostCents       int64
	InitiativeID    string // the initiative that carries it out and receives the grant
	Feasibility     Feasibility
	FeasibilityNote string // the public reason of the review
	GrantTxID       string // the ledger transaction that funded it
	Seq             int64  // order of entry: the last tie-breaker
	CreatedBy       string
	CreatedAt       time.Time
}

// Validate checks a new or edited project against its round.
func (p *Project) Validate(r Round) error {
	f := wei.FieldErrors{}
	p.Title, p.Summary = strings.TrimSpace(p.Title), strings.TrimSpace(p.Summary)
	switch {
	case p.Title == "":
		f.Add("title", "error.required")
	case len(p.Title) > maxTitle:
		f.Add("title", "error.too_long")
	}
	if len(p.Summary) > maxText {
		f.Add("summary", "error.too_long")
	}
	if p.CostCents <= 0 {
		f.Add("cost", "wijkbudget.error.cost")
	} else if p.CostCents > r.BudgetCents {
		f.Add("cost", "wijkbudget.error.cost_over_budget")
	}
	if p.Feasibility == "" {
		p.Feasibility = Pending
	}
	return f.Err()
}

// CheckBallot checks the projects a voter chose: at least one, each a
// feasible project of the round and chosen once; within the budget
// (knapsack) or at most MaxChoices (approval).
func CheckBallot(r Round, projects []Project, chosen []string) error {
	byID := make(map[string]Project, len(projects))
	for _, p := range projects {
		byID[p.ID] = p
	}
	if len(chosen) == 0 {
		return &wei.Error{Code: wei.EINVALID, Message: "Choose at least one project.", Fields: map[string]string{"projects": "wijkbudget.error.none_chosen"}}
	}
	seen := map[string]bool{}
	var total int64
	for _, id := range chosen {
		p, ok := byID[id]
		if !ok || p.Feasibility != Feasible || seen[id] {
			return &wei.Error{Code: wei.EINVALID, Message: "The ballot names a project that is not on it.", Fields: map[string]string{"projects": "wijkbudget.error.unknown_project"}}
		}
		seen[id] = true
		total += p.CostCents
	}
	if r.Method == MethodKnapsack && total > r.BudgetCents {
		return &wei.Error{Code: wei.EINVALID, Message: "The chosen projects cost more than the budget.", Fields: map[string]string{"projects": "wijkbudget.error.over_budget"}}
	}
	if r.Method == MethodApproval && len(chosen) > r.MaxChoices {
		return &wei.Error{Code: wei.EINVALID, Message: "Too many projects chosen.", Fields: map[string]string{"projects": "wijkbudget.error.too_many"}}
	}
	return nil
}

// Outcome is the result of one project in the count.
type Outcome string

const (
	Won         Outcome = "won"          // funded
	DoesNotFit  Outcome = "does_not_fit" // not enough budget left when its turn came
	NotFeasible Outcome = "not_feasible" // not on the ballot
)

// Row is one project in the result, in ranking order.
type Row struct {
	Rank         int // 1, 2, 3...; 0 for a project that was not on the ballot
	Project      Project
	Votes        int64
	Outcome      Outcome
	LeftAfter    int64 // the budget left after this project's turn
	TiedWithPrev bool  // same votes as the project above: the tie rule decided
}

// Result is the count of a round.
type Result struct {
	Ballots     int64
	Rows        []Row
	SpentCents  int64
	LeftCents   int64
	WinnerCount int
}

// Count ranks the feasible projects by votes and funds them in that order
// while the budget lasts: a project that no longer fits is passed over and
// the next one is tried. The tie rule, published on the results page: with
// the same number of votes the cheaper project goes first; at the same cost
// the one entered first (lower Seq). votes holds the votes per project ID.
func Count(r Round, projects []Project, votes map[string]int64, ballots int64) Result {
	res := Result{Ballots: ballots}
	var ranked, rest []Row
	for _, p := range projects {
		if p.Feasibility == Feasible {
			ranked = append(ranked, Row{Project: p, Votes: votes[p.ID]})
		} else {
			rest = append(rest, Row{Project: p, Outcome: NotFeasible})
		}
	}
	slices.SortStableFunc(ranked, func(a, b Row) int {
		switch {
		case a.Votes != b.Votes:
			if a.Votes > b.Votes {
				return -1
			}
			return 1
		case a.Project.CostCents != b.Project.CostCents:
			if a.Project.CostCents < b.Project.CostCents {
				return -1
			}
			return 1
		case a.Project.Seq != b.Project.Seq:
			if a.Project.Seq < b.Project.Seq {
				return -1
			}
			return 1
		}
		return strings.Compare(a.Project.ID, b.Project.ID)
	})
	left := r.BudgetCents
	for i := range ranked {
		row := &ranked[i]
		row.Rank = i + 1
		row.TiedWithPrev = i > 0 && ranked[i-1].Votes == row.Votes
		if row.Project.CostCents <= left && row.Votes > 0 {
			row.Outcome = Won
			left -= row.Project.CostCents
			res.WinnerCount++
		} else {
			row.Outcome = DoesNotFit
		}
		row.LeftAfter = left
	}
	res.Rows = append(ranked, rest...)
	res.SpentCents, res.LeftCents = r.BudgetCents-left, left
	return res
}

// codeAlphabet leaves out 0/O, 1/I/L and U, which are misread on paper.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTVWXYZ"

// codeLen characters of a 30-letter alphabet: about 59 bits, unguessable.
const codeLen = 12

// NewCode returns a random voting code, printed in groups of four:
// "7KQ2-MX9P-R4TD".
func NewCode() string {
	b := make([]byte, codeLen)
	out := make([]byte, 0, codeLen+2)
	for i := 0; i < codeLen; {
		if _, err := rand.Read(b[i : i+1]); err != nil {
			panic(err) // crypto/rand does not fail on supported platforms
		}
		if b[i] >= 240 { // 240 = 8×30: reject to avoid modulo bias
			continue
		}
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, codeAlphabet[int(b[i])%len(codeAlphabet)])
		i++
	}
	return string(out)
}

// NormalizeCode turns what a voter typed into the canonical form of a
// code: upper case, without spaces or dashes. It returns "" when the
// result cannot be a code.
func NormalizeCode(s string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(s) {
		if r == ' ' || r == '-' || r == '\t' {
			continue
		}
		if !strings.ContainsRune(codeAlphabet, r) {
			return ""
		}
		b.WriteRune(r)
	}
	if b.Len() != codeLen {
		return ""
	}
	return b.String()
}
