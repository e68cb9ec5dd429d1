package web

import (
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// personProces is what a person did in the WEI-proces: their steps in and
// out of initiatives, what they learned and what they contributed. It is
// the data of the "proces_person" partial, on the person page and on
// Mijn wijk.
type personProces struct {
	L        *locale.Localizer
	WijkSlug string
	IDPrefix string // makes the ids of the sections unique on the page
	Sub      bool   // headings one level lower (h3 instead of h2)
	Links    bool   // link initiatives to their pages

	Events      []personEventLine
	Sessions    []sessionLine
	Skills      []string
	Reflections []personReflectionLine
	Roles       []initiativeRoles
}

type personEventLine struct {
	On             time.Time
	Kind           string
	InitiativeID   string
	InitiativeName string
	Phase          string
	Role           string
	Reason         string
}

type personReflectionLine struct {
	On             time.Time
	InitiativeID   string
	InitiativeName string
	Learned        string
	NextAction     string
}

type initiativeRoles struct {
	ID, Name string
	Roles    string
	Active   bool
}

// personProces loads what person p did in the WEI-proces of wijk wk.
func (h *Handler) personProces(r *http.Request, l *locale.Localizer, wk wijk.Wijk, p wijk.Person, sub bool) (personProces, error) {
	c := ctx(r)
	pp := personProces{L: l, WijkSlug: wk.Slug, IDPrefix: "pp-" + p.ID, Sub: sub, Links: true}
	names, err := h.orgNames(r, wk.ID)
	if err != nil {
		return pp, err
	}
	evs, err := h.store.PeopleEventsOfPerson(c, p.ID)
	if err != nil {
		return pp, err
	}
	for _, e := range evs {
		pp.Events = append(pp.Events, personEventLine{On: e.On, Kind: l.T("flow." + string(e.Kind)), InitiativeID: e.InitiativeID,
			InitiativeName: names[e.InitiativeID], Phase: phaseName(l, e.Phase), Role: l.T("member." + string(e.Role)), Reason: e.Reason})
	}
	ss, err := h.store.SessionsOfPerson(c, p.ID)
	if err != nil {
		return pp, err
	}
	pp.Sessions = sessionLines(l, ss, names)
	seen := map[string]bool{}
	for _, s := range ss {
		for _, sk := range s.Skills {
			if k := strings.ToLower(strings.TrimSpace(sk)); k != "" && !seen[k] {
				seen[k] = true
				pp.Skills = append(pp.Skills, strings.TrimSpace(sk))
			}
		}
	}
	slices.SortFunc(pp.Skills, func(a, b string) int { return strings.Compare(strings.ToLower(a), strings.ToLower(b)) })
	refl, err := h.store.ReflectionsOfPerson(c, p.ID)
	if err != nil {
		return pp, err
	}
	for _, rf := range refl {
		pp.Reflections = append(pp.Reflections, personReflectionLine{On: rf.On, InitiativeID: rf.InitiativeID, InitiativeName: names[rf.InitiativeID],
			Learned: rf.Learned, NextAction: rf.NextAction})
	}
	ms, err := h.store.MembershipsOfPerson(c, p.ID)
	if err != nil {
		return pp, err
	}
	pp.Roles = rolesByInitiative(l, ms)
	return pp, nil
}

// rolesByInitiative groups a person's memberships of initiatives: one line
// per initiative with the roles they had, active ones first.
func rolesByInitiative(l *locale.Localizer, ms []store.MembershipView) []initiativeRoles {
	var out []initiativeRoles
	index := map[string]int{}
	roles := map[string][]string{}
	for _, m := range ms {
		if !m.OrganisationForm.IsInitiative() {
			continue
		}
		i, ok := index[m.OrganisationID]
		if !ok {
			i = len(out)
			index[m.OrganisationID] = i
			out = append(out, initiativeRoles{ID: m.OrganisationID, Name: m.OrganisationName})
		}
		role := l.T("member." + string(m.Role))
		if !slices.Contains(roles[m.OrganisationID], role) {
			roles[m.OrganisationID] = append(roles[m.OrganisationID], role)
		}
		out[i].Active = out[i].Active || m.Active()
	}
	for i := range out {
		out[i].Roles = strings.Join(roles[out[i].ID], ", ")
	}
	slices.SortStableFunc(out, func(a, b initiativeRoles) int {
		if a.Active == b.Active {
			return 0
		}
		if a.Active {
			return -1
		}
		return 1
	})
	return out
}

// personPageProces is the person page with what the person did in the
// WEI-proces.
type personPageProces struct {
	personPage
	Proces personProces
}

// minePageProces is Mijn wijk with, per resident record, what the user did
// in the WEI-proces.
type minePageProces struct {
	minePage
	Proces []mineProces
}

type mineProces struct {
	WijkName string
	personProces
}

// mineProces loads the WEI-proces part of Mijn wijk: one per resident
// record that is not erased.
func (h *Handler) mineProces(r *http.Request, rc *request, people []personWithWijk) ([]mineProces, error) {
	var out []mineProces
	for _, pr := range people {
		if pr.Erased() || pr.WijkSlug == "" {
			continue
		}
		pp, err := h.personProces(r, rc.L, wijk.Wijk{ID: pr.WijkID, Slug: pr.WijkSlug}, pr.Person, true)
		if err != nil {
			return nil, err
		}
		out = append(out, mineProces{WijkName: pr.WijkName, personProces: pp})
	}
	return out, nil
}
