package ledger

import (
	"cmp"
	"slices"
	"time"
)

// The reports of the wijkboekhouding: the balance sheet on a day, the
// income statement of a period, and the money flows the public
// transparency page shows. They are pure functions of account totals or
// transactions, so that the web pages, the exports and the CLI compute the
// same figures; amounts are in the asset's smallest unit (cents for EUR).

// AccountTotal is an account with the sum of its postings over a period;
// from the first transaction up to a day it is the balance on that day.
type AccountTotal struct {
	Account
	Total int64
}

// ReportLine is one account in a report with its amount as the report
// reads it: on the balance sheet the balance as hledger shows it (a debit
// balance positive, a credit balance negative); in the income statement
// income and expenses each as a positive amount.
type ReportLine struct {
	Account Account
	Amount  int64
}

// ReportGroup is the lines of one account type, or of one organisation.
type ReportGroup struct {
	Key   string // the AccountType, or the OrganisationID ("" for the wijk's own accounts)
	Lines []ReportLine
	Total int64
}

// BalanceSheet is the state of one asset's books on a day: every account
// that is not income or expense, with its balance.
type BalanceSheet struct {
	Asset          string
	ByType         []ReportGroup // in the order of AccountTypes
	ByOrganisation []ReportGroup // the wijk's own accounts first, then by account code
	// Total is the sum of the balances: what the wijk holds, less what
	// funders gave and what it owes. For complete books it equals Result.
	Total int64
	// Result is income minus expenses up to the day.
	Result int64
}

// Balanced reports whether the balances add up to the result, as they do
// for the books of a whole wijk (not for one initiative's accounts).
func (b BalanceSheet) Balanced() bool { return b.Total == b.Result }

// IncomeStatement is one asset's income and expenses over a period.
type IncomeStatement struct {
	Asset          string
	Income         ReportGroup // Key TypeIncome; amounts positive for income
	Expenses       ReportGroup // Key TypeExpense; amounts positive for expenses
	Result         int64       // Income.Total - Expenses.Total
	ByOrganisation []OrganisationResult
}

// OrganisationResult is the income and expenses of one organisation (an
// initiative, the wijkcoöperatie; "" for the wijk's own accounts).
type OrganisationResult struct {
	OrganisationID string
	Income         int64
	Expenses       int64
	Result         int64
}

// ReportAssets lists the assets that totals hold a non-zero amount of:
// EUR first, then by code.
func ReportAssets(totals []AccountTotal) []string {
	seen := map[string]bool{}
	var out []string
	for _, t := range totals {
		if t.Total != 0 && !seen[t.Asset] {
			seen[t.Asset] = true
			out = append(out, t.Asset)
		}
	}
	slices.SortFunc(out, func(a, b string) int {
		return cmp.Or(-cmp.Compare(b2i(a == EUR), b2i(b == EUR)), cmp.Compare(a, b))
	})
	return out
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

// OfOrganisation keeps the totals of one organisation's accounts.
func OfOrganisation(totals []AccountTotal, organisationID string) []AccountTotal {
	var out []AccountTotal
	for _, t := range totals {
		if t.OrganisationID == organisationID {
			out = append(out, t)
		}
	}
	return out
}

// isResult reports whether an account's postings make up the result
// (income and expense) rather than a balance.
func isResult(t AccountType) bool { return t == TypeIncome || t == TypeExpense }

// NewBalanceSheet builds the balance sheet of one asset from the totals of
// every account up to a day. Accounts with a zero balance are left out.
func NewBalanceSheet(asset string, totals []AccountTotal) BalanceSheet {
	b := BalanceSheet{Asset: asset}
	byType := map[AccountType]*ReportGroup{}
	var orgs []*ReportGroup
	byOrg := map[string]*ReportGroup{}
	for _, t := range totals {
		if t.Asset != asset || t.Total == 0 {
			continue
		}
		if isResult(t.Type) {
			b.Result -= t.Total
			continue
		}
		line := ReportLine{Account: t.Account, Amount: t.Total}
		b.Total += t.Total
		g := byType[t.Type]
		if g == nil {
			g = &ReportGroup{Key: string(t.Type)}
			byType[t.Type] = g
		}
		g.Lines, g.Total = append(g.Lines, line), g.Total+t.Total
		o := byOrg[t.OrganisationID]
		if o == nil {
			o = &ReportGroup{Key: t.OrganisationID}
			byOrg[t.OrganisationID] = o
			orgs = append(orgs, o)
		}
		o.Lines, o.Total = append(o.Lines, line), o.Total+t.Total
	}
	for _, typ := range AccountTypes {
		if g := byType[typ]; g != nil {
			b.ByType = append(b.ByType, *g)
		}
	}
	for _, o := range orgs {
		b.ByOrganisation = append(b.ByOrganisation, *o)
	}
	sortOrgGroups(b.ByOrganisation)
	return b
}

// sortOrgGroups puts the wijk's own accounts first and keeps the rest in
// the order of their first account's code.
func sortOrgGroups(gs []ReportGroup) {
	slices.SortStableFunc(gs, func(a, b ReportGroup) int {
		return cmp.Compare(b2i(a.Key != ""), b2i(b.Key != ""))
	})
}

// NewIncomeStatement builds the income statement of one asset from the
// totals of every account over a period. Accounts with a zero total are
// left out.
func NewIncomeStatement(asset string, totals []AccountTotal) IncomeStatement {
	s := IncomeStatement{Asset: asset, Income: ReportGroup{Key: string(TypeIncome)}, Expenses: ReportGroup{Key: string(TypeExpense)}}
	byOrg := map[string]*OrganisationResult{}
	var order []string
	for _, t := range totals {
		if t.Asset != asset || t.Total == 0 || !isResult(t.Type) {
			continue
		}
		o := byOrg[t.OrganisationID]
		if o == nil {
			o = &OrganisationResult{OrganisationID: t.OrganisationID}
			byOrg[t.OrganisationID] = o
			order = append(order, t.OrganisationID)
		}
		if t.Type == TypeIncome {
			// Income is credited: a negative total is money earned.
			s.Income.Lines, s.Income.Total = append(s.Income.Lines, ReportLine{Account: t.Account, Amount: -t.Total}), s.Income.Total-t.Total
			o.Income -= t.Total
		} else {
			s.Expenses.Lines, s.Expenses.Total = append(s.Expenses.Lines, ReportLine{Account: t.Account, Amount: t.Total}), s.Expenses.Total+t.Total
			o.Expenses += t.Total
		}
		o.Result = o.Income - o.Expenses
	}
	s.Result = s.Income.Total - s.Expenses.Total
	slices.SortStableFunc(order, func(a, b string) int { return cmp.Compare(b2i(a != ""), b2i(b != "")) })
	for _, id := range order {
		s.ByOrganisation = append(s.ByOrganisation, *byOrg[id])
	}
	return s
}

// Flows are the money flows of one asset in a period as the public
// transparency page shows them. Money comes into the wijk from funders and
// as income, and goes out as expenses; moving money inside the wijk, such
// as a grant from the wijkbudget to an initiative, is neither.
//
// Flows only look at the accounts of funders, initiatives' budgets, income
// and expenses. Time accounts and any account of a person are left out
// altogether, so no private person shows up.
type Flows struct {
	Asset       string
	From, To    time.Time
	In, Out     int64
	Initiatives []InitiativeFlow // in the order of their accounts' codes
	Funders     []FunderFlow     // funders that are an organisation first, by code; then the others together
	Categories  []CategoryFlow   // by category; no category last
}

// InitiativeFlow is what one organisation (an initiative, or the
// wijkcoöperatie) received and spent.
type InitiativeFlow struct {
	OrganisationID string
	// Granted is what came into its budget from elsewhere in the period:
	// grants from the wijkbudget or a funder, less what it gave back.
	Granted int64
	Income  int64 // earned in the period
	Spent   int64 // booked on its expenses in the period
	Left    int64 // the balance of its budget at the end of the period
}

// In is the money that came in for the initiative: grants and income.
func (f InitiativeFlow) In() int64 { return f.Granted + f.Income }

// FunderFlow is what one funder gave (In) and got back (Out). A funder
// account that belongs to no organisation is counted under "", so that a
// private donor is never named.
type FunderFlow struct {
	OrganisationID string
	In, Out        int64
}

// CategoryFlow is the money in and out of the wijk for one category of
// transactions ("" for transactions without a category).
type CategoryFlow struct {
	Category string
	In, Out  int64
}

// public reports whether an account may count on the public page.
func public(a Account) bool { return a.PersonID == "" && a.Type != TypeTime }

// NewFlows computes the flows of asset from the transactions dated from
// to (inclusive; a zero from means from the start). txs may hold
// transactions outside the period: those before it still count for what
// is left of a budget; those after it are ignored.
func NewFlows(asset string, from, to time.Time, txs []Transaction, accounts map[string]Account) Flows {
	f := Flows{Asset: asset, From: from, To: to}
	inits := map[string]*InitiativeFlow{}
	initCode := map[string]string{}
	funders := map[string]*FunderFlow{}
	funderCode := map[string]string{}
	cats := map[string]*CategoryFlow{}
	initiative := func(a Account) *InitiativeFlow {
		x := inits[a.OrganisationID]
		if x == nil {
			x = &InitiativeFlow{OrganisationID: a.OrganisationID}
			inits[a.OrganisationID], initCode[a.OrganisationID] = x, a.Code
		}
		initCode[a.OrganisationID] = min(initCode[a.OrganisationID], a.Code)
		return x
	}
	for _, t := range txs {
		if !to.IsZero() && t.On.After(to) {
			continue
		}
		inPeriod := from.IsZero() || !t.On.Before(from)
		// An initiative's own income or expense in this transaction: then
		// what reaches its budget is that income, or a refund, not a grant.
		own := map[string]bool{}
		for _, p := range t.Postings {
			if a, ok := accounts[p.AccountID]; ok && p.Asset == asset && isResult(a.Type) && a.OrganisationID != "" {
				own[a.OrganisationID] = true
			}
		}
		var in, out int64
		for _, p := range t.Postings {
			a, ok := accounts[p.AccountID]
			if !ok || p.Asset != asset || !public(a) {
				continue
			}
			switch a.Type {
			case TypeBudget:
				if a.OrganisationID == "" {
					continue
				}
				x := initiative(a)
				x.Left += p.Amount
				if inPeriod && !own[a.OrganisationID] {
					x.Granted += p.Amount
				}
			case TypeIncome:
				if !inPeriod {
					continue
				}
				in -= p.Amount
				if a.OrganisationID != "" {
					initiative(a).Income -= p.Amount
				}
			case TypeExpense:
				if !inPeriod {
					continue
				}
				out += p.Amount
				if a.OrganisationID != "" {
					initiative(a).Spent += p.Amount
				}
			case TypeFunder:
				if !inPeriod {
					continue
				}
				in -= p.Amount
				x := funders[a.OrganisationID]
				if x == nil {
					x = &FunderFlow{OrganisationID: a.OrganisationID}
					funders[a.OrganisationID], funderCode[a.OrganisationID] = x, a.Code
				}
				funderCode[a.OrganisationID] = min(funderCode[a.OrganisationID], a.Code)
				if p.Amount < 0 {
					x.In -= p.Amount
				} else {
					x.Out += p.Amount
				}
			}
		}
		if in == 0 && out == 0 {
			continue
		}
		f.In, f.Out = f.In+in, f.Out+out
		c := cats[t.Category]
		if c == nil {
			c = &CategoryFlow{Category: t.Category}
			cats[t.Category] = c
		}
		c.In, c.Out = c.In+in, c.Out+out
	}
	for _, x := range inits {
		if x.Granted != 0 || x.Income != 0 || x.Spent != 0 || x.Left != 0 {
			f.Initiatives = append(f.Initiatives, *x)
		}
	}
	slices.SortFunc(f.Initiatives, func(a, b InitiativeFlow) int {
		return cmp.Compare(initCode[a.OrganisationID], initCode[b.OrganisationID])
	})
	for _, x := range funders {
		if x.In != 0 || x.Out != 0 {
			f.Funders = append(f.Funders, *x)
		}
	}
	slices.SortFunc(f.Funders, func(a, b FunderFlow) int {
		return cmp.Or(cmp.Compare(b2i(a.OrganisationID == ""), b2i(b.OrganisationID == "")), cmp.Compare(funderCode[a.OrganisationID], funderCode[b.OrganisationID]))
	})
	for _, c := range cats {
		f.Categories = append(f.Categories, *c)
	}
	slices.SortFunc(f.Categories, func(a, b CategoryFlow) int {
		return cmp.Or(cmp.Compare(b2i(a.Category == ""), b2i(b.Category == "")), cmp.Compare(a.Category, b.Category))
	})
	return f
}
