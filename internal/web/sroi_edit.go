package web

// The forms of an SROI analysis: its settings and one form per item
// (stakeholder, input, output, outcome), to add one or change it. Only
// the process manager and, for an initiative's analysis, its
// initiatiefnemer may use them; the route table asks for an account and
// sroiEditable decides per analysis. A form that is not filled in right
// comes back with what was typed and a message per field; nothing is
// saved.

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/sroi"
)

type sroiFormPage struct {
	Page
	Summary      *ErrorSummary
	Heading      string
	Intro        string
	Analysis     string
	Action       string
	Groups       []sroiFieldGroup
	Submit       string
	DeleteAction string
	DeleteLabel  string
	Back         string
}

// sroiFieldGroup is a fieldset of the form; without a legend its fields
// stand on their own.
type sroiFieldGroup struct {
	Legend, Hint string
	Note         string // shown muted below the hint: an outcome's current proxy
	Fields       []Field
}

// sroiEditable loads the analysis of the URL and checks that the actor
// may change it.
func (h *Handler) sroiEditable(w http.ResponseWriter, r *http.Request, rc *request) (store.SROIAnalysis, bool) {
	a, err := h.store.SROIAnalysis(ctx(r), rc.Wijk.ID, r.PathValue("id"))
	if err != nil {
		h.serverError(w, r, rc, err)
		return a, false
	}
	if !sroiCanEdit(rc, a) {
		h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "error.forbidden.text")
		return a, false
	}
	return a, true
}

// sroiPart reads the {part} of the URL.
func (h *Handler) sroiPart(w http.ResponseWriter, r *http.Request, rc *request) (store.SROIPart, bool) {
	p, ok := sroiPartOf(r.PathValue("part"))
	if !ok {
		h.notFound(w, r, rc)
	}
	return p, ok
}

// parseCount reads a whole number as typed: "40", "1 200". A minus sign is
// read, so that validation says what the range is.
func parseCount(s string) (int64, string) {
	s = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\u00a0' {
			return -1
		}
		return r
	}, s)
	if s == "" {
		return 0, "error.required"
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, "sroi.error.number"
	}
	return n, ""
}

// Settings of an analysis.

func (h *Handler) sroiSettings(w http.ResponseWriter, r *http.Request, rc *request) {
	a, ok := h.sroiEditable(w, r, rc)
	if !ok {
		return
	}
	f := newForm()
	f.Values["title"], f.Values["from"], f.Values["to"] = a.Title, dayValue(a.Period.From), dayValue(a.Period.To)
	f.Values["discount_rate"], f.Values["hourly_rate"] = percentValue(int(a.DiscountRate)), euroValue(a.HourlyRate)
	f.Values["money_stakeholder_id"], f.Values["time_stakeholder_id"] = a.MoneyStakeholderID, a.TimeStakeholderID
	h.renderSROISettings(w, r, rc, a, http.StatusOK, f)
}

func (h *Handler) renderSROISettings(w http.ResponseWriter, r *http.Request, rc *request, a store.SROIAnalysis, status int, f form) {
	l := rc.L
	p := sroiFormPage{Page: h.page(r, rc, l.T("sroi.settings.title", a.Title)), Heading: l.T("sroi.settings.title", a.Title), Intro: l.T("sroi.settings.intro"),
		Analysis: a.Title, Action: sroiURL(rc, a.ID) + "/instellingen", Submit: l.T("sroi.save"), Back: sroiURL(rc, a.ID)}
	dr, hr := f.Field(l, "discount_rate", "sroi.field.discount_rate", "text", "off", true), f.Field(l, "hourly_rate", "sroi.field.hourly_rate", "text", "off", true)
	dr.Inputmode, hr.Inputmode = "decimal", "decimal"
	g := sroiFieldGroup{Fields: []Field{f.Field(l, "title", "sroi.field.title", "text", "off", true),
		f.Field(l, "from", "sroi.field.from", "date", "off", true), f.Field(l, "to", "sroi.field.to", "date", "off", true), dr, hr}}
	p.Groups = []sroiFieldGroup{g}
	if a.Scope == sroi.ScopeInitiative {
		p.Groups = append(p.Groups, sroiFieldGroup{Legend: l.T("sroi.settings.books"), Hint: l.T("sroi.settings.books.hint"), Fields: []Field{
			f.Select(l, "money_stakeholder_id", "sroi.field.money_stakeholder_id", false, stakeholderOptions(l, a, f.Values["money_stakeholder_id"], true)),
			f.Select(l, "time_stakeholder_id", "sroi.field.time_stakeholder_id", false, stakeholderOptions(l, a, f.Values["time_stakeholder_id"], true)),
		}})
	}
	p.Summary = sroiSummary(l, p.Groups, f)
	h.renderStatus(w, r, rc, status, "sroi_form", p)
}

func (h *Handler) sroiSettingsSave(w http.ResponseWriter, r *http.Request, rc *request) {
	a, ok := h.sroiEditable(w, r, rc)
	if !ok {
		return
	}
	f := newForm().fill(r, "title", "from", "to", "discount_rate", "hourly_rate", "money_stakeholder_id", "time_stakeholder_id")
	next := a
	next.Title, next.Period = "", sroi.Period{}
	sroiHead(rc, f, &next)
	if a.Scope == sroi.ScopeInitiative {
		next.MoneyStakeholderID, next.TimeStakeholderID = f.Values["money_stakeholder_id"], f.Values["time_stakeholder_id"]
	}
	if f.HasErrors() {
		if err := next.Analysis.Validate(); err != nil {
			sroiSetErr(rc, f, err)
		}
	} else if err := h.store.UpdateSROIAnalysis(ctx(r), &next, rc.Actor.User.ID); err != nil && !sroiSetErr(rc, f, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderSROISettings(w, r, rc, a, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "sroi.flash.saved")
	http.Redirect(w, r, sroiURL(rc, a.ID), http.StatusSeeOther)
}

// sroiSummary is the error summary of a form's groups, with the form's
// own message last.
func sroiSummary(l *locale.Localizer, groups []sroiFieldGroup, f form) *ErrorSummary {
	var all []Field
	for _, g := range groups {
		all = append(all, g.Fields...)
	}
	s := NewErrorSummary(l, all...)
	addFormError(l, &s, f)
	return s
}

func stakeholderOptions(l *locale.Localizer, a store.SROIAnalysis, selected string, optional bool) []Option {
	first := l.T("common.choose")
	if optional {
		first = l.T("sroi.none")
	}
	opts := []Option{{Value: "", Label: first}}
	for _, s := range a.Stakeholders {
		opts = append(opts, Option{Value: s.ID, Label: s.Name, Selected: s.ID == selected})
	}
	return opts
}

// Items.

// sroiItemNew shows the empty form of a part.
func (h *Handler) sroiItemNew(w http.ResponseWriter, r *http.Request, rc *request) {
	a, ok := h.sroiEditable(w, r, rc)
	if !ok {
		return
	}
	part, ok := h.sroiPart(w, r, rc)
	if !ok {
		return
	}
	f := newForm()
	switch part {
	case store.SROIInputs:
		f.Values["kind"] = string(sroi.InputInKind)
	case store.SROIOutcomes:
		f.Values["duration_years"] = "1"
		for _, k := range []string{"deadweight", "displacement", "attribution", "drop_off"} {
			f.Values[k] = "0"
		}
	case store.SROIStakeholders:
		f.Values["domain"] = string(sroi.DomainBewoners)
	}
	h.renderSROIItem(w, r, rc, a, part, "", http.StatusOK, f)
}

// sroiItem shows the form of an item with its values.
func (h *Handler) sroiItem(w http.ResponseWriter, r *http.Request, rc *request) {
	a, ok := h.sroiEditable(w, r, rc)
	if !ok {
		return
	}
	part, ok := h.sroiPart(w, r, rc)
	if !ok {
		return
	}
	id := r.PathValue("item")
	f, found := sroiItemValues(rc.L, a, part, id)
	if !found {
		h.notFound(w, r, rc)
		return
	}
	h.renderSROIItem(w, r, rc, a, part, id, http.StatusOK, f)
}

func outcomeValues(f form, x sroi.Outcome) {
	v := f.Values
	v["description"], v["stakeholder_id"], v["output_id"], v["indicator"], v["indicator_source"] = x.Description, x.StakeholderID, x.OutputID, x.Indicator, x.IndicatorSource
	v["quantity"], v["duration_years"], v["proxy_id"] = strconv.FormatInt(x.Quantity, 10), strconv.Itoa(x.DurationYears), x.Proxy.ID
	v["deadweight"], v["displacement"], v["attribution"], v["drop_off"] = percentValue(int(x.Deadweight)), percentValue(int(x.Displacement)), percentValue(int(x.Attribution)), percentValue(int(x.DropOff))
	v["deadweight_source"], v["displacement_source"], v["attribution_source"], v["drop_off_source"] = x.DeadweightSource, x.DisplacementSource, x.AttributionSource, x.DropOffSource
	v["shared_key"] = x.SharedKey
	if x.Negative {
		v["negative"] = "yes"
	}
}

// sroiItemFields are the form fields of each part, in their order.
var sroiItemFields = map[store.SROIPart][]string{
	store.SROIStakeholders: {"name", "domain", "description"},
	store.SROIInputs:       {"kind", "description", "stakeholder_id", "amount", "hours", "source"},
	store.SROIOutputs:      {"description", "stakeholder_id", "quantity", "unit"},
	store.SROIOutcomes: {"description", "stakeholder_id", "output_id", "indicator", "indicator_source", "quantity", "duration_years", "negative", "shared_key",
		"proxy_id", "proxy_refresh", "deadweight", "deadweight_source", "displacement", "displacement_source", "attribution", "attribution_source", "drop_off", "drop_off_source"},
}

func (h *Handler) renderSROIItem(w http.ResponseWriter, r *http.Request, rc *request, a store.SROIAnalysis, part store.SROIPart, id string, status int, f form) {
	l := rc.L
	kind := string(part)
	mode := "new"
	if id != "" {
		mode = "edit"
	}
	heading := l.T("sroi."+kind+"."+mode, a.Title)
	base := sroiURL(rc, a.ID) + "/" + sroiSlugs[part]
	p := sroiFormPage{Page: h.page(r, rc, heading), Heading: heading, Intro: l.T("sroi." + kind + ".form_intro"), Analysis: a.Title,
		Action: base, Submit: l.T("sroi.save"), Back: sroiURL(rc, a.ID) + "#sroi-" + kind}
	if id != "" {
		p.Action = base + "/" + id
		p.DeleteAction, p.DeleteLabel = base+"/"+id+"/verwijderen", l.T("sroi.delete")
	}
	field := func(name, typ string, required bool) Field {
		key := "sroi.field." + kind + "." + name // a label of this part's own
		if !l.Has(key) {
			key = "sroi.field." + name
		}
		fl := f.Field(l, name, key, typ, "off", required)
		switch name {
		case "amount", "hours", "deadweight", "displacement", "attribution", "drop_off":
			fl.Inputmode = "decimal"
		case "quantity", "duration_years":
			fl.Inputmode = "numeric"
		}
		return fl
	}
	switch part {
	case store.SROIStakeholders:
		domains := []Option{}
		for _, d := range sroi.Domains {
			domains = append(domains, Option{Value: string(d), Label: l.T("sroi.domain." + string(d)), Selected: f.Values["domain"] == string(d)})
		}
		p.Groups = []sroiFieldGroup{{Fields: []Field{field("name", "text", true), f.Select(l, "domain", "sroi.field.domain", true, domains), field("description", "textarea", false)}}}
	case store.SROIInputs:
		kinds := []Option{}
		for _, k := range sroi.InputKinds {
			kinds = append(kinds, Option{Value: string(k), Label: l.T("sroi.input.kind." + string(k)), Selected: f.Values["kind"] == string(k)})
		}
		p.Groups = []sroiFieldGroup{{Fields: []Field{f.Select(l, "kind", "sroi.field.kind", true, kinds), field("description", "text", true),
			f.Select(l, "stakeholder_id", "sroi.field.input_stakeholder", false, stakeholderOptions(l, a, f.Values["stakeholder_id"], true)),
			field("amount", "text", false), field("hours", "text", false), field("source", "textarea", false)}}}
	case store.SROIOutputs:
		p.Groups = []sroiFieldGroup{{Fields: []Field{field("description", "text", true),
			f.Select(l, "stakeholder_id", "sroi.field.output_stakeholder", false, stakeholderOptions(l, a, f.Values["stakeholder_id"], true)),
			field("quantity", "text", true), field("unit", "text", false)}}}
	case store.SROIOutcomes:
		proxies, err := h.store.SROIProxies(ctx(r), rc.Wijk.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		popts := []Option{{Value: "", Label: l.T("common.choose")}}
		for _, px := range proxies {
			popts = append(popts, Option{Value: px.ID, Label: l.T("sroi.proxy.option", px.Name, euro(l, px.Value), px.Unit, strconv.Itoa(px.Year)), Selected: px.ID == f.Values["proxy_id"]})
		}
		oopts := []Option{{Value: "", Label: l.T("sroi.none")}}
		for _, o := range a.Outputs {
			oopts = append(oopts, Option{Value: o.ID, Label: o.Description, Selected: o.ID == f.Values["output_id"]})
		}
		change := []Field{field("description", "text", true), f.Select(l, "stakeholder_id", "sroi.field.stakeholder_id", true, stakeholderOptions(l, a, f.Values["stakeholder_id"], false)),
			f.Select(l, "output_id", "sroi.field.output_id", false, oopts), field("indicator", "text", true), field("indicator_source", "textarea", false),
			field("quantity", "text", true), field("duration_years", "text", true), f.Check(l, "negative", "sroi.field.negative"), field("shared_key", "text", false)}
		proxy := []Field{f.Select(l, "proxy_id", "sroi.field.proxy_id", true, popts)}
		note := ""
		if id != "" {
			proxy = append(proxy, f.Check(l, "proxy_refresh", "sroi.field.proxy_refresh"))
			for _, o := range a.Outcomes {
				if o.ID == id {
					note = l.T("sroi.proxy.current", o.Proxy.Name, euro(l, o.Proxy.Value), o.Proxy.Unit, strconv.Itoa(o.Proxy.Year), o.Proxy.Source)
				}
			}
		}
		adjust := []Field{}
		for _, k := range []string{"deadweight", "displacement", "attribution", "drop_off"} {
			adjust = append(adjust, field(k, "text", true), field(k+"_source", "text", false))
		}
		p.Groups = []sroiFieldGroup{
			{Legend: l.T("sroi.outcome.group.change"), Fields: change},
			{Legend: l.T("sroi.outcome.group.proxy"), Hint: l.T("sroi.outcome.group.proxy.hint"), Note: note, Fields: proxy},
			{Legend: l.T("sroi.outcome.group.adjust"), Hint: l.T("sroi.outcome.group.adjust.hint"), Fields: adjust},
		}
	}
	p.Summary = sroiSummary(l, p.Groups, f)
	h.renderStatus(w, r, rc, status, "sroi_form", p)
}

// sroiItemSave adds an item (POST to the part) or changes one (POST to the item).
func (h *Handler) sroiItemSave(w http.ResponseWriter, r *http.Request, rc *request) {
	a, ok := h.sroiEditable(w, r, rc)
	if !ok {
		return
	}
	part, ok := h.sroiPart(w, r, rc)
	if !ok {
		return
	}
	id := r.PathValue("item")
	f := newForm().fill(r, sroiItemFields[part]...)
	l, by := rc.L, rc.Actor.User.ID
	var err error
	switch part {
	case store.SROIStakeholders:
		x := sroi.Stakeholder{ID: id, Name: f.Values["name"], Domain: sroi.Domain(f.Values["domain"]), Description: f.Values["description"]}
		err = h.store.SaveSROIStakeholder(ctx(r), rc.Wijk.ID, a.ID, &x, by)
	case store.SROIInputs:
		x := sroi.Input{ID: id, Kind: sroi.InputKind(f.Values["kind"]), Description: f.Values["description"], StakeholderID: f.Values["stakeholder_id"], Source: f.Values["source"]}
		switch x.Kind {
		case sroi.InputTime:
			hundredths, key := parseUnits(f.Values["hours"], 2)
			if key != "" {
				f.Errors["hours"] = l.T(sroiUnitsKey(key))
			}
			x.Minutes = (hundredths*60 + 50) / 100
		case sroi.InputMoney, sroi.InputInKind:
			cents, key := parseEuro(f.Values["amount"])
			if key != "" {
				f.Errors["amount"] = l.T(key)
			}
			x.Amount = cents
		}
		if !f.HasErrors() {
			err = h.store.SaveSROIInput(ctx(r), rc.Wijk.ID, a.ID, &x, by)
		} else if verr := x.Validate(); verr != nil {
			sroiSetErr(rc, f, verr)
		}
	case store.SROIOutputs:
		x := sroi.Output{ID: id, Description: f.Values["description"], StakeholderID: f.Values["stakeholder_id"], Unit: f.Values["unit"]}
		var key string
		if x.Quantity, key = parseCount(f.Values["quantity"]); key != "" {
			f.Errors["quantity"] = l.T(key)
		}
		if !f.HasErrors() {
			err = h.store.SaveSROIOutput(ctx(r), rc.Wijk.ID, a.ID, &x, by)
		} else if verr := x.Validate(); verr != nil {
			sroiSetErr(rc, f, verr)
		}
	case store.SROIOutcomes:
		x := sroi.Outcome{ID: id, Description: f.Values["description"], StakeholderID: f.Values["stakeholder_id"], OutputID: f.Values["output_id"],
			Indicator: f.Values["indicator"], IndicatorSource: f.Values["indicator_source"], Negative: f.Values["negative"] == "yes", SharedKey: f.Values["shared_key"],
			Proxy: sroi.Proxy{ID: f.Values["proxy_id"]}, DeadweightSource: f.Values["deadweight_source"], DisplacementSource: f.Values["displacement_source"],
			AttributionSource: f.Values["attribution_source"], DropOffSource: f.Values["drop_off_source"]}
		var key string
		if x.Quantity, key = parseCount(f.Values["quantity"]); key != "" {
			f.Errors["quantity"] = l.T(key)
		}
		var years int64
		if years, key = parseCount(f.Values["duration_years"]); key != "" {
			f.Errors["duration_years"] = l.T(key)
		} else if years < 0 || years > sroi.MaxDurationYears {
			f.Errors["duration_years"] = l.T(sroi.KeyDuration)
		}
		x.DurationYears = int(years)
		for _, pc := range []struct {
			name string
			bp   *sroi.BasisPoints
		}{{"deadweight", &x.Deadweight}, {"displacement", &x.Displacement}, {"attribution", &x.Attribution}, {"drop_off", &x.DropOff}} {
			v := f.Values[pc.name]
			if v == "" {
				f.Errors[pc.name] = l.T("error.required")
				continue
			}
			bp, ok := sroi.ParseBasisPoints(v)
			if !ok {
				f.Errors[pc.name] = l.T("sroi.error.percentage_format")
				continue
			}
			*pc.bp = bp
		}
		refresh := r.PostFormValue("proxy_refresh") == "yes"
		f.Values["proxy_refresh"] = ""
		if refresh {
			f.Values["proxy_refresh"] = "yes"
		}
		if !f.HasErrors() {
			err = h.store.SaveSROIOutcome(ctx(r), rc.Wijk.ID, a.ID, &x, refresh, by)
		} else {
			// Tell everything at once: what the other fields lack, too.
			chk := x
			chk.Proxy = sroi.Proxy{Name: "-", Unit: "-", Value: 1, Source: "-", Year: 2000}
			if verr := chk.Validate(); verr != nil {
				sroiSetErr(rc, f, verr)
			}
			if f.Values["proxy_id"] == "" {
				f.Errors["proxy_id"] = l.T(store.KeySROIProxyRequired)
			}
		}
	}
	if err != nil && !sroiSetErr(rc, f, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderSROIItem(w, r, rc, a, part, id, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "sroi.flash.saved")
	http.Redirect(w, r, sroiURL(rc, a.ID)+"#sroi-"+string(part), http.StatusSeeOther)
}

// sroiUnitsKey turns parseUnits' messages into ones about hours.
func sroiUnitsKey(key string) string {
	if key == "error.required" {
		return key
	}
	return "sroi.error.hours"
}

// sroiItemDelete removes an item; one that others refer to stays, with a
// message on its form.
func (h *Handler) sroiItemDelete(w http.ResponseWriter, r *http.Request, rc *request) {
	a, ok := h.sroiEditable(w, r, rc)
	if !ok {
		return
	}
	part, ok := h.sroiPart(w, r, rc)
	if !ok {
		return
	}
	id := r.PathValue("item")
	err := h.store.DeleteSROIItem(ctx(r), rc.Wijk.ID, a.ID, part, id, rc.Actor.User.ID)
	if e := (*wei.Error)(nil); err != nil && asWeiError(err, &e) && e.Code == wei.EINVALID {
		// Show the item's form again, with its stored values and why it stays.
		f, _ := sroiItemValues(rc.L, a, part, id)
		sroiSetErr(rc, f, err)
		h.renderSROIItem(w, r, rc, a, part, id, http.StatusBadRequest, f)
		return
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.flash(w, "sroi.flash.deleted")
	http.Redirect(w, r, sroiURL(rc, a.ID)+"#sroi-"+string(part), http.StatusSeeOther)
}

// sroiItemValues returns the form of a stored item with its values;
// false when the analysis has no such item.
func sroiItemValues(l *locale.Localizer, a store.SROIAnalysis, part store.SROIPart, id string) (form, bool) {
	f := newForm()
	v := f.Values
	switch part {
	case store.SROIStakeholders:
		for _, x := range a.Stakeholders {
			if x.ID == id {
				v["name"], v["domain"], v["description"] = x.Name, string(x.Domain), x.Description
				return f, true
			}
		}
	case store.SROIInputs:
		for _, x := range a.Inputs {
			if x.ID == id {
				v["kind"], v["description"], v["stakeholder_id"], v["source"] = string(x.Kind), x.Description, x.StakeholderID, x.Source
				if x.Kind == sroi.InputTime {
					v["hours"] = sroiHoursValue(l, x.Minutes)
				} else {
					v["amount"] = euroValue(x.Amount)
				}
				return f, true
			}
		}
	case store.SROIOutputs:
		for _, x := range a.Outputs {
			if x.ID == id {
				v["description"], v["stakeholder_id"], v["quantity"], v["unit"] = x.Description, x.StakeholderID, strconv.FormatInt(x.Quantity, 10), x.Unit
				return f, true
			}
		}
	case store.SROIOutcomes:
		for _, x := range a.Outcomes {
			if x.ID == id {
				outcomeValues(f, x)
				return f, true
			}
		}
	}
	return f, false
}
