package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/sroi"
)

// The impact overview of a wijk: the wijk's latest analysis with who gains
// what, the comparison over the years, and every analysis with its ratio.
// Public, like the transparency page. Those who may edit an analysis make
// new ones here.

type sroiOverviewPage struct {
	Page
	V           *sroiView // the wijk's latest analysis, if any
	Latest      string    // its URL
	Compare     []sroiCompareRow
	RatesDiffer bool
	Rows        []sroiListRow
	Missing     []sroiMissingRow
	New         []sroiNewLink
	Proxies     string
}

type sroiCompareRow struct {
	Period, Rate, Inputs, PV, NPV, Ratio, Change string
}

type sroiListRow struct {
	Title, URL, Subject, Period, Inputs, PV, Ratio string
}

type sroiMissingRow struct {
	Period, NewURL string
}

func (h *Handler) sroiOverview(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	all, err := h.store.SROIAnalyses(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := sroiOverviewPage{Page: h.page(r, rc, l.T("sroi.overview.title", rc.Wijk.Name)), Proxies: sroiBase(rc) + "/proxies"}
	if p.New, err = h.sroiNewLinks(r, rc); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	var wijkResults []sroi.Result
	hasWijk := map[sroi.Period]bool{}
	for _, a := range all {
		c, err := h.sroiCalculate(ctx(r), a, all, false)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		row := sroiListRow{Title: a.Title, URL: sroiURL(rc, a.ID), Subject: a.InitiativeName, Period: l.T("sroi.period", l.Date(a.Period.From), l.Date(a.Period.To)),
			Inputs: euro(l, c.Result.Inputs.Total), PV: euro(l, c.Result.Primary().PV), Ratio: sroiRatio(l, c.Result.Primary().Ratio)}
		if a.Scope == sroi.ScopeWijk {
			row.Subject = l.T("sroi.scope.wijk", rc.Wijk.Name)
			hasWijk[a.Period] = true
			wijkResults = append(wijkResults, c.Result)
			if p.V == nil { // the newest period comes first
				v := newSROIView(l, rc, c, false)
				p.V, p.Latest = &v, row.URL
			}
		}
		p.Rows = append(p.Rows, row)
	}
	if sroiCanEditWijk(rc) {
		for _, a := range all {
			if a.Scope == sroi.ScopeInitiative && !hasWijk[a.Period] {
				hasWijk[a.Period] = true
				q := url.Values{"subject": {"wijk"}, "from": {dayValue(a.Period.From)}, "to": {dayValue(a.Period.To)}}
				p.Missing = append(p.Missing, sroiMissingRow{Period: l.T("sroi.period", l.Date(a.Period.From), l.Date(a.Period.To)), NewURL: sroiBase(rc) + "/nieuw?" + q.Encode()})
			}
		}
	}
	rate := sroi.BasisPoints(-1)
	for _, y := range sroi.CompareYears(wijkResults) {
		row := sroiCompareRow{Period: l.T("sroi.period", l.Date(y.Period.From), l.Date(y.Period.To)), Rate: sroiPercent(l, y.DiscountRate),
			Inputs: euro(l, y.Inputs), PV: euro(l, y.PV), NPV: euro(l, y.NPV), Ratio: sroiRatio(l, y.Ratio), Change: "–"}
		if y.HasChange {
			row.Change = sroiDecimal(l, y.RatioChange, 2)
			if y.RatioChange > 0 {
				row.Change = "+" + row.Change
			}
		}
		if rate >= 0 && rate != y.DiscountRate {
			p.RatesDiffer = true
		}
		rate = y.DiscountRate
		p.Compare = append(p.Compare, row)
	}
	h.render(w, r, rc, "sroi_overview", p)
}

func sroiCanEditWijk(rc *request) bool { return rc.Actor.Can(account.PermEditImpact, rc.Wijk.ID) }

// sroiNewLinks are the forms the actor may make a new analysis with:
// the process manager's (of the wijk or any initiative), or, for an
// initiatiefnemer, one per initiative of theirs.
func (h *Handler) sroiNewLinks(r *http.Request, rc *request) ([]sroiNewLink, error) {
	if sroiCanEditWijk(rc) {
		return []sroiNewLink{{URL: sroiBase(rc) + "/nieuw", Label: rc.L.T("sroi.new.link")}}, nil
	}
	if !rc.Actor.SignedIn() {
		return nil, nil
	}
	orgs, err := h.store.Organisations(ctx(r), rc.Wijk.ID)
	if err != nil {
		return nil, err
	}
	var out []sroiNewLink
	for _, o := range orgs {
		if o.Form.IsInitiative() && rc.Actor.CanOrg(account.PermEditImpact, rc.Wijk.ID, o.ID) {
			out = append(out, sroiNewLink{URL: "/w/" + rc.Wijk.Slug + "/initiatieven/" + o.ID + "/impact/nieuw", Label: rc.L.T("sroi.new.link_for", o.Name)})
		}
	}
	return out, nil
}

type sroiNewLink struct{ URL, Label string }

// The form to make a new analysis: at /impact/nieuw the process manager
// chooses the wijk or an initiative; at /initiatieven/{id}/impact/nieuw
// the initiative is given.

type sroiNewPage struct {
	Page
	Summary                  *ErrorSummary
	Initiative               string // the given initiative's name
	Subject                  *Field // the choice, when no initiative is given
	Title, From, To          Field
	DiscountRate, HourlyRate Field
	Action, Back             string
}

// sroiGivenInitiative returns the initiative of the URL, if any; ok is
// false when the URL names one that is not an initiative of the wijk (the
// page has been answered).
func (h *Handler) sroiGivenInitiative(w http.ResponseWriter, r *http.Request, rc *request) (id, name string, ok bool) {
	id = r.PathValue("id")
	if id == "" {
		return "", "", true
	}
	o, err := h.store.Organisation(ctx(r), id)
	if err == nil && (o.WijkID != rc.Wijk.ID || !o.Form.IsInitiative()) {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return "", "", false
	}
	return o.ID, o.Name, true
}

func (h *Handler) sroiNew(w http.ResponseWriter, r *http.Request, rc *request) {
	_, _, ok := h.sroiGivenInitiative(w, r, rc)
	if !ok {
		return
	}
	st, err := h.store.SROISettings(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	q := r.URL.Query()
	f := newForm()
	last := time.Now().In(locale.Amsterdam()).Year() - 1
	f.Values["subject"] = q.Get("subject")
	f.Values["from"], f.Values["to"] = dayValue(time.Date(last, 1, 1, 0, 0, 0, 0, time.UTC)), dayValue(time.Date(last, 12, 31, 0, 0, 0, 0, time.UTC))
	if d, ok := parseDay(q.Get("from")); ok {
		f.Values["from"] = dayValue(d)
	}
	if d, ok := parseDay(q.Get("to")); ok {
		f.Values["to"] = dayValue(d)
	}
	f.Values["discount_rate"] = percentValue(int(st.DiscountRate))
	f.Values["hourly_rate"] = euroValue(st.HourlyRate)
	h.renderSROINew(w, r, rc, http.StatusOK, f)
}

func (h *Handler) renderSROINew(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	l := rc.L
	id, name, ok := h.sroiGivenInitiative(w, r, rc)
	if !ok {
		return
	}
	p := sroiNewPage{Page: h.page(r, rc, l.T("sroi.new.title")), Action: sroiBase(rc), Back: sroiBase(rc), Initiative: name,
		Title:        f.Field(l, "title", "sroi.field.title", "text", "off", true),
		From:         f.Field(l, "from", "sroi.field.from", "date", "off", true),
		To:           f.Field(l, "to", "sroi.field.to", "date", "off", true),
		DiscountRate: f.Field(l, "discount_rate", "sroi.field.discount_rate", "text", "off", true),
		HourlyRate:   f.Field(l, "hourly_rate", "sroi.field.hourly_rate", "text", "off", true)}
	p.DiscountRate.Inputmode, p.HourlyRate.Inputmode = "decimal", "decimal"
	fields := []Field{p.Title, p.From, p.To, p.DiscountRate, p.HourlyRate}
	if id != "" {
		p.Action = "/w/" + rc.Wijk.Slug + "/initiatieven/" + id + "/impact"
	} else {
		orgs, err := h.store.Organisations(ctx(r), rc.Wijk.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		sel := f.Values["subject"]
		opts := []Option{{Value: "", Label: l.T("common.choose")}, {Value: "wijk", Label: l.T("sroi.scope.wijk", rc.Wijk.Name), Selected: sel == "wijk"}}
		for _, o := range orgs {
			if o.Form.IsInitiative() {
				opts = append(opts, Option{Value: o.ID, Label: o.Name, Selected: sel == o.ID})
			}
		}
		sf := f.Select(l, "subject", "sroi.field.subject", true, opts)
		p.Subject = &sf
		fields = append([]Field{sf}, fields...)
	}
	p.Summary = NewErrorSummary(l, fields...)
	addFormError(l, &p.Summary, f)
	h.renderStatus(w, r, rc, status, "sroi_new", p)
}

// addFormError adds the form's message about the whole form ("_") to the
// summary.
func addFormError(l *locale.Localizer, s **ErrorSummary, f form) {
	if msg := f.Errors["_"]; msg != "" {
		if *s == nil {
			*s = &ErrorSummary{Title: l.T("error.form")}
		}
		(*s).Items = append((*s).Items, ErrorItem{Text: msg})
	}
}

// sroiHead reads the fields an analysis's settings share (title, period,
// rates) into a, recording what cannot be read in f.
func sroiHead(rc *request, f form, a *store.SROIAnalysis) {
	a.Title = f.Values["title"]
	for _, d := range []struct {
		name string
		t    *time.Time
	}{{"from", &a.Period.From}, {"to", &a.Period.To}} {
		if v := f.Values[d.name]; v != "" {
			t, ok := parseDay(v)
			if !ok {
				f.Errors[d.name] = rc.L.T("error.date")
			}
			*d.t = t
		}
	}
	if bp, ok := sroi.ParseBasisPoints(f.Values["discount_rate"]); ok {
		a.DiscountRate = bp
	} else {
		f.Errors["discount_rate"] = rc.L.T("sroi.error.percentage_format")
	}
	if v := f.Values["hourly_rate"]; v == "" {
		f.Errors["hourly_rate"] = rc.L.T("error.required")
	} else if cents, key := parseEuro(v); key != "" {
		f.Errors["hourly_rate"] = rc.L.T(key)
	} else {
		a.HourlyRate = cents
	}
}

// sroiFieldNames maps the fields of the store's and the sroi package's
// messages to the fields of the forms.
var sroiFieldNames = map[string]string{"minutes": "hours", "period.from": "from", "period.to": "to", "initiative_id": "subject", "scope": "subject", "proxy.value": "proxy_id",
	"proxy.name": "proxy_id", "proxy.unit": "proxy_id", "proxy.source": "proxy_id", "proxy.year": "proxy_id"}

// sroiSetErr puts the messages of a refused save in the form, under the
// names of the form's fields; it returns false for other errors. A field
// that already has a message (from reading the form) keeps it.
func sroiSetErr(rc *request, f form, err error) bool {
	var e *wei.Error
	if !asWeiError(err, &e) || e.Code != wei.EINVALID {
		return false
	}
	for field, key := range e.Fields {
		if n, ok := sroiFieldNames[field]; ok {
			field = n
		}
		if strings.ContainsAny(field, "[]") {
			field = "_"
		}
		if _, has := f.Errors[field]; !has {
			f.Errors[field] = rc.L.T(key)
		}
	}
	if len(e.Fields) == 0 {
		f.Errors["_"] = rc.L.T("error.form")
	}
	return true
}

func (h *Handler) sroiCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "subject", "title", "from", "to", "discount_rate", "hourly_rate")
	a := store.SROIAnalysis{Analysis: sroi.Analysis{WijkID: rc.Wijk.ID}, CreatedBy: rc.Actor.User.ID}
	subject := f.Values["subject"]
	if id := r.PathValue("id"); id != "" {
		subject = id // the route checked that the actor may edit it
	}
	switch subject {
	case "":
		f.Errors["subject"] = rc.L.T("error.required")
	case "wijk":
		a.Scope = sroi.ScopeWijk
	default:
		a.Scope, a.InitiativeID = sroi.ScopeInitiative, subject
	}
	sroiHead(rc, f, &a)
	if f.HasErrors() {
		// Tell everything at once: also what the other fields lack.
		if err := a.Analysis.Validate(); err != nil {
			sroiSetErr(rc, f, err)
		}
	} else if err := h.store.CreateSROIAnalysis(ctx(r), &a); err != nil && !sroiSetErr(rc, f, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderSROINew(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "sroi.flash.created")
	http.Redirect(w, r, sroiURL(rc, a.ID), http.StatusSeeOther)
}
