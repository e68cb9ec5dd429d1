package web

import (
	"net/http"
	"strings"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
)

// signalNewPage is the form to report a problem.
type signalNewPage struct {
	Page
	Sub         subNav
	Summary     *ErrorSummary
	OnBehalf    *Field // nil when the user can only report as themselves
	Consent     Field
	ShowConsent bool
	Theme       Field
	Problem     Field
	Urgency     Field
	Postcode    Field
	HouseNumber Field
	Buurt       Field
	Note        Field
	Contact     Field
}

var signalFormOrder = []string{"on_behalf", "consent", "theme", "title", "urgency", "postcode", "house_number", "buurt_id", "note", "reporter_contact"}

const (
	behalfSelf     = "self"
	behalfResident = "resident"
	behalfOrg      = "org:"
)

// partnerOrgs are the organisations the user may report for: those of
// their partner grants in the wijk.
func partnerOrgs(rc *request) []string {
	var out []string
	for _, g := range rc.Actor.Grants {
		if g.WijkID == rc.Wijk.ID && g.Role == account.RolePartner && g.OrganisationID != "" {
			out = append(out, g.OrganisationID)
		}
	}
	return out
}

func (h *Handler) signalNew(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm()
	f.Values["urgency"], f.Values["on_behalf"] = signaal.UrgencyNormal, behalfSelf
	f.Values["theme"] = r.URL.Query().Get("thema")
	h.renderSignalForm(w, r, rc, http.StatusOK, f)
}

func (h *Handler) renderSignalForm(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	l := rc.L
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	bs, _, err := h.buurtNames(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	orgs, err := h.orgNames(r, rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := signalNewPage{Page: h.page(r, rc, l.T("signals.new.title")), Sub: signalSubNav(r, rc), Summary: f.Summary(l, signalFormOrder...),
		Theme:       f.Select(l, "theme", "signals.field.theme", true, themeOptions(l, themes, f.Values["theme"], l.T("common.choose"))),
		Problem:     f.Field(l, "title", "signals.field.title", "text", "off", true),
		Urgency:     f.Select(l, "urgency", "signals.field.urgency", true, keyOptions(l, signaal.Urgencies, "signals.urgency.", f.Values["urgency"])),
		Postcode:    f.Field(l, "postcode", "signals.field.postcode", "text", "postal-code", false),
		HouseNumber: f.Field(l, "house_number", "signals.field.house_number", "text", "off", false),
		Buurt:       f.Select(l, "buurt_id", "signals.field.buurt", false, buurtOptions(bs, f.Values["buurt_id"], Option{Value: "", Label: l.T("signals.field.buurt.unknown")})),
		Note:        f.Field(l, "note", "signals.field.note", "textarea", "off", false),
		Contact:     f.Field(l, "reporter_contact", "signals.field.contact", "text", "off", false),
		Consent:     f.Check(l, "consent", "signals.field.consent"),
	}
	p.HouseNumber.Inputmode = "numeric"
	opts := []Option{{Value: behalfSelf, Label: l.T("signals.behalf.self"), Selected: f.Values["on_behalf"] == behalfSelf}}
	if rc.Actor.Can(account.PermRecordVisit, rc.Wijk.ID) {
		opts = append(opts, Option{Value: behalfResident, Label: l.T("signals.behalf.resident"), Selected: f.Values["on_behalf"] == behalfResident})
		p.ShowConsent = true
	}
	for _, id := range partnerOrgs(rc) {
		opts = append(opts, Option{Value: behalfOrg + id, Label: l.T("signals.behalf.org", orgs[id]), Selected: f.Values["on_behalf"] == behalfOrg+id})
	}
	if len(opts) > 1 {
		fl := f.Select(l, "on_behalf", "signals.field.on_behalf", true, opts)
		p.OnBehalf = &fl
	}
	h.renderStatus(w, r, rc, status, "signal_new.html", p)
}

// signalCreate stores a reported problem: as the user themselves, on a
// resident's behalf (with their consent), or for the user's organisation.
func (h *Handler) signalCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "on_behalf", "consent", "theme", "title", "urgency", "postcode", "house_number", "buurt_id", "note", "reporter_contact")
	l := rc.L
	sg := signaal.Signal{WijkID: rc.Wijk.ID, Theme: f.Values["theme"], Title: f.Values["title"], Urgency: f.Values["urgency"],
		Postcode: f.Values["postcode"], BuurtID: f.Values["buurt_id"], Note: f.Values["note"], ReporterContact: f.Values["reporter_contact"],
		Source: signaal.SourceResident, CreatedBy: rc.Actor.User.ID}
	own := map[string]string{}
	behalf := f.Values["on_behalf"]
	switch {
	case behalf == "" || behalf == behalfSelf:
		sg.ReporterUserID = rc.Actor.User.ID
	case behalf == behalfResident && rc.Actor.Can(account.PermRecordVisit, rc.Wijk.ID):
		if f.Values["consent"] != "yes" {
			own["consent"] = l.T("signals.error.consent_resident")
		}
	case strings.HasPrefix(behalf, behalfOrg):
		org := strings.TrimPrefix(behalf, behalfOrg)
		mine := false
		for _, id := range partnerOrgs(rc) {
			mine = mine || id == org
		}
		if !mine {
			h.renderError(w, r, rc, http.StatusForbidden, "error.forbidden.title", "signals.error.not_your_org")
			return
		}
		sg.Source, sg.OrganisationID = signaal.SourcePartner, org
	default:
		own["on_behalf"] = l.T("error.choice")
	}
	if v := f.Values["house_number"]; v != "" {
		n, key := houseNumber(v)
		if key != "" {
			own["house_number"] = l.T(key)
		}
		sg.HouseNumber = n
	}
	if len(own) > 0 {
		// Check the rest too, so every message shows at once; save nothing.
		check := sg
		check.Normalize()
		themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		if err := check.Validate(themes); err != nil && !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		for k, v := range own {
			f.Errors[k] = v
		}
		h.renderSignalForm(w, r, rc, http.StatusBadRequest, f)
		return
	}
	var audits []privacy.AuditEntry
	if behalf == behalfResident {
		audits = append(audits, privacy.AuditEntry{ActorID: rc.Actor.User.ID, WijkID: rc.Wijk.ID, Action: privacy.ActionCreate, SubjectType: "signal",
			Detail: "reported on behalf of a resident, consent recorded", RequestID: rc.RequestID})
	}
	if err := h.store.CreateSignal(ctx(r), &sg, audits...); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderSignalForm(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "signals.flash.reported")
	switch {
	case rc.Actor.Can(account.PermViewSignals, rc.Wijk.ID):
		http.Redirect(w, r, signalsBase(rc)+"/"+sg.ID, http.StatusSeeOther)
	default:
		http.Redirect(w, r, signalsBase(rc)+"/mijn", http.StatusSeeOther)
	}
}

// houseNumber reads a house number such as "12" or "12a" (the addition is
// not used: the CBS table knows numbers only). It returns a locale key when
// it cannot.
func houseNumber(s string) (int, string) {
	s = strings.TrimSpace(s)
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	n := atoiOr(s[:end], -1)
	if end == 0 || n <= 0 || n > 99999 {
		return 0, "signals.error.house_number"
	}
	return n, ""
}
