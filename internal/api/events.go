package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// peopleEventJSON is one step of a resident: instroom, doorstroom or
// uitstroom. It names the person by ID, so only PermViewPeople reads it.
type peopleEventJSON struct {
	ID               string          `json:"id"`
	PersonID         string          `json:"person_id"`
	InitiativeID     string          `json:"initiative_id"`
	MembershipID     string          `json:"membership_id"`
	FromMembershipID string          `json:"from_membership_id,omitempty"`
	Kind             proces.FlowKind `json:"kind"`
	Role             wijk.MemberRole `json:"role"`
	Phase            proces.Phase    `json:"phase"`
	On               string          `json:"on"`
	Reason           string          `json:"reason,omitempty"`
	ByUserID         string          `json:"by_user_id,omitempty"`
}

// upTo reads the optional ?upto= date; zero means all events.
func upTo(r *http.Request) (time.Time, error) {
	f := wei.FieldErrors{}
	t := parseDate(f, "upto", r.URL.Query().Get("upto"), time.Time{})
	return t, f.Err()
}

// listPhaseEvents lists the phase log of the whole wijk, by date.
func (a *api) listPhaseEvents(w http.ResponseWriter, r *http.Request, c *call) error {
	upto, err := upTo(r)
	if err != nil {
		return err
	}
	evs, err := a.store.PhaseEventsOfWijk(r.Context(), c.wijk.ID, upto)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusOK, list(toPhaseEvents(evs, true)))
	return nil
}

// listPeopleEvents lists the steps of every resident of the wijk, by date.
// It is personal data: every read is audited.
func (a *api) listPeopleEvents(w http.ResponseWriter, r *http.Request, c *call) error {
	upto, err := upTo(r)
	if err != nil {
		return err
	}
	evs, err := a.store.PeopleEventsOfWijk(r.Context(), c.wijk.ID, upto)
	if err != nil {
		return err
	}
	if err := a.audit(r, c, privacy.ActionRead, "people_events", c.wijk.ID, fmt.Sprintf("%d events", len(evs))); err != nil {
		return err
	}
	out := make([]peopleEventJSON, 0, len(evs))
	for _, e := range evs {
		out = append(out, peopleEventJSON{ID: e.ID, PersonID: e.PersonID, InitiativeID: e.InitiativeID, MembershipID: e.MembershipID,
			FromMembershipID: e.FromMembershipID, Kind: e.Kind, Role: e.Role, Phase: e.Phase, On: date(e.On), Reason: e.Reason, ByUserID: e.ByUserID})
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}
