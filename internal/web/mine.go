package web

import (
	"encoding/json"
	"net/http"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// mine is "mijn wijk": my resident records, my initiatives and roles, and
// the way to my data.
func (h *Handler) mine(w http.ResponseWriter, r *http.Request, rc *request) {
	u := rc.Actor.User
	people, err := h.store.PeopleOfUser(ctx(r), u.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := minePage{Page: h.page(r, rc, rc.L.T("mine.title"))}
	wijken := map[string]wijk.Wijk{}
	wijkOf := func(id string) wijk.Wijk {
		if wk, ok := wijken[id]; ok {
			return wk
		}
		wk, _ := h.store.Wijk(ctx(r), id)
		wijken[id] = wk
		return wk
	}
	for _, pr := range people {
		wk := wijkOf(pr.WijkID)
		p.People = append(p.People, personWithWijk{Person: pr, WijkName: wk.Name, WijkSlug: wk.Slug})
		ms, err := h.store.MembershipsOfPerson(ctx(r), pr.ID)
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		p.Memberships = append(p.Memberships, ms...)
	}
	for _, g := range rc.Actor.Grants {
		wk := wijkOf(g.WijkID)
		line := roleLine{WijkName: wk.Name, WijkSlug: wk.Slug, Role: rc.L.T("role." + string(g.Role))}
		if g.OrganisationID != "" {
			if o, err := h.store.Organisation(ctx(r), g.OrganisationID); err == nil {
				line.Organisation = o.Name
			}
		}
		p.Roles = append(p.Roles, line)
	}
	pp, err := h.mineProces(r, rc, p.People)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "mine.html", minePageProces{minePage: p, Proces: pp})
}

// mineExport downloads everything WEI holds about the user (AVG art. 15 and 20).
func (h *Handler) mineExport(w http.ResponseWriter, r *http.Request, rc *request) {
	x, err := h.store.ExportUser(ctx(r), rc.Actor.User.ID, rc.RequestID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	b, err := json.MarshalIndent(x, "", "  ")
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="wei-mijn-gegevens.json"`)
	w.Header().Set("Cache-Control", "no-store")
	w.Write(b)
}

func (h *Handler) eraseForm(w http.ResponseWriter, r *http.Request, rc *request) {
	h.render(w, r, rc, "erase.html", erasePage{Page: h.page(r, rc, rc.L.T("erase.title")), Form: newForm()})
}

// eraseSubmit erases the user's personal data (AVG art. 17) after an
// explicit confirmation, then signs out.
func (h *Handler) eraseSubmit(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "confirm")
	if f.Values["confirm"] != "yes" {
		f.Errors["confirm"] = rc.L.T("error.erase_confirm")
		h.renderStatus(w, r, rc, http.StatusBadRequest, "erase.html", erasePage{Page: h.page(r, rc, rc.L.T("erase.title")), Form: f})
		return
	}
	u := rc.Actor.User
	if err := h.store.EraseUser(ctx(r), u.ID, u.ID, rc.RequestID); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.clearCookie(w, sessionCookie)
	h.flash(w, "flash.erased")
	http.Redirect(w, r, "/", http.StatusSeeOther)
}

func (h *Handler) tokens(w http.ResponseWriter, r *http.Request, rc *request) {
	h.renderTokens(w, r, rc, http.StatusOK, newForm(), "")
}

func (h *Handler) renderTokens(w http.ResponseWriter, r *http.Request, rc *request, status int, f form, newToken string) {
	toks, err := h.store.APITokens(ctx(r), rc.Actor.User.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderStatus(w, r, rc, status, "tokens.html", tokensPage{Page: h.page(r, rc, rc.L.T("tokens.title")), Tokens: toks, NewToken: newToken, Form: f})
}

func (h *Handler) tokenCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "name")
	plain, _, err := h.store.CreateAPIToken(ctx(r), rc.Actor.User.ID, f.Values["name"])
	if err != nil {
		if !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderTokens(w, r, rc, http.StatusBadRequest, f, "")
		return
	}
	h.renderTokens(w, r, rc, http.StatusOK, newForm(), plain)
}

func (h *Handler) tokenRevoke(w http.ResponseWriter, r *http.Request, rc *request) {
	err := h.store.RevokeAPIToken(ctx(r), rc.Actor.User.ID, r.PathValue("id"))
	if err != nil && wei.ErrorCode(err) != wei.ENOTFOUND {
		h.serverError(w, r, rc, err)
		return
	} else if err != nil {
		h.notFound(w, r, rc)
		return
	}
	h.flash(w, "flash.token_revoked")
	http.Redirect(w, r, "/mijn/tokens", http.StatusSeeOther)
}

var _ = store.APITokenPrefix
