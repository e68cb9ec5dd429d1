package api

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/privacy"
	"github.com/wei-platform/wei/wijk"
)

// joinRoles are the roles a resident can take on their own; the others
// (lid, trekker, ...) are given by whoever runs the initiative.
var joinRoles = []wijk.MemberRole{wijk.MemberDeelnemer, wijk.MemberVrijwilliger}

var errNotResident = &wei.Error{Code: wei.EINVALID, Message: "You are not registered as a resident of this wijk."}

// callerPerson returns the caller's own resident record in the wijk, and
// false when there is none (or it was erased).
func (a *api) callerPerson(ctx context.Context, c *call) (wijk.Person, bool, error) {
	if c.actor.User == nil {
		return wijk.Person{}, false, nil
	}
	p, err := a.store.PersonOfUser(ctx, c.wijk.ID, c.actor.User.ID)
	if wei.ErrorCode(err) == wei.ENOTFOUND {
		return p, false, nil
	} else if err != nil {
		return p, false, err
	}
	return p, !p.Erased(), nil
}

type joinInput struct {
	Role wijk.MemberRole `json:"role"`
	On   string          `json:"on"`
}

// joinInitiative lets the caller join an initiative as themselves: their
// instroom, recorded as a people event.
func (a *api) joinInitiative(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	in, err := a.initiativeOf(r, c)
	if err != nil {
		return err
	}
	p, ok, err := a.callerPerson(ctx, c)
	if err != nil {
		return err
	}
	if !ok {
		return errNotResident
	}
	var body joinInput
	if err := decode(w, r, &body); err != nil {
		return err
	}
	f := wei.FieldErrors{}
	if !slices.Contains(joinRoles, body.Role) {
		f.Add("role", "error.choice")
	}
	on := parseDate(f, "on", body.On, a.today())
	if err := f.Err(); err != nil {
		return err
	}
	// The store refuses a date in the future or before the initiative
	// started, and a second active membership (ECONFLICT).
	m := wijk.Membership{OrganisationID: in.ID, PersonID: p.ID, Role: body.Role, StartedOn: on}
	if err := a.store.Join(ctx, &m, c.actor.User.ID, c.entry(privacy.ActionUpdate, "person", p.ID, "joined an initiative")); err != nil {
		return renameField(err, "started_on", "on")
	}
	a.writeJSON(w, r, http.StatusCreated, toMembership(m))
	return nil
}

type leaveInput struct {
	On     string `json:"on"`
	Reason string `json:"reason"`
}

// leaveMembership ends a membership: the person's uitstroom. The person
// may end their own; whoever may edit the memberships of the organisation
// (a process manager, or the initiatiefnemer of that initiative) may end
// anyone's.
func (a *api) leaveMembership(w http.ResponseWriter, r *http.Request, c *call) error {
	ctx := r.Context()
	p, hasPerson, err := a.callerPerson(ctx, c)
	if err != nil {
		return err
	}
	var own *wijk.Person
	if hasPerson {
		own = &p
	}
	m, err := a.membershipOf(ctx, c, r.PathValue("id"))
	if err != nil {
		return err
	}
	if (own == nil || m.PersonID != own.ID) && !c.actor.CanOrg(account.PermEditMemberships, c.wijk.ID, m.OrganisationID) {
		return &wei.Error{Code: wei.EFORBIDDEN, Message: "You may only end your own membership, or those of an organisation you run."}
	}
	var body leaveInput
	if err := decode(w, r, &body); err != nil {
		return err
	}
	if !m.Active() {
		return &wei.Error{Code: wei.ECONFLICT, Message: "This membership has already ended."}
	}
	f := wei.FieldErrors{}
	on := parseDate(f, "on", body.On, a.today())
	if err := f.Err(); err != nil {
		return err
	}
	if err := a.store.Leave(ctx, m.ID, on, body.Reason, c.actor.User.ID, c.entry(privacy.ActionUpdate, "person", m.PersonID, "left an initiative")); err != nil {
		return renameField(err, "ended_on", "on")
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// membershipOf loads a membership of the call's wijk; one of another wijk
// is not found.
func (a *api) membershipOf(ctx context.Context, c *call, id string) (store.MembershipView, error) {
	m, wijkID, err := a.store.Membership(ctx, id)
	if err != nil {
		return m, err
	}
	if wijkID != c.wijk.ID {
		return store.MembershipView{}, wei.ErrNotFound
	}
	return m, nil
}

// renameField reports a field error of the store under the name the
// request body uses.
func renameField(err error, from, to string) error {
	var e *wei.Error
	if !errors.As(err, &e) || e.Fields[from] == "" {
		return err
	}
	fields := make(map[string]string, len(e.Fields))
	for k, v := range e.Fields {
		if k == from {
			k = to
		}
		fields[k] = v
	}
	return &wei.Error{Code: e.Code, Message: e.Message, Fields: fields}
}
