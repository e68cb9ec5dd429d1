package web

import (
	"net/http"
	"sort"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/wijk"
)

func (h *Handler) home(w http.ResponseWriter, r *http.Request, rc *request) {
	ws, err := h.store.Wijken(ctx(r))
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "home.html", homePage{Page: h.page(r, rc, rc.L.T("home.title")), Wijken: ws})
}

// groupByForm groups organisations by form (initiatives) or domain
// (partners), in the order of the WEI-model, leaving out empty groups.
func groupOrgs(rc *request, orgs []wijk.Organisation) (initiatives, partners []orgGroup, coops []wijk.Organisation) {
	byForm := map[wijk.Form][]wijk.Organisation{}
	byDomain := map[wijk.Domain][]wijk.Organisation{}
	for _, o := range orgs {
		switch {
		case o.Form == wijk.FormPartner:
			byDomain[o.Domain] = append(byDomain[o.Domain], o)
		case o.Form == wijk.FormWijkcooperatie:
			coops = append(coops, o)
		default:
			byForm[o.Form] = append(byForm[o.Form], o)
		}
	}
	for _, f := range wijk.Forms {
		if len(byForm[f]) > 0 {
			initiatives = append(initiatives, orgGroup{Key: string(f), Label: rc.L.T("form." + string(f)), Orgs: byForm[f]})
		}
	}
	for _, d := range wijk.Domains {
		if len(byDomain[d]) > 0 {
			partners = append(partners, orgGroup{Key: string(d), Label: rc.L.T("domain." + string(d)), Orgs: byDomain[d]})
		}
	}
	return initiatives, partners, coops
}

// wijkHome shows what is going on in a wijk: counts, initiatives by form,
// partners by domain, the newest organisations and the buurten.
func (h *Handler) wijkHome(w http.ResponseWriter, r *http.Request, rc *request) {
	wk := *rc.Wijk
	orgs, err := h.store.Organisations(ctx(r), wk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	buurten, err := h.store.Buurten(ctx(r), wk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	n, err := h.store.CountPeople(ctx(r), wk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := wijkHomePage{Page: h.page(r, rc, wk.Name), Wijk: wk, Buurten: buurten, People: n, CanEditOrgs: rc.Actor.Can(account.PermEditOrganisations, wk.ID)}
	p.Initiatives, p.Partners, p.Cooperaties = groupOrgs(rc, orgs)
	for _, g := range p.Initiatives {
		p.InitiativeNum += len(g.Orgs)
	}
	for _, g := range p.Partners {
		p.PartnerNum += len(g.Orgs)
	}
	recent := append([]wijk.Organisation(nil), orgs...)
	sort.Slice(recent, func(i, j int) bool { return recent[i].CreatedAt.After(recent[j].CreatedAt) })
	if len(recent) > 5 {
		recent = recent[:5]
	}
	p.Recent = recent
	h.render(w, r, rc, "wijk.html", p)
}

func (h *Handler) buurten(w http.ResponseWriter, r *http.Request, rc *request) {
	bs, err := h.store.Buurten(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.render(w, r, rc, "buurten.html", buurtenPage{Page: h.page(r, rc, rc.L.T("buurten.title")), Wijk: *rc.Wijk, Buurten: bs})
}
