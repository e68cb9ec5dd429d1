// Package account holds users, their roles per wijk and the authorisation
// policy: the one place that decides who may do what. Handlers of the web
// pages and of the API ask Actor.Can; they never compare roles themselves.
package account

import (
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/wijk"
)

// Role is a role a user holds in a wijk.
type Role string

const (
	RoleBewoner         Role = "bewoner"
	RoleInitiatiefnemer Role = "initiatiefnemer" // per initiative: Grant.OrganisationID
	RoleProcesmanager   Role = "procesmanager"
	RolePartner         Role = "partner" // per partner organisation: Grant.OrganisationID
	RolePenningmeester  Role = "penningmeester"
	RoleVoorzitter      Role = "voorzitter"   // independent chair of the leefomgevingsoverleg
	RoleVrijwilliger    Role = "vrijwilliger" // volunteer: house visits and signals on residents' behalf
	RoleBeheerder       Role = "beheerder"
)

// Roles lists every role.
var Roles = []Role{RoleBewoner, RoleInitiatiefnemer, RoleProcesmanager, RolePartner, RolePenningmeester, RoleVoorzitter, RoleVrijwilliger, RoleBeheerder}

// Valid reports whether r is a known role.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if x == r {
			return true
		}
	}
	return false
}

// NeedsOrganisation reports whether a grant of r is tied to one organisation.
func (r Role) NeedsOrganisation() bool { return r == RoleInitiatiefnemer || r == RolePartner }

// User is an account. Staff may have a password; residents log in with an
// e-mail link or code.
type User struct {
	ID           string
	Email        string
	DisplayName  string
	PasswordHash string
	Locale       string // "nl" or "en"
	IsAdmin      bool   // site administrator: installation, wijken, accounts
	CreatedAt    time.Time
	LastLoginAt  time.Time
	ErasedAt     time.Time
}

// Normalize trims and lower-cases.
func (u *User) Normalize() {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.DisplayName = strings.TrimSpace(u.DisplayName)
	if u.Locale == "" {
		u.Locale = "nl"
	}
}

// Validate checks a user.
func (u *User) Validate() error {
	f := wei.FieldErrors{}
	if !wijk.ValidEmail(u.Email) {
		f.Add("email", "error.email")
	}
	if u.DisplayName == "" || len([]rune(u.DisplayName)) > 80 {
		f.Add("display_name", "error.name")
	}
	if u.Locale != "nl" && u.Locale != "en" {
		f.Add("locale", "error.choice")
	}
	return f.Err()
}

// Grant gives a user a role in a wijk, for initiatiefnemer and partner in
// one organisation.
type Grant struct {
	ID             string
	UserID         string
	WijkID         string
	Role           Role
	OrganisationID string
	CreatedAt      time.Time
}

// Validate checks a grant.
func (g *Grant) Validate() error {
	f := wei.FieldErrors{}
	if g.UserID == "" {
		f.Add("user_id", "error.required")
	}
	if g.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if !g.Role.Valid() {
		f.Add("role", "error.choice")
	}
	if g.Role.NeedsOrganisation() && g.OrganisationID == "" {
		f.Add("organisation_id", "error.required")
	}
	if !g.Role.NeedsOrganisation() && g.OrganisationID != "" {
		f.Add("organisation_id", "error.choice")
	}
	return f.Err()
}
