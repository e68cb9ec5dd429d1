package web

// The public transparency page of a wijk's books: where the money came
// from and where it went, per initiative, funder and category, over any
// period, with the head of the hash chain so that anyone can see the books
// were not rewritten. Readable without an account. Amounts and purposes
// are public; names of private persons, IBANs and receipts never appear:
// the page works from store.PublicFlows (the figures of ledger.NewFlows,
// from sums), which leaves out time accounts and every account of a
// person, and it shows no account names, only the names of organisations.
// At any size of the books a request reads sums, never every transaction,
// and checks the chain from its checkpoint on (store.CheckLedgerTail).

import (
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/ledger"
)

type booksPublicPage struct {
	Page
	Summary     *ErrorSummary
	BooksNav    *BooksNav // nil for a visitor without an account: the page is all they may see
	From, To    Field
	HasBooks    bool // the wijk has booked anything at all
	HasFigures  bool // the period is valid and its figures are below
	PeriodFrom  time.Time
	PeriodTo    time.Time
	In, Out     string
	Chart       template.HTML
	Initiatives []booksInitiativeRow
	Funders     []booksFlowRow
	Categories  []booksFlowRow
	// The chain head and the result of checking the books.
	HeadSeq   int64
	HeadHash  string
	Verified  bool
	BrokenAt  int64
	Lookup    Field
	Found     *booksLookup
	NotFound  bool
	Status    Alert  // whether the check passed
	FromValue string // the period, kept by the lookup form
	ToValue   string
	CanReport bool
	ReportURL string
}

type booksInitiativeRow struct {
	ID, Name                     string
	Granted, Income, In, Spent   string
	Left, Difference, SpentShare string
	Over                         bool // spent more than granted in the period
}

type booksFlowRow struct {
	Name    string
	In, Out string
}

// booksLookup is a transaction found by its number, to compare its
// controlecode with one noted earlier.
type booksLookup struct {
	Seq  int64
	On   time.Time
	Hash string
}

// booksPeriod reads the period of the public page: from and to as dates,
// by default this calendar year.
func booksPeriod(l *locale.Localizer, q url.Values) (from, to time.Time, f form) {
	f = newForm()
	now := today()
	from, to = time.Date(now.Year(), 1, 1, 0, 0, 0, 0, time.UTC), time.Date(now.Year(), 12, 31, 0, 0, 0, 0, time.UTC)
	for _, p := range []struct {
		name string
		t    *time.Time
	}{{"from", &from}, {"to", &to}} {
		if v := strings.TrimSpace(q.Get(p.name)); v != "" {
			f.Values[p.name] = v
			if d, ok := parseDay(v); ok {
				*p.t = d
			} else {
				f.Errors[p.name] = l.T("error.date")
			}
		}
	}
	if !f.HasErrors() {
		if from.After(to) {
			f.Errors["from"] = l.T("books.error.order")
		}
		f.Values["from"], f.Values["to"] = dayValue(from), dayValue(to)
	}
	return from, to, f
}

func (h *Handler) booksPublic(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	from, to, f := booksPeriod(l, r.URL.Query())
	base := "/w/" + rc.Wijk.Slug + "/boekhouding"
	p := booksPublicPage{Page: h.page(r, rc, l.T("books.public.title")), BooksNav: booksNav(rc, base),
		From:      f.fieldAs(l, "books-from", "from", "books.from", "date", "off", true),
		To:        f.fieldAs(l, "books-to", "to", "books.to", "date", "off", true),
		CanReport: rc.Actor.Can(account.PermViewBooks, rc.Wijk.ID), ReportURL: base + "/rapport"}
	check, err := h.store.CheckLedgerTail(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p.HeadSeq, p.HeadHash, p.HasBooks = check.HeadSeq, check.HeadHash, check.HeadSeq > 0
	if !p.HasBooks {
		p.Status = NewAlert(l, "info", l.T("books.public.empty"))
		h.render(w, r, rc, "books_public.html", p)
		return
	}
	broken, bad := check.BrokenAt, check.Bad
	p.Verified, p.BrokenAt = check.OK(), broken
	p.FromValue, p.ToValue = f.Values["from"], f.Values["to"]
	switch {
	case p.Verified:
		p.Status = NewAlert(l, "ok", l.T("books.verify.ok"))
	case broken > 0:
		p.Status = NewAlert(l, "warning", l.T("books.verify.broken", broken))
	default:
		p.Status = NewAlert(l, "warning", l.T("books.verify.balances"))
	}
	if !p.Verified {
		h.log.Error("ledger verification failed", slog.String("wijk", rc.Wijk.Slug), slog.Int64("broken_at", broken),
			slog.Int("bad_balances", len(bad)), slog.String("request_id", rc.RequestID))
	}
	// Look up a transaction by its number.
	lf := newForm()
	if v := strings.TrimSpace(r.URL.Query().Get("nr")); v != "" {
		lf.Values["nr"] = v
		n, err := strconv.ParseInt(v, 10, 64)
		switch {
		case err != nil || n < 1:
			lf.Errors["nr"] = l.T("books.error.nr")
		default:
			t, err := h.store.LedgerTransactionBySeq(ctx(r), rc.Wijk.ID, n)
			switch {
			case err == nil:
				p.Found = &booksLookup{Seq: t.Seq, On: t.On, Hash: t.Hash}
			case wei.ErrorCode(err) == wei.ENOTFOUND:
				p.NotFound = true
			default:
				h.serverError(w, r, rc, err)
				return
			}
		}
	}
	p.Lookup = lf.fieldAs(l, "books-nr", "nr", "books.lookup.nr", "text", "off", true)
	p.Lookup.Inputmode = "numeric"
	if f.HasErrors() || lf.HasErrors() {
		p.Summary = summaryOf(l, mergeForms(f, lf), nil, p.From, p.To, p.Lookup)
		h.renderStatus(w, r, rc, http.StatusBadRequest, "books_public.html", p)
		return
	}
	names, err := h.orgNames(r, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	fl, err := h.store.PublicFlows(ctx(r), rc.Wijk.ID, ledger.EUR, from, to)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p.HasFigures, p.PeriodFrom, p.PeriodTo = true, from, to
	p.In, p.Out = euros(l, fl.In), euros(l, fl.Out)
	orgName := func(id string) string {
		if n, ok := names[id]; ok {
			return n
		}
		return l.T("books.org.unknown")
	}
	chart := BarChart{ID: "books-chart", Title: l.T("books.chart.title", l.Date(from), l.Date(to)), Desc: l.T("books.chart.desc"),
		Series: []string{l.T("books.in"), l.T("books.out")}}
	for _, x := range fl.Initiatives {
		row := booksInitiativeRow{ID: x.OrganisationID, Name: orgName(x.OrganisationID), Granted: euros(l, x.Granted), Income: euros(l, x.Income),
			In: euros(l, x.In()), Spent: euros(l, x.Spent), Left: euros(l, x.Left), Difference: euros(l, x.Granted-x.Spent), Over: x.Spent > x.Granted}
		row.SpentShare = l.T("books.share.none")
		if x.Granted > 0 {
			row.SpentShare = strconv.FormatInt((x.Spent*100+x.Granted/2)/x.Granted, 10) + "%"
		}
		p.Initiatives = append(p.Initiatives, row)
		chart.Groups = append(chart.Groups, BarGroup{Label: row.Name, Values: []int64{x.In(), x.Spent}, Texts: []string{row.In, row.Spent}})
	}
	p.Chart = BarChartSVG(chart)
	for _, x := range fl.Funders {
		name := l.T("books.funders.other")
		if x.OrganisationID != "" {
			name = orgName(x.OrganisationID)
		}
		p.Funders = append(p.Funders, booksFlowRow{Name: name, In: euros(l, x.In), Out: euros(l, x.Out)})
	}
	for _, x := range fl.Categories {
		name := x.Category
		if name == "" {
			name = l.T("books.category.none")
		}
		p.Categories = append(p.Categories, booksFlowRow{Name: name, In: euros(l, x.In), Out: euros(l, x.Out)})
	}
	h.render(w, r, rc, "books_public.html", p)
}

// accountMap loads a wijk's chart by account ID.
func (h *Handler) accountMap(r *http.Request, wijkID string) (map[string]ledger.Account, error) {
	accts, err := h.store.LedgerAccounts(ctx(r), wijkID)
	if err != nil {
		return nil, err
	}
	m := make(map[string]ledger.Account, len(accts))
	for _, a := range accts {
		m[a.ID] = a
	}
	return m, nil
}

// mergeForms joins the values and errors of two forms on one page.
func mergeForms(a, b form) form {
	out := newForm()
	for _, f := range []form{a, b} {
		for k, v := range f.Values {
			out.Values[k] = v
		}
		for k, v := range f.Errors {
			out.Errors[k] = v
		}
	}
	return out
}
