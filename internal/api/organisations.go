package api

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/wijk"
)

type organisationJSON struct {
	ID          string      `json:"id"`
	WijkID      string      `json:"wijk_id"`
	Name        string      `json:"name"`
	Form        wijk.Form   `json:"form"`
	Domain      wijk.Domain `json:"domain,omitempty"`
	Description string      `json:"description"`
	CreatedAt   time.Time   `json:"created_at"`
}

func toOrganisation(o wijk.Organisation) organisationJSON {
	return organisationJSON{ID: o.ID, WijkID: o.WijkID, Name: o.Name, Form: o.Form, Domain: o.Domain,
		Description: o.Description, CreatedAt: utc(o.CreatedAt)}
}

// organisationInput is the body of POST and PUT: PUT replaces all of it.
type organisationInput struct {
	Name        string      `json:"name"`
	Form        wijk.Form   `json:"form"`
	Domain      wijk.Domain `json:"domain"`
	Description string      `json:"description"`
}

func (in organisationInput) apply(o *wijk.Organisation) {
	o.Name, o.Form, o.Domain, o.Description = in.Name, in.Form, in.Domain, in.Description
}

// organisationOf returns the organisation {id} of the wijk; one of another
// wijk is not found, so IDs do not leak across wijken.
func (a *api) organisationOf(r *http.Request, c *call) (wijk.Organisation, error) {
	o, err := a.store.Organisation(r.Context(), r.PathValue("id"))
	if err != nil {
		return o, err
	}
	if o.WijkID != c.wijk.ID {
		return wijk.Organisation{}, wei.ErrNotFound
	}
	return o, nil
}

func (a *api) listOrganisations(w http.ResponseWriter, r *http.Request, c *call) error {
	var forms []wijk.Form
	for _, f := range r.URL.Query()["form"] {
		form := wijk.Form(f)
		if !validForm(form) {
			return &wei.Error{Code: wei.EINVALID, Message: "Unknown organisation form.", Fields: map[string]string{"form": "error.choice"}}
		}
		forms = append(forms, form)
	}
	orgs, err := a.store.Organisations(r.Context(), c.wijk.ID, forms...)
	if err != nil {
		return err
	}
	out := make([]organisationJSON, 0, len(orgs))
	for _, o := range orgs {
		out = append(out, toOrganisation(o))
	}
	a.writeJSON(w, r, http.StatusOK, list(out))
	return nil
}

func validForm(f wijk.Form) bool {
	for _, x := range wijk.Forms {
		if x == f {
			return true
		}
	}
	return false
}

func (a *api) createOrganisation(w http.ResponseWriter, r *http.Request, c *call) error {
	var in organisationInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	o := wijk.Organisation{WijkID: c.wijk.ID}
	in.apply(&o)
	if err := a.store.CreateOrganisation(r.Context(), &o); err != nil {
		return nameTaken(err)
	}
	w.Header().Set("Location", Prefix+"/wijken/"+c.wijk.Slug+"/organisations/"+o.ID)
	a.writeJSON(w, r, http.StatusCreated, toOrganisation(o))
	return nil
}

func (a *api) getOrganisation(w http.ResponseWriter, r *http.Request, c *call) error {
	o, err := a.organisationOf(r, c)
	if err != nil {
		return err
	}
	a.writeJSON(w, r, http.StatusOK, toOrganisation(o))
	return nil
}

func (a *api) updateOrganisation(w http.ResponseWriter, r *http.Request, c *call) error {
	o, err := a.organisationOf(r, c)
	if err != nil {
		return err
	}
	var in organisationInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	in.apply(&o)
	if err := a.store.UpdateOrganisation(r.Context(), &o); err != nil {
		return nameTaken(err)
	}
	a.writeJSON(w, r, http.StatusOK, toOrganisation(o))
	return nil
}

// nameTaken names the field of the one unique constraint on organisations
// (wijk, name), so a client can show it beside the name.
func nameTaken(err error) error {
	if wei.ErrorCode(err) == wei.ECONFLICT {
		return &wei.Error{Code: wei.ECONFLICT, Message: "An organisation with this name already exists in the wijk.",
			Fields: map[string]string{"name": "error.taken"}}
	}
	return err
}
