package web

import (
	"net/http"
	"strings"

	"github.com/wei-platform/wei/proces"
)

// learningPage lists the trainings and coaching sessions of the wijk, with
// a form to add one.
type learningPage struct {
	Page
	Sessions       []sessionLine
	Summary        *ErrorSummary
	Kind, Subject  Field
	On, Initiative Field
	Skills         Field
	People         []checkOption
	AttendeesError string
}

func (h *Handler) learning(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm()
	f.Values["on"] = dayValue(today())
	h.renderLearning(w, r, rc, http.StatusOK, f, nil)
}

func (h *Handler) renderLearning(w http.ResponseWriter, r *http.Request, rc *request, status int, f form, attendees []string) {
	c, l, wid := ctx(r), rc.L, rc.Wijk.ID
	ss, err := h.store.Sessions(c, wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	ins, err := h.store.Initiatives(c, wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	people, err := h.store.People(c, wid)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	names := map[string]string{}
	iopts := []Option{{Value: "", Label: l.T("learning.session.initiative.none")}}
	for _, in := range ins {
		names[in.ID] = in.Name
		iopts = append(iopts, Option{Value: in.ID, Label: in.Name, Selected: f.Values["initiative_id"] == in.ID})
	}
	var kopts []Option
	for _, k := range []proces.SessionKind{proces.Training, proces.Coaching} {
		kopts = append(kopts, Option{Value: string(k), Label: l.T("learning.kind." + string(k)), Selected: f.Values["kind"] == string(k)})
	}
	p := learningPage{Page: h.page(r, rc, l.T("learning.title")), Sessions: sessionLines(l, ss, names),
		Kind:           f.Select(l, "kind", "learning.session.kind", true, kopts),
		Subject:        f.Field(l, "title", "learning.session.title", "text", "off", true),
		On:             f.Field(l, "on", "learning.session.on", "date", "off", true),
		Initiative:     f.Select(l, "initiative_id", "learning.session.initiative", false, iopts),
		Skills:         f.Field(l, "skills", "learning.session.skills", "textarea", "off", false),
		AttendeesError: f.Errors["participants"]}
	ticked := map[string]bool{}
	for _, id := range attendees {
		ticked[id] = true
	}
	for _, pr := range people {
		p.People = append(p.People, checkOption{ID: "att-" + pr.ID, Value: pr.ID, Label: pr.DisplayName, Checked: ticked[pr.ID]})
	}
	anchors := map[string]string{}
	if len(p.People) > 0 {
		anchors["participants"] = p.People[0].ID
	}
	p.Summary = summaryOf(l, f, anchors, p.Kind, p.Subject, p.On, p.Initiative, p.Skills)
	if err := h.auditRead(r, rc, "people_list", wid); err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	h.renderStatus(w, r, rc, status, "proces_learning.html", p)
}

// sessionAdd records a training or coaching session with who attended and
// the skills it adds.
func (h *Handler) sessionAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, "kind", "title", "on", "initiative_id", "skills")
	attendees := r.PostForm["attendees"]
	s := proces.Session{WijkID: rc.Wijk.ID, InitiativeID: f.Values["initiative_id"], Kind: proces.SessionKind(f.Values["kind"]),
		Title: f.Values["title"], Skills: strings.Split(f.Values["skills"], "\n"), Attendees: attendees, ByUserID: rc.Actor.User.ID}
	if v := f.Values["on"]; v != "" {
		d, ok := parseDay(v)
		if !ok {
			f.Errors["on"] = rc.L.T("error.date")
		}
		s.On = d
	}
	if len(f.Values["skills"]) > 4000 {
		f.Errors["skills"] = rc.L.T("error.too_long")
	}
	if !f.HasErrors() {
		if err := h.store.AddSession(ctx(r), &s); err != nil && !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
	}
	if f.HasErrors() {
		h.renderLearning(w, r, rc, http.StatusBadRequest, f, attendees)
		return
	}
	h.flash(w, "learning.flash.session")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/leren", http.StatusSeeOther)
}
