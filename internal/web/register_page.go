package web

import (
	"net/http"
	"slices"
	"strings"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/signaal"
)

// registerPage is the who-does-what register (sociale kaart): which
// organisation works on which theme in which buurt, with a contact person,
// and for the process manager and the chair the overlaps: organisations
// on the same problem that have not met yet.
type registerPage struct {
	Page
	Sub         subNav
	Themes      []registerTheme
	Empty       bool
	CanEdit     bool
	ShowOverlap bool
	Overlaps    []overlapRow
	OverlegHref string
	Summary     *ErrorSummary
	Org         Field
	Theme       Field
	Buurt       Field
	ContactName Field
	ContactRole Field
	Phone       Field
	Email       Field
}

type registerTheme struct {
	Theme   string
	Entries []registerRow
}

type registerRow struct {
	ID, OrgID, Org, Buurt string
	ContactName           string
	ContactRole           string
	Phone, Email          string
}

type overlapRow struct {
	Theme, Buurt string
	Orgs         string
	Text         string
}

var registerFormOrder = []string{"organisation_id", "theme", "buurt_id", "contact_name", "contact_role", "contact_phone", "contact_email"}

func (h *Handler) register(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderRegister(w, r, rc, http.StatusOK, newForm())
}

func (h *Handler) renderRegister(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	l := rc.L
	wid := rc.Wijk.ID
	themes, err := h.store.Themes(ctx(r), wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	bs, buurten, err := h.buurtNames(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	orgs, err := h.store.Organisations(ctx(r), wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	orgNames := map[string]string{}
	for _, o := range orgs {
		orgNames[o.ID] = o.Name
	}
	entries, err := h.store.RegisterEntries(ctx(r), wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	wholeWijk := l.T("register.whole_wijk")
	buurtName := func(id string) string {
		if id == "" {
			return wholeWijk
		}
		return buurten[id]
	}
	p := registerPage{Page: h.page(r, rc, l.T("register.title")), Sub: signalSubNav(r, rc), Empty: len(entries) == 0,
		CanEdit:     rc.Actor.Can(account.PermEditSignals, wid),
		ShowOverlap: rc.Actor.Can(account.PermEditSignals, wid) || rc.Actor.Can(account.PermChair, wid),
		OverlegHref: "/w/" + rc.Wijk.Slug + "/overleg"}
	for _, e := range entries {
		label := themeLabel(l, themes, e.Theme)
		if n := len(p.Themes); n == 0 || p.Themes[n-1].Theme != label {
			p.Themes = append(p.Themes, registerTheme{Theme: label})
		}
		t := &p.Themes[len(p.Themes)-1]
		t.Entries = append(t.Entries, registerRow{ID: e.ID, OrgID: e.OrganisationID, Org: orgNames[e.OrganisationID], Buurt: buurtName(e.BuurtID),
			ContactName: e.ContactName, ContactRole: e.ContactRole, Phone: e.ContactPhone, Email: e.ContactEmail})
	}
	if p.ShowOverlap {
		overlaps, err := h.store.Overlaps(ctx(r), wid)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		for _, o := range overlaps {
			var names []string
			for _, id := range o.OrganisationIDs {
				names = append(names, orgNames[id])
			}
			slices.Sort(names)
			orgList := joinAnd(l, names)
			theme := themeLabel(l, themes, o.Theme)
			p.Overlaps = append(p.Overlaps, overlapRow{Theme: theme, Buurt: buurtName(o.BuurtID), Orgs: orgList,
				Text: l.T("register.overlap.suggestion", orgList, strings.ToLower(theme), buurtName(o.BuurtID))})
		}
	}
	if p.CanEdit {
		orgOpts := []Option{{Value: "", Label: l.T("common.choose"), Selected: f.Values["organisation_id"] == ""}}
		for _, o := range orgs {
			orgOpts = append(orgOpts, Option{Value: o.ID, Label: o.Name, Selected: o.ID == f.Values["organisation_id"]})
		}
		p.Org = f.Select(l, "organisation_id", "register.field.organisation", true, orgOpts)
		p.Theme = f.Select(l, "theme", "signals.field.theme", true, themeOptions(l, themes, f.Values["theme"], l.T("common.choose")))
		p.Buurt = f.Select(l, "buurt_id", "register.field.buurt", true, buurtOptions(bs, f.Values["buurt_id"], Option{Value: "", Label: wholeWijk}))
		p.ContactName = f.Field(l, "contact_name", "register.field.contact_name", "text", "off", false)
		p.ContactRole = f.Field(l, "contact_role", "register.field.contact_role", "text", "off", false)
		p.Phone = f.Field(l, "contact_phone", "register.field.phone", "tel", "off", false)
		p.Email = f.Field(l, "contact_email", "register.field.email", "email", "off", false)
		p.Summary = f.Summary(l, registerFormOrder...)
	}
	h.renderStatus(w, r, rc, status, "register.html", p)
}

// joinAnd joins names as "A, B en C".
func joinAnd(l interface{ T(string, ...any) string }, names []string) string {
	switch len(names) {
	case 0:
		return ""
	case 1:
		return names[0]
	}
	return strings.Join(names[:len(names)-1], ", ") + " " + l.T("register.and") + " " + names[len(names)-1]
}

// registerAdd adds a line to the register.
func (h *Handler) registerAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, registerFormOrder...)
	e := signaal.RegisterEntry{WijkID: rc.Wijk.ID, OrganisationID: f.Values["organisation_id"], Theme: f.Values["theme"], BuurtID: f.Values["buurt_id"],
		ContactName: f.Values["contact_name"], ContactRole: f.Values["contact_role"], ContactPhone: f.Values["contact_phone"],
		ContactEmail: f.Values["contact_email"], CreatedBy: rc.Actor.User.ID}
	if err := h.store.AddRegisterEntry(ctx(r), &e); err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderRegister(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "register.flash.added")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/wie-doet-wat", http.StatusSeeOther)
}

// registerDelete removes a line from the register.
func (h *Handler) registerDelete(w http.ResponseWriter, r *http.Request, rc *request) {
	if err := h.store.DeleteRegisterEntry(ctx(r), rc.Wijk.ID, r.PathValue("id"), rc.Actor.User.ID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.flash(w, "register.flash.deleted")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/wie-doet-wat", http.StatusSeeOther)
}
