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

	// WEI-proces.
	PermJoin            Permission = "proces.join"     // any account: join or leave an initiative as oneself
	PermViewFlow        Permission = "proces.flow"     // flow figures and the cooperation matrix
	PermMovePhase       Permission = "proces.move"     // change the phase or form of an initiative
	PermTick            Permission = "proces.tick"     // tick checklist criteria with evidence
	PermEditGuide       Permission = "proces.guide"    // edit the wijk's checklist and phase guide
	PermRecordLearning  Permission = "proces.learning" // reflections, trainings and coaching
	PermEditCooperation Permission = "proces.cooperation"

	// Wijkboekhouding. The public transparency page needs PermViewWijk.
	PermViewBooks Permission = "books.view" // the full books: accounts, transactions, reports
	PermKeepBooks Permission = "books.keep" // post, import bank files, match lines, export, grant budgets, pay claims
	// Expense claims (declaraties): submit one for an initiative, and
	// approve or reject one, which must be done by someone other than the
	// claimant (the store refuses the claimant's own approval).
	PermClaim         Permission = "books.claim"
	PermApproveClaims Permission = "books.approve"

	// Signalen & leefomgevingsoverleg.
	PermReportSignal Permission = "signals.report" // any account: report a problem as oneself
	PermRecordVisit  Permission = "signals.visit"  // house visits and signals on a resident's behalf
	PermViewSignals  Permission = "signals.view"   // the signals with their details (the public sees aggregates)
	PermEditSignals  Permission = "signals.edit"   // status, grouping, themes, the who-does-what register
	PermViewNotes    Permission = "signals.notes"  // free-text notes of visits and signals (each read is audited)
	PermViewOverleg  Permission = "overleg.view"   // series, meetings, actions, reports
	PermChair        Permission = "overleg.chair"  // agenda, decisions, actions, attendance, report schedule
	PermImportCBS    Permission = "cbs.import"     // CBS boundaries, key figures and the postcode table

	// Impact (SROI). The analyses, their calculation and reports are
	// public, like the transparency page: they hold groups and totals, no
	// persons. Editing an initiative's analysis is for the process manager
	// and that initiative's initiatiefnemer (orgPolicy); the wijk's
	// analysis and proxy library for the process manager.
	PermViewImpact Permission = "impact.view"
	PermEditImpact Permission = "impact.edit"

	// Wijkpact. The pacts, their progress and PDF are public. The process
	// manager drafts a pact (parties, commitments, review dates); a party
	// accepts it through its own partner or initiatiefnemer account, or
	// the process manager records its acceptance for it (the handler
	// decides per party); progress is reported the same way.
	PermManagePact Permission = "pact.manage"
	// Right to Challenge: a residents' organisation submits a challenge
	// (its initiatiefnemer, or the process manager for it). The decision
	// is the gemeente's: a partner of a gemeente organisation or the
	// process manager (the handler decides); the agreement is made with
	// PermManagePact.
	PermChallenge Permission = "pact.challenge"

	// Wijkbudget: the process manager runs a round (projects, feasibility,
	// phases, voting codes); the treasurer funds its winners (PermKeepBooks).
	// Voting needs no account: a voting code and an address in the wijk.
	PermManageBudget Permission = "wijkbudget.manage"

	// Wijkdialogen. Any account gives input as itself (PermMine); the "u
	// zei, wij deden" page is public. The process manager runs the
	// dialogues, enters input on a resident's behalf (with consent), sets
	// owners and dates and answers any input; a partner answers the inputs
	// its own organisation owns (orgPolicy).
	PermManageDialogues Permission = "dialogues.manage"
	PermAnswerInput     Permission = "dialogues.answer"
)

// Permissions lists every permission, for tests that walk them all.
var Permissions = []Permission{PermViewWijk, PermMine, PermViewPeople, PermEditPeople, PermEditOrganisations, PermEditMemberships, PermManageRoles, PermViewOutbox, PermViewAudit, PermManageWijken,
	PermJoin, PermViewFlow, PermMovePhase, PermTick, PermEditGuide, PermRecordLearning, PermEditCooperation,
	PermViewBooks, PermKeepBooks, PermClaim, PermApproveClaims,
	PermReportSignal, PermRecordVisit, PermViewSignals, PermEditSignals, PermViewNotes, PermViewOverleg, PermChair, PermImportCBS,
	PermViewImpact, PermEditImpact,
	PermManageBudget,
	PermManageDialogues, PermAnswerInput,
	PermManagePact, PermChallenge}

// policy is the one table of who may do what in a wijk. A permission that is
// not in it needs a site administrator.
var policy = map[Permission][]Role{
	PermViewPeople:        {RoleProcesmanager, RoleBeheerder, RoleVoorzitter},
	PermEditPeople:        {RoleProcesmanager, RoleBeheerder},
	PermEditOrganisations: {RoleProcesmanager, RoleBeheerder},
	PermEditMemberships:   {RoleProcesmanager, RoleBeheerder},
	PermManageRoles:       {RoleBeheerder},
	PermViewAudit:         {RoleBeheerder},
	PermViewFlow:          {RoleProcesmanager, RoleBeheerder, RoleVoorzitter, RolePartner, RolePenningmeester},
	PermMovePhase:         {RoleProcesmanager, RoleBeheerder},
	PermTick:              {RoleProcesmanager, RoleBeheerder},
	PermEditGuide:         {RoleProcesmanager, RoleBeheerder},
	PermRecordLearning:    {RoleProcesmanager, RoleBeheerder},
	PermEditCooperation:   {RoleProcesmanager, RoleBeheerder},
	PermViewBooks:         {RolePenningmeester, RoleBeheerder, RoleProcesmanager, RoleVoorzitter},
	PermKeepBooks:         {RolePenningmeester},
	PermClaim:             {RoleProcesmanager, RolePenningmeester},
	PermApproveClaims:     {RolePenningmeester, RoleVoorzitter, RoleBeheerder},
	// Signalen & leefomgevingsoverleg.
	PermRecordVisit: {RoleProcesmanager, RoleVrijwilliger},
	PermViewSignals: {RoleProcesmanager, RoleVoorzitter, RoleVrijwilliger, RolePartner, RoleBeheerder},
	PermEditSignals: {RoleProcesmanager, RoleVoorzitter},
	PermViewNotes:   {RoleProcesmanager, RoleVrijwilliger},
	PermViewOverleg: {RoleProcesmanager, RoleVoorzitter, RolePartner, RoleBeheerder},
	PermChair:       {RoleVoorzitter, RoleProcesmanager},
	PermImportCBS:   {RoleBeheerder},
	// Impact, wijkbudget, wijkdialogen, wijkpact and Right to Challenge.
	PermEditImpact:      {RoleProcesmanager, RoleBeheerder},
	PermManageBudget:    {RoleProcesmanager},
	PermManageDialogues: {RoleProcesmanager},
	PermAnswerInput:     {RoleProcesmanager}, // partners for their own organisation (orgPolicy)
	PermManagePact:      {RoleProcesmanager, RoleBeheerder},
	PermChallenge:       {RoleProcesmanager, RoleBeheerder},
}

// orgPolicy adds, per permission, the roles that have it for the one
// organisation their grant names: an initiatiefnemer runs their own
// initiative's members and Action Learning, and submits its expense claims.
var orgPolicy = map[Permission][]Role{
	PermEditMemberships: {RoleInitiatiefnemer},
	PermRecordLearning:  {RoleInitiatiefnemer},
	PermClaim:           {RoleInitiatiefnemer},
	PermEditImpact:      {RoleInitiatiefnemer},
	PermAnswerInput:     {RolePartner}, // wijkdialogen: the inputs its organisation owns
	// Right to Challenge: for the initiatiefnemer's own organisation.
	PermChallenge: {RoleInitiatiefnemer},
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
	case PermViewWijk, PermViewImpact:
		return true
	case PermMine, PermJoin, PermReportSignal:
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

// CanOrg is Can for an action on one organisation of the wijk: it also
// admits the roles that orgPolicy grants for that organisation.
func (a Actor) CanOrg(p Permission, wijkID, orgID string) bool {
	if a.Can(p, wijkID) {
		return true
	}
	if a.User == nil || orgID == "" {
		return false
	}
	for _, r := range orgPolicy[p] {
		for _, g := range a.Grants {
			if g.WijkID == wijkID && g.Role == r && g.OrganisationID == orgID {
				return true
			}
		}
	}
	return false
}
