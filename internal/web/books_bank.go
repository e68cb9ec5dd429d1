package web

// Wijkboekhouding: the treasurer's bank pages. The penningmeester registers
// the wijk's IBANs, imports bank statement files (books_bank_import.go),
// matches the lines that no rule recognised and keeps the rules that match
// them next time (books_bank_match.go). The names and IBANs of
// counterparties are private: they are shown on these pages only, never on
// the public page.

import (
	"maps"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/bank"
	"github.com/wei-platform/wei/internal/demo"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

const (
	bankFileMax = 10 << 20            // the largest bank file: 10 MiB
	bankMaxBody = bankFileMax + 1<<20 // the file plus the form around it
)

// bankURL is the treasurer's bank page of the wijk.
func bankURL(rc *request) string { return "/w/" + rc.Wijk.Slug + "/boekhouding/bank" }

// bankPage is the treasurer's bank page: the wijk's IBANs, the upload
// form, the queue of lines to match and the matching rules.
type bankPage struct {
	Page
	BooksNav    *BooksNav
	Summary     *ErrorSummary
	Alert       *Alert // what applying the rules did, or why it was refused
	Accounts    []bankAccountLine
	AccountForm bankAccountForm
	Upload      Field
	Example     *bankExample // nil outside the demo
	Queue       []bankQueueLine
	Rules       []bankRuleLine
}

type bankAccountLine struct {
	IBAN    string // grouped by four for reading
	Account string
	Balance string
}

type bankAccountForm struct {
	IBAN, Account Field
}

// bankExample is the demo bank statement the treasurer can download.
type bankExample struct {
	URL, IBAN  string
	Registered bool // the demo IBAN is one of the wijk's
}

// bankQueueLine is one line waiting to be matched, with its match form.
type bankQueueLine struct {
	ID          string
	Date        time.Time
	Amount      string
	In          bool // money in
	CounterName string
	CounterIBAN string
	Description string

	Account    accountSelect
	Category   Field
	Purpose    Field
	Rule       Field // the "maak hiervan een regel" checkbox
	RuleByIBAN bool  // the rule recognises the counter IBAN; else Words
	Words      Field
}

// accountSelect is a select of ledger accounts grouped by type: the
// "field" partial has no option groups.
type accountSelect struct {
	Field
	Placeholder string // the empty first option
	Groups      []optionGroup
}

type optionGroup struct {
	Label   string
	Options []Option
}

type bankRuleLine struct {
	ID          string
	CounterIBAN string
	Words       string
	Account     string
	Category    string
	Purpose     string
}

// bankInput is what a refused form on the bank page sent, so that the page
// shows it again with the messages; Alert says what a button did.
type bankInput struct {
	Account, Upload, Match form
	MatchID                string // the queue line of the Match form
	Alert                  *Alert
}

func newBankInput() bankInput {
	return bankInput{Account: newForm(), Upload: newForm(), Match: newForm()}
}

// matchTypes are the account types a bank line can be matched to, in the
// order the select groups them. Bank accounts and the queue itself are
// not among them.
var matchTypes = []ledger.AccountType{ledger.TypeFunder, ledger.TypeIncome, ledger.TypeExpense, ledger.TypeBudget,
	ledger.TypeFund, ledger.TypePayable, ledger.TypeWorld}

// matchAccounts returns the accounts of the chart a bank line can be
// matched to: euro accounts of a type in matchTypes.
func matchAccounts(chart []ledger.Account) map[string]ledger.Account {
	out := map[string]ledger.Account{}
	for _, a := range chart {
		if a.Asset == ledger.EUR && slices.Contains(matchTypes, a.Type) {
			out[a.ID] = a
		}
	}
	return out
}

// accountLabel names an account in a select or a list.
func accountLabel(a ledger.Account) string { return a.Name + " (" + a.Code + ")" }

// matchOptions groups the accounts a line can be matched to by type.
func matchOptions(l *locale.Localizer, chart []ledger.Account, selected string) []optionGroup {
	var out []optionGroup
	for _, t := range matchTypes {
		g := optionGroup{Label: l.T("books.bank.type." + string(t))}
		for _, a := range chart {
			if a.Asset == ledger.EUR && a.Type == t {
				g.Options = append(g.Options, Option{Value: a.ID, Label: accountLabel(a), Selected: a.ID == selected})
			}
		}
		if len(g.Options) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// groupIBAN writes an IBAN in groups of four, as banks print it.
func groupIBAN(iban string) string {
	var b strings.Builder
	for i, c := range iban {
		if i > 0 && i%4 == 0 {
			b.WriteByte(' ')
		}
		b.WriteRune(c)
	}
	return b.String()
}

func (h *Handler) bank(w http.ResponseWriter, r *http.Request, rc *request) {
	inp := newBankInput()
	// After a rule was added or the rules were applied, the page says how
	// many waiting lines they booked (see bankRulesApplied).
	if v := r.URL.Query().Get("geboekt"); v != "" {
		if n, err := strconv.Atoi(v); err == nil && n >= 0 && n <= 1_000_000 {
			a := NewAlert(rc.L, "ok", rc.L.T("books.bank.rules.applied", n))
			if n == 0 {
				a = NewAlert(rc.L, "info", rc.L.T("books.bank.rules.applied_none"))
			}
			inp.Alert = &a
		}
	}
	h.renderBank(w, r, rc, http.StatusOK, inp)
}

// renderBank shows the bank page with status; inp holds what a refused
// form sent.
func (h *Handler) renderBank(w http.ResponseWriter, r *http.Request, rc *request, status int, inp bankInput) {
	p, err := h.fillBank(r, rc, inp)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderStatus(w, r, rc, status, "books_bank.html", p)
}

func (h *Handler) fillBank(r *http.Request, rc *request, inp bankInput) (bankPage, error) {
	c, l, wid := ctx(r), rc.L, rc.Wijk.ID
	p := bankPage{Page: h.page(r, rc, l.T("books.bank.title")), BooksNav: booksNav(rc, bankURL(rc)), Alert: inp.Alert}
	// The standard chart, with the accounts of initiatives and funders
	// added since: the match select needs them. Only what is missing is
	// added, so this is safe to repeat.
	if err := h.store.EnsureChart(c, wid); err != nil {
		return p, err
	}
	chart, err := h.store.LedgerAccounts(c, wid)
	if err != nil {
		return p, err
	}
	byID := map[string]ledger.Account{}
	for _, a := range chart {
		byID[a.ID] = a
	}

	// The wijk's IBANs and the form to add one.
	ibans, err := h.store.BankAccounts(c, wid)
	if err != nil {
		return p, err
	}
	for _, iban := range slices.Sorted(maps.Keys(ibans)) {
		a := byID[ibans[iban]]
		bal, err := h.store.Balance(c, a.ID)
		if err != nil {
			return p, err
		}
		p.Accounts = append(p.Accounts, bankAccountLine{IBAN: groupIBAN(iban), Account: accountLabel(a), Balance: euros(l, bal)})
	}
	af := inp.Account
	var bankOpts []Option
	for _, a := range chart {
		if a.Type == ledger.TypeBank && a.Asset == ledger.EUR {
			sel := af.Values["account_id"] == a.ID || (af.Values["account_id"] == "" && a.Code == store.CodeBank)
			bankOpts = append(bankOpts, Option{Value: a.ID, Label: accountLabel(a), Selected: sel})
		}
	}
	p.AccountForm = bankAccountForm{
		IBAN:    af.fieldAs(l, "bank-iban", "iban", "books.bank.iban.label", "text", "off", true),
		Account: af.Select(l, "account_id", "books.bank.iban_account.label", true, bankOpts),
	}
	p.AccountForm.Account.ID = "bank-account"
	if af.HasErrors() {
		p.Summary = summaryOf(l, af, nil, p.AccountForm.IBAN, p.AccountForm.Account)
	}

	// The upload form, and the demo's statement to try it with.
	uf := inp.Upload
	p.Upload = uf.fieldAs(l, "bank-file", "file", "books.bank.file.label", "file", "off", true)
	if uf.HasErrors() {
		p.Summary = summaryOf(l, uf, nil, p.Upload)
	}
	if ex, ok := h.bankExampleFor(ibans); ok {
		p.Example = &ex
		p.Example.URL = bankURL(rc) + "/voorbeeld"
	}

	// The queue of lines to match.
	queue, err := h.store.QueuedBankLines(c, wid)
	if err != nil {
		return p, err
	}
	for _, ln := range queue {
		mf := newForm()
		if inp.MatchID == ln.ID {
			mf = inp.Match
		}
		if _, ok := mf.Values["words"]; !ok {
			mf.Values["words"] = ln.Description
		}
		id := "m-" + ln.ID
		q := bankQueueLine{ID: ln.ID, Date: ln.Date, Amount: euros(l, ln.AmountCents), In: ln.AmountCents > 0,
			CounterName: ln.CounterName, CounterIBAN: groupIBAN(ln.CounterIBAN), Description: ln.Description,
			RuleByIBAN: ruleByIBAN(ln),
			Category:   mf.fieldAs(l, id+"-category", "category", "books.bank.category.label", "text", "off", false),
			Purpose:    mf.fieldAs(l, id+"-purpose", "purpose", "books.bank.purpose.label", "text", "off", true),
			Rule:       mf.Check(l, "rule", "books.bank.rule.label"),
			Words:      mf.fieldAs(l, id+"-words", "words", "books.bank.words.label", "text", "off", false),
		}
		q.Rule.ID, q.Rule.Required = id+"-rule", false
		if q.RuleByIBAN {
			q.Rule.Hint = l.T("books.bank.rule.by_iban", q.CounterIBAN)
		}
		q.Account = accountSelect{Field: mf.fieldAs(l, id+"-account", "account_id", "books.bank.match_account.label", "select", "off", true),
			Placeholder: l.T("common.choose"), Groups: matchOptions(l, chart, mf.Values["account_id"])}
		if inp.MatchID == ln.ID && mf.HasErrors() {
			p.Summary = summaryOf(l, mf, nil, q.Account.Field, q.Category, q.Purpose, q.Rule, q.Words)
		}
		p.Queue = append(p.Queue, q)
	}

	// The rules.
	rules, err := h.store.BankRules(c, wid)
	if err != nil {
		return p, err
	}
	for _, ru := range rules {
		p.Rules = append(p.Rules, bankRuleLine{ID: ru.ID, CounterIBAN: groupIBAN(ru.CounterIBAN), Words: ru.Words, Account: accountLabel(byID[ru.AccountID]),
			Category: ru.Category, Purpose: ru.Purpose})
	}
	return p, nil
}

// ruleByIBAN reports whether a rule made from a line recognises the
// counterparty's IBAN; otherwise it recognises words of the description.
func ruleByIBAN(ln store.BankLine) bool {
	return ln.CounterIBAN != "" && bank.ValidIBAN(ln.CounterIBAN)
}

// bankExampleFor tells whether the demo bank statement is offered: when
// the server runs the demo, or when the wijk has the demo's IBAN.
func (h *Handler) bankExampleFor(ibans map[string]string) (bankExample, bool) {
	_, registered := ibans[demo.DemoIBAN]
	if !h.cfg.Demo && !registered {
		return bankExample{}, false
	}
	return bankExample{IBAN: groupIBAN(demo.DemoIBAN), Registered: registered}, true
}

// bankAccountAdd registers an IBAN of the wijk.
func (h *Handler) bankAccountAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "iban", "account_id")
	if err := h.store.EnsureChart(ctx(r), rc.Wijk.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	if err := h.store.AddBankAccount(ctx(r), rc.Wijk.ID, f.Values["iban"], f.Values["account_id"]); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		if wei.ErrorCode(err) == wei.ECONFLICT {
			delete(f.Errors, "_")
			f.Errors["iban"] = rc.L.T("books.bank.error.iban_taken")
		}
		inp := newBankInput()
		inp.Account = f
		h.renderBank(w, r, rc, http.StatusBadRequest, inp)
		return
	}
	h.flash(w, "books.bank.flash.account_added")
	http.Redirect(w, r, bankURL(rc), http.StatusSeeOther)
}

// bankExampleDownload serves the demo bank statement as a file: the last
// month of this wijk's books as the bank would write it, so that it fits
// the books in the database whatever day the demo was seeded (see
// demo.BankStatementFor).
func (h *Handler) bankExampleDownload(w http.ResponseWriter, r *http.Request, rc *request) {
	c := ctx(r)
	ibans, err := h.store.BankAccounts(c, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	if _, ok := h.bankExampleFor(ibans); !ok {
		h.notFound(w, r, rc)
		return
	}
	// The statement opens with the money in the books: a wijk of a demo
	// server that never opened its books gets the chart first.
	if err := h.store.EnsureChart(c, rc.Wijk.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	data, err := demo.BankStatementFor(c, h.store, rc.Wijk.ID, time.Now())
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	hdr := w.Header()
	hdr.Set("Content-Type", "application/xml")
	hdr.Set("Content-Disposition", `attachment; filename="`+demo.BankStatementName+`"`)
	hdr.Set("Cache-Control", "no-store")
	w.Write(data)
}
