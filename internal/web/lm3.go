package web

// The local multiplier (LM3) of an income of the wijk, for the books'
// roles: pick an income account and a period, and the page takes R1 from
// the books; fill in where the money went and, for local recipients, the
// part they spend locally again (a survey figure, for recipients that do
// not keep their books in WEI; for an organisation of the wijk that does,
// the share comes from its own ledger, see store.LM3BooksFor); the page
// shows R2, R3, LM3 and where the money leaks out of the wijk, as a chart
// with the same figures in a table.
// Recipients are groups and businesses ("lokale leveranciers"), never
// residents' names: the form says so.

import (
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// lm3URL is the LM3 page of the wijk.
func lm3URL(rc *request) string { return "/w/" + rc.Wijk.Slug + "/boekhouding/lm3" }

// lm3EmptyRows is how many empty rows the form offers for more recipients.
const lm3EmptyRows = 3

type lm3Page struct {
	Page
	BooksNav   *BooksNav
	Summary    *ErrorSummary
	Account    Field
	From, To   Field
	NoAccounts bool
	Study      *lm3StudyView // when an income was picked
}

// lm3StudyView is the picked income: R1, the form of recipients and,
// once saved, the result.
type lm3StudyView struct {
	AccountID, AccountName string
	From, To               time.Time
	FromValue, ToValue     string
	R1                     string
	NoIncome               bool
	Rows                   []lm3Row
	Books                  []lm3BooksLine // organisations whose share comes from their books
	Result                 *lm3Result
	Stale                  *Alert // why a saved study no longer fits the books
	UpdatedAt              time.Time
}

// lm3BooksLine is an organisation that keeps its books in WEI and what its
// books say for the period: its share, or that it spent nothing.
type lm3BooksLine struct {
	Name, Share string
}

type lm3Row struct {
	N                                 int
	Recipient, Amount, Local, Respend Field
}

type lm3Result struct {
	R1, R2, R3, LM3      string
	Leak, LeakRound3     string
	Unspent              string
	HasUnspent           bool
	Chart                template.HTML
	Lines                []lm3Line
	TotalStays, TotalOut string
}

type lm3Line struct {
	Recipient, Amount, Respend, Stays, Leaks string
	Source                                   string // where the share comes from: the books or a survey
	Local                                    bool
}

// percentText writes basis points as a percentage: "40%", "40,5%".
func percentText(l *locale.Localizer, bp int) string {
	s := ledger.FormatAmount(int64(bp), 2, l.Lang() != "en")
	s = strings.TrimSuffix(strings.TrimRight(s, "0"), ",")
	s = strings.TrimSuffix(s, ".")
	return s + "%"
}

// percentValue writes basis points as a form value: "40", "40,5".
func percentValue(bp int) string { return strings.TrimSuffix(percentText(nil, bp), "%") }

// parsePercent reads a percentage ("40", "40,5", "40 %") into basis points.
func parsePercent(s string) (int, string) {
	s = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "%"))
	v, key := parseUnits(s, 2)
	if key == "timebank.error.amount_format" || key == "timebank.error.amount_decimals" || (key == "" && v > 10000) {
		return 0, "error.percentage"
	}
	return int(v), key
}

// lm3Times100 is LM3 = (R1 + R2 + R3) / R1 in hundredths, rounded, in
// integers.
func lm3Times100(r ledger.LM3Result) int64 {
	if r.R1 <= 0 {
		return 0
	}
	return ((r.R1+r.R2+r.R3)*100 + r.R1/2) / r.R1
}

func (h *Handler) lm3(w http.ResponseWriter, r *http.Request, rc *request) {
	q := r.URL.Query()
	f := newForm()
	for _, k := range []string{"account_id", "from", "to"} {
		f.Values[k] = strings.TrimSpace(q.Get(k))
	}
	status := http.StatusOK
	if f.Values["account_id"] == "" && f.Values["from"] == "" && f.Values["to"] == "" {
		// Nothing picked yet: this year so far.
		t := today()
		f.Values["from"], f.Values["to"] = dayValue(time.Date(t.Year(), 1, 1, 0, 0, 0, 0, time.UTC)), dayValue(t)
	}
	p, err := h.fillLM3(r, rc, f, nil)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		status = http.StatusBadRequest
	}
	h.renderStatus(w, r, rc, status, "books_lm3", p)
}

// fillLM3 builds the page for the picked income in f; rows, when not nil,
// is the recipients form as it was sent and refused.
func (h *Handler) fillLM3(r *http.Request, rc *request, f form, rows *form) (lm3Page, error) {
	c, l, wid := ctx(r), rc.L, rc.Wijk.ID
	p := lm3Page{Page: h.page(r, rc, l.T("lm3.title")), BooksNav: booksNav(rc, lm3URL(rc))}
	if err := h.store.EnsureChart(c, wid); err != nil {
		return p, err
	}
	accounts, err := h.store.LM3Accounts(c, wid)
	if err != nil {
		return p, err
	}
	p.NoAccounts = len(accounts) == 0
	opts := []Option{{Value: "", Label: l.T("common.choose")}}
	var picked *ledger.Account
	for i, a := range accounts {
		opts = append(opts, Option{Value: a.ID, Label: accountLabel(a), Selected: a.ID == f.Values["account_id"]})
		if a.ID == f.Values["account_id"] {
			picked = &accounts[i]
		}
	}
	from, okFrom := parseDay(f.Values["from"])
	to, okTo := parseDay(f.Values["to"])
	if f.Values["account_id"] != "" && picked == nil {
		f.Errors["account_id"] = l.T("error.choice")
	}
	if !okFrom {
		f.Errors["from"] = l.T("error.date")
	}
	if !okTo {
		f.Errors["to"] = l.T("error.date")
	} else if okFrom && to.Before(from) {
		f.Errors["to"] = l.T("error.date_order")
	}
	p.Account = f.Select(l, "account_id", "lm3.account.label", true, opts)
	p.Account.ID = "lm3-account"
	p.From = f.fieldAs(l, "lm3-from", "from", "lm3.from.label", "date", "off", true)
	p.To = f.fieldAs(l, "lm3-to", "to", "lm3.to.label", "date", "off", true)
	sumFields := []Field{p.Account, p.From, p.To}
	if picked == nil || f.HasErrors() {
		p.Summary = summaryOf(l, f, nil, sumFields...)
		return p, nil
	}

	r1, err := h.store.LM3Income(c, wid, picked.ID, from, to)
	if err != nil {
		return p, err
	}
	sv := &lm3StudyView{AccountID: picked.ID, AccountName: accountLabel(*picked), From: from, To: to, FromValue: dayValue(from), ToValue: dayValue(to),
		R1: euros(l, r1), NoIncome: r1 == 0}
	p.Study = sv
	books, err := h.store.LM3BooksOf(c, wid, from, to)
	if err != nil {
		return p, err
	}
	for _, b := range books {
		line := lm3BooksLine{Name: b.Name, Share: l.T("lm3.books.nothing")}
		if bp, ok := b.Respend.BasisPoints(); ok {
			line.Share = l.T("lm3.books.share", percentText(l, bp), euros(l, b.Respend.Local), euros(l, b.Respend.Spent))
		}
		sv.Books = append(sv.Books, line)
	}
	st, err := h.store.LM3StudyOf(c, wid, picked.ID, from, to)
	switch {
	case err == nil:
		sv.UpdatedAt = st.UpdatedAt
		res, err := ledger.LM3(r1, store.LedgerSpends(st.Spends))
		if err != nil {
			// The books changed since: less came in than was spent.
			a := NewAlert(l, "warning", l.T("lm3.stale"))
			sv.Stale = &a
		} else {
			sv.Result = lm3ResultView(l, res, st.Spends)
		}
	case wei.ErrorCode(err) != wei.ENOTFOUND:
		return p, err
	}

	// The recipients form: as sent, or the saved study, or the survey
	// figures the wijk keeps, and a few empty rows.
	var rf form
	var n int
	if rows != nil {
		rf = *rows
		n, _ = strconv.Atoi(rf.Values["rows"])
	} else {
		rf = newForm()
		spends := st.Spends
		if len(spends) == 0 {
			if spends, err = h.store.LM3Recipients(c, wid); err != nil {
				return p, err
			}
		}
		for i, sp := range spends {
			rf.Values[fmt.Sprint("recipient_", i)] = sp.Recipient
			if sp.AmountCents > 0 || st.ID != "" {
				rf.Values[fmt.Sprint("amount_", i)] = euroValue(sp.AmountCents)
			}
			if _, ok := store.LM3BooksFor(books, sp.Recipient); ok {
				rf.Values[fmt.Sprint("local_", i)] = "yes" // the share comes from the books
			} else if sp.Local {
				rf.Values[fmt.Sprint("local_", i)] = "yes"
				rf.Values[fmt.Sprint("respend_", i)] = percentValue(sp.RespendBasisPoints)
			}
		}
		n = len(spends) + lm3EmptyRows
	}
	n = min(max(n, lm3EmptyRows), store.MaxLM3Spends)
	for i := range n {
		id := fmt.Sprint("lm3-", i)
		row := lm3Row{N: i + 1,
			Recipient: rf.fieldAs(l, id+"-recipient", fmt.Sprint("recipient_", i), "lm3.recipient.label", "text", "off", false),
			Amount:    rf.fieldAs(l, id+"-amount", fmt.Sprint("amount_", i), "lm3.amount.label", "text", "off", false),
			Local:     rf.Check(l, fmt.Sprint("local_", i), "lm3.local.label"),
			Respend:   rf.fieldAs(l, id+"-respend", fmt.Sprint("respend_", i), "lm3.respend.label", "text", "off", false),
		}
		row.Local.ID = id + "-local"
		row.Amount.Inputmode, row.Respend.Inputmode = "decimal", "decimal"
		if b, ok := store.LM3BooksFor(books, rf.Values[fmt.Sprint("recipient_", i)]); ok {
			bp, _ := b.Respend.BasisPoints()
			row.Respend.Hint = l.T("lm3.respend.books", percentText(l, bp))
		}
		sv.Rows = append(sv.Rows, row)
		sumFields = append(sumFields, row.Recipient, row.Amount, row.Local, row.Respend)
	}
	if rows != nil {
		p.Summary = summaryOf(l, rf, nil, sumFields...)
	}
	return p, nil
}

// lm3ResultView is the result as the page shows it: the figures, a chart
// of what stays and what leaks per recipient, and the same in a table.
func lm3ResultView(l *locale.Localizer, res ledger.LM3Result, spends []store.LM3Spend) *lm3Result {
	x := lm3Times100(res)
	var spent int64
	out := &lm3Result{R1: euros(l, res.R1), R2: euros(l, res.R2), R3: euros(l, res.R3), LM3: ledger.FormatAmount(x, 2, l.Lang() != "en"),
		Leak: euros(l, res.Leak), LeakRound3: euros(l, res.LeakRound3)}
	chart := BarChart{ID: "lm3-chart", Title: l.T("lm3.chart.title"), Desc: l.T("lm3.chart.desc"), Series: []string{l.T("lm3.chart.stays"), l.T("lm3.chart.leaks")}}
	var stays, leaks int64
	for _, sp := range spends {
		spent += sp.AmountCents
		s := int64(0)
		if sp.Local {
			s = sp.AmountCents * int64(sp.RespendBasisPoints) / 10000
		}
		lk := sp.AmountCents - s
		stays, leaks = stays+s, leaks+lk
		line := lm3Line{Recipient: sp.Recipient, Amount: euros(l, sp.AmountCents), Local: sp.Local, Stays: euros(l, s), Leaks: euros(l, lk)}
		if sp.Local {
			line.Respend = percentText(l, sp.RespendBasisPoints)
			line.Source = l.T("lm3.source.survey")
			if sp.FromBooks {
				line.Source = l.T("lm3.source.books")
			}
		}
		out.Lines = append(out.Lines, line)
		chart.Groups = append(chart.Groups, BarGroup{Label: sp.Recipient, Values: []int64{s, lk}, Texts: []string{euros(l, s), euros(l, lk)}})
	}
	out.TotalStays, out.TotalOut = euros(l, stays), euros(l, leaks)
	out.HasUnspent = res.R1 > spent
	out.Unspent = euros(l, res.R1-spent)
	out.Chart = BarChartSVG(chart)
	return out
}

// lm3Save stores the recipients of a study and shows its result.
func (h *Handler) lm3Save(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	f := newForm().fill(r, "account_id", "from", "to")
	rf := newForm().fill(r, "rows")
	n, err := strconv.Atoi(rf.Values["rows"])
	if err != nil || n < 0 || n > store.MaxLM3Spends {
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "error.bad_request.text")
		return
	}
	st := store.LM3Study{WijkID: rc.Wijk.ID, AccountID: f.Values["account_id"], UpdatedBy: rc.Actor.User.ID}
	st.From, _ = parseDay(f.Values["from"])
	st.To, _ = parseDay(f.Values["to"])
	var books []store.LM3Books
	if !st.From.IsZero() && !st.To.IsZero() {
		if books, err = h.store.LM3BooksOf(ctx(r), rc.Wijk.ID, st.From, st.To); err != nil {
			h.serverError(w, r, rc, err)
			return
		}
	}
	var rowOf []int // the form row of each kept spend
	for i := range n {
		name := func(s string) string { return fmt.Sprint(s, "_", i) }
		rf.fill(r, name("recipient"), name("amount"), name("local"), name("respend"))
		if rf.Values[name("recipient")] == "" && rf.Values[name("amount")] == "" {
			continue // an empty row
		}
		sp := store.LM3Spend{Recipient: rf.Values[name("recipient")], Local: rf.Values[name("local")] == "yes"}
		if cents, key := parseEuro(rf.Values[name("amount")]); key != "" {
			rf.Errors[name("amount")] = l.T(key)
		} else {
			sp.AmountCents = cents
		}
		if _, ok := store.LM3BooksFor(books, sp.Recipient); ok {
			sp.Local = true // the store takes the share from its books
		} else if sp.Local {
			bp, key := parsePercent(rf.Values[name("respend")])
			if key != "" {
				rf.Errors[name("respend")] = l.T(key)
			}
			sp.RespendBasisPoints = bp
		}
		st.Spends = append(st.Spends, sp)
		rowOf = append(rowOf, i)
	}
	if !rf.HasErrors() {
		_, err := h.store.SaveLM3Study(ctx(r), &st)
		var e *wei.Error
		switch {
		case err == nil:
		case asWeiError(err, &e) && e.Code == wei.EINVALID:
			for field, key := range e.Fields {
				base, idx, ok := strings.Cut(field, "_")
				if i, err := strconv.Atoi(idx); ok && err == nil && i < len(rowOf) {
					rf.Errors[fmt.Sprint(base, "_", rowOf[i])] = l.T(key)
					continue
				}
				switch field {
				case "account_id", "from", "to":
					f.Errors[field] = l.T(key)
				case "r1":
					rf.Errors["_"] = l.T("lm3.error.no_income")
				default:
					rf.Errors["_"] = l.T(key)
				}
			}
		default:
			h.serverError(w, r, rc, err)
			return
		}
	}
	if f.HasErrors() || rf.HasErrors() {
		for k, v := range f.Errors {
			rf.Errors[k] = v
		}
		p, err := h.fillLM3(r, rc, f, &rf)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderStatus(w, r, rc, http.StatusBadRequest, "books_lm3", p)
		return
	}
	h.flash(w, "lm3.flash.saved")
	q := url.Values{"account_id": {st.AccountID}, "from": {dayValue(st.From)}, "to": {dayValue(st.To)}}
	http.Redirect(w, r, lm3URL(rc)+"?"+q.Encode()+"#result", http.StatusSeeOther)
}
