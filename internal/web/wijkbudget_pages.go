package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/wijkbudget"
)

// The wijkbudget pages: the rounds of a wijk, a round with its projects,
// count and history, a project with its money trail, the ballot and the
// printable voting codes. All public except the forms of the process
// manager (PermManageBudget) and the treasurer (PermKeepBooks), which
// show only to them. Public pages name initiatives, never persons.

func budgetBase(rc *request) string { return "/w/" + rc.Wijk.Slug + "/wijkbudget" }

func budgetRoundURL(rc *request, id string) string { return budgetBase(rc) + "/" + id }

// budgetRoundsPage lists the rounds and, for the process manager, the
// form to start one.
type budgetRoundsPage struct {
	Page
	Rounds  []budgetRoundRow
	Form    *budgetRoundForm
	Summary *ErrorSummary
}

type budgetRoundRow struct {
	URL, Title, Phase, Method, Budget string
}

type budgetRoundForm struct {
	Title, Description, Method, Budget, MaxChoices Field
}

func budgetPhaseLabel(l *locale.Localizer, p wijkbudget.Phase) string {
	return l.T("wijkbudget.phase." + string(p))
}

func budgetMethodLabel(l *locale.Localizer, r wijkbudget.Round) string {
	if r.Method == wijkbudget.MethodApproval {
		return l.T("wijkbudget.method.approval_n", r.MaxChoices)
	}
	return l.T("wijkbudget.method.knapsack")
}

func (h *Handler) budgetRounds(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderBudgetRounds(w, r, rc, http.StatusOK, newForm())
}

func (h *Handler) renderBudgetRounds(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	l := rc.L
	rounds, err := h.store.BudgetRounds(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := budgetRoundsPage{Page: h.page(r, rc, l.T("wijkbudget.title"))}
	for _, rd := range rounds {
		p.Rounds = append(p.Rounds, budgetRoundRow{URL: budgetRoundURL(rc, rd.ID), Title: rd.Title, Phase: budgetPhaseLabel(l, rd.Phase),
			Method: budgetMethodLabel(l, rd), Budget: euro(l, rd.BudgetCents)})
	}
	if rc.Actor.Can(account.PermManageBudget, rc.Wijk.ID) {
		if f.Values["method"] == "" {
			f.Values["method"] = string(wijkbudget.MethodKnapsack)
		}
		opts := []Option{
			{Value: string(wijkbudget.MethodKnapsack), Label: l.T("wijkbudget.method.knapsack"), Selected: f.Values["method"] == string(wijkbudget.MethodKnapsack)},
			{Value: string(wijkbudget.MethodApproval), Label: l.T("wijkbudget.method.approval"), Selected: f.Values["method"] == string(wijkbudget.MethodApproval)},
		}
		p.Form = &budgetRoundForm{
			Title:       f.Field(l, "title", "wijkbudget.round.title", "text", "off", true),
			Description: f.Field(l, "description", "wijkbudget.round.description", "textarea", "off", false),
			Method:      f.Select(l, "method", "wijkbudget.round.method", true, opts),
			Budget:      f.Field(l, "budget", "wijkbudget.round.budget", "text", "off", true),
			MaxChoices:  f.Field(l, "max_choices", "wijkbudget.round.max_choices", "text", "off", false),
		}
		p.Form.Budget.Inputmode, p.Form.MaxChoices.Inputmode = "decimal", "numeric"
		p.Summary = f.Summary(l, "title", "description", "method", "budget", "max_choices")
	}
	h.renderStatus(w, r, rc, status, "wijkbudget_list", p)
}

// budgetRoundCreate starts a round in its ideas phase.
func (h *Handler) budgetRoundCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "title", "description", "method", "budget", "max_choices")
	rd := wijkbudget.Round{WijkID: rc.Wijk.ID, Title: f.Values["title"], Description: f.Values["description"],
		Method: wijkbudget.Method(f.Values["method"]), CreatedBy: rc.Actor.User.ID}
	cents, key := parseEuro(f.Values["budget"])
	rd.BudgetCents = cents
	if rd.Method == wijkbudget.MethodApproval {
		n, err := strconv.Atoi(f.Values["max_choices"])
		if err != nil {
			n = -1
		}
		rd.MaxChoices = n
	}
	if err := h.store.CreateBudgetRound(ctx(r), &rd); err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if key != "" {
		f.Errors["budget"] = rc.L.T(key)
	}
	if f.HasErrors() {
		h.renderBudgetRounds(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "wijkbudget.flash.created")
	http.Redirect(w, r, budgetRoundURL(rc, rd.ID), http.StatusSeeOther)
}

// budgetRoundPage is a round: its phase, rule, projects, count and
// history, and the forms of the phase for those who may use them.
type budgetRoundPage struct {
	Page
	Round      wijkbudget.Round
	URL        string
	Phase      string
	Method     string
	Budget     string
	Phases     []budgetPhaseStep
	Projects   []budgetProjectRow
	Result     *budgetResultView
	History    []budgetHistoryRow
	Summary    *ErrorSummary
	VoteURL    string // while voting
	Codes      *budgetCodesInfo
	NextPhase  string // label of the next phase, for the process manager
	NextValue  string
	AddForm    *budgetProjectForm
	Review     bool // review forms shown
	InitOpts   []Option
	CanFund    bool
	FundError  string
	Funded     []budgetFundedRow
	FlashFunds bool
}

type budgetPhaseStep struct {
	Label   string
	Current bool
	Done    bool
}

type budgetProjectRow struct {
	ID, URL, Title, Summary, Cost, Feasibility, Note, Initiative string
	FeasibilityKey                                               string
	// The review form of this project, when shown.
	ReviewFeasibility, ReviewNote, ReviewInitiative Field
}

type budgetResultView struct {
	Ballots, Spent, Left string
	Rows                 []budgetResultRow
}

type budgetResultRow struct {
	Rank        int
	URL, Title  string
	Votes, Cost string
	Outcome     string
	Won, Tied   bool
	LeftAfter   string
}

type budgetHistoryRow struct {
	At   time.Time
	Text string
}

type budgetCodesInfo struct {
	Issued, Used string
	Count        Field
}

type budgetProjectForm struct {
	Title, Summary, Cost, Initiative Field
}

type budgetFundedRow struct {
	Title, Amount, Seq, Date string
}

func (h *Handler) budgetRoundOf(w http.ResponseWriter, r *http.Request, rc *request) (wijkbudget.Round, bool) {
	rd, err := h.store.BudgetRound(ctx(r), rc.Wijk.ID, r.PathValue("round"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return rd, false
	}
	return rd, true
}

func (h *Handler) budgetRound(w http.ResponseWriter, r *http.Request, rc *request) {
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	h.renderBudgetRound(w, r, rc, rd, http.StatusOK, "", newForm())
}

// renderBudgetRound shows a round; sent names the form that came back
// with errors ("add", "review:<project id>", "phase", "codes", "fund").
func (h *Handler) renderBudgetRound(w http.ResponseWriter, r *http.Request, rc *request, rd wijkbudget.Round, status int, sent string, f form) {
	l := rc.L
	projects, err := h.store.BudgetProjects(ctx(r), rd.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names, err := h.orgNames(r, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	manage := rc.Actor.Can(account.PermManageBudget, rc.Wijk.ID)
	p := budgetRoundPage{Page: h.page(r, rc, rd.Title), Round: rd, URL: budgetRoundURL(rc, rd.ID), Phase: budgetPhaseLabel(l, rd.Phase),
		Method: budgetMethodLabel(l, rd), Budget: euro(l, rd.BudgetCents)}
	done := true
	for _, ph := range wijkbudget.Phases {
		cur := ph == rd.Phase
		if cur {
			done = false
		}
		p.Phases = append(p.Phases, budgetPhaseStep{Label: budgetPhaseLabel(l, ph), Current: cur, Done: done && !cur})
	}
	if manage || rc.Actor.Can(account.PermKeepBooks, rc.Wijk.ID) {
		ins, err := h.store.Initiatives(ctx(r), rc.Wijk.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		p.InitOpts = []Option{{Value: "", Label: l.T("common.choose")}}
		for _, in := range ins {
			p.InitOpts = append(p.InitOpts, Option{Value: in.ID, Label: in.Name})
		}
	}
	p.Review = manage && rd.Phase == wijkbudget.PhaseReview
	var sentFields []Field
	for _, pr := range projects {
		row := budgetProjectRow{ID: pr.ID, URL: p.URL + "/projecten/" + pr.ID, Title: pr.Title, Summary: pr.Summary, Cost: euro(l, pr.CostCents),
			Feasibility: l.T("wijkbudget.feasibility." + string(pr.Feasibility)), FeasibilityKey: string(pr.Feasibility),
			Note: pr.FeasibilityNote, Initiative: names[pr.InitiativeID]}
		if p.Review {
			rf := newForm()
			if sent == "review:"+pr.ID {
				rf = f
			} else {
				rf.Values["feasibility"], rf.Values["note"], rf.Values["initiative_id"] = string(pr.Feasibility), pr.FeasibilityNote, pr.InitiativeID
			}
			fopts := []Option{{Value: "", Label: l.T("common.choose")}}
			for _, fe := range []wijkbudget.Feasibility{wijkbudget.Feasible, wijkbudget.Infeasible} {
				fopts = append(fopts, Option{Value: string(fe), Label: l.T("wijkbudget.feasibility." + string(fe)), Selected: rf.Values["feasibility"] == string(fe)})
			}
			iopts := make([]Option, len(p.InitOpts))
			for i, o := range p.InitOpts {
				o.Selected = o.Value == rf.Values["initiative_id"]
				iopts[i] = o
			}
			row.ReviewFeasibility = rf.Select(l, "feasibility", "wijkbudget.review.feasibility", true, fopts)
			row.ReviewNote = rf.Field(l, "note", "wijkbudget.review.note", "textarea", "off", false)
			row.ReviewInitiative = rf.Select(l, "initiative_id", "wijkbudget.review.initiative", false, iopts)
			row.ReviewFeasibility.ID, row.ReviewNote.ID, row.ReviewInitiative.ID = "feas-"+pr.ID, "note-"+pr.ID, "init-"+pr.ID
			if sent == "review:"+pr.ID {
				sentFields = append(sentFields, row.ReviewFeasibility, row.ReviewNote, row.ReviewInitiative)
			}
		}
		p.Projects = append(p.Projects, row)
	}
	if rd.Phase == wijkbudget.PhaseVoting {
		p.VoteURL = p.URL + "/stemmen"
	}
	if rd.Phase == wijkbudget.PhaseResults || rd.Phase == wijkbudget.PhaseExecution {
		res, err := h.store.BudgetResult(ctx(r), rd)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		v := &budgetResultView{Ballots: l.Number(res.Ballots), Spent: euro(l, res.SpentCents), Left: euro(l, res.LeftCents)}
		for _, row := range res.Rows {
			if row.Outcome == wijkbudget.NotFeasible {
				continue
			}
			v.Rows = append(v.Rows, budgetResultRow{Rank: row.Rank, URL: p.URL + "/projecten/" + row.Project.ID, Title: row.Project.Title,
				Votes: l.Number(row.Votes), Cost: euro(l, row.Project.CostCents), Outcome: l.T("wijkbudget.outcome." + string(row.Outcome)),
				Won: row.Outcome == wijkbudget.Won, Tied: row.TiedWithPrev, LeftAfter: euro(l, row.LeftAfter)})
			if row.Project.GrantTxID != "" {
				t, err := h.store.LedgerTransaction(ctx(r), row.Project.GrantTxID)
				if err != nil {
					h.serverError(w, r, rc, err)
					return
				}
				p.Funded = append(p.Funded, budgetFundedRow{Title: row.Project.Title, Amount: euro(l, row.Project.CostCents), Seq: l.Number(t.Seq), Date: l.Date(t.On)})
			}
		}
		p.Result = v
	}
	p.CanFund = rd.Phase == wijkbudget.PhaseResults && rc.Actor.Can(account.PermKeepBooks, rc.Wijk.ID)
	if sent == "fund" {
		p.FundError = f.Errors["fund"]
	}
	if manage {
		if next, ok := rd.Phase.Next(); ok && next != wijkbudget.PhaseExecution {
			p.NextPhase, p.NextValue = budgetPhaseLabel(l, next), string(next)
		}
		if rd.Phase == wijkbudget.PhaseIdeas {
			af := f
			if sent != "add" {
				af = newForm()
			}
			iopts := make([]Option, len(p.InitOpts))
			for i, o := range p.InitOpts {
				o.Selected = o.Value == af.Values["initiative_id"]
				iopts[i] = o
			}
			p.AddForm = &budgetProjectForm{
				Title:      af.Field(l, "title", "wijkbudget.project.title", "text", "off", true),
				Summary:    af.Field(l, "summary", "wijkbudget.project.summary", "textarea", "off", false),
				Cost:       af.Field(l, "cost", "wijkbudget.project.cost", "text", "off", true),
				Initiative: af.Select(l, "initiative_id", "wijkbudget.project.initiative", false, iopts),
			}
			p.AddForm.Cost.Inputmode = "decimal"
			if sent == "add" {
				sentFields = append(sentFields, p.AddForm.Title, p.AddForm.Summary, p.AddForm.Cost, p.AddForm.Initiative)
			}
		}
		if rd.Phase == wijkbudget.PhaseIdeas || rd.Phase == wijkbudget.PhaseReview || rd.Phase == wijkbudget.PhaseVoting {
			issued, used, err := h.store.BudgetCodeCounts(ctx(r), rd.ID)
			if err != nil {
				h.serverError(w, r, rc, err)
				return
			}
			cf := f
			if sent != "codes" {
				cf = newForm()
			}
			p.Codes = &budgetCodesInfo{Issued: l.Number(issued), Used: l.Number(used), Count: cf.Field(l, "count", "wijkbudget.codes.count", "text", "off", true)}
			p.Codes.Count.Inputmode = "numeric"
			if sent == "codes" {
				sentFields = append(sentFields, p.Codes.Count)
			}
		}
	}
	evs, err := h.store.BudgetEvents(ctx(r), rd.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	titles := map[string]string{}
	for _, pr := range projects {
		titles[pr.ID] = pr.Title
	}
	for i := len(evs) - 1; i >= 0; i-- {
		e := evs[i]
		var text string
		if e.Kind == "phase" {
			text = l.T("wijkbudget.history.phase", budgetPhaseLabel(l, wijkbudget.Phase(e.Detail)))
		} else {
			fe, note, _ := strings.Cut(e.Detail, ": ")
			text = l.T("wijkbudget.history.review", titles[e.ProjectID], l.T("wijkbudget.feasibility."+fe), note)
		}
		p.History = append(p.History, budgetHistoryRow{At: e.At, Text: text})
	}
	p.Summary = NewErrorSummary(l, sentFields...)
	if msg := f.Errors["_"]; msg != "" || (sent == "phase" && f.Errors["phase"] != "") || p.FundError != "" {
		if p.Summary == nil {
			p.Summary = &ErrorSummary{Title: l.T("error.form")}
		}
		for _, m := range []string{msg, f.Errors["phase"], p.FundError} {
			if m != "" {
				p.Summary.Items = append(p.Summary.Items, ErrorItem{Text: m})
			}
		}
	}
	h.renderStatus(w, r, rc, status, "wijkbudget_round", p)
}

// budgetProjectPage is a project: what it is, how the vote went and the
// money trail after the vote: the grant in the books and what the
// initiative spent of its budget.
type budgetProjectPage struct {
	Page
	RoundURL, RoundTitle string
	Project              wijkbudget.Project
	Cost, Feasibility    string
	Initiative           string
	InitiativeURL        string
	Votes, Outcome       string
	Counted, Won         bool
	Grant                *budgetGrantView
}

type budgetGrantView struct {
	Amount, Date, Seq, Hash, Description string
	Granted, Spent, Available, Pending   string
	BudgetURL, BooksURL                  string
}

func (h *Handler) budgetProject(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	rd, ok := h.budgetRoundOf(w, r, rc)
	if !ok {
		return
	}
	pr, err := h.store.BudgetProject(ctx(r), rd.ID, r.PathValue("project"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := budgetProjectPage{Page: h.page(r, rc, pr.Title), RoundURL: budgetRoundURL(rc, rd.ID), RoundTitle: rd.Title, Project: pr,
		Cost: euro(l, pr.CostCents), Feasibility: l.T("wijkbudget.feasibility." + string(pr.Feasibility))}
	if pr.InitiativeID != "" {
		in, err := h.store.Initiative(ctx(r), pr.InitiativeID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		p.Initiative, p.InitiativeURL = in.Name, "/w/"+rc.Wijk.Slug+"/initiatieven/"+in.ID
	}
	if rd.Phase == wijkbudget.PhaseResults || rd.Phase == wijkbudget.PhaseExecution {
		res, err := h.store.BudgetResult(ctx(r), rd)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, row := range res.Rows {
			if row.Project.ID == pr.ID && row.Outcome != wijkbudget.NotFeasible {
				p.Counted, p.Won = true, row.Outcome == wijkbudget.Won
				p.Votes, p.Outcome = l.Number(row.Votes), l.T("wijkbudget.outcome."+string(row.Outcome))
			}
		}
	}
	if pr.GrantTxID != "" {
		t, err := h.store.LedgerTransaction(ctx(r), pr.GrantTxID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		rep, err := h.store.BudgetVsActual(ctx(r), pr.InitiativeID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		p.Grant = &budgetGrantView{Amount: euro(l, pr.CostCents), Date: l.Date(t.On), Seq: l.Number(t.Seq), Hash: t.Hash, Description: t.Description,
			Granted: euro(l, rep.GrantedCents), Spent: euro(l, rep.SpentCents), Available: euro(l, rep.AvailableCents), Pending: euro(l, rep.PendingCents),
			BudgetURL: "/w/" + rc.Wijk.Slug + "/initiatieven/" + pr.InitiativeID + "/budget", BooksURL: "/w/" + rc.Wijk.Slug + "/boekhouding"}
	}
	h.render(w, r, rc, "wijkbudget_project", p)
}
