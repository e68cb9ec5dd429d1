// Package demo fills a database with a fictional wijk, "Blauwe Akker", so
// that WEI can be tried out and shown: four buurten, about 200 residents, 20
// initiatives, a wijkcoöperatie, partners of every domain, two years of
// memberships and a demo account for every role. The WEI-proces looks real:
// the initiatives are spread over the four phases (and one stopped), each
// with a phase log, a checklist ticked before every move and a form
// history; residents flow in, through and out; the initiatives in the
// ontwikkel and autonome fase hold reflection moments, work with partners
// and join the wijkcoöperatie. The data is the same on every run (a fixed
// random seed); dates are relative to the time passed in.
package demo

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// Slug is the URL name of the demo wijk.
const Slug = "blauwe-akker"

// Password is the password of every demo account. It is published in the
// documentation: never seed demo data into a production database.
const Password = "wijk-demo-2026"

// ErrAlreadySeeded is returned when the demo wijk exists already.
var ErrAlreadySeeded = errors.New("demo data already present")

// Account is a demo account.
type Account struct {
	Role         account.Role
	Email, Name  string
	Organisation string // for initiatiefnemer and partner: the organisation of the grant
}

// Result is what Seed made.
type Result struct {
	Wijk     wijk.Wijk
	Accounts []Account // one per role, in the order of account.Roles
	Password string
}

const (
	randSeed1, randSeed2 = 2026, 99901 // fixed, so every run makes the same data
	numPeople            = 200
	onBehalfShare        = 4 // one in onBehalfShare residents was registered by the procesmanager
)

// Seed creates the demo wijk through the store's methods. It refuses with
// ErrAlreadySeeded when the wijk exists. It backdates records with
// s.SetClock and sets the clock back to time.Now when done, so it must not
// run while the store serves requests. Each store call is its own
// transaction: a failure halfway leaves part of the data behind.
func Seed(ctx context.Context, s *store.Store, now time.Time) (Result, error) {
	if _, err := s.WijkBySlug(ctx, Slug); err == nil {
		return Result{}, fmt.Errorf("%w: wijk %q exists", ErrAlreadySeeded, Slug)
	} else if !errors.Is(err, wei.ErrNotFound) {
		return Result{}, fmt.Errorf("demo: %w", err)
	}
	for _, a := range []staffSpec{beheerder, procesmanager, penningmeester, voorzitter, vrijwilliger, partnerStaff, initiatiefnemer, bewoner} {
		if _, err := s.UserByEmail(ctx, a.email); err == nil {
			return Result{}, fmt.Errorf("demo: an account with e-mail address %s exists already", a.email)
		} else if !errors.Is(err, wei.ErrNotFound) {
			return Result{}, fmt.Errorf("demo: %w", err)
		}
	}
	// argon2id is slow on purpose: hash once and give every account the same hash.
	hash, err := account.HashPassword(Password)
	if err != nil {
		return Result{}, err
	}
	defer s.SetClock(time.Now)

	p := plan(now)
	r, err := p.write(ctx, s, hash)
	if err != nil {
		return Result{}, fmt.Errorf("demo: %w", err)
	}
	if err := p.writeBooks(ctx, s, r.Wijk.ID); err != nil {
		return Result{}, fmt.Errorf("demo: %w", err)
	}
	if err := SeedTimebank(ctx, s, r.Wijk.ID, now); err != nil { // after the books: it books on the day of seeding
		return Result{}, err
	}
	if err := seedCBS(ctx, s); err != nil { // before signals: they are placed by address and point
		return Result{}, fmt.Errorf("demo: %w", err)
	}
	if err := seedSignals(ctx, s, r.Wijk.ID, now); err != nil {
		return Result{}, fmt.Errorf("demo: signals: %w", err)
	}
	if err := seedSROI(ctx, s, r.Wijk.ID, now); err != nil {
		return Result{}, fmt.Errorf("demo: %w", err)
	}
	if err := seedOverleg(ctx, s, r.Wijk.ID, now); err != nil { // after signals: the agendas are prepared from them
		return Result{}, fmt.Errorf("demo: overleg: %w", err)
	}
	if err := seedDialogues(ctx, s, r.Wijk.ID, now); err != nil {
		return Result{}, fmt.Errorf("demo: dialogen: %w", err)
	}
	if err := seedPact(ctx, s, r.Wijk.ID, now); err != nil {
		return Result{}, fmt.Errorf("demo: pact: %w", err)
	}
	if err := seedWijkbudget(ctx, s, r.Wijk.ID, now); err != nil { // after the books and CBS: it grants from the Wijkbudget, voters by address
		return Result{}, err
	}
	r.Password = Password
	return r, nil
}

// The plan is made in memory first, so that each record can be written
// with the right (backdated) creation time.

type personPlan struct {
	person  wijk.Person
	buurt   int // index into buurtSpecs, -1 for none
	created time.Time
	account *staffSpec // the demo account of this resident, if any
	first   time.Time  // earliest membership start; zero if none
}

type orgPlan struct {
	spec    orgSpec
	founded time.Time // a date: memberships start on or after it
	created time.Time // when the record was made
	id      string    // set when written

	// Initiatives only.
	history    []historyEvent // phase moves, form changes and ticks, in date order
	phases     []phaseAt      // the phase from each date on, in date order
	phase      proces.Phase   // the phase today
	formOn     time.Time      // the day it became zelfstandig or a buurtbedrijf; zero if it did not
	ontwikkel  time.Time      // the day it entered the ontwikkelfase; zero if it did not
	endOn      time.Time      // the day it stopped; zero if it did not
	usedPeople map[int]bool   // residents with a membership, so nobody is picked twice
}

// membershipPlan is a membership. One that starts with a doorstroom
// continues another: from is then 1 + the index of that one in
// seedPlan.members, which ends on this one's start.
type membershipPlan struct {
	org, person int // indexes into plan.orgs and plan.people
	role        wijk.MemberRole
	start, end  time.Time
	from        int
	moved       bool   // ended with a doorstroom into another membership
	moveReason  string // why the person moved on into this membership
	leaveReason string // why the person left (uitstroom)
	id          string // set when written
}

type seedPlan struct {
	rng         *rand.Rand
	now         time.Time // the moment passed to Seed
	today       time.Time // now's date
	wijkDay     time.Time // the date the wijk was made
	wijkCreated time.Time
	people      []personPlan
	orgs        []orgPlan // initiatives, then the wijkcoöperatie, then partners
	members     []membershipPlan
	coops       []cooperationPlan
	coopJoins   []coopJoinPlan
	reflections []reflectionPlan
	sessions    []sessionPlan
}

const (
	pInitiatiefnemer = 0 // index of the initiatiefnemer in people
	pBewoner         = 1 // index of the bewoner
)

// Indexes into seedPlan.orgs.
var (
	oCooperatie = len(initiatives)
	oPartners   = len(initiatives) + 1
)

func plan(now time.Time) *seedPlan {
	now = now.UTC()
	p := &seedPlan{
		rng:   rand.New(rand.NewPCG(randSeed1, randSeed2)),
		now:   now,
		today: time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC),
	}
	p.wijkDay = p.today.AddDate(0, -25, 0)
	p.wijkCreated = p.clamp(p.wijkDay.Add(9 * time.Hour))
	p.planPeople()
	p.planOrganisations()
	p.planHistory()
	p.planMemberships()
	p.planCreation()
	p.planCooperation()
	p.planLearning()
	return p
}

// clamp keeps a moment from lying after now.
func (p *seedPlan) clamp(t time.Time) time.Time {
	if t.After(p.now) {
		return p.now
	}
	return t
}

// dayIn returns a date a random number of days in [from, to].
func (p *seedPlan) dayIn(from, to time.Time) time.Time {
	n := int(to.Sub(from).Hours() / 24)
	if n <= 0 {
		return from
	}
	return from.AddDate(0, 0, p.rng.IntN(n+1))
}

// during returns a moment on date d between 08:00 and 20:00 UTC: daytime
// and evening in the Netherlands.
func (p *seedPlan) during(d time.Time) time.Time {
	return p.clamp(d.Add(time.Duration(8*60+p.rng.IntN(12*60)) * time.Minute))
}

func (p *seedPlan) planPeople() {
	taken := map[string]bool{initiatiefnemer.name: true, bewoner.name: true}
	p.people = append(p.people,
		personPlan{person: wijk.Person{DisplayName: initiatiefnemer.name, Email: initiatiefnemer.email}, buurt: 0, account: &initiatiefnemer},
		personPlan{person: wijk.Person{DisplayName: bewoner.name, Email: bewoner.email}, buurt: 2, account: &bewoner})
	emails := map[string]bool{}
	for len(p.people) < numPeople {
		name := p.name()
		if taken[name] {
			continue
		}
		taken[name] = true
		p.people = append(p.people, personPlan{person: wijk.Person{DisplayName: name}, buurt: p.buurt()})
	}
	// About a quarter was registered by the procesmanager, on the
	// resident's behalf; they are the ones with fewer e-mail addresses.
	onBehalf := map[int]bool{}
	for _, i := range p.rng.Perm(numPeople - 2)[:numPeople/onBehalfShare] {
		onBehalf[i+2] = true
	}
	for i := 2; i < len(p.people); i++ {
		pp := &p.people[i]
		if onBehalf[i] {
			pp.person.ConsentBy = "procesmanager" // replaced by the user ID when written
			switch r := p.rng.IntN(10); {
			case r == 0:
				pp.person.Email = p.email(pp.person.DisplayName, emails)
			case r < 6:
				pp.person.Phone = p.phone()
			}
		} else if p.rng.IntN(10) < 3 {
			pp.person.Email = p.email(pp.person.DisplayName, emails)
		}
	}
}

// name returns a first name with the initial of a last name, like "Fatima E."
// or "Jan van D.".
func (p *seedPlan) name() string {
	g := firstNames[0] // Dutch names: a bit under half of the wijk
	if p.rng.IntN(100) >= 45 {
		g = firstNames[1+p.rng.IntN(len(firstNames)-1)]
	}
	first := g.names[p.rng.IntN(len(g.names))]
	prefix := ""
	if g.dutch {
		prefix = tussenvoegsels[p.rng.IntN(len(tussenvoegsels))]
	}
	return first + " " + prefix + string(initials[p.rng.IntN(len(initials))]) + "."
}

// buurt returns a buurt index by weight, or -1 (unknown) for about one in
// eight residents.
func (p *seedPlan) buurt() int {
	if p.rng.IntN(8) == 0 {
		return -1
	}
	total := 0
	for _, b := range buurtSpecs {
		total += b.weight
	}
	n := p.rng.IntN(total)
	for i, b := range buurtSpecs {
		if n < b.weight {
			return i
		}
		n -= b.weight
	}
	return len(buurtSpecs) - 1
}

// email makes an address at the reserved domain example.org from a display
// name: "Jan van D." becomes jan.vand@example.org.
func (p *seedPlan) email(name string, taken map[string]bool) string {
	local := strings.Map(func(r rune) rune {
		switch r {
		case ' ':
			return '.'
		case '.':
			return -1
		}
		return r
	}, strings.ToLower(fold(name)))
	first, rest, _ := strings.Cut(local, ".")
	local = first + "." + strings.ReplaceAll(rest, ".", "")
	addr := local + "@example.org"
	for n := 2; taken[addr]; n++ {
		addr = fmt.Sprintf("%s%d@example.org", local, n)
	}
	taken[addr] = true
	return addr
}

// fold replaces the accented letters of the name lists by plain ones.
var fold = strings.NewReplacer("ş", "s", "ö", "o", "Ö", "O", "é", "e", "í", "i", "ú", "u", "ç", "c").Replace

// phone returns a fictional Dutch mobile number: 06-00… lies outside the
// ranges given out for mobile numbers (061–065, 068).
func (p *seedPlan) phone() string {
	return fmt.Sprintf("06-00%06d", p.rng.IntN(1000000))
}

func (p *seedPlan) planOrganisations() {
	for i, spec := range initiatives {
		founded := p.today.AddDate(0, -spec.founded, -p.rng.IntN(25))
		if i == iBuurtkeuken { // the oldest initiative, so two years of history
			founded = p.today.AddDate(0, -23, -20)
		}
		p.orgs = append(p.orgs, orgPlan{spec: spec.orgSpec, founded: founded, created: p.during(founded)})
	}
	coop := p.today.AddDate(0, -16, 0)
	p.orgs = append(p.orgs, orgPlan{spec: cooperatie, founded: coop, created: p.during(coop)})
	for _, spec := range partners {
		d := p.wijkDay.AddDate(0, 0, 1+p.rng.IntN(30))
		p.orgs = append(p.orgs, orgPlan{spec: spec, founded: p.today.AddDate(0, -24, 0), created: p.during(d)})
	}
	for i := range p.orgs {
		p.orgs[i].usedPeople = map[int]bool{}
	}
}

// planCreation dates each resident's registration: shortly before their
// first membership, or any time for residents who have not joined anything
// yet (instroom that is still in the informatiefase).
func (p *seedPlan) planCreation() {
	for _, m := range p.members {
		pp := &p.people[m.person]
		if pp.first.IsZero() || m.start.Before(pp.first) {
			pp.first = m.start
		}
	}
	earliest := p.wijkDay.AddDate(0, 0, 2)
	for i := range p.people {
		pp := &p.people[i]
		d := pp.first
		if d.IsZero() {
			d = p.dayIn(earliest, p.today)
		} else {
			d = d.AddDate(0, 0, -p.rng.IntN(15))
		}
		if d.Before(earliest) {
			d = earliest
		}
		pp.created = p.during(d)
		pp.person.ConsentAt = pp.created
	}
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// write stores the plan. Records go in in order of creation, with the
// store's clock set to each record's creation time.
func (p *seedPlan) write(ctx context.Context, s *store.Store, hash string) (Result, error) {
	at := func(t time.Time) { s.SetClock(func() time.Time { return t }) }
	var r Result

	at(p.wijkCreated)
	w := wijk.Wijk{Slug: Slug, Name: wijkName, CBSCode: wijkCode, CBSYear: cbsYear, Municipality: municipality, Description: wijkText}
	if err := s.CreateWijk(ctx, &w); err != nil {
		return r, err
	}
	r.Wijk = w
	buurten := make([]string, len(buurtSpecs))
	for i, b := range buurtSpecs {
		bu := wijk.Buurt{WijkID: w.ID, Name: b.name, CBSCode: b.code, CBSYear: cbsYear}
		if err := s.CreateBuurt(ctx, &bu); err != nil {
			return r, err
		}
		buurten[i] = bu.ID
	}

	// Staff accounts, from the start of the wijk.
	accounts := map[account.Role]Account{}
	users := map[account.Role]string{}
	addUser := func(role account.Role, a *staffSpec, admin bool, t time.Time) error {
		at(t)
		u := account.User{Email: a.email, DisplayName: a.name, PasswordHash: hash, IsAdmin: admin}
		if err := s.CreateUser(ctx, &u); err != nil {
			return err
		}
		users[role] = u.ID
		accounts[role] = Account{Role: role, Email: u.Email, Name: u.DisplayName}
		return nil
	}
	addGrant := func(role account.Role, org int, t time.Time) error {
		at(t)
		g := account.Grant{UserID: users[role], WijkID: w.ID, Role: role}
		if org >= 0 {
			g.OrganisationID = p.orgs[org].id
			a := accounts[role]
			a.Organisation = p.orgs[org].spec.name
			accounts[role] = a
		}
		return s.AddGrant(ctx, &g)
	}
	start := p.wijkCreated.Add(time.Hour)
	for _, st := range []struct {
		role  account.Role
		spec  *staffSpec
		admin bool
	}{
		{account.RoleBeheerder, &beheerder, true},
		{account.RoleProcesmanager, &procesmanager, false},
		{account.RolePenningmeester, &penningmeester, false},
		{account.RoleVoorzitter, &voorzitter, false},
		{account.RoleVrijwilliger, &vrijwilliger, false},
	} {
		if err := addUser(st.role, st.spec, st.admin, start); err != nil {
			return r, err
		}
		if err := addGrant(st.role, -1, start); err != nil {
			return r, err
		}
	}

	// Organisations.
	for i := range p.orgs {
		op := &p.orgs[i]
		at(op.created)
		form := op.spec.form
		if form.IsInitiative() { // every initiative starts as a burgerinitiatief; writeHistory changes the form later
			form = wijk.FormBurgerinitiatief
		}
		o := wijk.Organisation{WijkID: w.ID, Name: op.spec.name, Form: form, Domain: op.spec.domain, Description: op.spec.text}
		if err := s.CreateOrganisation(ctx, &o); err != nil {
			return r, err
		}
		op.id = o.ID
	}
	partnerOrg := p.orgs[oPartners+pWoonstichting]
	if err := addUser(account.RolePartner, &partnerStaff, false, partnerOrg.created); err != nil {
		return r, err
	}
	if err := addGrant(account.RolePartner, oPartners+pWoonstichting, partnerOrg.created); err != nil {
		return r, err
	}

	// Residents, in order of registration; the two with a demo account get
	// their account first.
	order := make([]int, len(p.people))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return p.people[a].created.Compare(p.people[b].created) })
	personIDs := make([]string, len(p.people))
	for _, i := range order {
		pp := &p.people[i]
		person := pp.person
		person.WijkID = w.ID
		if pp.buurt >= 0 {
			person.BuurtID = buurten[pp.buurt]
		}
		if person.ConsentBy != "" {
			person.ConsentBy = users[account.RoleProcesmanager]
		}
		if pp.account != nil {
			role, org := account.RoleBewoner, -1
			if i == pInitiatiefnemer {
				role, org = account.RoleInitiatiefnemer, iBuurttuin
			}
			if err := addUser(role, pp.account, false, pp.created); err != nil {
				return r, err
			}
			if err := addGrant(role, org, pp.created); err != nil {
				return r, err
			}
			person.UserID = users[role]
		}
		at(pp.created)
		if err := s.CreatePerson(ctx, &person); err != nil {
			return r, err
		}
		personIDs[i] = person.ID
	}

	// The WEI-proces: first the phase history of every initiative, so that
	// each membership's flow event gets the phase of its day; then the
	// memberships, cooperations and Action Learning.
	pm := users[account.RoleProcesmanager]
	if err := p.writeHistory(ctx, s, w.ID, pm); err != nil {
		return r, err
	}
	if err := p.writeMemberships(ctx, s, personIDs, pm); err != nil {
		return r, err
	}
	if err := p.writeCooperation(ctx, s, w.ID); err != nil {
		return r, err
	}
	if err := p.writeLearning(ctx, s, w.ID, personIDs, pm); err != nil {
		return r, err
	}

	for _, role := range account.Roles {
		a, ok := accounts[role]
		if !ok {
			return r, fmt.Errorf("no demo account for role %s", role)
		}
		r.Accounts = append(r.Accounts, a)
	}
	return r, nil
}
