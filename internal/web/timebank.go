package web

// The time bank and the local currency for residents: my balance with its
// limit, my history, and the forms to pay another resident for help and,
// for an initiatiefnemer, to thank the initiative's volunteers.
//
// Who may be paid is decided without showing the residents of the wijk to
// anyone: the payer types the other's personal tijdbank-code, which each
// resident finds on this page and gives to whom they like, or picks
// someone they exchanged with before. Other residents are shown by first
// name only, or as "een bewoner" when erased; never with a surname or an
// e-mail address. An initiatiefnemer picks one of the initiative's
// members, whom they see already.

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/ledger"
)

// timebankURL is the time bank page of the wijk.
func timebankURL(rc *request) string { return "/w/" + rc.Wijk.Slug + "/tijdbank" }

// timebankPage is a user's time bank page. Me is nil for a user who is no
// resident of this wijk in WEI; they may still thank volunteers.
type timebankPage struct {
	Page
	BooksNav *BooksNav
	Summary  *ErrorSummary
	Me       *timebankMe
	Rewards  []rewardView
}

// timebankMe is the part of the page about the user as a resident.
type timebankMe struct {
	Code     string // the personal tijdbank-code, "K7QM-2XPD"
	Holdings []holdingLine
	Pay      []payForm // time, and the local currency when the wijk has one
	History  []historyLine
}

// holdingLine is a balance as a sentence's parts.
type holdingLine struct {
	Label     string // "Tijd", or the local currency's name
	Balance   string
	Limit     string // how far it may go below zero
	Spendable string // what may still be paid
	Negative  bool
}

// payForm is a form to pay in one asset: to a resident by code (Pay) or to
// a member of an initiative (a reward, Person set).
type payForm struct {
	ID       string // prefix of the controls' ids and the form's heading id
	Title    string
	Action   string
	Key      string
	Asset    string // the asset code, sent with the form
	IsTime   bool
	To       Field // the tijdbank-code
	Known    Field // someone paid before; Options empty when there is no one
	Person   Field // a member of the initiative (rewards)
	Hours    Field
	Minutes  Field
	Amount   Field
	Purpose  Field
	Submit   string
	CSRF     string
	NoPeople bool // a reward form of an initiative without members
	// NoPeopleText says why a reward form is not shown.
	NoPeopleText string
}

// rewardView is an initiative the user may thank volunteers of.
type rewardView struct {
	InitiativeID, Name string
	Holdings           []holdingLine
	Forms              []payForm
}

// historyLine is one payment in or out.
type historyLine struct {
	On      time.Time
	Purpose string
	With    string
	Amount  string
	In      bool
}

// timebankInput is a refused form: which one (its ID) and what it sent.
type timebankInput struct {
	FormID string
	Form   form
}

// firstName is how the time bank names a resident to others: the first
// word of their name, or "een bewoner".
func firstName(l *locale.Localizer, displayName string) string {
	if f := strings.Fields(displayName); len(f) > 0 {
		return f[0]
	}
	return l.T("timebank.someone")
}

// minutesText writes minutes as hours and minutes: "3 uur en 30 minuten".
func minutesText(l *locale.Localizer, m int64) string {
	sign := ""
	if m < 0 {
		sign, m = "-", -m
	}
	h, mm := m/60, m%60
	part := func(n int64, key string) string {
		if n == 1 {
			return l.T(key + ".one")
		}
		return l.T(key, n)
	}
	switch {
	case h == 0:
		return sign + part(mm, "timebank.minutes")
	case mm == 0:
		return sign + part(h, "timebank.hours")
	}
	return sign + l.T("timebank.and", part(h, "timebank.hours"), part(mm, "timebank.minutes"))
}

// holdingText writes an amount of the time bank: time as hours and
// minutes, the local currency with its decimals and code.
func holdingText(l *locale.Localizer, a ledger.Asset, v int64) string {
	if a.Kind == ledger.KindTime {
		return minutesText(l, v)
	}
	return amountText(l, a, v)
}

func holdingLines(l *locale.Localizer, hs []store.Holding) []holdingLine {
	out := make([]holdingLine, 0, len(hs))
	for _, h := range hs {
		label := h.Asset.Name
		if h.Asset.Kind == ledger.KindTime {
			label = l.T("timebank.time")
		}
		out = append(out, holdingLine{Label: label, Balance: holdingText(l, h.Asset, h.Balance), Limit: holdingText(l, h.Asset, -h.Min),
			Spendable: holdingText(l, h.Asset, h.Spendable()), Negative: h.Balance < 0})
	}
	return out
}

// parseUnits reads an amount of an asset with decimals as a person types
// it ("12,5", "12.50", "3") into its smallest unit, without floating
// point; it returns a locale key when it cannot.
func parseUnits(s string, decimals int) (int64, string) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return 0, "error.required"
	}
	whole, frac, _ := strings.Cut(strings.ReplaceAll(s, ",", "."), ".")
	if strings.Contains(frac, ".") || (whole == "" && frac == "") {
		return 0, "timebank.error.amount_format"
	}
	for _, r := range whole + frac {
		if r < '0' || r > '9' {
			return 0, "timebank.error.amount_format"
		}
	}
	if len(frac) > decimals {
		return 0, "timebank.error.amount_decimals"
	}
	whole = strings.TrimLeft(whole, "0")
	if len(whole) > 9 {
		return 0, "timebank.error.amount_format"
	}
	var v int64
	for _, r := range whole + frac + strings.Repeat("0", decimals-len(frac)) {
		v = v*10 + int64(r-'0')
	}
	return v, ""
}

// parseMinutes reads the hours and minutes fields of a form into minutes,
// recording what is wrong in f.
func parseMinutes(rc *request, f form) int64 {
	num := func(name string, max int64) int64 {
		v := f.Values[name]
		if v == "" {
			return 0
		}
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n < 0 || n > max {
			f.Errors[name] = rc.L.T("timebank.error." + name)
			return 0
		}
		return n
	}
	m := num("hours", 24)*60 + num("minutes", 59)
	if !f.HasErrors() && (m <= 0 || m > store.MaxTimePayment) {
		f.Errors["hours"] = rc.L.T("error.minutes")
	}
	return m
}

func (h *Handler) timebank(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderTimebank(w, r, rc, http.StatusOK, timebankInput{})
}

// renderTimebank shows the page with status; inp is a refused form.
func (h *Handler) renderTimebank(w http.ResponseWriter, r *http.Request, rc *request, status int, inp timebankInput) {
	p, err := h.fillTimebank(r, rc, inp)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderStatus(w, r, rc, status, "timebank", p)
}

func (h *Handler) fillTimebank(r *http.Request, rc *request, inp timebankInput) (timebankPage, error) {
	c, l, wid := ctx(r), rc.L, rc.Wijk.ID
	p := timebankPage{Page: h.page(r, rc, l.T("timebank.title")), BooksNav: booksNav(rc, timebankURL(rc))}
	var local *ledger.Asset
	if lc, err := h.store.LocalCurrency(c, wid); err == nil {
		local = &lc
	} else if wei.ErrorCode(err) != wei.ENOTFOUND {
		return p, err
	}
	formFor := func(id string) form {
		if inp.FormID == id {
			return inp.Form
		}
		return newForm()
	}
	var sent []Field // the fields of the refused form, for the summary

	// Me, as a resident.
	me, err := h.store.PersonOfUser(c, wid, rc.Actor.User.ID)
	switch {
	case err == nil && !me.Erased():
		m := &timebankMe{}
		code, err := h.store.TimebankCode(c, wid, me.ID)
		if err != nil {
			return p, err
		}
		m.Code = store.FormatTimebankCode(code)
		hs, err := h.store.ResidentHoldings(c, wid, me.ID)
		if err != nil {
			return p, err
		}
		m.Holdings = holdingLines(l, hs)
		hist, known, err := h.history(r, rc, me.ID, hs)
		if err != nil {
			return p, err
		}
		m.History = hist
		assets := []ledger.Asset{hs[0].Asset}
		if local != nil {
			assets = append(assets, *local)
		}
		for _, a := range assets {
			id := "pay-" + strings.ToLower(a.Code)
			f := formFor(id)
			pf := h.newPayForm(rc, f, id, timebankURL(rc)+"/betalen", a)
			pf.Title, pf.Submit = l.T("timebank.pay.title", assetName(l, a)), l.T("timebank.pay.submit")
			pf.To = f.fieldAs(l, id+"-to", "to", "timebank.pay.to", "text", "off", false)
			opts := []Option{{Value: "", Label: l.T("timebank.pay.known.none")}}
			for _, k := range known {
				opts = append(opts, Option{Value: k.Value, Label: k.Label, Selected: k.Value == f.Values["known"]})
			}
			if len(known) > 0 {
				pf.Known = f.Select(l, "known", "timebank.pay.known", false, opts)
				pf.Known.ID = id + "-known"
			}
			if inp.FormID == id {
				sent = []Field{pf.To, pf.Known, pf.Hours, pf.Minutes, pf.Amount, pf.Purpose}
			}
			m.Pay = append(m.Pay, pf)
		}
		p.Me = m
	case err != nil && wei.ErrorCode(err) != wei.ENOTFOUND:
		return p, err
	}

	// The initiatives whose volunteers the user may thank: those they run,
	// and the one the initiative page sent them from.
	ins, err := h.rewardInitiatives(r, rc)
	if err != nil {
		return p, err
	}
	for _, in := range ins {
		rv := rewardView{InitiativeID: in.ID, Name: in.Name}
		hs, err := h.store.InitiativeHoldings(c, wid, in.ID)
		if err != nil {
			return p, err
		}
		rv.Holdings = holdingLines(l, hs)
		members, err := h.store.MembershipsOfOrganisation(c, in.ID)
		if err != nil {
			return p, err
		}
		for _, hd := range hs {
			id := "reward-" + in.ID + "-" + strings.ToLower(hd.Asset.Code)
			f := formFor(id)
			pf := h.newPayForm(rc, f, id, initiativeURL(rc, in.ID)+"/belonen", hd.Asset)
			pf.Title, pf.Submit, pf.NoPeopleText = l.T("timebank.reward.with", assetName(l, hd.Asset)), l.T("timebank.reward.submit"), l.T("timebank.reward.no_members")
			opts := []Option{{Value: "", Label: l.T("common.choose")}}
			seen, firsts := map[string]bool{}, map[string]int{}
			for _, mb := range members {
				if mb.Active() && !seen[mb.PersonID] {
					seen[mb.PersonID] = true
					firsts[firstName(l, mb.PersonName)]++
				}
			}
			clear(seen)
			for _, mb := range members {
				if mb.Active() && !seen[mb.PersonID] {
					seen[mb.PersonID] = true
					// By first name; two with the same one by the name the
					// initiative knows them by.
					label := firstName(l, mb.PersonName)
					if firsts[label] > 1 {
						label = mb.PersonName
					}
					opts = append(opts, Option{Value: mb.PersonID, Label: label, Selected: mb.PersonID == f.Values["person_id"]})
				}
			}
			pf.NoPeople = len(opts) == 1
			pf.Person = f.Select(l, "person_id", "timebank.reward.person", true, opts)
			pf.Person.ID = id + "-person"
			if inp.FormID == id {
				sent = []Field{pf.Person, pf.Hours, pf.Minutes, pf.Amount, pf.Purpose}
			}
			rv.Forms = append(rv.Forms, pf)
		}
		p.Rewards = append(p.Rewards, rv)
	}
	if inp.FormID != "" {
		p.Summary = summaryOf(l, inp.Form, nil, sent...)
	}
	return p, nil
}

// assetName names an asset in a heading: "tijd" or the local currency.
func assetName(l *locale.Localizer, a ledger.Asset) string {
	if a.Kind == ledger.KindTime {
		return l.T("timebank.time.lower")
	}
	return a.Name
}

// newPayForm fills the fields all pay and reward forms share.
func (h *Handler) newPayForm(rc *request, f form, id, action string, a ledger.Asset) payForm {
	l := rc.L
	if f.Values["key"] == "" {
		f.Values["key"] = wei.RandomToken(16)
	}
	pf := payForm{ID: id, Action: action, Key: f.Values["key"], Asset: a.Code, IsTime: a.Kind == ledger.KindTime, CSRF: rc.CSRF}
	if pf.IsTime {
		pf.Hours = f.fieldAs(l, id+"-hours", "hours", "timebank.pay.hours", "number", "off", false)
		pf.Minutes = f.fieldAs(l, id+"-minutes", "minutes", "timebank.pay.minutes", "number", "off", false)
		pf.Hours.Inputmode, pf.Minutes.Inputmode = "numeric", "numeric"
	} else {
		pf.Amount = f.fieldAs(l, id+"-amount", "amount", "timebank.pay.amount", "text", "off", true)
		pf.Amount.Label = l.T("timebank.pay.amount.in", a.Name)
		pf.Amount.Inputmode = "decimal"
	}
	pf.Purpose = f.fieldAs(l, id+"-purpose", "purpose", "timebank.pay.purpose", "text", "off", true)
	return pf
}

// history returns the user's payments as the page lists them, and the
// residents they exchanged with, by first name, for the pay form.
func (h *Handler) history(r *http.Request, rc *request, personID string, hs []store.Holding) ([]historyLine, []Option, error) {
	l := rc.L
	entries, err := h.store.ResidentHistory(ctx(r), rc.Wijk.ID, personID)
	if err != nil {
		return nil, nil, err
	}
	assets := map[string]ledger.Asset{}
	for _, hd := range hs {
		assets[hd.Asset.Code] = hd.Asset
	}
	var out []historyLine
	var known []Option
	seen := map[string]bool{}
	for _, e := range entries {
		var with []string
		for _, c := range e.With {
			switch {
			case c.PersonID != "":
				with = append(with, firstName(l, c.PersonName))
				if c.PersonName != "" && !seen[c.PersonID] {
					seen[c.PersonID] = true
					known = append(known, Option{Value: c.PersonID, Label: firstName(l, c.PersonName)})
				}
			default:
				with = append(with, c.Name)
			}
		}
		a, ok := assets[e.Asset]
		if !ok {
			a = ledger.Asset{Code: e.Asset, Decimals: 0}
		}
		out = append(out, historyLine{On: e.On, Purpose: e.Purpose, With: strings.Join(with, ", "), Amount: holdingText(l, a, abs64(e.Amount)), In: e.Amount > 0})
	}
	return out, known, nil
}

// rewardInitiatives are the initiatives whose volunteers the user may
// thank on this page: those they are initiatiefnemer of, and the one named
// by ?initiatief= when they may act for it.
func (h *Handler) rewardInitiatives(r *http.Request, rc *request) ([]store.Initiative, error) {
	all, err := h.store.Initiatives(ctx(r), rc.Wijk.ID)
	if err != nil {
		return nil, err
	}
	asked := r.URL.Query().Get("initiatief")
	if r.Method == http.MethodPost {
		asked = r.PathValue("id")
	}
	var out []store.Initiative
	for _, in := range all {
		own := slices.ContainsFunc(rc.Actor.Grants, func(g account.Grant) bool {
			return g.WijkID == rc.Wijk.ID && g.Role == account.RoleInitiatiefnemer && g.OrganisationID == in.ID
		})
		if (own || in.ID == asked) && rc.Actor.CanOrg(account.PermClaim, rc.Wijk.ID, in.ID) {
			out = append(out, in)
		}
	}
	return out, nil
}

// timebankPay pays another resident in time or the local currency.
func (h *Handler) timebankPay(w http.ResponseWriter, r *http.Request, rc *request) {
	c, l, wid := ctx(r), rc.L, rc.Wijk.ID
	f := newForm().fill(r, "key", "asset", "to", "known", "hours", "minutes", "amount", "purpose")
	if f.Values["key"] == "" { // the form always sends one
		f.Values["key"] = wei.RandomToken(16)
	}
	me, err := h.store.PersonOfUser(c, wid, rc.Actor.User.ID)
	if wei.ErrorCode(err) == wei.ENOTFOUND || (err == nil && me.Erased()) {
		// Not a question of rights: they may pay once they are a resident.
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "timebank.error.no_person")
		return
	} else if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	asset, ok, err := h.timebankAsset(r, rc, f.Values["asset"])
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	if !ok {
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "error.bad_request.text")
		return
	}
	formID := "pay-" + strings.ToLower(asset.Code)
	refuse := func() {
		h.renderTimebank(w, r, rc, http.StatusBadRequest, timebankInput{FormID: formID, Form: f})
	}

	// Whom to pay: by code, or someone paid before.
	var toID string
	switch {
	case f.Values["to"] != "":
		p, err := h.store.PersonByTimebankCode(c, wid, f.Values["to"])
		if wei.ErrorCode(err) == wei.ENOTFOUND {
			f.Errors["to"] = l.T("timebank.error.code_unknown")
		} else if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		toID = p.ID
	case f.Values["known"] != "":
		entries, err := h.store.ResidentHistory(c, wid, me.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, e := range entries {
			for _, cp := range e.With {
				if cp.PersonID == f.Values["known"] && cp.PersonName != "" {
					toID = cp.PersonID
				}
			}
		}
		if toID == "" {
			f.Errors["known"] = l.T("error.choice")
		}
	default:
		f.Errors["to"] = l.T("timebank.error.no_recipient")
	}
	amount := h.formAmount(rc, f, asset)
	if f.Values["purpose"] == "" {
		f.Errors["purpose"] = l.T("error.required")
	}
	if f.HasErrors() {
		refuse()
		return
	}
	on := today()
	if asset.Kind == ledger.KindTime {
		_, err = h.store.PayTime(c, wid, me.ID, toID, amount, on, f.Values["purpose"], "tijdbank:"+f.Values["key"], rc.Actor.User.ID)
	} else {
		_, err = h.store.PayLocal(c, wid, me.ID, toID, amount, on, f.Values["purpose"], "tijdbank:"+f.Values["key"], rc.Actor.User.ID)
	}
	if err != nil {
		who := "to"
		if f.Values["to"] == "" {
			who = "known"
		}
		if !h.payRefused(rc, f, err, func() ([]store.Holding, error) { return h.store.ResidentHoldings(c, wid, me.ID) }, asset, who) {
			h.serverError(w, r, rc, err)
			return
		}
		refuse()
		return
	}
	h.flash(w, "timebank.flash.paid")
	http.Redirect(w, r, timebankURL(rc)+"#history", http.StatusSeeOther)
}

// timebankReward thanks a volunteer of an initiative from its account.
func (h *Handler) timebankReward(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	c, wid := ctx(r), rc.Wijk.ID
	f := newForm().fill(r, "key", "asset", "person_id", "hours", "minutes", "amount", "purpose")
	if f.Values["key"] == "" { // the form always sends one
		f.Values["key"] = wei.RandomToken(16)
	}
	asset, ok, err := h.timebankAsset(r, rc, f.Values["asset"])
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	if !ok {
		h.renderError(w, r, rc, http.StatusBadRequest, "error.bad_request.title", "error.bad_request.text")
		return
	}
	formID := "reward-" + in.ID + "-" + strings.ToLower(asset.Code)
	if f.Values["person_id"] == "" {
		f.Errors["person_id"] = rc.L.T("error.choice")
	}
	amount := h.formAmount(rc, f, asset)
	if f.Values["purpose"] == "" {
		f.Errors["purpose"] = rc.L.T("error.required")
	}
	if !f.HasErrors() {
		_, err = h.store.RewardVolunteer(c, wid, in.ID, f.Values["person_id"], asset.Code, amount, today(), f.Values["purpose"], "beloning:"+f.Values["key"], rc.Actor.User.ID)
		if err != nil && !h.payRefused(rc, f, err, func() ([]store.Holding, error) { return h.store.InitiativeHoldings(c, wid, in.ID) }, asset, "person_id") {
			h.serverError(w, r, rc, err)
			return
		}
	}
	if f.HasErrors() {
		h.renderTimebank(w, r, rc, http.StatusBadRequest, timebankInput{FormID: formID, Form: f})
		return
	}
	h.flash(w, "timebank.flash.rewarded")
	http.Redirect(w, r, timebankURL(rc)+"?initiatief="+in.ID+"#reward-"+in.ID, http.StatusSeeOther)
}

// timebankAsset is the asset a pay or reward form names: time, or the
// wijk's local currency.
func (h *Handler) timebankAsset(r *http.Request, rc *request, code string) (ledger.Asset, bool, error) {
	if code == ledger.Time {
		return ledger.Asset{WijkID: rc.Wijk.ID, Code: ledger.Time, Name: "Minuten", Kind: ledger.KindTime}, true, nil
	}
	lc, err := h.store.LocalCurrency(ctx(r), rc.Wijk.ID)
	if wei.ErrorCode(err) == wei.ENOTFOUND {
		return lc, false, nil
	}
	return lc, err == nil && lc.Code == code, err
}

// formAmount reads the amount of a pay or reward form in the asset's
// smallest unit, recording what is wrong in f.
func (h *Handler) formAmount(rc *request, f form, a ledger.Asset) int64 {
	if a.Kind == ledger.KindTime {
		return parseMinutes(rc, f)
	}
	v, key := parseUnits(f.Values["amount"], a.Decimals)
	if key != "" {
		f.Errors["amount"] = rc.L.T(key)
	}
	return v
}

// payRefused puts the store's refusal of a payment into the form's
// fields and reports whether it was one; who is the field that names the
// recipient. A balance that would go below its limit says how much may
// still be paid.
func (h *Handler) payRefused(rc *request, f form, err error, holdings func() ([]store.Holding, error), a ledger.Asset, who string) bool {
	var e *wei.Error
	if !asWeiError(err, &e) || (e.Code != wei.EINVALID && e.Code != wei.ECONFLICT && e.Code != wei.ENOTFOUND) {
		return false
	}
	l := rc.L
	amountField := "amount"
	if a.Kind == ledger.KindTime {
		amountField = "hours"
	}
	if e.Code == wei.ENOTFOUND {
		f.Errors[who] = l.T("timebank.error.code_unknown")
		return true
	}
	for field, key := range e.Fields {
		switch field {
		case "postings":
			if key != "error.insufficient_balance" {
				f.Errors[amountField] = l.T(key)
				continue
			}
			f.Errors[amountField] = l.T("timebank.error.too_little")
			if hs, herr := holdings(); herr == nil {
				for _, hd := range hs {
					if hd.Asset.Code == a.Code {
						f.Errors[amountField] = l.T("timebank.error.too_little_max", holdingText(l, a, hd.Spendable()), holdingText(l, a, -hd.Min))
					}
				}
			}
		case "minutes", "amount":
			f.Errors[amountField] = l.T(key)
		case "description":
			f.Errors["purpose"] = l.T(key)
		case "idempotency_key":
			// This form was sent before with other content: a new key.
			f.Errors["_"], f.Values["key"] = l.T("error.conflict"), wei.RandomToken(16)
		case "to", "person_id":
			f.Errors[who] = l.T(key)
		default:
			f.Errors["_"] = l.T(key)
		}
	}
	if len(e.Fields) == 0 {
		f.Errors["_"] = l.T("error.conflict")
	}
	return true
}
