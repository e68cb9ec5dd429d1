package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// Budgets and expense claims (declaraties). Who may see a claim depends on
// the claim: the books' keepers and viewers see all of them, an
// initiatiefnemer those of their initiative, and everyone their own. The
// route table therefore only asks for an account on the claim pages, and
// the handlers ask Actor.Can / Actor.CanOrg about the claim's initiative.
// The payee's name and IBAN and the receipt are private: only those who
// view the books and the claimant see them.

// claimMaxBody is the largest claim form: a receipt of at most
// store.MaxReceiptBytes plus the other fields.
const claimMaxBody = store.MaxReceiptBytes + 1<<20

// maxBody lets a POST route take a body of up to n bytes, and
// multipart/form-data (see wrap).
func (r route) maxBody(n int64) route {
	r.MaxBody = n
	return r
}

// claimCategories are the categories a claim can have; their labels are
// claims.category.<name>.
var claimCategories = []string{"materiaal", "eten_drinken", "huur", "activiteit", "drukwerk", "reiskosten", "overig"}

// claimsURL is the list of the wijk's claims.
func claimsURL(rc *request) string { return "/w/" + rc.Wijk.Slug + "/declaraties" }

// claimURL is one claim's page.
func claimURL(rc *request, id string) string { return claimsURL(rc) + "/" + id }

// budgetURL is an initiative's budget page.
func budgetURL(rc *request, initiativeID string) string {
	return initiativeURL(rc, initiativeID) + "/budget"
}

// BooksNav is the data of the "booksnav" partial: the pages of the
// wijkboekhouding a user may use.
type BooksNav struct {
	Label string
	Items []NavItem
}

// booksNav returns the sub-navigation of the books pages for this user,
// current being the path of the page shown; nil when the user may use the
// public page only.
func booksNav(rc *request, current string) *BooksNav {
	a, wid, base := rc.Actor, rc.Wijk.ID, "/w/"+rc.Wijk.Slug
	n := &BooksNav{Label: rc.L.T("books.subnav.label")}
	add := func(ok bool, href, key string) {
		if ok {
			n.Items = append(n.Items, NavItem{Href: href, Label: rc.L.T(key), Current: href == current})
		}
	}
	add(true, base+"/boekhouding", "books.subnav.public")
	add(a.Can(account.PermViewBooks, wid), base+"/boekhouding/rapport", "books.subnav.report")
	add(a.Can(account.PermKeepBooks, wid), base+"/boekhouding/bank", "books.subnav.bank")
	add(a.SignedIn(), base+"/declaraties", "books.subnav.claims")
	add(a.Can(account.PermViewBooks, wid), base+"/boekhouding/lm3", "books.subnav.lm3")
	add(a.SignedIn(), base+"/tijdbank", "books.subnav.timebank")
	if len(n.Items) < 2 {
		return nil
	}
	return n
}

// canSeeClaim reports whether the actor may see a claim's page: the
// public part (purpose, amount, status).
func canSeeClaim(rc *request, c store.Claim) bool {
	a := rc.Actor
	return a.SignedIn() && (a.User.ID == c.ClaimantUserID || a.Can(account.PermViewBooks, rc.Wijk.ID) || a.CanOrg(account.PermClaim, rc.Wijk.ID, c.InitiativeID))
}

// canSeeClaimPrivate reports whether the actor may see the private part of
// a claim: the payee, the IBAN, who claimed and the receipt.
func canSeeClaimPrivate(rc *request, c store.Claim) bool {
	a := rc.Actor
	return a.SignedIn() && (a.User.ID == c.ClaimantUserID || a.Can(account.PermViewBooks, rc.Wijk.ID))
}

// euro formats cents for a page: "€ 1.234,56" in Dutch, "€1,234.56" in
// English.
func euro(l *locale.Localizer, cents int64) string {
	s := ledger.FormatAmount(cents, 2, true)
	if l.Lang() == "nl" {
		return "€ " + s
	}
	s = strings.NewReplacer(".", ",", ",", ".").Replace(s)
	if neg, ok := strings.CutPrefix(s, "-"); ok {
		return "-€" + neg
	}
	return "€" + s
}

// parseEuro reads an amount in euros as a person types it ("12,50",
// "12.50", "€ 1.234,5", "7") into cents, without floating point. A comma
// separates the cents, and so does a single point that is not followed by
// exactly three digits; other points separate thousands ("1.250" is one
// thousand two hundred and fifty, as in Dutch). It returns a locale key on
// failure: no amount, more than two decimals, or not an amount.
func parseEuro(s string) (int64, string) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' || r == '\u202f' || r == '€' {
			return -1
		}
		return r
	}, s)
	s = strings.TrimPrefix(strings.ToUpper(s), "EUR")
	if s == "" {
		return 0, "error.required"
	}
	intPart, frac := s, ""
	if i := strings.LastIndexByte(s, ','); i >= 0 {
		intPart, frac = s[:i], s[i+1:]
	} else if i := strings.LastIndexByte(s, '.'); i >= 0 && strings.Count(s, ".") == 1 && len(s)-i-1 != 3 {
		// One point not followed by three digits: a decimal point ("12.50").
		intPart, frac = s[:i], s[i+1:]
	}
	if strings.Contains(intPart, ".") {
		// Points between thousands: 1.234.567
		groups := strings.Split(intPart, ".")
		for i, g := range groups {
			if (i == 0 && (len(g) == 0 || len(g) > 3)) || (i > 0 && len(g) != 3) {
				return 0, "claims.error.amount_format"
			}
		}
		intPart = strings.Join(groups, "")
	}
	digits := func(x string) bool {
		for _, r := range x {
			if r < '0' || r > '9' {
				return false
			}
		}
		return true
	}
	if !digits(intPart) || !digits(frac) || (intPart == "" && frac == "") {
		return 0, "claims.error.amount_format"
	}
	if len(frac) > 2 {
		return 0, "claims.error.amount_decimals"
	}
	intPart = strings.TrimLeft(intPart, "0")
	if len(intPart) > 9 {
		return 0, "claims.error.amount_format"
	}
	var cents int64
	for _, r := range intPart {
		cents = cents*10 + int64(r-'0')
	}
	frac += strings.Repeat("0", 2-len(frac))
	cents = cents*100 + int64(frac[0]-'0')*10 + int64(frac[1]-'0')
	return cents, ""
}

// euroValue renders cents as a form value that parseEuro reads back:
// "12,50".
func euroValue(cents int64) string { return ledger.FormatAmount(cents, 2, true) }

// claimStatusLabel is the name of a status in l's language.
func claimStatusLabel(l *locale.Localizer, s store.ClaimStatus) string {
	return l.T("claims.status." + string(s))
}

// claimsPage is the list of the claims the user may see, or (Form set) the
// form to submit one.
type claimsPage struct {
	Page
	BooksNav  *BooksNav
	Filters   []NavItem
	Status    string
	Claims    []claimLine
	CanSubmit bool
	Form      *claimForm
	Summary   *ErrorSummary
}

type claimLine struct {
	ID         string
	SpentOn    time.Time
	Initiative string
	Purpose    string
	Amount     string
	Status     string
	Mine       bool
}

// claims lists the claims of the wijk the user may see, optionally of one
// status (?status=submitted).
func (h *Handler) claims(w http.ResponseWriter, r *http.Request, rc *request) {
	status := store.ClaimStatus(r.URL.Query().Get("status"))
	if !slices.Contains(store.ClaimStatuses, status) {
		status = ""
	}
	all, err := h.store.Claims(ctx(r), rc.Wijk.ID, status)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names, err := h.orgNames(r, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := claimsPage{Page: h.page(r, rc, rc.L.T("claims.title")), BooksNav: booksNav(rc, claimsURL(rc)), Status: string(status)}
	base := claimsURL(rc)
	p.Filters = append(p.Filters, NavItem{Href: base, Label: rc.L.T("claims.filter.all"), Current: status == ""})
	for _, s := range store.ClaimStatuses {
		p.Filters = append(p.Filters, NavItem{Href: base + "?status=" + string(s), Label: claimStatusLabel(rc.L, s), Current: s == status})
	}
	for _, c := range all {
		if !canSeeClaim(rc, c) {
			continue
		}
		p.Claims = append(p.Claims, claimLine{ID: c.ID, SpentOn: c.SpentOn, Initiative: names[c.InitiativeID], Purpose: c.Purpose,
			Amount: euro(rc.L, c.AmountCents), Status: claimStatusLabel(rc.L, c.Status), Mine: c.ClaimantUserID == rc.Actor.User.ID})
	}
	opts, err := h.claimableInitiatives(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p.CanSubmit = len(opts) > 0
	h.render(w, r, rc, "books_claims", p)
}

// claimError turns the refusal of a claim step into the text the claim
// page shows, or "" when err is not such a refusal.
func claimError(rc *request, err error) string {
	var e *wei.Error
	if !asWeiError(err, &e) || (e.Code != wei.EINVALID && e.Code != wei.ECONFLICT) {
		return ""
	}
	for _, f := range []string{"approver", "status", "amount", "reason"} {
		if key, ok := e.Fields[f]; ok {
			return rc.L.T(key)
		}
	}
	for _, key := range e.Fields {
		return rc.L.T(key)
	}
	return rc.L.T("error.conflict")
}
