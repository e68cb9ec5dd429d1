package web

import (
	"net/http"
	"strconv"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/signaal"
)

// visitProblemSlots is how many problems the intake form asks for.
const visitProblemSlots = 3

// visitNewPage is the intake form of a house visit: one column, large
// controls, usable on a phone.
type visitNewPage struct {
	Page
	Sub         subNav
	Summary     *ErrorSummary
	VisitedOn   Field
	Postcode    Field
	HouseNumber Field
	Buurt       Field
	Name        Field
	Phone       Field
	Email       Field
	ConsentHow  Field
	Scores      []Field
	Problems    []problemSlot
	ProblemsErr string
	Ideas       Field
	WantsToHelp Field
	HelpWith    Field
	Initiative  Field
	Note        Field
}

type problemSlot struct {
	N       int
	Theme   Field
	Title   Field
	Urgency Field
}

var visitFormOrder = []string{"visited_on", "postcode", "house_number", "buurt_id", "resident_display_name", "resident_phone", "resident_email", "consent_how",
	"score_safety", "score_contact", "score_green", "score_housing", "score_facilities", "problems", "ideas", "help_with", "initiative_id", "note"}

func visitFormNames() []string {
	names := []string{"visited_on", "postcode", "house_number", "buurt_id", "resident_display_name", "resident_phone", "resident_email", "consent_how",
		"ideas", "wants_to_help", "help_with", "initiative_id", "note"}
	for _, a := range signaal.Aspects {
		names = append(names, "score_"+a)
	}
	for i := 1; i <= visitProblemSlots; i++ {
		n := strconv.Itoa(i)
		names = append(names, "problem_theme_"+n, "problem_title_"+n, "problem_urgency_"+n)
	}
	return names
}

func (h *Handler) visitNew(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm()
	f.Values["visited_on"] = dayValue(today())
	h.renderVisitForm(w, r, rc, http.StatusOK, f)
}

func (h *Handler) renderVisitForm(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
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
	ins, err := h.store.Initiatives(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := visitNewPage{Page: h.page(r, rc, l.T("visits.new.title")), Sub: signalSubNav(r, rc), Summary: f.Summary(l, visitFormOrder...),
		VisitedOn:   f.Field(l, "visited_on", "visits.field.visited_on", "date", "off", true),
		Postcode:    f.Field(l, "postcode", "signals.field.postcode", "text", "postal-code", false),
		HouseNumber: f.Field(l, "house_number", "signals.field.house_number", "text", "off", false),
		Buurt:       f.Select(l, "buurt_id", "signals.field.buurt", false, buurtOptions(bs, f.Values["buurt_id"], Option{Value: "", Label: l.T("signals.field.buurt.unknown")})),
		Name:        f.Field(l, "resident_display_name", "visits.field.name", "text", "off", false),
		Phone:       f.Field(l, "resident_phone", "visits.field.phone", "tel", "off", false),
		Email:       f.Field(l, "resident_email", "visits.field.email", "email", "off", false),
		ConsentHow: f.Select(l, "consent_how", "visits.field.consent_how", true, append([]Option{{Value: "", Label: l.T("common.choose")}},
			keyOptions(l, signaal.ConsentKinds, "visits.consent.", f.Values["consent_how"])...)),
		Ideas:       f.Field(l, "ideas", "visits.field.ideas", "textarea", "off", false),
		WantsToHelp: f.Check(l, "wants_to_help", "visits.field.wants_to_help"),
		HelpWith:    f.Field(l, "help_with", "visits.field.help_with", "text", "off", false),
		Note:        f.Field(l, "note", "visits.field.note", "textarea", "off", false),
		ProblemsErr: f.Errors["problems"],
	}
	p.HouseNumber.Inputmode = "numeric"
	p.ConsentHow.Options[0].Selected = f.Values["consent_how"] == ""
	for _, a := range signaal.Aspects {
		opts := []Option{{Value: "", Label: l.T("visits.score.none"), Selected: f.Values["score_"+a] == ""}}
		for n := 1; n <= 5; n++ {
			v := strconv.Itoa(n)
			opts = append(opts, Option{Value: v, Label: l.T("visits.score." + v), Selected: f.Values["score_"+a] == v})
		}
		fl := f.Select(l, "score_"+a, "visits.aspect."+a, false, opts)
		p.Scores = append(p.Scores, fl)
	}
	for i := 1; i <= visitProblemSlots; i++ {
		n := strconv.Itoa(i)
		urg := f.Values["problem_urgency_"+n]
		if urg == "" {
			urg = signaal.UrgencyNormal
		}
		slot := problemSlot{N: i,
			Theme:   f.Select(l, "problem_theme_"+n, "visits.field.problem_theme", false, themeOptions(l, themes, f.Values["problem_theme_"+n], l.T("visits.problem.none"))),
			Title:   f.Field(l, "problem_title_"+n, "visits.field.problem_title", "text", "off", false),
			Urgency: f.Select(l, "problem_urgency_"+n, "signals.field.urgency", false, keyOptions(l, signaal.Urgencies, "signals.urgency.", urg)),
		}
		p.Problems = append(p.Problems, slot)
	}
	opts := []Option{{Value: "", Label: l.T("visits.initiative.none"), Selected: f.Values["initiative_id"] == ""}}
	for _, in := range ins {
		if in.Phase != proces.PhaseEnded {
			opts = append(opts, Option{Value: in.ID, Label: in.Name, Selected: in.ID == f.Values["initiative_id"]})
		}
	}
	p.Initiative = f.Select(l, "initiative_id", "visits.field.initiative", false, opts)
	h.renderStatus(w, r, rc, status, "visit_new.html", p)
}

// visitCreate records a house visit with everything that comes from it.
func (h *Handler) visitCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, visitFormNames()...)
	l := rc.L
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	now := time.Now().UTC()
	v := signaal.Visit{WijkID: rc.Wijk.ID, Postcode: f.Values["postcode"], BuurtID: f.Values["buurt_id"], ConsentHow: f.Values["consent_how"],
		ConsentBy: rc.Actor.User.ID, ConsentAt: now, RecordedBy: rc.Actor.User.ID, Scores: map[string]int{},
		Ideas: f.Values["ideas"], WantsToHelp: f.Values["wants_to_help"] == "yes", HelpWith: f.Values["help_with"],
		InitiativeID: f.Values["initiative_id"], Note: f.Values["note"]}
	own := map[string]string{}
	if d, ok := parseDay(f.Values["visited_on"]); ok {
		v.VisitedOn = d
	} else {
		own["visited_on"] = l.T("error.date")
	}
	if s := f.Values["house_number"]; s != "" {
		n, key := houseNumber(s)
		if key != "" {
			own["house_number"] = l.T(key)
		}
		v.HouseNumber = n
	}
	for _, a := range signaal.Aspects {
		if s := f.Values["score_"+a]; s != "" {
			v.Scores[a] = atoiOr(s, -1)
		}
	}
	for i := 1; i <= visitProblemSlots; i++ {
		n := strconv.Itoa(i)
		theme, title := f.Values["problem_theme_"+n], f.Values["problem_title_"+n]
		if theme == "" {
			if title != "" {
				own["problems"] = l.T("visits.error.problem_theme")
			}
			continue
		}
		if title == "" {
			// A problem named only by its theme gets the theme as its title.
			title = l.T("visits.problem.default_title", themeLabel(l, themes, theme))
		}
		v.Problems = append(v.Problems, signaal.Problem{Theme: theme, Title: title, Urgency: f.Values["problem_urgency_"+n]})
	}
	var resident *store.NewResident
	if f.Values["resident_display_name"] != "" || f.Values["resident_phone"] != "" || f.Values["resident_email"] != "" {
		resident = &store.NewResident{DisplayName: f.Values["resident_display_name"], Phone: f.Values["resident_phone"], Email: f.Values["resident_email"]}
	}
	if len(own) == 0 {
		err = h.store.RecordVisit(ctx(r), &v, resident, rc.RequestID)
	} else {
		// Show every message at once; save nothing.
		v.Normalize()
		err = v.Validate(themes, now)
	}
	if err != nil && !f.setErr(rc, err) {
		h.serverError(w, r, rc, err)
		return
	}
	for k, msg := range own {
		f.Errors[k] = msg
	}
	if _, ok := f.Errors["consent"]; ok { // the resident's consent is the visit's
		f.Errors["consent_how"] = f.Errors["consent"]
		delete(f.Errors, "consent")
	}
	if f.HasErrors() {
		h.renderVisitForm(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "visits.flash.recorded")
	http.Redirect(w, r, "/w/"+rc.Wijk.Slug+"/huisbezoeken/"+v.ID, http.StatusSeeOther)
}
