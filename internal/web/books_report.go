package web

// The reports of a wijk's books for those who may see all of them: the
// balance sheet at the end of a year (or today, in the current year) and
// the income statement of the year, for the whole wijk or one initiative,
// each asset in turn; and links to the exports of the year.

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

type booksReportPage struct {
	Page
	BooksNav   *BooksNav
	Summary    *ErrorSummary
	Year, Org  Field
	HasBooks   bool
	HasReport  bool   // the form was valid and the reports are below
	OrgName    string // "" for the whole wijk
	AsOf       time.Time
	From, To   time.Time
	Balances   []reportBalance
	Statements []reportStatement
	Downloads  []reportDownload
	Empty      Alert
	PublicURL  string
}

type reportBalance struct {
	ID, Asset     string
	Groups        []reportGroup
	Total, Result string
	WholeWijk     bool
	Balanced      bool
}

type reportGroup struct {
	Label string
	Lines []reportLine
	Total string
}

type reportLine struct {
	Code, Name, Amount string
}

type reportStatement struct {
	ID, Asset                         string
	Income, Expenses                  []reportLine
	IncomeTotal, ExpenseTotal, Result string
	Empty                             bool
	ByOrg                             []reportOrgRow
}

type reportOrgRow struct {
	Name, Income, Expenses, Result string
}

type reportDownload struct {
	Label, URL string
}

// reportYears are the years the report offers: this year and the nine
// before it, and the chosen year when it lies outside them.
func reportYears(chosen int) []int {
	now := today().Year()
	var out []int
	for y := now; y > now-10; y-- {
		out = append(out, y)
	}
	if !slices.Contains(out, chosen) {
		out = append(out, chosen)
		slices.SortFunc(out, func(a, b int) int { return cmp.Compare(b, a) })
	}
	return out
}

// amountText writes an amount of an asset: euros the way the language
// writes money, other assets as a number with their code.
func amountText(l *locale.Localizer, a ledger.Asset, v int64) string {
	if a.Code == ledger.EUR {
		return euros(l, v)
	}
	return ledger.FormatAmount(v, a.Decimals, l.Lang() != "en") + " " + a.Code
}

func (h *Handler) booksReport(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	q := r.URL.Query()
	f := newForm()
	year := today().Year()
	if v := strings.TrimSpace(q.Get("year")); v != "" {
		f.Values["year"] = v
		if y, err := strconv.Atoi(v); err == nil && y >= 1900 && y <= 9999 {
			year = y
		} else {
			f.Errors["year"] = l.T("books.error.year")
		}
	}
	org := strings.TrimSpace(q.Get("org"))
	f.Values["org"] = org
	base := "/w/" + rc.Wijk.Slug + "/boekhouding"
	p := booksReportPage{Page: h.page(r, rc, l.T("books.report.title")), BooksNav: booksNav(rc, base+"/rapport"), PublicURL: base}

	accounts, err := h.store.LedgerAccounts(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names, err := h.orgNames(r, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	// The organisations that have accounts, by name.
	orgs := map[string]bool{}
	for _, a := range accounts {
		if a.OrganisationID != "" {
			orgs[a.OrganisationID] = true
		}
	}
	orgOpts := []Option{{Value: "", Label: l.T("books.report.whole_wijk"), Selected: org == ""}}
	for id := range orgs {
		orgOpts = append(orgOpts, Option{Value: id, Label: cmp.Or(names[id], l.T("books.org.unknown")), Selected: id == org})
	}
	slices.SortFunc(orgOpts[1:], func(a, b Option) int { return cmp.Compare(strings.ToLower(a.Label), strings.ToLower(b.Label)) })
	if org != "" && !orgs[org] {
		f.Errors["org"] = l.T("error.choice")
	}
	var yearOpts []Option
	for _, y := range reportYears(year) {
		yearOpts = append(yearOpts, Option{Value: strconv.Itoa(y), Label: strconv.Itoa(y), Selected: y == year})
	}
	p.Year = f.Select(l, "year", "books.report.year", true, yearOpts)
	p.Year.ID = "books-year"
	p.Org = f.Select(l, "org", "books.report.org", true, orgOpts)
	p.Org.ID = "books-org"

	seq, _, err := h.store.LedgerHead(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p.HasBooks = seq > 0
	if !p.HasBooks {
		p.Empty = NewAlert(l, "info", l.T("books.report.empty"))
		h.render(w, r, rc, "books_report.html", p)
		return
	}
	if f.HasErrors() {
		p.Summary = summaryOf(l, f, nil, p.Year, p.Org)
		h.renderStatus(w, r, rc, http.StatusBadRequest, "books_report.html", p)
		return
	}
	p.From, p.To = time.Date(year, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(year, 12, 31, 0, 0, 0, 0, time.UTC)
	p.AsOf = p.To
	if now := today(); year == now.Year() {
		p.AsOf = now
	}
	balances, err := h.store.AccountTotals(ctx(r), rc.Wijk.ID, time.Time{}, p.AsOf)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	period, err := h.store.AccountTotals(ctx(r), rc.Wijk.ID, p.From, p.To)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	assetList, err := h.store.Assets(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	assets := map[string]ledger.Asset{}
	for _, a := range assetList {
		assets[a.Code] = a
	}
	bal, per := reportTotals(balances), reportTotals(period)
	if org != "" {
		p.OrgName = cmp.Or(names[org], l.T("books.org.unknown"))
		bal, per = ledger.OfOrganisation(bal, org), ledger.OfOrganisation(per, org)
	}
	orgName := func(id string) string {
		if id == "" {
			return l.T("books.org.wijk")
		}
		return cmp.Or(names[id], l.T("books.org.unknown"))
	}
	line := func(a ledger.Asset, rl ledger.ReportLine) reportLine {
		return reportLine{Code: rl.Account.Code, Name: rl.Account.Name, Amount: amountText(l, a, rl.Amount)}
	}
	p.HasReport = true
	for _, code := range ledger.ReportAssets(bal) {
		a := assetOf(assets, code)
		b := ledger.NewBalanceSheet(code, bal)
		rb := reportBalance{ID: "books-balance-" + code, Asset: a.Name + " (" + code + ")", Total: amountText(l, a, b.Total), Result: amountText(l, a, b.Result),
			WholeWijk: org == "", Balanced: b.Balanced()}
		for _, g := range b.ByType {
			rg := reportGroup{Label: l.T("books.type." + g.Key), Total: amountText(l, a, g.Total)}
			for _, rl := range g.Lines {
				rg.Lines = append(rg.Lines, line(a, rl))
			}
			rb.Groups = append(rb.Groups, rg)
		}
		p.Balances = append(p.Balances, rb)
	}
	for _, code := range ledger.ReportAssets(per) {
		a := assetOf(assets, code)
		s := ledger.NewIncomeStatement(code, per)
		rs := reportStatement{ID: "books-result-" + code, Asset: a.Name + " (" + code + ")", IncomeTotal: amountText(l, a, s.Income.Total),
			ExpenseTotal: amountText(l, a, s.Expenses.Total), Result: amountText(l, a, s.Result), Empty: len(s.Income.Lines)+len(s.Expenses.Lines) == 0}
		if rs.Empty {
			continue
		}
		for _, rl := range s.Income.Lines {
			rs.Income = append(rs.Income, line(a, rl))
		}
		for _, rl := range s.Expenses.Lines {
			rs.Expenses = append(rs.Expenses, line(a, rl))
		}
		if org == "" {
			for _, o := range s.ByOrganisation {
				rs.ByOrg = append(rs.ByOrg, reportOrgRow{Name: orgName(o.OrganisationID), Income: amountText(l, a, o.Income),
					Expenses: amountText(l, a, o.Expenses), Result: amountText(l, a, o.Result)})
			}
		}
		p.Statements = append(p.Statements, rs)
	}
	qs := "?" + url.Values{"from": {dayValue(p.From)}, "to": {dayValue(p.To)}}.Encode()
	p.Downloads = []reportDownload{
		{Label: l.T("books.download.csv"), URL: base + "/export.csv" + qs},
		{Label: l.T("books.download.xlsx"), URL: base + "/export.xlsx" + qs},
		{Label: l.T("books.download.journal"), URL: base + "/export.journal" + qs},
	}
	h.render(w, r, rc, "books_report.html", p)
}

// reportTotals turns the store's account totals into the reports' input.
func reportTotals(in []store.AccountTotal) []ledger.AccountTotal {
	out := make([]ledger.AccountTotal, len(in))
	for i, t := range in {
		out[i] = ledger.AccountTotal(t)
	}
	return out
}

// assetOf returns the asset with a code, or a stand-in with its code as
// name and no decimals.
func assetOf(assets map[string]ledger.Asset, code string) ledger.Asset {
	if a, ok := assets[code]; ok {
		return a
	}
	return ledger.Asset{Code: code, Name: code}
}
