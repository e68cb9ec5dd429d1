package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
	"github.com/wei-platform/wei/wijkbudget"
)

// The wijkbudget of the demo wijk: last year's round went all the way
// (ideas, review with one project found not feasible, 48 residents voted
// with codes, the count, the winners funded from the Wijkbudget account
// on the day of the seed);
// this year's round is open for voting, so that a code made on its page
// can be used on the ballot. Voters live at the demo addresses.

// BudgetRoundDone and BudgetRoundOpen are the titles of the demo rounds.
const (
	BudgetRoundDone = "Wijkbudget 2025"
	BudgetRoundOpen = "Wijkbudget 2026"
)

type demoBudgetProject struct {
	title, summary, initiative string
	euros                      int64
	infeasible                 string // the reason, when not feasible
}

var demoBudgetDone = []demoBudgetProject{
	{"Speeltoestel voor peuters", "Een klimtoestel voor kinderen tot vier jaar in het Sluispark.", "Speeltuinvereniging Sluispark", 3500, ""},
	{"Bankjes langs de Molenvaart", "Vijf bankjes, zodat ouderen onderweg kunnen uitrusten.", "Buurtkeuken De Akker", 1800, ""},
	{"Moestuinbakken bij de school", "Tien bakken waarin kinderen groente kweken.", "Buurttuin De Groene Akker", 1200, ""},
	{"Gereedschapskist voor het Repair Café", "Goed gereedschap om mee te repareren.", SROIRepairCafe, 900, ""},
	{"Kunstwerk op het plein", "Een beeld van een molen op het Akkerplein.", "", 4500, "De gemeente staat hier geen kunstwerk toe: onder het plein liggen kabels."},
}

var demoBudgetOpen = []demoBudgetProject{
	{"Buurtfeest in het Sluispark", "Een feest voor de hele wijk, met eten van de buurtkeuken.", "Buurtkeuken De Akker", 1500, ""},
	{"Fietsenstalling bij de speeltuin", "Een overdekte stalling voor twintig fietsen.", "Speeltuinvereniging Sluispark", 2500, ""},
	{"Boekenkastje bij de bushalte", "Een kastje waarin buren boeken ruilen.", "Buurttuin De Groene Akker", 400, ""},
}

func seedWijkbudget(ctx context.Context, s *store.Store, wijkID string, now time.Time) error {
	at := func(t time.Time) { s.SetClock(func() time.Time { return t }) }
	defer s.SetClock(time.Now)
	ins, err := s.Initiatives(ctx, wijkID)
	if err != nil {
		return err
	}
	initiative := map[string]string{}
	for _, in := range ins {
		initiative[in.Name] = in.ID
	}
	pm, err := s.UserByEmail(ctx, procesmanager.email)
	if err != nil {
		return err
	}
	pen, err := s.UserByEmail(ctx, penningmeester.email)
	if err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(randSeed1, randSeed2+17))
	day := func(d int) time.Time { return now.AddDate(0, 0, d) }

	round := func(title, desc string, method wijkbudget.Method, euros int64, maxChoices int, start time.Time, projects []demoBudgetProject) (wijkbudget.Round, []wijkbudget.Project, error) {
		at(start)
		r := wijkbudget.Round{WijkID: wijkID, Title: title, Description: desc, Method: method, BudgetCents: euros * 100, MaxChoices: maxChoices, CreatedBy: pm.ID}
		if err := s.CreateBudgetRound(ctx, &r); err != nil {
			return r, nil, err
		}
		var ps []wijkbudget.Project
		for i, dp := range projects {
			at(start.AddDate(0, 0, 1+i))
			p := wijkbudget.Project{RoundID: r.ID, WijkID: wijkID, Title: dp.title, Summary: dp.summary, CostCents: dp.euros * 100, CreatedBy: pm.ID}
			if err := s.AddBudgetProject(ctx, &p); err != nil {
				return r, nil, fmt.Errorf("project %s: %w", dp.title, err)
			}
			ps = append(ps, p)
		}
		at(start.AddDate(0, 0, 14))
		if err := s.SetBudgetPhase(ctx, wijkID, r.ID, wijkbudget.PhaseReview, pm.ID); err != nil {
			return r, nil, err
		}
		for i, dp := range projects {
			at(start.AddDate(0, 0, 16+i))
			f := wijkbudget.Feasible
			if dp.infeasible != "" {
				f = wijkbudget.Infeasible
			} else if initiative[dp.initiative] == "" {
				return r, nil, fmt.Errorf("no initiative %q", dp.initiative)
			}
			if err := s.ReviewBudgetProject(ctx, wijkID, r.ID, ps[i].ID, f, dp.infeasible, initiative[dp.initiative], pm.ID); err != nil {
				return r, nil, fmt.Errorf("review %s: %w", dp.title, err)
			}
			ps[i].Feasibility = f
		}
		at(start.AddDate(0, 0, 28))
		if err := s.SetBudgetPhase(ctx, wijkID, r.ID, wijkbudget.PhaseVoting, pm.ID); err != nil {
			return r, nil, err
		}
		r.Phase = wijkbudget.PhaseVoting
		return r, ps, nil
	}
	vote := func(r wijkbudget.Round, ps []wijkbudget.Project, voters int, from time.Time) error {
		codes, err := s.IssueVotingCodes(ctx, wijkID, r.ID, voters+12) // some were never used
		if err != nil {
			return err
		}
		for i := range voters {
			at(from.Add(time.Duration(i) * 97 * time.Minute))
			var chosen []string
			var total int64
			for _, j := range rng.Perm(len(ps)) {
				p := ps[j]
				if p.Feasibility != wijkbudget.Feasible || rng.IntN(3) == 0 {
					continue
				}
				if (r.Method == wijkbudget.MethodKnapsack && total+p.CostCents > r.BudgetCents) || (r.Method == wijkbudget.MethodApproval && len(chosen) == r.MaxChoices) {
					continue
				}
				chosen, total = append(chosen, p.ID), total+p.CostCents
			}
			if len(chosen) == 0 {
				chosen = []string{ps[0].ID}
			}
			a := demoAddresses[rng.IntN(4)] // the first two buurten
			if _, err := s.CastBallot(ctx, store.Vote{WijkID: wijkID, RoundID: r.ID, Code: strings.ToLower(codes[i]), Postcode: a.Postcode,
				HouseNumber: 1 + rng.IntN(40), ProjectIDs: chosen}); err != nil {
				return fmt.Errorf("ballot %d: %w", i, err)
			}
		}
		return nil
	}

	// The two rounds spend at most what the Wijkbudget holds on the day of
	// the seed (the grants are booked that day, the last in the books):
	// €6.000 and €4.000, or less with the costs scaled down on a day the
	// books hold less, so that this year's winners can be funded as well.
	wb, err := s.AccountByCode(ctx, wijkID, store.CodeWijkbudget, ledger.EUR)
	if err != nil {
		return fmt.Errorf("wijkbudget: %w", err)
	}
	held, err := s.Balance(ctx, wb.ID)
	if err != nil {
		return fmt.Errorf("wijkbudget: %w", err)
	}
	avail := min(int64(10_000), held/100)
	if avail < 1000 {
		return nil // too little to spend: no demo rounds
	}
	scale := func(ps []demoBudgetProject, euros int64) ([]demoBudgetProject, int64) {
		out := make([]demoBudgetProject, len(ps))
		for i, p := range ps {
			p.euros = max(10, p.euros*avail/10_000/10*10)
			out[i] = p
		}
		return out, euros * avail / 10_000 / 10 * 10
	}
	done, budget := scale(demoBudgetDone, 6000)
	open, openBudget := scale(demoBudgetOpen, 4000)
	start := day(-80)
	r, ps, err := round(BudgetRoundDone, fmt.Sprintf("Bewoners bepalen waar € %s van het wijkbudget naartoe gaat. Kies projecten die samen niet meer kosten dan het budget.", ledger.FormatAmount(budget, 0, true)),
		wijkbudget.MethodKnapsack, budget, 0, start, done)
	if err != nil {
		return fmt.Errorf("wijkbudget: %w", err)
	}
	if err := vote(r, ps, 48, start.AddDate(0, 0, 29)); err != nil {
		return fmt.Errorf("wijkbudget: %w", err)
	}
	at(day(-5))
	if err := s.SetBudgetPhase(ctx, wijkID, r.ID, wijkbudget.PhaseResults, pm.ID); err != nil {
		return fmt.Errorf("wijkbudget: %w", err)
	}
	at(now)
	if _, err := s.FundBudgetWinners(ctx, wijkID, r.ID, now, pen.ID); err != nil {
		return fmt.Errorf("wijkbudget: fund: %w", err)
	}

	r, ps, err = round(BudgetRoundOpen, fmt.Sprintf("Kies ten hoogste twee projecten voor de wijk. Er is € %s te verdelen.", ledger.FormatAmount(openBudget, 0, true)),
		wijkbudget.MethodApproval, openBudget, 2, day(-35), open)
	if err != nil {
		return fmt.Errorf("wijkbudget: %w", err)
	}
	if err := vote(r, ps, 15, day(-6)); err != nil {
		return fmt.Errorf("wijkbudget: %w", err)
	}
	return nil
}
