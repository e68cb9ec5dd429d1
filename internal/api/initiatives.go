package api

import (
	"errors"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// initiativeJSON is an organisation of an initiative form with its phase.
type initiativeJSON struct {
	organisationJSON
	Phase      proces.Phase `json:"phase"`
	PhaseSeq   int          `json:"phase_seq"`
	PhaseSince string       `json:"phase_since"`
}

func toInitiative(in store.Initiative) initiativeJSON {
	return initiativeJSON{organisationJSON: toOrganisation(in.Organisation), Phase: in.Phase, PhaseSeq: in.PhaseSeq, PhaseSince: date(in.PhaseSince)}
}

// phaseEventJSON is one entry of the phase log. by_user_id is left out on
// public routes: who moved an initiative is for those who steer the flow.
type phaseEventJSON struct {
	ID           string       `json:"id"`
	InitiativeID string       `json:"initiative_id"`
	Seq          int          `json:"seq"`
	On           string       `json:"on"`
	From         proces.Phase `json:"from,omitempty"`
	To           proces.Phase `json:"to"`
	Reason       string       `json:"reason"`
	Override     bool         `json:"override"`
	ByUserID     string       `json:"by_user_id,omitempty"`
	RecordedAt   time.Time    `json:"recorded_at"`
}

func toPhaseEvent(ev proces.PhaseEvent, withUser bool) phaseEventJSON {
	out := phaseEventJSON{ID: ev.ID, InitiativeID: ev.InitiativeID, Seq: ev.Seq, On: date(ev.On), From: ev.From, To: ev.To,
		Reason: ev.Reason, Override: ev.Override, RecordedAt: utc(ev.RecordedAt)}
	if withUser {
		out.ByUserID = ev.ByUserID
	}
	return out
}

func toPhaseEvents(evs []proces.PhaseEvent, withUser bool) []phaseEventJSON {
	out := make([]phaseEventJSON, 0, len(evs))
	for _, ev := range evs {
		out = append(out, toPhaseEvent(ev, withUser))
	}
	return out
}

// formEventJSON is one entry of an initiative's form history.
type formEventJSON struct {
	ID           string    `json:"id"`
	InitiativeID string    `json:"initiative_id"`
	On           string    `json:"on"`
	From         wijk.Form `json:"from,omitempty"`
	To           wijk.Form `json:"to"`
	Note         string    `json:"note"`
}

// initiativeDetail is an initiative with its phase log and form history,
// both oldest first.
type initiativeDetail struct {
	initiativeJSON
	PhaseEvents []phaseEventJSON `json:"phase_events"`
	FormEvents  []formEventJSON  `json:"form_events"`
}

// initiativeOf returns the initiative {id} of the wijk. An initiative of
// another wijk, and an organisation that is no initiative, are not found.
func (a *api) initiativeOf(r *http.Request, c *call) (store.Initiative, error) {
	in, err := a.store.Initiative(r.Context(), r.PathValue("id"))
	if err != nil {
		return in, err
	}
	if in.WijkID != c.wijk.ID {
		return store.Initiative{}, wei.ErrNotFound
	}
	return in, nil
}

func (a *api) listInitiatives(w http.ResponseWriter, r *http.Request, c *call) error {
	var phases []proces.Phase
	for _, p := range r.URL.Query()["phase"] {
		ph := proces.Phase(p)
		if !ph.Valid() {
			return &wei.Error{Code: wei.EINVALID, Message: "Unknown phase.", Fields: map[string]string{"phase": "error.choice"}}
		}
		phases = append(phases, ph)
	}
	ins, err := a.store.Initiatives(r.Context(), c.wijk.ID)
	if err != nil {
		return err
	}
	out := make([]initiativeJSON, 0, len(ins))
	for _, in := range ins {
		if len(phases) == 0 || slices.Contains(phases, in.Phase) {
			out = append(out, toInitiative(in))
		}
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}

func (a *api) getInitiative(w http.ResponseWriter, r *http.Request, c *call) error {
	in, err := a.initiativeOf(r, c)
	if err != nil {
		return err
	}
	pe, err := a.store.PhaseEvents(r.Context(), in.ID)
	if err != nil {
		return err
	}
	fe, err := a.store.FormEvents(r.Context(), in.ID)
	if err != nil {
		return err
	}
	out := initiativeDetail{initiativeJSON: toInitiative(in), PhaseEvents: toPhaseEvents(pe, false), FormEvents: make([]formEventJSON, 0, len(fe))}
	for _, e := range fe {
		out.FormEvents = append(out.FormEvents, formEventJSON{ID: e.ID, InitiativeID: e.InitiativeID, On: date(e.On), From: e.From, To: e.To, Note: e.Note})
	}
	a.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// moveInput is the body of a phase change. ExpectSeq is the phase_seq the
// client last saw; it is required, so no client changes a phase blindly.
type moveInput struct {
	To        proces.Phase `json:"to"`
	On        string       `json:"on"`
	Reason    string       `json:"reason"`
	Override  bool         `json:"override"`
	ExpectSeq *int         `json:"expect_seq"`
}

func (a *api) movePhase(w http.ResponseWriter, r *http.Request, c *call) error {
	in, err := a.initiativeOf(r, c)
	if err != nil {
		return err
	}
	var body moveInput
	if err := decode(w, r, &body); err != nil {
		return err
	}
	f := wei.FieldErrors{}
	m := proces.Move{InitiativeID: in.ID, To: body.To, Reason: body.Reason, Override: body.Override, ByUserID: c.actor.User.ID}
	m.On = parseDate(f, "on", body.On, time.Time{}) // zero: the store's today
	if body.ExpectSeq == nil {
		f.Add("expect_seq", "error.required")
	} else {
		m.ExpectSeq = *body.ExpectSeq
	}
	if err := f.Err(); err != nil {
		return err
	}
	ev, err := a.store.MovePhase(r.Context(), m)
	if err != nil {
		return explainMove(err)
	}
	a.writeJSON(w, r, http.StatusCreated, toPhaseEvent(ev, true))
	return nil
}

// moveReasons says in words why a phase change was refused, per field
// message of proces.CheckMove; the fields stay for clients that localise.
var moveReasons = []struct{ field, key, text string }{
	{"to", "error.choice", "Choose one of the phases."},
	{"to", "error.phase_same", "The initiative is already in this phase."},
	{"to", "error.phase_skip", "An initiative moves one phase at a time; a process manager may override this with a written reason."},
	{"checklist", "error.checklist_open", "A required criterion of the checklist is not ticked yet: tick it with evidence, or override with a written reason."},
	{"on", "error.date_future", "The date is in the future."},
	{"on", "error.date_before_start", "The date is before the initiative started."},
	{"on", "error.date_before_last", "The date is before the latest phase change."},
	{"reason", "error.override_reason", "An override needs a written reason."},
	{"reason", "error.end_reason", "Say why the initiative ends."},
	{"reason", "error.undo_reason", "Say why the initiative moves back."},
}

// explainMove replaces the generic message of a refused phase change by
// the reasons, in a fixed order.
func explainMove(err error) error {
	var e *wei.Error
	if !errors.As(err, &e) || e.Code != wei.EINVALID || len(e.Fields) == 0 {
		return err
	}
	var texts []string
	for _, mr := range moveReasons {
		if e.Fields[mr.field] == mr.key {
			texts = append(texts, mr.text)
		}
	}
	if len(texts) == 0 {
		return err
	}
	return &wei.Error{Code: e.Code, Message: "The phase cannot change: " + strings.Join(texts, " "), Fields: e.Fields}
}
