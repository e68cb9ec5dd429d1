package api

import (
	"net/http"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/proces"
)

// reflectionJSON is an Action Learning moment of an initiative.
// Participants are person IDs.
type reflectionJSON struct {
	ID           string   `json:"id"`
	InitiativeID string   `json:"initiative_id"`
	On           string   `json:"on"`
	Participants []string `json:"participants"`
	WentWell     string   `json:"went_well"`
	Learned      string   `json:"learned"`
	NextAction   string   `json:"next_action"`
	ByUserID     string   `json:"by_user_id,omitempty"`
}

func toReflection(x proces.Reflection) reflectionJSON {
	return reflectionJSON{ID: x.ID, InitiativeID: x.InitiativeID, On: date(x.On), Participants: orEmpty(x.Participants),
		WentWell: x.WentWell, Learned: x.Learned, NextAction: x.NextAction, ByUserID: x.ByUserID}
}

type reflectionInput struct {
	On           string   `json:"on"`
	Participants []string `json:"participants"`
	WentWell     string   `json:"went_well"`
	Learned      string   `json:"learned"`
	NextAction   string   `json:"next_action"`
}

// listReflections lists the reflection moments of an initiative, newest
// first. They name who took part, so every read is audited.
func (a *api) listReflections(w http.ResponseWriter, r *http.Request, c *call) error {
	in, err := a.initiativeOf(r, c)
	if err != nil {
		return err
	}
	xs, err := a.store.Reflections(r.Context(), in.ID)
	if err != nil {
		return err
	}
	if err := a.audit(r, c, privacy.ActionRead, "reflections", in.ID, ""); err != nil {
		return err
	}
	out := make([]reflectionJSON, 0, len(xs))
	for _, x := range xs {
		out = append(out, toReflection(x))
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}

// createReflection records a reflection moment; on defaults to today.
func (a *api) createReflection(w http.ResponseWriter, r *http.Request, c *call) error {
	in, err := a.initiativeOf(r, c)
	if err != nil {
		return err
	}
	var body reflectionInput
	if err := decode(w, r, &body); err != nil {
		return err
	}
	f := wei.FieldErrors{}
	x := proces.Reflection{InitiativeID: in.ID, Participants: body.Participants, WentWell: body.WentWell, Learned: body.Learned,
		NextAction: body.NextAction, ByUserID: c.actor.User.ID}
	x.On = parseDate(f, "on", body.On, a.today())
	if err := f.Err(); err != nil {
		return err
	}
	if err := a.store.AddReflection(r.Context(), &x); err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, toReflection(x))
	return nil
}
