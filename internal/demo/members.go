package demo

import (
	"cmp"
	"context"
	"slices"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// Memberships make the people flow of the WEI-model: every membership of
// an initiative starts with an instroom or a doorstroom and may end with an
// uitstroom or a doorstroom into another role or initiative.

// add appends a membership to the plan and returns its index.
func (p *seedPlan) add(m membershipPlan) int {
	p.orgs[m.org].usedPeople[m.person] = true
	p.members = append(p.members, m)
	return len(p.members) - 1
}

// moveOn ends membership i on a day with a doorstroom into a new role in
// org, and returns the index of the new membership.
func (p *seedPlan) moveOn(i int, on time.Time, org int, role wijk.MemberRole, reason string) int {
	p.members[i].end, p.members[i].moved = on, true
	return p.add(membershipPlan{org: org, person: p.members[i].person, role: role, start: on, from: i + 1, moveReason: reason})
}

// leave ends membership i on a day: uitstroom.
func (p *seedPlan) leave(i int, on time.Time, reason string) {
	p.members[i].end, p.members[i].leaveReason = on, reason
}

// pick returns n residents, other than the two with demo accounts, who
// are not in used, and marks them used.
func (p *seedPlan) pick(n int, used map[int]bool) []int {
	var out []int
	for _, j := range p.rng.Perm(numPeople - 2) {
		if len(out) == n {
			break
		}
		if i := j + 2; !used[i] {
			used[i] = true
			out = append(out, i)
		}
	}
	return out
}

func (p *seedPlan) between(lo, hi int) int { return lo + p.rng.IntN(hi-lo+1) }

// open reports whether membership i has no end yet.
func (p *seedPlan) open(i int) bool { return p.members[i].end.IsZero() }

func (p *seedPlan) planMemberships() {
	// Steps out of a trekker role, for the initiatives whose founder
	// handed over: "" is a doorstroom into a vrijwilliger role.
	handover := map[int]string{iBuurtkeuken: "", iRepairCafe: "Geen tijd meer", iHuiswerk: "Verhuisd"}

	for o, spec := range initiatives {
		org := &p.orgs[o]
		last := p.today // memberships start on or before it
		if !org.endOn.IsZero() {
			last = org.endOn.AddDate(0, 0, -40)
		}
		// Trekkers: the founder from the first day, sometimes a second one soon after.
		var founder int
		if o == iBuurttuin {
			founder = pInitiatiefnemer
		} else {
			founder = p.pick(1, org.usedPeople)[0]
		}
		f := p.add(membershipPlan{org: o, person: founder, role: wijk.MemberTrekker, start: org.founded})
		if reason, ok := handover[o]; ok {
			// A vrijwilliger takes over from the founder: doorstroom in the WEI-model.
			on := p.dayIn(org.founded.AddDate(0, 6, 0), org.founded.AddDate(0, 12, 0))
			v := p.add(membershipPlan{org: o, person: p.pick(1, org.usedPeople)[0], role: wijk.MemberVrijwilliger,
				start: p.dayIn(org.founded.AddDate(0, 0, 7), org.founded.AddDate(0, 2, 0))})
			p.moveOn(v, on, o, wijk.MemberTrekker, reasonHandover)
			if reason == "" {
				p.moveOn(f, on, o, wijk.MemberVrijwilliger, reasonStepBack)
			} else {
				p.leave(f, on, reason)
			}
		}
		if org.phase != proces.PhaseInformatie && org.phase != proces.PhaseEnded && p.rng.IntN(2) == 0 {
			start := p.dayIn(org.founded, minTime(org.founded.AddDate(0, 2, 0), p.today))
			p.add(membershipPlan{org: o, person: p.pick(1, org.usedPeople)[0], role: wijk.MemberTrekker, start: start})
		}

		type count struct {
			role wijk.MemberRole
			n    int
		}
		var counts []count
		switch {
		case org.phase == proces.PhaseEnded:
			counts = []count{{wijk.MemberVrijwilliger, p.between(1, 2)}, {wijk.MemberDeelnemer, p.between(4, 7)}}
		case org.phase == proces.PhaseInformatie:
			counts = []count{{wijk.MemberVrijwilliger, p.between(0, 2)}, {wijk.MemberDeelnemer, p.between(2, 5)}}
		case spec.form == wijk.FormBuurtbedrijf:
			counts = []count{{wijk.MemberMedewerker, p.between(1, 3)}, {wijk.MemberVrijwilliger, p.between(3, 7)},
				{wijk.MemberDeelnemer, p.between(5, 12)}, {wijk.MemberContactpersoon, 1}}
		case spec.form == wijk.FormZelfstandigBurgerinitiatief:
			counts = []count{{wijk.MemberLid, p.between(2, 6)}, {wijk.MemberVrijwilliger, p.between(2, 6)},
				{wijk.MemberDeelnemer, p.between(5, 12)}, {wijk.MemberContactpersoon, 1}}
		default:
			counts = []count{{wijk.MemberVrijwilliger, p.between(1, 4)}, {wijk.MemberDeelnemer, p.between(4, 10)},
				{wijk.MemberContactpersoon, p.between(0, 1)}}
		}
		for _, c := range counts {
			from := org.founded
			if c.role == wijk.MemberMedewerker || c.role == wijk.MemberLid {
				from = org.formOn // employees and members come with the new form
			}
			for _, person := range p.pick(c.n, org.usedPeople) {
				p.member(o, person, c.role, from, last)
			}
		}
	}

	// The bewoner: volunteer at the Repair Café since its first year,
	// joined the Kookclub later.
	repair := p.orgs[iRepairCafe].founded
	p.add(membershipPlan{org: iRepairCafe, person: pBewoner, role: wijk.MemberVrijwilliger, start: p.dayIn(repair.AddDate(0, 2, 0), repair.AddDate(0, 8, 0))})
	p.add(membershipPlan{org: iKookclub, person: pBewoner, role: wijk.MemberDeelnemer, start: p.dayIn(p.orgs[iKookclub].founded, p.today)})

	p.planDoorstroom()
	p.planEnding(iWandelgroep)
	p.planCoopAndPartnerMembers()
}

// member plans a membership of a resident that starts between from and
// last (for a third, the core group, in the first three months) and, for
// about one in seven, has ended again (uitstroom, mostly with a reason).
func (p *seedPlan) member(org, person int, role wijk.MemberRole, from, last time.Time) {
	start := p.dayIn(from, last)
	if p.rng.IntN(3) == 0 {
		start = p.dayIn(from, minTime(from.AddDate(0, 3, 0), last))
	}
	i := p.add(membershipPlan{org: org, person: person, role: role, start: start})
	if p.orgs[org].endOn.IsZero() {
		if span := int(p.today.Sub(p.members[i].start).Hours() / 24); span > 60 && p.rng.IntN(7) == 0 {
			p.leave(i, p.members[i].start.AddDate(0, 0, 30+p.rng.IntN(span-30)), leaveReasons[p.rng.IntN(len(leaveReasons))])
		}
	}
}

// planDoorstroom plans the steps of residents within and between the
// initiatives: vrijwilligers who get a paid job when their initiative
// becomes a buurtbedrijf, deelnemers who become lid of a new stichting or
// take on more, and some who move to another initiative.
func (p *seedPlan) planDoorstroom() {
	n := len(p.members) // the memberships planned so far; new ones are not looked at again
	candidates := func(o int, role wijk.MemberRole, before time.Time) []int {
		var out []int
		for i := range n {
			m := &p.members[i]
			if m.org == o && m.role == role && m.person != pBewoner && p.open(i) && m.start.Before(before) {
				out = append(out, i)
			}
		}
		return out
	}
	for o, spec := range initiatives {
		org := p.orgs[o]
		if org.formOn.IsZero() {
			continue
		}
		role, to, reason := wijk.MemberVrijwilliger, wijk.MemberMedewerker, reasonMedewerker
		if spec.form == wijk.FormZelfstandigBurgerinitiatief {
			role, to, reason = wijk.MemberDeelnemer, wijk.MemberLid, reasonLid
		}
		c := candidates(o, role, org.formOn.AddDate(0, 0, -14))
		for _, j := range p.rng.Perm(len(c))[:min(len(c), p.between(1, 2))] {
			p.moveOn(c[j], org.formOn, o, to, reason)
		}
	}

	// Deelnemers who take on a task.
	for i := range n {
		m := p.members[i]
		if m.role != wijk.MemberDeelnemer || m.person == pBewoner || !p.open(i) || !p.orgs[m.org].endOn.IsZero() ||
			m.org >= oCooperatie || m.start.After(p.today.AddDate(0, -4, 0)) || p.rng.IntN(6) != 0 {
			continue
		}
		p.moveOn(i, p.dayIn(m.start.AddDate(0, 2, 0), p.today.AddDate(0, 0, -7)), m.org, wijk.MemberVrijwilliger, reasonMoreTasks)
	}

	// Some move to another initiative.
	for moved, tries := 0, 0; moved < 4 && tries < 200; tries++ {
		i := p.rng.IntN(n)
		m := p.members[i]
		if (m.role != wijk.MemberDeelnemer && m.role != wijk.MemberVrijwilliger) || m.person == pBewoner || !p.open(i) ||
			m.org >= oCooperatie || !p.orgs[m.org].endOn.IsZero() || m.start.After(p.today.AddDate(0, -3, 0)) {
			continue
		}
		to := p.rng.IntN(len(initiatives))
		on := p.dayIn(m.start.AddDate(0, 0, 45), p.today.AddDate(0, 0, -7))
		if target := p.orgs[to]; to == m.org || target.usedPeople[m.person] || !target.endOn.IsZero() || !target.founded.Before(on) {
			continue
		}
		p.moveOn(i, on, to, m.role, reasonOther)
		moved++
	}
}

// planEnding ends the memberships of an initiative that stopped: the
// founder moved away a month or so before, a few move on to the
// koffieochtend, the others leave in its last two weeks.
func (p *seedPlan) planEnding(o int) {
	endOn := p.orgs[o].endOn
	toKoffie := p.between(2, 3)
	for i := range p.members {
		m := p.members[i]
		if m.org != o || !p.open(i) {
			continue
		}
		switch {
		case m.role == wijk.MemberTrekker:
			p.leave(i, endOn.AddDate(0, 0, -30-p.rng.IntN(15)), "Verhuisd")
		case m.role == wijk.MemberDeelnemer && toKoffie > 0 && !p.orgs[iKoffie].usedPeople[m.person]:
			toKoffie--
			p.moveOn(i, endOn.AddDate(0, 0, -1-p.rng.IntN(10)), iKoffie, wijk.MemberDeelnemer, reasonWalkersMoved)
		default:
			p.leave(i, endOn.AddDate(0, 0, -1-p.rng.IntN(14)), reasonStopped)
		}
	}
}

// planCoopAndPartnerMembers plans the residents of the wijkcoöperatie and
// of partners.
func (p *seedPlan) planCoopAndPartnerMembers() {
	// The wijkcoöperatie: trekkers of the mature initiatives are its
	// members, three of them form the board (trekker), plus residents.
	coop := p.orgs[oCooperatie]
	used := coop.usedPeople
	used[pInitiatiefnemer], used[pBewoner] = true, true
	board := 0
	for i := range p.members {
		m := p.members[i]
		if m.org >= oCooperatie || m.role != wijk.MemberTrekker || !p.open(i) || used[m.person] ||
			p.orgs[m.org].spec.form == wijk.FormBurgerinitiatief {
			continue
		}
		role, start := wijk.MemberLid, p.dayIn(coop.founded, coop.founded.AddDate(0, 3, 0))
		if board < 3 && p.orgs[m.org].spec.form == wijk.FormBuurtbedrijf {
			role, start = wijk.MemberTrekker, coop.founded
			board++
		}
		p.add(membershipPlan{org: oCooperatie, person: m.person, role: role, start: start})
	}
	p.add(membershipPlan{org: oCooperatie, person: pInitiatiefnemer, role: wijk.MemberLid,
		start: p.dayIn(coop.founded, coop.founded.AddDate(0, 3, 0))})
	for _, person := range p.pick(1, used) {
		p.member(oCooperatie, person, wijk.MemberContactpersoon, coop.founded, p.today)
	}
	for _, person := range p.pick(p.between(28, 36), used) {
		p.member(oCooperatie, person, wijk.MemberLid, coop.founded, p.today)
	}

	// Partners: residents volunteer for the welzijn organisation, and two
	// shopkeepers who live in the wijk are the contact for their shop.
	used = map[int]bool{}
	for _, person := range p.pick(p.between(3, 5), used) {
		p.member(oPartners+pWelzijn, person, wijk.MemberVrijwilliger, p.orgs[oPartners+pWelzijn].founded, p.today)
	}
	for _, o := range []int{oPartners + pBakkerij, oPartners + pSupermarkt} {
		p.add(membershipPlan{org: o, person: p.pick(1, used)[0], role: wijk.MemberContactpersoon,
			start: p.dayIn(p.orgs[o].founded, p.orgs[o].founded.AddDate(0, 4, 0))})
	}
}

// writeMemberships writes the people flow in date order, with the store's
// clock on each day: instroom (a new membership), doorstroom (MoveOn) and
// uitstroom (Leave).
func (p *seedPlan) writeMemberships(ctx context.Context, s *store.Store, personIDs []string, pm string) error {
	type action struct {
		on   time.Time
		kind int // 0 instroom, 1 doorstroom, 2 uitstroom: in this order on one day
		i    int
	}
	var actions []action
	for i, m := range p.members {
		if m.from == 0 {
			actions = append(actions, action{m.start, 0, i})
		} else {
			actions = append(actions, action{m.start, 1, i})
		}
		if !m.end.IsZero() && !m.moved {
			actions = append(actions, action{m.end, 2, i})
		}
	}
	slices.SortStableFunc(actions, func(a, b action) int {
		return cmp.Or(a.on.Compare(b.on), cmp.Compare(a.kind, b.kind), cmp.Compare(a.i, b.i))
	})
	for _, a := range actions {
		setClock(s, p.during(a.on))
		m := &p.members[a.i]
		switch a.kind {
		case 0:
			wm := wijk.Membership{OrganisationID: p.orgs[m.org].id, PersonID: personIDs[m.person], Role: m.role, StartedOn: m.start}
			if err := s.AddMembership(ctx, &wm); err != nil {
				return err
			}
			m.id = wm.ID
		case 1:
			wm := wijk.Membership{OrganisationID: p.orgs[m.org].id, PersonID: personIDs[m.person], Role: m.role, StartedOn: m.start}
			if err := s.MoveOn(ctx, p.members[m.from-1].id, &wm, m.moveReason, pm); err != nil {
				return err
			}
			m.id = wm.ID
		case 2:
			if err := s.Leave(ctx, m.id, m.end, m.leaveReason, pm); err != nil {
				return err
			}
		}
	}
	return nil
}
