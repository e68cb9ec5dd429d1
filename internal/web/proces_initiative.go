package web

import (
	"net/http"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/proces"
	"github.com/wei-platform/wei/wijk"
)

// initiativePage is one initiative in the WEI-proces: where it stands, the
// guide for its phase, its history, and the forms of those who may act.
// A nil part is not shown to this user.
type initiativePage struct {
	Page
	In          store.Initiative
	FormLabel   string
	PhaseLabel  string
	Ended       bool
	Stuck       bool
	StuckDays   int
	MemberCount int
	Summary     *ErrorSummary

	Guide        *guideView
	Checklist    *checklistView
	PhaseEvents  []phaseEventLine
	FormEvents   []formEventLine
	Sessions     []sessionLine
	Cooperations []cooperationLine
	CoopMember   *coopMemberLine

	SignedIn     bool
	CanClaim     bool // the "Geld" section links to the claims and the time bank
	Join         *joinView
	Move         *moveView
	FormChange   *formChangeView
	Learning     *learningView
	CooperateAdd *cooperationForm
	CoopJoin     *coopJoinView
}

// guideView is the phase guide as the initiative page shows it.
type guideView struct {
	proces.Guide
	FormLabels []string
	Partners   []partnerLine
}

type partnerLine struct {
	Domain, Contributes, Wins string
}

type checklistView struct {
	Items    []checkItem
	CanTick  bool
	Evidence bool   // the user may see the evidence
	Error    string // why the move was refused, when it was the checklist
}

type checkItem struct {
	proces.Criterion
	Ticked   bool
	Check    proces.Check
	Evidence Field // the tick form's textarea
}

type phaseEventLine struct {
	On       time.Time
	From, To string
	Reason   string
	Override bool
}

type formEventLine struct {
	On       time.Time
	From, To string
	Note     string
}

type cooperationLine struct {
	PartnerID, PartnerName, Domain string
	What                           string
	Since, Until                   time.Time
	Active                         bool
}

type coopMemberLine struct {
	CoopID, CoopName string
	JoinedOn         time.Time
	Shares           int
	Fee              string
}

type joinView struct {
	NoPerson bool
	Member   bool
	Roles    []string
	Role     Field
	Reason   Field
}

type moveView struct {
	To, On, Reason, Override Field
	ExpectSeq                int
}

type formChangeView struct {
	Form, On, Note Field
}

type learningView struct {
	Reflections       []reflectionLine
	On                Field
	Participants      []checkOption
	ParticipantsError string
	WentWell          Field
	Learned           Field
	NextAction        Field
}

type reflectionLine struct {
	On           time.Time
	Participants []string
	WentWell     string
	Learned      string
	NextAction   string
}

type cooperationForm struct {
	NoPartners        bool
	Partner, What, On Field
}

type coopJoinView struct {
	CoopName              string
	Shares, Fee, JoinedOn Field
}

// initiativeInput is what a refused form on the initiative page sent, so
// that the page shows it again with the messages.
type initiativeInput struct {
	Join, Leave, Move, FormChange, Reflection, Cooperation, CoopJoin, Tick form
	TickID                                                                 string   // the criterion of the Tick form
	Participants                                                           []string // the participants ticked in the Reflection form
}

func newInitiativeInput() initiativeInput {
	return initiativeInput{Join: newForm(), Leave: newForm(), Move: newForm(), FormChange: newForm(), Reflection: newForm(),
		Cooperation: newForm(), CoopJoin: newForm(), Tick: newForm()}
}

// initiativeURL is the page of an initiative.
func initiativeURL(rc *request, id string) string {
	return "/w/" + rc.Wijk.Slug + "/initiatieven/" + id
}

func (h *Handler) initiative(w http.ResponseWriter, r *http.Request, rc *request) {
	in, ok := h.initiativeInWijk(w, r, rc)
	if !ok {
		return
	}
	h.renderInitiative(w, r, rc, in, http.StatusOK, newInitiativeInput())
}

// renderInitiative shows the initiative page with status; inp holds what a
// refused form sent.
func (h *Handler) renderInitiative(w http.ResponseWriter, r *http.Request, rc *request, in store.Initiative, status int, inp initiativeInput) {
	if err := h.fillInitiative(w, r, rc, in, status, inp); err != nil {
		h.serverError(w, r, rc, err)
	}
}

func (h *Handler) fillInitiative(w http.ResponseWriter, r *http.Request, rc *request, in store.Initiative, status int, inp initiativeInput) error {
	c, l, wid, now := ctx(r), rc.L, rc.Wijk.ID, today()
	canMove := rc.Actor.Can(account.PermMovePhase, wid)
	canTick := rc.Actor.Can(account.PermTick, wid)
	p := initiativePage{Page: h.page(r, rc, in.Name), In: in, FormLabel: l.T("form." + string(in.Form)), PhaseLabel: phaseName(l, in.Phase),
		Ended: in.Phase == proces.PhaseEnded, SignedIn: rc.Actor.SignedIn(), CanClaim: rc.Actor.CanOrg(account.PermClaim, wid, in.ID)}
	if canMove && isStuck(in, now) {
		p.Stuck, p.StuckDays = true, daysBetween(in.PhaseSince, now)
	}
	names, err := h.orgNames(r, wid)
	if err != nil {
		return err
	}

	// The guide of the current phase, with the wijk's own texts.
	if g, ok := proces.GuideFor(l.Lang(), in.Phase); ok {
		texts, err := h.store.GuideTexts(c, wid, l.Lang())
		if err != nil {
			return err
		}
		g = g.With(texts[in.Phase])
		gv := &guideView{Guide: g}
		for _, f := range g.Forms {
			gv.FormLabels = append(gv.FormLabels, l.T("form."+string(f)))
		}
		for _, pg := range g.Partners {
			gv.Partners = append(gv.Partners, partnerLine{Domain: l.T("domain." + string(pg.Domain)), Contributes: pg.Contributes, Wins: pg.Wins})
		}
		p.Guide = gv
	}

	// History.
	evs, err := h.store.PhaseEvents(c, in.ID)
	if err != nil {
		return err
	}
	for _, e := range evs {
		p.PhaseEvents = append(p.PhaseEvents, phaseEventLine{On: e.On, From: phaseName(l, e.From), To: phaseName(l, e.To), Reason: e.Reason, Override: e.Override})
	}
	fes, err := h.store.FormEvents(c, in.ID)
	if err != nil {
		return err
	}
	for _, e := range fes {
		fl := formEventLine{On: e.On, To: l.T("form." + string(e.To)), Note: e.Note}
		if e.From != "" {
			fl.From = l.T("form." + string(e.From))
		}
		p.FormEvents = append(p.FormEvents, fl)
	}

	// Members, sessions, partners.
	members, err := h.store.MembershipsOfOrganisation(c, in.ID)
	if err != nil {
		return err
	}
	for _, m := range members {
		if m.Active() {
			p.MemberCount++
		}
	}
	ss, err := h.store.SessionsOfInitiative(c, in.ID)
	if err != nil {
		return err
	}
	p.Sessions = sessionLines(l, ss, names)
	cs, err := h.store.Cooperations(c, wid)
	if err != nil {
		return err
	}
	partners, err := h.store.Organisations(c, wid, wijk.FormPartner)
	if err != nil {
		return err
	}
	domainOf := map[string]wijk.Domain{}
	for _, o := range partners {
		domainOf[o.ID] = o.Domain
	}
	for _, co := range cs {
		if co.InitiativeID != in.ID {
			continue
		}
		p.Cooperations = append(p.Cooperations, cooperationLine{PartnerID: co.PartnerID, PartnerName: names[co.PartnerID],
			Domain: l.T("domain." + string(domainOf[co.PartnerID])), What: co.What, Since: co.Since, Until: co.Until, Active: activeOn(co, now)})
	}

	// The checklist of the current phase.
	crit, err := h.store.Criteria(c, wid)
	if err != nil {
		return err
	}
	checks, err := h.store.Checks(c, in.ID)
	if err != nil {
		return err
	}
	cl := &checklistView{CanTick: canTick, Evidence: canTick || canMove, Error: inp.Move.Errors["checklist"]}
	for _, cr := range crit {
		if cr.Phase != in.Phase || cr.Retired {
			continue
		}
		it := checkItem{Criterion: cr}
		it.Check, it.Ticked = checks[cr.ID]
		if canTick {
			tf := newForm()
			if inp.TickID == cr.ID {
				tf = inp.Tick
			}
			it.Evidence = tf.fieldAs(l, "tick-"+cr.ID, "evidence", "proces.check.evidence", "textarea", "off", true)
			if inp.TickID == cr.ID {
				p.Summary = summaryOf(l, tf, nil, it.Evidence)
			}
		}
		cl.Items = append(cl.Items, it)
	}
	p.Checklist = cl

	// Joining and leaving, for a signed-in resident of the wijk.
	if rc.Actor.SignedIn() {
		jv, err := h.joinView(r, rc, in, members, &inp, &p)
		if err != nil {
			return err
		}
		p.Join = jv
	}

	if canMove {
		f := inp.Move
		if len(f.Values) == 0 {
			f.Values["on"] = dayValue(now)
		}
		mv := &moveView{ExpectSeq: in.PhaseSeq,
			To:       f.Select(l, "to", "proces.move.to", true, moveTargets(l, in.Phase, f.Values["to"])),
			On:       f.fieldAs(l, "move-on", "on", "proces.move.on", "date", "off", true),
			Reason:   f.fieldAs(l, "move-reason", "reason", "proces.move.reason", "textarea", "off", false),
			Override: f.Check(l, "override", "proces.move.override")}
		mv.To.ID, mv.Override.ID = "move-to", "move-override"
		p.Move = mv
		if f.HasErrors() {
			p.Summary = summaryOf(l, f, map[string]string{"checklist": "checklist"}, mv.To, mv.On, mv.Reason, mv.Override)
		}
		if !p.Ended {
			ff := inp.FormChange
			if len(ff.Values) == 0 {
				ff.Values["on"] = dayValue(now)
			}
			var opts []Option
			for _, fm := range []wijk.Form{wijk.FormBurgerinitiatief, wijk.FormZelfstandigBurgerinitiatief, wijk.FormBuurtbedrijf} {
				if fm != in.Form {
					opts = append(opts, Option{Value: string(fm), Label: l.T("form." + string(fm)), Selected: ff.Values["form"] == string(fm)})
				}
			}
			fv := &formChangeView{Form: ff.Select(l, "form", "proces.form.to", true, opts),
				On:   ff.fieldAs(l, "form-on", "on", "proces.form.on", "date", "off", true),
				Note: ff.fieldAs(l, "form-note", "note", "proces.form.note", "textarea", "off", false)}
			fv.Form.ID = "form-to"
			p.FormChange = fv
			if ff.HasErrors() {
				p.Summary = summaryOf(l, ff, nil, fv.Form, fv.On, fv.Note)
			}
		}
	}

	if rc.Actor.CanOrg(account.PermRecordLearning, wid, in.ID) {
		lv, err := h.learningView(r, rc, in, members, &inp, &p)
		if err != nil {
			return err
		}
		p.Learning = lv
	}

	if rc.Actor.Can(account.PermEditCooperation, wid) {
		f := inp.Cooperation
		if len(f.Values) == 0 {
			f.Values["since"] = dayValue(now)
		}
		opts := []Option{{Value: "", Label: l.T("common.choose")}}
		for _, o := range partners {
			opts = append(opts, Option{Value: o.ID, Label: o.Name + " (" + l.T("domain."+string(o.Domain)) + ")", Selected: f.Values["partner_id"] == o.ID})
		}
		cf := &cooperationForm{NoPartners: len(partners) == 0,
			Partner: f.Select(l, "partner_id", "coop.cooperation.partner", true, opts),
			What:    f.fieldAs(l, "coop-what", "what", "coop.cooperation.what", "textarea", "off", false),
			On:      f.fieldAs(l, "coop-since", "since", "coop.cooperation.since", "date", "off", true)}
		cf.Partner.ID = "coop-partner"
		p.CooperateAdd = cf
		if f.HasErrors() {
			p.Summary = summaryOf(l, f, nil, cf.Partner, cf.What, cf.On)
		}
	}

	// The wijkcoöperatie: is this initiative a member, may the user add it?
	coops, err := h.store.Organisations(c, wid, wijk.FormWijkcooperatie)
	if err != nil {
		return err
	}
	if len(coops) > 0 {
		coop := coops[0]
		cms, err := h.store.CoopMembers(c, coop.ID)
		if err != nil {
			return err
		}
		for _, m := range cms {
			if m.MemberID == in.ID && m.LeftOn.IsZero() {
				p.CoopMember = &coopMemberLine{CoopID: coop.ID, CoopName: coop.Name, JoinedOn: m.JoinedOn, Shares: m.Shares, Fee: euros(l, m.FeeCents)}
			}
		}
		if canMove && p.CoopMember == nil && !p.Ended {
			f := inp.CoopJoin
			if len(f.Values) == 0 {
				f.Values["joined_on"] = dayValue(now)
			}
			cj := &coopJoinView{CoopName: coop.Name,
				Shares:   f.fieldAs(l, "coopj-shares", "shares", "coop.join.shares", "number", "off", false),
				Fee:      f.fieldAs(l, "coopj-fee", "fee", "coop.join.fee", "text", "off", false),
				JoinedOn: f.fieldAs(l, "coopj-joined_on", "joined_on", "coop.join.joined_on", "date", "off", true)}
			cj.Fee.Inputmode = "decimal"
			p.CoopJoin = cj
			if f.HasErrors() {
				p.Summary = summaryOf(l, f, nil, cj.Shares, cj.Fee, cj.JoinedOn)
			}
		}
	}
	h.renderStatus(w, r, rc, status, "proces_initiative.html", p)
	return nil
}

// joinView fills the "doe mee" and "stoppen" forms of the signed-in user.
func (h *Handler) joinView(r *http.Request, rc *request, in store.Initiative, members []store.MembershipView, inp *initiativeInput, p *initiativePage) (*joinView, error) {
	l := rc.L
	jv := &joinView{}
	person, err := h.store.PersonOfUser(ctx(r), rc.Wijk.ID, rc.Actor.User.ID)
	switch {
	case wei.ErrorCode(err) == wei.ENOTFOUND || (err == nil && person.Erased()):
		jv.NoPerson = true
	case err != nil:
		return nil, err
	}
	for _, m := range members {
		if !jv.NoPerson && m.PersonID == person.ID && m.Active() {
			jv.Member = true
			jv.Roles = append(jv.Roles, l.T("member."+string(m.Role)))
		}
	}
	jf := inp.Join
	role := jf.Values["role"]
	if role == "" && !jf.HasErrors() {
		role = string(wijk.MemberDeelnemer)
	}
	jv.Role = jf.Select(l, "role", "proces.join.role", true, joinRoleOptions(l, role))
	jv.Role.ID = "join-role"
	jv.Reason = inp.Leave.fieldAs(l, "leave-reason", "reason", "proces.leave.reason", "textarea", "off", false)
	if jf.HasErrors() {
		p.Summary = summaryOf(l, jf, nil, jv.Role)
	}
	if inp.Leave.HasErrors() {
		p.Summary = summaryOf(l, inp.Leave, nil, jv.Reason)
	}
	return jv, nil
}

// learningView fills the reflections of an initiative and the form to add one.
func (h *Handler) learningView(r *http.Request, rc *request, in store.Initiative, members []store.MembershipView, inp *initiativeInput, p *initiativePage) (*learningView, error) {
	l := rc.L
	refl, err := h.store.Reflections(ctx(r), in.ID)
	if err != nil {
		return nil, err
	}
	personName := map[string]string{}
	for _, m := range members {
		personName[m.PersonID] = m.PersonName
	}
	lv := &learningView{}
	for _, rf := range refl {
		line := reflectionLine{On: rf.On, WentWell: rf.WentWell, Learned: rf.Learned, NextAction: rf.NextAction}
		for _, id := range rf.Participants {
			name, ok := personName[id]
			if !ok {
				if pr, err := h.store.Person(ctx(r), id); err == nil {
					name = pr.DisplayName
				}
				personName[id] = name
			}
			if name != "" {
				line.Participants = append(line.Participants, name)
			}
		}
		lv.Reflections = append(lv.Reflections, line)
	}
	f := inp.Reflection
	if len(f.Values) == 0 {
		f.Values["on"] = dayValue(today())
	}
	ticked := map[string]bool{}
	for _, id := range inp.Participants {
		ticked[id] = true
	}
	seen := map[string]bool{}
	for _, m := range members {
		if !m.Active() || seen[m.PersonID] {
			continue
		}
		seen[m.PersonID] = true
		lv.Participants = append(lv.Participants, checkOption{ID: "refl-p-" + m.PersonID, Value: m.PersonID, Label: m.PersonName, Checked: ticked[m.PersonID]})
	}
	lv.ParticipantsError = f.Errors["participants"]
	lv.On = f.fieldAs(l, "refl-on", "on", "learning.reflection.on", "date", "off", true)
	lv.WentWell = f.fieldAs(l, "refl-went_well", "went_well", "learning.reflection.went_well", "textarea", "off", false)
	lv.Learned = f.fieldAs(l, "refl-learned", "learned", "learning.reflection.learned", "textarea", "off", false)
	lv.NextAction = f.fieldAs(l, "refl-next_action", "next_action", "learning.reflection.next_action", "textarea", "off", true)
	if f.HasErrors() {
		anchors := map[string]string{}
		if len(lv.Participants) > 0 {
			anchors["participants"] = lv.Participants[0].ID
		}
		p.Summary = summaryOf(l, f, anchors, lv.On, lv.WentWell, lv.Learned, lv.NextAction)
	}
	return lv, nil
}

// moveTargets are the phases an initiative can be moved to: the next one
// first (chosen unless the user chose another), then back, then the ones
// that skip a phase, then ending it. An ended initiative can be reopened
// in any phase.
func moveTargets(l *locale.Localizer, cur proces.Phase, selected string) []Option {
	var opts []Option
	add := func(p proces.Phase, key string) {
		label := l.T(key, phaseName(l, p))
		if p == proces.PhaseEnded {
			label = l.T(key)
		}
		opts = append(opts, Option{Value: string(p), Label: label})
	}
	if n := cur.Next(); n != "" {
		add(n, "proces.move.to.next")
	}
	if pr := cur.Prev(); pr != "" {
		add(pr, "proces.move.to.back")
	}
	for _, ph := range proces.Phases {
		if ph == cur || ph == cur.Next() || ph == cur.Prev() {
			continue
		}
		if cur == proces.PhaseEnded {
			add(ph, "proces.move.to.reopen")
		} else {
			add(ph, "proces.move.to.skip")
		}
	}
	if cur != proces.PhaseEnded {
		add(proces.PhaseEnded, "proces.move.to.end")
	}
	found := false
	for i := range opts {
		if opts[i].Value == selected {
			opts[i].Selected, found = true, true
		}
	}
	if !found && len(opts) > 0 {
		opts[0].Selected = true
	}
	return opts
}
