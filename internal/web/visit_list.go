package web

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/signaal"
)

// visitListPage lists the wijk's house visits, without names or notes.
type visitListPage struct {
	Page
	Sub    subNav
	Visits []visitRow
}

type visitRow struct {
	ID          string
	VisitedOn   time.Time
	Buurt       string
	Problems    string
	HasResident bool
	WantsToHelp bool
	RecordedBy  string
}

func (h *Handler) visits(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	_, buurten, err := h.buurtNames(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	list, err := h.store.Visits(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	users := map[string]string{}
	p := visitListPage{Page: h.page(r, rc, l.T("visits.list.title")), Sub: signalSubNav(r, rc)}
	for _, v := range list {
		var probs []string
		for _, pr := range v.Problems {
			probs = append(probs, themeLabel(l, themes, pr.Theme))
		}
		p.Visits = append(p.Visits, visitRow{ID: v.ID, VisitedOn: v.VisitedOn, Buurt: buurten[v.BuurtID], Problems: strings.Join(probs, ", "),
			HasResident: v.PersonID != "", WantsToHelp: v.WantsToHelp, RecordedBy: h.cachedUserName(r, rc, users, v.RecordedBy)})
	}
	h.render(w, r, rc, "visit_list.html", p)
}

// cachedUserName is the display name of a user, looked up once per page.
func (h *Handler) cachedUserName(r *http.Request, rc *request, cache map[string]string, id string) string {
	if n, ok := cache[id]; ok {
		return n
	}
	n := rc.L.T("signals.someone")
	if u, err := h.store.User(ctx(r), id); err == nil && u.ErasedAt.IsZero() {
		n = u.DisplayName
	}
	cache[id] = n
	return n
}

// visitPage is one house visit. The free text, the address and the
// resident's name are shown only on request, to those with PermViewNotes,
// and each time that is written to the audit log.
type visitPage struct {
	Page
	Sub         subNav
	Visit       visitRow
	ConsentHow  string
	ConsentBy   string
	Scores      []visitScore
	Problems    []visitProblem
	Initiative  string
	CanNotes    bool
	ShowPrivate bool
	Private     *visitPrivate
	NotesErased bool
}

type visitScore struct {
	Aspect string
	Score  string
}

type visitProblem struct {
	Theme, Title, Urgency string
	Href                  string
}

type visitPrivate struct {
	Resident, Address string
	Ideas, HelpWith   string
	Note              string
	Erased            bool
}

func (h *Handler) visitDetail(w http.ResponseWriter, r *http.Request, rc *request) {
	l := rc.L
	wid := rc.Wijk.ID
	v, err := h.store.Visit(ctx(r), r.PathValue("id"))
	if err == nil && v.WijkID != wid {
		err = wei.ErrNotFound
	}
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	themes, err := h.store.Themes(ctx(r), wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	_, buurten, err := h.buurtNames(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	users := map[string]string{}
	p := visitPage{Page: h.page(r, rc, l.T("visits.detail.title", l.Date(v.VisitedOn))), Sub: signalSubNav(r, rc),
		Visit:      visitRow{ID: v.ID, VisitedOn: v.VisitedOn, Buurt: buurten[v.BuurtID], HasResident: v.PersonID != "", WantsToHelp: v.WantsToHelp, RecordedBy: h.cachedUserName(r, rc, users, v.RecordedBy)},
		ConsentHow: l.T("visits.consent." + v.ConsentHow), ConsentBy: h.cachedUserName(r, rc, users, v.ConsentBy),
		CanNotes: rc.Actor.Can(account.PermViewNotes, wid), NotesErased: !v.NotesErasedAt.IsZero()}
	for _, a := range signaal.Aspects {
		if n, ok := v.Scores[a]; ok {
			p.Scores = append(p.Scores, visitScore{Aspect: l.T("visits.aspect." + a), Score: l.T("visits.score." + strconv.Itoa(n))})
		}
	}
	if len(v.Problems) > 0 {
		// Link each problem to its signal for those who may see signals.
		canSee := rc.Actor.Can(account.PermViewSignals, wid)
		byTheme := map[string]string{}
		if canSee {
			all, err := h.store.Signals(ctx(r), wid, store.SignalFilter{BuurtID: v.BuurtID})
			if err != nil {
				h.serverError(w, r, rc, err)
				return
			}
			for _, sg := range all {
				if sg.VisitID == v.ID {
					byTheme[sg.Theme] = signalsBase(rc) + "/" + sg.ID
				}
			}
		}
		for _, pr := range v.Problems {
			p.Problems = append(p.Problems, visitProblem{Theme: themeLabel(l, themes, pr.Theme), Title: pr.Title,
				Urgency: l.T("signals.urgency." + pr.Urgency), Href: byTheme[pr.Theme]})
		}
	}
	if v.InitiativeID != "" {
		if o, err := h.store.Organisation(ctx(r), v.InitiativeID); err == nil {
			p.Initiative = o.Name
		}
	}
	if p.CanNotes && r.URL.Query().Get("prive") == "1" {
		priv, err := h.store.VisitPrivate(ctx(r), v.ID, privacy.AuditEntry{ActorID: rc.Actor.User.ID, RequestID: rc.RequestID})
		if err != nil {
			h.serverError(w, r, rc, err)
			return
		}
		vp := &visitPrivate{Ideas: priv.Ideas, HelpWith: priv.HelpWith, Note: priv.Note, Erased: !priv.PersonalErasedAt.IsZero()}
		if priv.Postcode != "" {
			vp.Address = priv.Postcode + " " + strconv.Itoa(priv.HouseNumber)
		}
		if priv.PersonID != "" {
			if pe, err := h.store.Person(ctx(r), priv.PersonID); err == nil && !pe.Erased() {
				vp.Resident = pe.DisplayName
			}
		}
		p.ShowPrivate, p.Private = true, vp
	}
	h.render(w, r, rc, "visit_detail.html", p)
}
