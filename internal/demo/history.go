package demo

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// The WEI-proces of the demo wijk: the phase and form history of every
// initiative, with the checklist ticked before each move, the partners
// that work with them, their membership of the wijkcoöperatie, and Action
// Learning (reflection moments, trainings and coaching).

// setClock sets the store's clock to t.
func setClock(s *store.Store, t time.Time) { s.SetClock(func() time.Time { return t }) }

// historyEvent is a phase move or a form change of an initiative, or only
// ticks on its checklist. The ticks are given just before the change.
type historyEvent struct {
	at       time.Time    // the moment; its date is the day of the change
	to       proces.Phase // the phase moved to; "" for none
	form     wijk.Form    // the form changed to; "" for none
	reason   string       // of a move, or the note of a form change
	override bool
	ticks    []tickPlan
}

// tickPlan ticks a criterion of the default checklist, found by phase and
// position; only says whether it is ticked at all.
type tickPlan struct {
	phase    proces.Phase
	pos      int // from 1
	only     tickWhen
	evidence string
}

type tickWhen int

const (
	tickAlways tickWhen = iota
	tickIfRequired
	tickIfOptional
)

// phaseAt is the phase of an initiative from a day on.
type phaseAt struct {
	on    time.Time
	phase proces.Phase
}

// planHistory plans the phase log and form changes of every initiative
// from its steps, each on a day some months ago.
func (p *seedPlan) planHistory() {
	for o, spec := range initiatives {
		org := &p.orgs[o]
		cur, prev := proces.PhaseInformatie, org.founded
		org.phases = []phaseAt{{org.founded, cur}}
		for _, st := range spec.steps {
			d := p.today.AddDate(0, -st.months, -p.rng.IntN(25))
			if !d.After(prev) {
				d = prev.AddDate(0, 0, 1)
			}
			d = minTime(d, p.today)
			prev = d
			ev := historyEvent{at: p.during(d), to: st.to, form: st.form, reason: st.reason, override: st.override}
			if st.form != "" {
				ev.reason = toZelfstandig
				if st.form == wijk.FormBuurtbedrijf {
					ev.reason = toBuurtbedrijf
				}
				org.formOn = d
				org.history = append(org.history, ev)
				continue
			}
			if st.to != proces.PhaseEnded && st.to.Index() > cur.Index() {
				ev.ticks = p.leaving(cur)
				if ev.reason == "" && !st.mistake {
					ev.reason = moveReasons[st.to]
				}
			}
			org.history = append(org.history, ev)
			org.phases = append(org.phases, phaseAt{d, st.to})
			if st.mistake {
				// The procesmanager moved the wrong initiative and undoes it
				// the next day with a move back: history is never rewritten.
				next := minTime(d.AddDate(0, 0, 1), p.today)
				org.history = append(org.history, historyEvent{at: p.during(next), to: cur, reason: undoReason})
				org.phases = append(org.phases, phaseAt{next, cur})
				prev = next
				continue
			}
			cur = st.to
			switch cur {
			case proces.PhaseOntwikkel:
				org.ontwikkel = d
			case proces.PhaseEnded:
				org.endOn = d
			}
		}
		org.phase = cur
		// Work in progress on the checklist of the current phase: some
		// criteria ticked, the required one still open, so that the
		// procesmanager of the demo can tick it and move the initiative on.
		// The Kookclub's list was ticked before its mistaken move.
		if cur.Next() != "" && o != iKookclub {
			var ticks []tickPlan
			for pos := range evidence[cur] {
				if p.rng.IntN(2) == 0 {
					ticks = append(ticks, tickPlan{phase: cur, pos: pos + 1, only: tickIfOptional, evidence: p.evidenceFor(cur, pos)})
				}
			}
			if len(ticks) > 0 {
				d := p.dayIn(minTime(prev.AddDate(0, 0, 7), p.today), p.today)
				org.history = append(org.history, historyEvent{at: p.during(d), ticks: ticks})
			}
		}
	}
}

// leaving plans the ticks before an initiative leaves phase ph: the
// required criteria always, most of the others.
func (p *seedPlan) leaving(ph proces.Phase) []tickPlan {
	var out []tickPlan
	for pos := range evidence[ph] {
		only := tickAlways
		if p.rng.IntN(4) == 0 {
			only = tickIfRequired
		}
		out = append(out, tickPlan{phase: ph, pos: pos + 1, only: only, evidence: p.evidenceFor(ph, pos)})
	}
	return out
}

func (p *seedPlan) evidenceFor(ph proces.Phase, pos int) string {
	row := evidence[ph][pos]
	text := row[p.rng.IntN(len(row))]
	if strings.Contains(text, "%d") {
		text = fmt.Sprintf(text, p.between(5, 12))
	}
	return text
}

// phaseOn returns the phase initiative o was in on day d.
func (p *seedPlan) phaseOn(o int, d time.Time) proces.Phase {
	phases := p.orgs[o].phases
	ph := phases[0].phase
	for _, x := range phases {
		if !x.on.After(d) {
			ph = x.phase
		}
	}
	return ph
}

// writeHistory writes the phase log and the form changes, each with the
// store's clock on its moment, by the procesmanager.
func (p *seedPlan) writeHistory(ctx context.Context, s *store.Store, wijkID, pm string) error {
	crit, err := s.Criteria(ctx, wijkID)
	if err != nil {
		return err
	}
	type key struct {
		phase proces.Phase
		pos   int
	}
	byPos := map[key]proces.Criterion{}
	for _, c := range crit {
		if !c.Retired {
			byPos[key{c.Phase, c.Position}] = c
		}
	}
	for o := range initiatives {
		org := &p.orgs[o]
		seq := 1
		for _, ev := range org.history {
			if len(ev.ticks) > 0 {
				setClock(s, ev.at.Add(-20*time.Minute))
				for _, t := range ev.ticks {
					c, ok := byPos[key{t.phase, t.pos}]
					if !ok || (t.only == tickIfRequired && !c.Required) || (t.only == tickIfOptional && c.Required) {
						continue
					}
					if err := s.Tick(ctx, proces.Check{InitiativeID: org.id, CriterionID: c.ID, Evidence: t.evidence, ByUserID: pm}); err != nil {
						return fmt.Errorf("%s: tick: %w", org.spec.name, err)
					}
				}
			}
			setClock(s, ev.at)
			switch {
			case ev.form != "":
				if err := s.ChangeForm(ctx, org.id, ev.form, ev.at, ev.reason, pm); err != nil {
					return fmt.Errorf("%s: %w", org.spec.name, err)
				}
			case ev.to != "":
				m := proces.Move{InitiativeID: org.id, To: ev.to, On: ev.at, Reason: ev.reason, Override: ev.override, ExpectSeq: seq, ByUserID: pm}
				if _, err := s.MovePhase(ctx, m); err != nil {
					return fmt.Errorf("%s: move to %s: %w", org.spec.name, ev.to, err)
				}
				seq++
			}
		}
	}
	return nil
}

type cooperationPlan struct {
	partner, initiative int // indexes into partners and initiatives
	what                string
	since, until        time.Time
}

type coopJoinPlan struct {
	initiative int
	on         time.Time
	link       coopLink
}

// planCooperation plans the cooperations of partners with initiatives and
// the initiatives' memberships of the wijkcoöperatie.
func (p *seedPlan) planCooperation() {
	coopFounded := p.orgs[oCooperatie].founded
	for o, spec := range initiatives {
		org := p.orgs[o]
		for _, l := range spec.partners {
			since := p.today.AddDate(0, -l.months, -p.rng.IntN(20))
			if since.Before(org.founded) {
				since = org.founded
			}
			p.coops = append(p.coops, cooperationPlan{partner: l.partner, initiative: o, what: l.what, since: since, until: org.endOn})
		}
		if spec.coop != nil {
			on := p.today.AddDate(0, -spec.coop.months, -p.rng.IntN(20))
			if on.Before(coopFounded) {
				on = coopFounded
			}
			p.coopJoins = append(p.coopJoins, coopJoinPlan{initiative: o, on: on, link: *spec.coop})
		}
	}
}

func (p *seedPlan) writeCooperation(ctx context.Context, s *store.Store, wijkID string) error {
	for _, c := range p.coops {
		setClock(s, p.during(c.since))
		co := proces.Cooperation{WijkID: wijkID, PartnerID: p.orgs[oPartners+c.partner].id, InitiativeID: p.orgs[c.initiative].id,
			What: c.what, Since: c.since, Until: c.until}
		if err := s.AddCooperation(ctx, &co); err != nil {
			return fmt.Errorf("cooperation with %s: %w", p.orgs[c.initiative].spec.name, err)
		}
	}
	for _, j := range p.coopJoins {
		setClock(s, p.during(j.on))
		m := proces.CoopMembership{CoopID: p.orgs[oCooperatie].id, MemberID: p.orgs[j.initiative].id, JoinedOn: j.on,
			Shares: j.link.shares, FeeCents: j.link.feeCents}
		if err := s.JoinCoop(ctx, &m); err != nil {
			return fmt.Errorf("%s joins the wijkcoöperatie: %w", p.orgs[j.initiative].spec.name, err)
		}
	}
	return nil
}

type reflectionPlan struct {
	initiative   int
	on           time.Time
	participants []int // indexes into people
	text         reflection
}

type sessionPlan struct {
	spec      sessionSpec
	on        time.Time
	attendees []int // indexes into people
}

// leadRoles are the roles of residents who carry an initiative and go to
// trainings.
var leadRoles = []wijk.MemberRole{wijk.MemberTrekker, wijk.MemberVrijwilliger, wijk.MemberMedewerker, wijk.MemberLid}

// activeOn returns the residents with a membership of initiative o on day
// d, of one of roles (any role when roles is empty): trekkers first, the
// others in random order.
func (p *seedPlan) activeOn(o int, d time.Time, roles ...wijk.MemberRole) []int {
	var lead, rest []int
	seen := map[int]bool{}
	for _, m := range p.members {
		if m.org != o || m.start.After(d) || (!m.end.IsZero() && !m.end.After(d)) || seen[m.person] ||
			(len(roles) > 0 && !slices.Contains(roles, m.role)) {
			continue
		}
		seen[m.person] = true
		if m.role == wijk.MemberTrekker {
			lead = append(lead, m.person)
		} else {
			rest = append(rest, m.person)
		}
	}
	p.rng.Shuffle(len(rest), func(i, j int) { rest[i], rest[j] = rest[j], rest[i] })
	return append(lead, rest...)
}

// favourDemo moves each resident with a demo account in people to the
// front, half of the time, so that they take part in about half the
// sessions and reflection moments they could join and their pages show
// what they learned.
func (p *seedPlan) favourDemo(people []int) []int {
	for _, x := range []int{pInitiatiefnemer, pBewoner} {
		if i := slices.Index(people, x); i > 0 && p.rng.IntN(2) == 0 {
			people = slices.Insert(slices.Delete(people, i, i+1), 0, x)
		}
	}
	return people
}

// planLearning plans Action Learning: two to four reflection moments for
// every initiative in the ontwikkel or autonome fase, since it entered the
// ontwikkelfase, and the trainings and coaching sessions.
func (p *seedPlan) planLearning() {
	for o := range initiatives {
		org := p.orgs[o]
		if org.phase != proces.PhaseOntwikkel && org.phase != proces.PhaseAutonoom {
			continue
		}
		from := org.ontwikkel.AddDate(0, 0, 30)
		span := int(p.today.Sub(from).Hours() / 24)
		n := p.between(2, 4)
		texts := p.rng.Perm(len(reflections))
		for k := range n {
			d := from.AddDate(0, 0, span*k/n+p.rng.IntN(max(1, span/n/2)))
			people := p.favourDemo(p.activeOn(o, d))
			people = people[:min(len(people), p.between(3, 6))]
			p.reflections = append(p.reflections, reflectionPlan{initiative: o, on: d, participants: people, text: reflections[texts[k]]})
		}
	}
	for _, sp := range sessions {
		d := p.today.AddDate(0, -sp.months, -p.rng.IntN(20))
		var people []int
		if sp.initiative >= 0 {
			people = p.activeOn(sp.initiative, d, leadRoles...)
			people = people[:min(len(people), 5)]
		} else {
			// A training for the active residents of the initiatives past
			// the informatiefase.
			seen := map[int]bool{}
			for o := range initiatives {
				switch p.phaseOn(o, d) {
				case proces.PhaseOntstaan, proces.PhaseOntwikkel, proces.PhaseAutonoom:
					for _, x := range p.activeOn(o, d, leadRoles...) {
						if !seen[x] {
							seen[x] = true
							people = append(people, x)
						}
					}
				}
			}
			p.rng.Shuffle(len(people), func(i, j int) { people[i], people[j] = people[j], people[i] })
			people = p.favourDemo(people)[:min(len(people), p.between(6, 12))]
		}
		p.sessions = append(p.sessions, sessionPlan{spec: sp, on: d, attendees: people})
	}
}

func (p *seedPlan) writeLearning(ctx context.Context, s *store.Store, wijkID string, personIDs []string, pm string) error {
	ids := func(people []int) []string {
		out := make([]string, len(people))
		for i, x := range people {
			out[i] = personIDs[x]
		}
		return out
	}
	for _, r := range p.reflections {
		setClock(s, p.during(r.on))
		ref := proces.Reflection{InitiativeID: p.orgs[r.initiative].id, On: r.on, Participants: ids(r.participants),
			WentWell: r.text.wentWell, Learned: r.text.learned, NextAction: r.text.next, ByUserID: pm}
		if err := s.AddReflection(ctx, &ref); err != nil {
			return fmt.Errorf("reflection of %s: %w", p.orgs[r.initiative].spec.name, err)
		}
	}
	for _, sp := range p.sessions {
		setClock(s, p.during(sp.on))
		se := proces.Session{WijkID: wijkID, Kind: sp.spec.kind, Title: sp.spec.title, On: sp.on,
			Skills: slices.Clone(sp.spec.skills), Attendees: ids(sp.attendees), ByUserID: pm}
		if sp.spec.initiative >= 0 {
			se.InitiativeID = p.orgs[sp.spec.initiative].id
		}
		if err := s.AddSession(ctx, &se); err != nil {
			return fmt.Errorf("session %q: %w", sp.spec.title, err)
		}
	}
	return nil
}
