package web

import (
	"net/http"
	"strconv"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/sroi"
)

// The wijk's library of financial proxies and its defaults for new
// analyses. Anyone may read the library (every value with its source);
// the process manager adds and changes entries. The first visit gives the
// wijk the default library of the sroi package.

type sroiProxiesPage struct {
	Page
	Rows     []sroiProxyListRow
	Summary  *ErrorSummary
	Form     *sroiProxyForm
	Settings *sroiSettingsForm
	Back     string
}

type sroiProxyListRow struct {
	ID, Name, Value, Unit, Year, Source, URL, Note, EditURL string
}

type sroiProxyForm struct {
	Action, ID, Heading                  string
	Name, Value, Unit, Year, Source, URL Field
	Note                                 Field
	Cancel                               string
}

type sroiSettingsForm struct {
	Action                   string
	HourlyRate, DiscountRate Field
}

func (h *Handler) sroiProxies(w http.ResponseWriter, r *http.Request, rc *request) {
	if err := h.store.EnsureSROILibrary(ctx(r), rc.Wijk.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	f := newForm()
	if id := r.URL.Query().Get("bewerk"); id != "" && sroiCanEditWijk(rc) {
		p, err := h.store.SROIProxy(ctx(r), rc.Wijk.ID, id)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		v := f.Values
		v["id"], v["name"], v["value"], v["unit"], v["year"] = p.ID, p.Name, euroValue(p.Value), p.Unit, strconv.Itoa(p.Year)
		v["source"], v["url"], v["note"] = p.Source, p.URL, p.Note
	}
	h.renderSROIProxies(w, r, rc, http.StatusOK, "", f)
}

// renderSROIProxies shows the library; sent names the form that came back
// with errors ("proxy" or "settings").
func (h *Handler) renderSROIProxies(w http.ResponseWriter, r *http.Request, rc *request, status int, sent string, f form) {
	l := rc.L
	list, err := h.store.SROIProxies(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	base := sroiBase(rc) + "/proxies"
	p := sroiProxiesPage{Page: h.page(r, rc, l.T("sroi.proxies.title")), Back: sroiBase(rc)}
	edit := sroiCanEditWijk(rc)
	for _, x := range list {
		row := sroiProxyListRow{ID: x.ID, Name: x.Name, Value: euro(l, x.Value), Unit: x.Unit, Year: strconv.Itoa(x.Year), Source: x.Source, URL: x.URL, Note: x.Note}
		if edit {
			row.EditURL = base + "?bewerk=" + x.ID + "#proxy-form"
		}
		p.Rows = append(p.Rows, row)
	}
	if edit {
		pf := f
		if sent == "settings" {
			pf = newForm()
		}
		heading := l.T("sroi.proxies.add")
		if pf.Values["id"] != "" {
			heading = l.T("sroi.proxies.edit", pf.Values["name"])
		}
		fm := &sroiProxyForm{Action: base, ID: pf.Values["id"], Heading: heading, Cancel: base,
			Name: pf.Field(l, "name", "sroi.field.proxy_name", "text", "off", true), Value: pf.Field(l, "value", "sroi.field.proxy_value", "text", "off", true),
			Unit: pf.Field(l, "unit", "sroi.field.proxy_unit", "text", "off", true), Year: pf.Field(l, "year", "sroi.field.proxy_year", "text", "off", true),
			Source: pf.Field(l, "source", "sroi.field.proxy_source", "textarea", "off", true), URL: pf.Field(l, "url", "sroi.field.proxy_url", "url", "off", false),
			Note: pf.Field(l, "note", "sroi.field.proxy_note", "textarea", "off", false)}
		fm.Value.Inputmode, fm.Year.Inputmode = "decimal", "numeric"
		p.Form = fm
		sf := f
		if sent != "settings" {
			sf = newForm()
			st, err := h.store.SROISettings(ctx(r), rc.Wijk.ID)
			if err != nil {
				h.serverError(w, r, rc, err)
				return
			}
			sf.Values["hourly_rate"], sf.Values["discount_rate"] = euroValue(st.HourlyRate), percentValue(int(st.DiscountRate))
		}
		p.Settings = &sroiSettingsForm{Action: sroiBase(rc) + "/instellingen",
			HourlyRate:   sf.Field(l, "hourly_rate", "sroi.field.default_hourly_rate", "text", "off", true),
			DiscountRate: sf.Field(l, "discount_rate", "sroi.field.default_discount_rate", "text", "off", true)}
		p.Settings.HourlyRate.Inputmode, p.Settings.DiscountRate.Inputmode = "decimal", "decimal"
		switch sent {
		case "proxy":
			p.Summary = NewErrorSummary(l, fm.Name, fm.Value, fm.Unit, fm.Year, fm.Source, fm.URL, fm.Note)
		case "settings":
			p.Summary = NewErrorSummary(l, p.Settings.HourlyRate, p.Settings.DiscountRate)
		}
		addFormError(l, &p.Summary, f)
	}
	h.renderStatus(w, r, rc, status, "sroi_proxies", p)
}

// sroiProxySave adds a proxy to the library or changes one (the hidden id).
func (h *Handler) sroiProxySave(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "id", "name", "value", "unit", "year", "source", "url", "note")
	l := rc.L
	p := sroi.Proxy{ID: f.Values["id"], Name: f.Values["name"], Unit: f.Values["unit"], Source: f.Values["source"], URL: f.Values["url"], Note: f.Values["note"]}
	cents, key := parseEuro(f.Values["value"])
	if key != "" {
		f.Errors["value"] = l.T(key)
	}
	p.Value = cents
	year, key := parseCount(f.Values["year"])
	if key != "" {
		f.Errors["year"] = l.T(key)
	}
	p.Year = int(min(max(year, -1), 1<<30))
	if f.HasErrors() {
		chk := p
		if chk.Value <= 0 {
			chk.Value = 1 // its message is there already
		}
		if verr := chk.Validate(); verr != nil {
			sroiSetErr(rc, f, verr)
		}
	} else if err := h.store.SaveSROIProxy(ctx(r), rc.Wijk.ID, &p, rc.Actor.User.ID); err != nil && !sroiSetErr(rc, f, err) {
		h.serverError(w, r, rc, err)
		return
	}
	if f.HasErrors() {
		h.renderSROIProxies(w, r, rc, http.StatusBadRequest, "proxy", f)
		return
	}
	h.flash(w, "sroi.flash.proxy_saved")
	http.Redirect(w, r, sroiBase(rc)+"/proxies", http.StatusSeeOther)
}

// sroiDefaultsSave stores the wijk's defaults for new analyses.
func (h *Handler) sroiDefaultsSave(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "hourly_rate", "discount_rate")
	st := store.SROISettings{WijkID: rc.Wijk.ID, UpdatedBy: rc.Actor.User.ID}
	if v := f.Values["hourly_rate"]; v == "" {
		f.Errors["hourly_rate"] = rc.L.T("error.required")
	} else if cents, key := parseEuro(v); key != "" {
		f.Errors["hourly_rate"] = rc.L.T(key)
	} else {
		st.HourlyRate = cents
	}
	if bp, ok := sroi.ParseBasisPoints(f.Values["discount_rate"]); ok {
		st.DiscountRate = bp
	} else {
		f.Errors["discount_rate"] = rc.L.T("sroi.error.percentage_format")
	}
	if !f.HasErrors() {
		if err := h.store.SaveSROISettings(ctx(r), &st); err != nil && !sroiSetErr(rc, f, err) {
			h.serverError(w, r, rc, err)
			return
		}
	}
	if f.HasErrors() {
		h.renderSROIProxies(w, r, rc, http.StatusBadRequest, "settings", f)
		return
	}
	h.flash(w, "sroi.flash.saved")
	http.Redirect(w, r, sroiBase(rc)+"/proxies", http.StatusSeeOther)
}
