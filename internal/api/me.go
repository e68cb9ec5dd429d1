package api

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
)

// meJSON is the caller's own account. The password hash never leaves the
// store; has_password says whether there is one.
type meJSON struct {
	ID          string     `json:"id"`
	Email       string     `json:"email"`
	DisplayName string     `json:"display_name"`
	Locale      string     `json:"locale"`
	IsAdmin     bool       `json:"is_admin"`
	HasPassword bool       `json:"has_password"`
	CreatedAt   time.Time  `json:"created_at"`
	LastLoginAt time.Time  `json:"last_login_at,omitzero"`
	Roles       []roleJSON `json:"roles"`
}

type roleJSON struct {
	WijkID         string       `json:"wijk_id"`
	WijkSlug       string       `json:"wijk_slug"`
	WijkName       string       `json:"wijk_name"`
	Role           account.Role `json:"role"`
	OrganisationID string       `json:"organisation_id,omitempty"`
}

func (a *api) getMe(w http.ResponseWriter, r *http.Request, c *call) error {
	u := c.actor.User
	out := meJSON{ID: u.ID, Email: u.Email, DisplayName: u.DisplayName, Locale: u.Locale, IsAdmin: u.IsAdmin,
		HasPassword: u.PasswordHash != "", CreatedAt: utc(u.CreatedAt), LastLoginAt: utc(u.LastLoginAt), Roles: []roleJSON{}}
	wijken, err := a.store.Wijken(r.Context())
	if err != nil {
		return err
	}
	byID := map[string]int{}
	for i, x := range wijken {
		byID[x.ID] = i
	}
	for _, g := range c.actor.Grants {
		rj := roleJSON{WijkID: g.WijkID, Role: g.Role, OrganisationID: g.OrganisationID}
		if i, ok := byID[g.WijkID]; ok {
			rj.WijkSlug, rj.WijkName = wijken[i].Slug, wijken[i].Name
		}
		out.Roles = append(out.Roles, rj)
	}
	a.writeJSON(w, r, http.StatusOK, out)
	return nil
}

// exportMe hands the caller everything WEI holds about them (AVG art. 15
// and 20). The store records the export in the audit log.
func (a *api) exportMe(w http.ResponseWriter, r *http.Request, c *call) error {
	x, err := a.store.ExportUser(r.Context(), c.actor.User.ID, c.requestID)
	if err != nil {
		return err
	}
	// Empty lists are [] rather than null, as openapi.json promises.
	x.People, x.Memberships, x.Roles = orEmpty(x.People), orEmpty(x.Memberships), orEmpty(x.Roles)
	x.APITokens, x.Audit = orEmpty(x.APITokens), orEmpty(x.Audit)
	name := "wei-export-" + x.ExportedAt.Format("2006-01-02") + ".json"
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	a.writeJSON(w, r, http.StatusOK, x)
	return nil
}

type eraseInput struct {
	Confirm bool `json:"confirm"`
}

// eraseMe erases the caller's account and resident records (AVG art. 17).
// It cannot be undone, so the body must say {"confirm": true}.
func (a *api) eraseMe(w http.ResponseWriter, r *http.Request, c *call) error {
	var in eraseInput
	if err := decode(w, r, &in); err != nil {
		return err
	}
	if !in.Confirm {
		return &wei.Error{Code: wei.EINVALID, Message: `Erasing your account cannot be undone; send {"confirm": true}.`,
			Fields: map[string]string{"confirm": "error.confirm"}}
	}
	if err := a.store.EraseUser(r.Context(), c.actor.User.ID, c.actor.User.ID, c.requestID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
