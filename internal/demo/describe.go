package demo

import "github.com/wei-platform/wei/account"

// staffByRole lists the demo account of each role.
var staffByRole = map[account.Role]staffSpec{
	account.RoleBeheerder:       beheerder,
	account.RoleProcesmanager:   procesmanager,
	account.RolePenningmeester:  penningmeester,
	account.RoleVoorzitter:      voorzitter,
	account.RoleVrijwilliger:    vrijwilliger,
	account.RolePartner:         partnerStaff,
	account.RoleInitiatiefnemer: initiatiefnemer,
	account.RoleBewoner:         bewoner,
}

// Describe returns the demo accounts without touching a database, for
// printing them when the demo data was loaded before.
func Describe() Result {
	r := Result{Password: Password}
	for _, role := range account.Roles {
		s := staffByRole[role]
		r.Accounts = append(r.Accounts, Account{Role: role, Email: s.email, Name: s.name})
	}
	return r
}
