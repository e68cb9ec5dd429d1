package account

// Permission names an action that needs authorisation.
type Permission string

const (
	// Public: anyone, also without an account.
	PermViewWijk Permission = "wijk.view"
	// Signed in: any account.
	PermMine Permission = "mine" // own page, own data, own export and erasure
	// People and organisations.
	PermViewPeople        Permission = "people.view"
	PermEditPeople        Permission = "people.edit"
	PermEditOrganisations Permission = "organisations.edit"
	PermEditMemberships   Permission = "memberships.edit"
	PermManageRoles       Permission = "roles.manage"
	PermViewOutbox        Permission = "outbox.view"
	PermViewAudit         Permission = "audit.view"
	PermManageWijken      Permission = "wijken.manage" // site administrators only
)

// Permissions lists every permission, for tests that walk them all.
var Permissions = []Permission{PermViewWijk, PermMine, PermViewPeople, PermEditPeople, PermEditOrganisations, PermEditMemberships, PermManageRoles, PermViewOutbox, PermViewAudit, PermManageWijken}

// policy is the one table of who may do what in a wijk. A permission that is
// not in it needs a site administrator.
var policy = map[Permission][]Role{
	PermViewPeople:        {RoleProcesmanager, RoleBeheerder, RoleVoorzitter},
	PermEditPeople:        {RoleProcesmanager, RoleBeheerder},
	PermEditOrganisations: {RoleProcesmanager, RoleBeheerder},
	PermEditMemberships:   {RoleProcesmanager, RoleBeheerder},
	PermManageRoles:       {RoleBeheerder},
	PermViewAudit:         {RoleBeheerder},
}

// Actor is who makes a request: a user with grants, or nobody.
type Actor struct {
	User   *User // nil for an anonymous visitor
	Grants []Grant
}

// SignedIn reports whether the actor has an account.
func (a Actor) SignedIn() bool { return a.User != nil }

// HasRole reports whether the actor holds role r in the wijk.
func (a Actor) HasRole(wijkID string, r Role) bool {
	for _, g := range a.Grants {
		if g.WijkID == wijkID && g.Role == r {
			return true
		}
	}
	return false
}

// RolesIn returns the distinct roles the actor holds in the wijk.
func (a Actor) RolesIn(wijkID string) []Role {
	var out []Role
	seen := map[Role]bool{}
	for _, g := range a.Grants {
		if g.WijkID == wijkID && !seen[g.Role] {
			seen[g.Role] = true
			out = append(out, g.Role)
		}
	}
	return out
}

// Can reports whether the actor may use permission p in the wijk (wijkID may
// be empty for permissions that are not tied to a wijk).
func (a Actor) Can(p Permission, wijkID string) bool {
	switch p {
	case PermViewWijk:
		return true
	case PermMine:
		return a.User != nil
	}
	if a.User == nil {
		return false
	}
	if a.User.IsAdmin {
		return true
	}
	if wijkID == "" {
		return false
	}
	for _, r := range policy[p] {
		if a.HasRole(wijkID, r) {
			return true
		}
	}
	return false
}
