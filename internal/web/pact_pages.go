package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/pact"
)

// The wijkpact pages: the list of the wijk's pacts, the form for a new
// pact and the page of one pact. All are public except the forms: the pact
// page names parties (organisations) and the function of who signed, never
// a person.

type pactListPage struct {
	Page
	Pacts     []pactLine
	CanManage bool
}

type pactLine struct {
	URL      string
	Title    string
	StartsOn time.Time
	EndsOn   time.Time
	Parties  int
	Accepted int
	Signed   bool
	Percent  int
}

func pactURL(rc *request, id string) string { return "/w/" + rc.Wijk.Slug + "/wijkpact/" + id }

func (h *Handler) pactList(w http.ResponseWriter, r *http.Request, rc *request) {
	list, err := h.store.PactsOfWijk(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	p := pactListPage{Page: h.page(r, rc, rc.L.T("pact.title")), CanManage: rc.Actor.Can(account.PermManagePact, rc.Wijk.ID)}
	for _, pc := range list {
		p.Pacts = append(p.Pacts, pactLine{URL: pactURL(rc, pc.ID), Title: pc.Title, StartsOn: pc.StartsOn, EndsOn: pc.EndsOn,
			Parties: len(pc.Parties), Accepted: pc.AcceptedCount(), Signed: pc.Signed(), Percent: pc.Rollup().Percent})
	}
	h.render(w, r, rc, "pact_list", p)
}

// pactFormPage is the form for a new pact.
type pactFormPage struct {
	Page
	Summary  *ErrorSummary
	Title    Field
	Purpose  Field
	StartsOn Field
	EndsOn   Field
	ReviewOn Field
}

var pactFormOrder = []string{"title", "purpose", "starts_on", "ends_on", "review_on"}

func (h *Handler) pactNew(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm()
	today := time.Now().In(locale.Amsterdam())
	f.Values["starts_on"] = today.Format(time.DateOnly)
	f.Values["ends_on"] = today.AddDate(2, 0, 0).Format(time.DateOnly)
	h.renderPactForm(w, r, rc, http.StatusOK, f)
}

func (h *Handler) renderPactForm(w http.ResponseWriter, r *http.Request, rc *request, status int, f form) {
	l := rc.L
	p := pactFormPage{Page: h.page(r, rc, l.T("pact.new.title")), Summary: f.Summary(l, pactFormOrder...),
		Title:    f.Field(l, "title", "pact.field.title.label", "text", "off", true),
		Purpose:  f.Field(l, "purpose", "pact.field.purpose.label", "textarea", "off", true),
		StartsOn: f.Field(l, "starts_on", "pact.field.starts_on.label", "date", "off", true),
		EndsOn:   f.Field(l, "ends_on", "pact.field.ends_on.label", "date", "off", true),
		ReviewOn: f.Field(l, "review_on", "pact.field.review_on.label", "date", "off", false),
	}
	h.renderStatus(w, r, rc, status, "pact_form", p)
}

// dayField parses a date field into *t, or records error.date for it.
func (f form) dayField(rc *request, name string, required bool) time.Time {
	v := f.Values[name]
	if v == "" {
		if required {
			f.Errors[name] = rc.L.T("error.date")
		}
		return time.Time{}
	}
	d, ok := parseDay(v)
	if !ok {
		f.Errors[name] = rc.L.T("error.date")
	}
	return d
}

func (h *Handler) pactCreate(w http.ResponseWriter, r *http.Request, rc *request) {
	f := newForm().fill(r, pactFormOrder...)
	p := pact.Pact{WijkID: rc.Wijk.ID, Title: f.Values["title"], Purpose: f.Values["purpose"], CreatedBy: rc.Actor.User.ID,
		StartsOn: f.dayField(rc, "starts_on", true), EndsOn: f.dayField(rc, "ends_on", true)}
	if d := f.dayField(rc, "review_on", false); !d.IsZero() {
		p.Reviews = []time.Time{d}
	}
	if !f.HasErrors() {
		if err := h.store.CreatePact(ctx(r), &p); err != nil && !f.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
	} else {
		// Check the rest too, so every message shows at once.
		p.Normalize()
		if err := p.Validate(); err != nil {
			f.setErr(rc, err)
			for _, n := range []string{"starts_on", "ends_on"} {
				if v := f.Values[n]; v != "" {
					if _, ok := parseDay(v); !ok {
						f.Errors[n] = rc.L.T("error.date")
					}
				}
			}
		}
	}
	if f.HasErrors() {
		h.renderPactForm(w, r, rc, http.StatusBadRequest, f)
		return
	}
	h.flash(w, "pact.flash.created")
	http.Redirect(w, r, pactURL(rc, p.ID), http.StatusSeeOther)
}
