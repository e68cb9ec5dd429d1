package api

import (
	"errors"
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

const dateLayout = "2006-01-02"

type membershipJSON struct {
	ID             string          `json:"id"`
	OrganisationID string          `json:"organisation_id"`
	PersonID       string          `json:"person_id"`
	PersonName     string          `json:"person_name,omitempty"`
	Role           wijk.MemberRole `json:"role"`
	StartedOn      string          `json:"started_on"`
	EndedOn        string          `json:"ended_on,omitempty"`
	Active         bool            `json:"active"`
}

func toMembership(m wijk.Membership) membershipJSON {
	out := membershipJSON{ID: m.ID, OrganisationID: m.OrganisationID, PersonID: m.PersonID, Role: m.Role,
		StartedOn: m.StartedOn.Format(dateLayout), Active: m.Active()}
	if !m.EndedOn.IsZero() {
		out.EndedOn = m.EndedOn.Format(dateLayout)
	}
	return out
}

// listMembers shows who is part of an organisation. Names are personal
// data: the route needs PermViewPeople and the read is audited.
func (a *api) listMembers(w http.ResponseWriter, r *http.Request, c *call) error {
	o, err := a.organisationOf(r, c)
	if err != nil {
		return err
	}
	ms, err := a.store.MembershipsOfOrganisation(r.Context(), o.ID)
	if err != nil {
		return err
	}
	if err := a.audit(r, c, privacy.ActionRead, "organisation_members", o.ID, ""); err != nil {
		return err
	}
	out := make([]membershipJSON, 0, len(ms))
	for _, m := range ms {
		out = append(out, toMemberView(m))
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}

func toMemberView(m store.MembershipView) membershipJSON {
	out := toMembership(m.Membership)
	out.PersonName = m.PersonName
	return out
}

type membershipInput struct {
	OrganisationID string          `json:"organisation_id"`
	PersonID       string          `json:"person_id"`
	Role           wijk.MemberRole `json:"role"`
	StartedOn      string          `json:"started_on"`
	EndedOn        string          `json:"ended_on"`
}

func (a *api) createMembership(w http.ResponseWriter, r *http.Request, c *call) error {
	var in membershipInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	ctx := r.Context()
	f := wei.FieldErrors{}
	m := wijk.Membership{OrganisationID: in.OrganisationID, PersonID: in.PersonID, Role: in.Role}
	var err error
	if m.StartedOn, err = time.Parse(dateLayout, in.StartedOn); err != nil {
		f.Add("started_on", "error.date")
	}
	if in.EndedOn != "" {
		if m.EndedOn, err = time.Parse(dateLayout, in.EndedOn); err != nil {
			f.Add("ended_on", "error.date")
		}
	}
	// Both must be of this wijk: the store only checks that they share one.
	if in.OrganisationID != "" {
		if o, err := a.store.Organisation(ctx, in.OrganisationID); wei.ErrorCode(err) == wei.ENOTFOUND || (err == nil && o.WijkID != c.wijk.ID) {
			f.Add("organisation_id", "error.choice")
		} else if err != nil {
			return err
		}
	}
	if in.PersonID != "" {
		if p, err := a.store.Person(ctx, in.PersonID); wei.ErrorCode(err) == wei.ENOTFOUND || (err == nil && (p.WijkID != c.wijk.ID || p.Erased())) {
			f.Add("person_id", "error.choice")
		} else if err != nil {
			return err
		}
	}
	var verr *wei.Error
	if errors.As(m.Validate(), &verr) {
		for k, v := range verr.Fields {
			f.Add(k, v)
		}
	}
	if err := f.Err(); err != nil {
		return err
	}
	if err := a.store.AddMembership(ctx, &m, c.entry(privacy.ActionUpdate, "person", m.PersonID, "membership added")); err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusCreated, toMembership(m))
	return nil
}
