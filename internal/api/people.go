package api

import (
	"fmt"
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// personJSON is a resident record. It is only ever sent to actors with
// PermViewPeople, and each response that holds one is audited.
type personJSON struct {
	ID          string    `json:"id"`
	WijkID      string    `json:"wijk_id"`
	BuurtID     string    `json:"buurt_id,omitempty"`
	DisplayName string    `json:"display_name"`
	Email       string    `json:"email,omitempty"`
	Phone       string    `json:"phone,omitempty"`
	HasAccount  bool      `json:"has_account"`
	ConsentBy   string    `json:"consent_by,omitempty"`
	ConsentAt   time.Time `json:"consent_at"`
	CreatedAt   time.Time `json:"created_at"`
}

func toPerson(p wijk.Person) personJSON {
	return personJSON{ID: p.ID, WijkID: p.WijkID, BuurtID: p.BuurtID, DisplayName: p.DisplayName, Email: p.Email,
		Phone: p.Phone, HasAccount: p.UserID != "", ConsentBy: p.ConsentBy, ConsentAt: utc(p.ConsentAt), CreatedAt: utc(p.CreatedAt)}
}

// personInput is the body of PUT: it replaces all of these fields.
type personInput struct {
	DisplayName string `json:"display_name"`
	Email       string `json:"email"`
	Phone       string `json:"phone"`
	BuurtID     string `json:"buurt_id"`
}

func (in personInput) apply(p *wijk.Person) {
	p.DisplayName, p.Email, p.Phone, p.BuurtID = in.DisplayName, in.Email, in.Phone, in.BuurtID
}

// personCreate is the body of POST. A coordinator registers a resident on
// their behalf, so the resident's consent must be stated explicitly.
type personCreate struct {
	personInput
	Consent *bool `json:"consent"`
}

// personOf returns the person {id} of the wijk. People of another wijk and
// erased people are not found.
func (a *api) personOf(r *http.Request, c *call) (wijk.Person, error) {
	p, err := a.store.Person(r.Context(), r.PathValue("id"))
	if err != nil {
		return p, err
	}
	if p.WijkID != c.wijk.ID || p.Erased() {
		return wijk.Person{}, wei.ErrNotFound
	}
	return p, nil
}

// audit records that the actor read or changed personal data.
func (a *api) audit(r *http.Request, c *call, action privacy.Action, subjectType, subjectID, detail string) error {
	return a.store.Audit(r.Context(), c.entry(action, subjectType, subjectID, detail))
}

// entry is an audit entry of this call; the store writes it in the same
// transaction as the change it records.
func (c *call) entry(action privacy.Action, subjectType, subjectID, detail string) privacy.AuditEntry {
	e := privacy.AuditEntry{WijkID: c.wijk.ID, Action: action, SubjectType: subjectType, SubjectID: subjectID,
		Detail: detail, RequestID: c.requestID}
	if c.actor.User != nil {
		e.ActorID = c.actor.User.ID
	}
	return e
}

func (a *api) listPeople(w http.ResponseWriter, r *http.Request, c *call) error {
	people, err := a.store.People(r.Context(), c.wijk.ID)
	if err != nil {
		return err
	}
	if err := a.audit(r, c, privacy.ActionRead, "person_list", c.wijk.ID, fmt.Sprintf("%d people", len(people))); err != nil {
		return err
	}
	out := make([]personJSON, 0, len(people))
	for _, p := range people {
		out = append(out, toPerson(p))
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}

func (a *api) createPerson(w http.ResponseWriter, r *http.Request, c *call) error {
	var in personCreate
	if err := decode(w, r, &in); err != nil {
		return err
	}
	p := wijk.Person{WijkID: c.wijk.ID, ConsentBy: c.actor.User.ID}
	in.apply(&p)
	if in.Consent != nil && *in.Consent {
		p.ConsentAt = time.Now().UTC()
	}
	if err := a.store.CreatePerson(r.Context(), &p, c.entry(privacy.ActionCreate, "person", "", "registered on behalf of the resident")); err != nil {
		return err
	}
	w.Header().Set("Location", Prefix+"/wijken/"+c.wijk.Slug+"/people/"+p.ID)
	a.writeJSON(w, r, http.StatusCreated, toPerson(p))
	return nil
}

func (a *api) getPerson(w http.ResponseWriter, r *http.Request, c *call) error {
	p, err := a.personOf(r, c)
	if err != nil {
		return err
	}
	if err := a.audit(r, c, privacy.ActionRead, "person", p.ID, ""); err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusOK, toPerson(p))
	return nil
}

func (a *api) updatePerson(w http.ResponseWriter, r *http.Request, c *call) error {
	p, err := a.personOf(r, c)
	if err != nil {
		return err
	}
	var in personInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	in.apply(&p)
	if err := a.store.UpdatePerson(r.Context(), &p, c.entry(privacy.ActionUpdate, "person", p.ID, "")); err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusOK, toPerson(p))
	return nil
}

// erasePerson erases a resident record (AVG art. 17); the store audits it.
func (a *api) erasePerson(w http.ResponseWriter, r *http.Request, c *call) error {
	if err := a.store.ErasePerson(r.Context(), c.wijk.ID, r.PathValue("id"), c.actor.User.ID, c.requestID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
