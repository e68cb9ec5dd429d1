package web

import (
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/account"
	"github.com/wei-platform/wei/internal/locale"
	"github.com/wei-platform/wei/overleg"
	"github.com/wei-platform/wei/signaal"
)

// A meeting's page: when and where, who is invited and who came, the
// agenda with what was decided and agreed on each item, and the action
// items that carry over from earlier meetings. The chair prepares the
// agenda from the sources (new signals, signals open too long, open
// actions, overlaps), adds, moves and removes items, records decisions,
// action items and attendance: each form posts to its own route and, when
// something is not filled in correctly, the page comes back with the input
// and a message at the field.

type overlegMeetingPage struct {
	Page
	S            overleg.Series
	M            overleg.Meeting
	SeriesURL    string
	URL          string
	Held         bool
	CanChair     bool
	Participants []participantRow
	Present      int
	Items        []agendaRow
	Removed      []agendaRow
	General      []decisionRow // decisions on the meeting as a whole
	CarriedOver  []actionRow   // open when the meeting started
	Agreed       []actionRow   // agreed at this meeting
	Overdue      int           // carried-over actions overdue at the meeting (or now)
	AgreedTable  actionTable
	CarriedTable actionTable
	EndClock     string

	// The chair's forms.
	Summary       *ErrorSummary
	Alert         *Alert
	ItemTitle     Field
	DecisionItem  Field
	DecisionText  Field
	ActionItem    Field
	ActionOrg     Field
	ActionWith    []checkOption
	WithError     string
	WithChosen    bool // some are ticked: the list starts unfolded
	ActionPerson  Field
	ActionWhat    Field
	ActionDue     Field
	Participant   Field
	CanAttendance bool
}

type participantRow struct {
	OrgID      string
	Name       string
	Attendance string
	Own        bool
	Field      Field // the chair's select
}

type agendaRow struct {
	ID        string
	Anchor    string
	Pos       int
	Kind      string
	KindKey   overleg.ItemKind
	Title     string
	Detail    string
	Link      string
	Related   int
	Action    *actionRow // an action item carried over: how it stands now
	Decisions []decisionRow
	Actions   []actionRow // agreed on this item
	First     bool
	Last      bool
}

type decisionRow struct {
	Text string
	At   time.Time
}

// meetingInput holds the chair's forms of the meeting page.
type meetingInput struct {
	Item, Decision, Action, Participant, Attendance form
	With                                            []string
	Alert                                           string // a refused agenda step
}

func newMeetingInput() meetingInput {
	return meetingInput{Item: newForm(), Decision: newForm(), Action: newForm(), Participant: newForm(), Attendance: newForm()}
}

// meetingFormOrder is the order of every field of the page, for the summary.
var meetingFormOrder = []string{"item_title", "decision_item", "decision_text", "action_item", "organisation_id", "with_org_ids", "person", "what", "due", "participant"}

func (h *Handler) overlegMeeting(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return
	}
	m, ok := h.meetingOfSeries(w, r, rc, sr)
	if !ok {
		return
	}
	h.renderMeeting(w, r, rc, sr, m, http.StatusOK, newMeetingInput())
}

func labelOr(l *locale.Localizer, key, fallback string) string {
	if l.Has(key) {
		return l.T(key)
	}
	return fallback
}

func (h *Handler) renderMeeting(w http.ResponseWriter, r *http.Request, rc *request, sr overleg.Series, m overleg.Meeting, status int, in meetingInput) {
	l, now := rc.L, time.Now()
	orgs, names, err := h.overlegOrgs(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	items, err := h.store.AgendaItems(ctx(r), m.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	decisions, err := h.store.Decisions(ctx(r), m.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	actions, err := h.store.Actions(ctx(r), sr.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	buurten, err := h.store.Buurten(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	buurtName := map[string]string{"": l.T("overleg.whole_wijk")}
	for _, b := range buurten {
		buurtName[b.ID] = b.Name
	}
	url := meetingURL(rc, sr.ID, m.ID)
	p := overlegMeetingPage{Page: h.page(r, rc, l.T("overleg.meeting.title", l.Date(m.StartsAt))), S: sr, M: m, SeriesURL: seriesURL(rc, sr.ID), URL: url,
		Held: m.Held(now), CanChair: canChair(rc)}
	own := ownOrgs(rc)

	// Overdue is judged at the meeting for a past meeting, now for one to come.
	at := now
	if p.Held {
		at = m.StartsAt
	}
	byID := map[string]overleg.Action{}
	for _, a := range actions {
		byID[a.ID] = a
	}
	p.CarriedOver = actionRows(rc, overleg.CarryOver(actions, m), names, at, url)
	for _, a := range p.CarriedOver {
		if a.Overdue {
			p.Overdue++
		}
	}
	var agreed []overleg.Action
	onItem := map[string][]overleg.Action{}
	for _, a := range actions {
		if a.MeetingID == m.ID {
			agreed = append(agreed, a)
			if a.AgendaItemID != "" {
				onItem[a.AgendaItemID] = append(onItem[a.AgendaItemID], a)
			}
		}
	}
	overleg.SortActions(agreed, now)
	p.Agreed = actionRows(rc, agreed, names, now, url)
	decOn := map[string][]decisionRow{}
	for _, d := range decisions {
		row := decisionRow{Text: d.Text, At: d.CreatedAt}
		if d.AgendaItemID == "" {
			p.General = append(p.General, row)
		} else {
			decOn[d.AgendaItemID] = append(decOn[d.AgendaItemID], row)
		}
	}
	canSignals := rc.Actor.Can(account.PermViewSignals, rc.Wijk.ID)
	var shown []overleg.AgendaItem
	for _, it := range items {
		row := agendaRow{ID: it.ID, Anchor: "item-" + it.ID, Pos: it.Position, Kind: l.T("overleg.kind." + string(it.Kind)), KindKey: it.Kind, Title: it.Title,
			Related: it.Related, Decisions: decOn[it.ID], Actions: actionRows(rc, onItem[it.ID], names, now, url)}
		switch it.Kind {
		case overleg.KindAction:
			if a, ok := byID[it.ActionID]; ok {
				ar := actionRows(rc, []overleg.Action{a}, names, at, url)[0]
				row.Action = &ar
			}
		case overleg.KindSignalNew, overleg.KindSignalOpen:
			if sg, err := h.store.Signal(ctx(r), it.SignalID); err == nil {
				parts := []string{themeLabel(l, themes, sg.Theme), buurtName[sg.BuurtID], labelOr(l, "signals.urgency."+sg.Urgency, sg.Urgency)}
				row.Detail = l.T("overleg.item.signal_detail", strings.Join(parts, " · "), l.Date(sg.CreatedAt))
				if canSignals {
					row.Link = "/w/" + rc.Wijk.Slug + "/signalen/" + sg.ID
				}
			} else if wei.ErrorCode(err) != wei.ENOTFOUND {
				h.serverError(w, r, rc, err)
				return
			}
		case overleg.KindOverlap:
			var on []string
			for _, id := range it.OrgIDs {
				on = append(on, names[id])
			}
			row.Detail = l.T("overleg.item.overlap_detail", themeLabel(l, themes, it.Theme), buurtName[it.BuurtID], strings.Join(on, ", "))
		}
		if it.Removed {
			p.Removed = append(p.Removed, row)
		} else {
			p.Items = append(p.Items, row)
			shown = append(shown, it)
		}
	}
	p.EndClock = clock(m.EndsAt)
	p.AgreedTable = newActionTable(p.Page, l.T("overleg.meeting.agreed.caption"), l.T("overleg.meeting.agreed.none"), p.Agreed, false)
	p.CarriedTable = newActionTable(p.Page, l.T("overleg.meeting.carried.caption"), l.T("overleg.meeting.carried.none"), p.CarriedOver, true)
	if n := len(p.Items); n > 0 {
		p.Items[0].First, p.Items[n-1].Last = true, true
	}

	for _, pt := range m.Participants {
		row := participantRow{OrgID: pt.OrganisationID, Name: names[pt.OrganisationID], Attendance: l.T("overleg.attendance." + string(pt.Attendance)), Own: own[pt.OrganisationID]}
		if pt.Attendance == overleg.Present {
			p.Present++
		}
		if p.CanChair {
			field := "attendance_" + pt.OrganisationID
			sel := string(pt.Attendance)
			if v, ok := in.Attendance.Values[field]; ok {
				sel = v
			}
			var opts []Option
			for _, a := range overleg.Attendances {
				opts = append(opts, Option{Value: string(a), Label: l.T("overleg.attendance." + string(a)), Selected: string(a) == sel})
			}
			row.Field = in.Attendance.Select(l, field, "overleg.attendance.label", true, opts)
			row.Field.Label = l.T("overleg.attendance.of", row.Name)
		}
		p.Participants = append(p.Participants, row)
	}
	p.CanAttendance = p.CanChair && len(p.Participants) > 0

	if p.CanChair {
		itemOpts := func(sel string, none string) []Option {
			out := []Option{{Value: "", Label: none, Selected: sel == ""}}
			for _, it := range shown {
				out = append(out, Option{Value: it.ID, Label: itemOptionLabel(it), Selected: it.ID == sel})
			}
			return out
		}
		p.ItemTitle = in.Item.Field(l, "item_title", "overleg.item.title.label", "text", "off", true)
		p.DecisionItem = in.Decision.Select(l, "decision_item", "overleg.decision.item.label", false, itemOpts(in.Decision.Values["decision_item"], l.T("overleg.decision.item.none")))
		p.DecisionText = in.Decision.Field(l, "decision_text", "overleg.decision.text.label", "textarea", "off", true)
		p.ActionItem = in.Action.Select(l, "action_item", "overleg.action.item.label", false, itemOpts(in.Action.Values["action_item"], l.T("overleg.action.item.none")))
		orgOpts := []Option{{Value: "", Label: l.T("common.choose")}}
		for _, o := range orgs {
			orgOpts = append(orgOpts, Option{Value: o.ID, Label: o.Name, Selected: o.ID == in.Action.Values["organisation_id"]})
		}
		p.ActionOrg = in.Action.Select(l, "organisation_id", "overleg.action.org.label", true, orgOpts)
		for _, o := range orgs {
			p.ActionWith = append(p.ActionWith, checkOption{ID: "with-" + o.ID, Value: o.ID, Label: o.Name, Checked: slices.Contains(in.With, o.ID)})
		}
		p.WithError, p.WithChosen = in.Action.Errors["with_org_ids"], len(in.With) > 0
		p.ActionPerson = in.Action.Field(l, "person", "overleg.action.person.label", "text", "off", false)
		p.ActionWhat = in.Action.Field(l, "what", "overleg.action.what.label", "textarea", "off", true)
		p.ActionDue = in.Action.Field(l, "due", "overleg.action.due.label", "date", "off", true)
		partOpts := []Option{{Value: "", Label: l.T("common.choose")}}
		invited := map[string]bool{}
		for _, pt := range m.Participants {
			invited[pt.OrganisationID] = true
		}
		for _, o := range orgs {
			if !invited[o.ID] {
				partOpts = append(partOpts, Option{Value: o.ID, Label: o.Name, Selected: o.ID == in.Participant.Values["participant"]})
			}
		}
		p.Participant = in.Participant.Select(l, "participant", "overleg.participant.label", true, partOpts)
		all := newForm()
		for _, f := range []form{in.Item, in.Decision, in.Action, in.Participant, in.Attendance} {
			for k, v := range f.Errors {
				all.Errors[k] = v
			}
		}
		p.Summary = all.Summary(l, meetingFormOrder...)
		if in.Alert != "" {
			a := NewAlert(l, "error", in.Alert)
			p.Alert = &a
		}
	}
	h.renderStatus(w, r, rc, status, "overleg_meeting", p)
}

// itemOptionLabel names an agenda item in a select: "3. Zwerfvuil bij de school".
func itemOptionLabel(it overleg.AgendaItem) string {
	t := it.Title
	if r := []rune(t); len(r) > 80 {
		t = string(r[:79]) + "…"
	}
	return strings.TrimSpace(strings.Join([]string{strconv.Itoa(it.Position) + ".", t}, " "))
}

// meetingPost loads the series and meeting of a chair's POST; ok is false
// when it answered already.
func (h *Handler) meetingPost(w http.ResponseWriter, r *http.Request, rc *request) (overleg.Series, overleg.Meeting, bool) {
	sr, ok := h.seriesInWijk(w, r, rc)
	if !ok {
		return sr, overleg.Meeting{}, false
	}
	m, ok := h.meetingOfSeries(w, r, rc, sr)
	return sr, m, ok
}

// agendaPrepare builds the agenda from the sources.
func (h *Handler) agendaPrepare(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	themes, err := h.store.Themes(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	_, names, err := h.overlegOrgs(r, rc)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	buurten, err := h.store.Buurten(ctx(r), rc.Wijk.ID)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	buurtName := map[string]string{"": rc.L.T("overleg.whole_wijk")}
	for _, b := range buurten {
		buurtName[b.ID] = b.Name
	}
	title := func(o signaal.Overlap) string {
		var on []string
		for _, id := range o.OrganisationIDs {
			on = append(on, names[id])
		}
		return rc.L.T("overleg.item.overlap_title", themeLabel(rc.L, themes, o.Theme), buurtName[o.BuurtID], strings.Join(on, ", "))
	}
	res, err := h.store.PrepareAgenda(ctx(r), rc.Wijk.ID, sr.ID, m.ID, rc.Actor.User.ID, title)
	if err != nil {
		h.serverError(w, r, rc, err)
		return
	}
	key := "overleg.flash.prepared"
	if res.Added == 0 {
		key = "overleg.flash.prepared_nothing"
	}
	h.flash(w, key)
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+"#agenda", http.StatusSeeOther)
}

// agendaAdd adds an item of the chair's own.
func (h *Handler) agendaAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	in := newMeetingInput()
	f := in.Item.fill(r, "item_title")
	it := overleg.AgendaItem{MeetingID: m.ID, Title: f.Values["item_title"], CreatedBy: rc.Actor.User.ID}
	if err := h.store.AddAgendaItem(ctx(r), rc.Wijk.ID, sr.ID, &it); err != nil {
		if !f.setErr(rc, renamed(err, map[string]string{"title": "item_title"})) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderMeeting(w, r, rc, sr, m, http.StatusBadRequest, in)
		return
	}
	h.flash(w, "overleg.flash.item_added")
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+"#item-"+it.ID, http.StatusSeeOther)
}

// agendaMove moves an item one place up or down.
func (h *Handler) agendaMove(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	delta := 1
	if r.PostFormValue("direction") == "up" {
		delta = -1
	}
	id := r.PathValue("item")
	if err := h.store.MoveAgendaItem(ctx(r), rc.Wijk.ID, sr.ID, m.ID, id, delta); err != nil {
		if wei.ErrorCode(err) != wei.EINVALID {
			h.serverError(w, r, rc, err)
			return
		}
		in := newMeetingInput()
		in.Alert = rc.L.T("overleg.error.move")
		h.renderMeeting(w, r, rc, sr, m, http.StatusBadRequest, in)
		return
	}
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+"#item-"+id, http.StatusSeeOther)
}

// agendaRemove takes an item off the agenda; agendaRestore puts it back.
func (h *Handler) agendaRemove(w http.ResponseWriter, r *http.Request, rc *request) {
	h.agendaSetRemoved(w, r, rc, true)
}

func (h *Handler) agendaRestore(w http.ResponseWriter, r *http.Request, rc *request) {
	h.agendaSetRemoved(w, r, rc, false)
}

func (h *Handler) agendaSetRemoved(w http.ResponseWriter, r *http.Request, rc *request, removed bool) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	id := r.PathValue("item")
	if err := h.store.SetAgendaItemRemoved(ctx(r), rc.Wijk.ID, sr.ID, m.ID, id, removed); err != nil {
		if wei.ErrorCode(err) != wei.EINVALID {
			h.serverError(w, r, rc, err)
			return
		}
		in := newMeetingInput()
		in.Alert = rc.L.T("overleg.error.item_used")
		h.renderMeeting(w, r, rc, sr, m, http.StatusBadRequest, in)
		return
	}
	key, anchor := "overleg.flash.item_removed", "#agenda"
	if !removed {
		key, anchor = "overleg.flash.item_restored", "#item-"+id
	}
	h.flash(w, key)
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+anchor, http.StatusSeeOther)
}

// decisionAdd records a decision.
func (h *Handler) decisionAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	in := newMeetingInput()
	f := in.Decision.fill(r, "decision_item", "decision_text")
	d := overleg.Decision{MeetingID: m.ID, AgendaItemID: f.Values["decision_item"], Text: f.Values["decision_text"], CreatedBy: rc.Actor.User.ID}
	if err := h.store.AddDecision(ctx(r), rc.Wijk.ID, sr.ID, &d); err != nil {
		if !f.setErr(rc, renamed(err, map[string]string{"text": "decision_text", "agenda_item_id": "decision_item"})) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderMeeting(w, r, rc, sr, m, http.StatusBadRequest, in)
		return
	}
	h.flash(w, "overleg.flash.decision_added")
	anchor := "#decisions"
	if d.AgendaItemID != "" {
		anchor = "#item-" + d.AgendaItemID
	}
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+anchor, http.StatusSeeOther)
}

// actionAdd records an action item: who does what by when.
func (h *Handler) actionAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	in := newMeetingInput()
	f := in.Action.fill(r, "action_item", "organisation_id", "person", "what", "due")
	in.With = r.PostForm["with_org_ids"]
	a := overleg.Action{SeriesID: sr.ID, WijkID: rc.Wijk.ID, MeetingID: m.ID, AgendaItemID: f.Values["action_item"], OrganisationID: f.Values["organisation_id"],
		WithOrgIDs: in.With, Person: f.Values["person"], What: f.Values["what"], CreatedBy: rc.Actor.User.ID}
	if v := f.Values["due"]; v != "" {
		d, ok := parseDay(v)
		if !ok {
			f.Errors["due"] = rc.L.T("error.date")
		}
		a.Due = d
	}
	if !f.HasErrors() {
		if err := h.store.CreateAction(ctx(r), &a); err != nil && !f.setErr(rc, renamed(err, map[string]string{"agenda_item_id": "action_item"})) {
			h.serverError(w, r, rc, err)
			return
		}
	} else {
		// Let the store check the other fields too, without saving.
		probe := a
		probe.Normalize()
		if err := probe.Validate(); err != nil {
			f.setErr(rc, err)
			f.Errors["due"] = rc.L.T("error.date")
		}
	}
	if f.HasErrors() {
		h.renderMeeting(w, r, rc, sr, m, http.StatusBadRequest, in)
		return
	}
	h.flash(w, "overleg.flash.action_added")
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+"#action-"+a.ID, http.StatusSeeOther)
}

// participantAdd invites an organisation; participantRemove takes it off.
func (h *Handler) participantAdd(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	in := newMeetingInput()
	f := in.Participant.fill(r, "participant")
	if err := h.store.AddParticipant(ctx(r), rc.Wijk.ID, sr.ID, m.ID, f.Values["participant"]); err != nil {
		if !f.setErr(rc, renamed(err, map[string]string{"organisation_id": "participant"})) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderMeeting(w, r, rc, sr, m, http.StatusBadRequest, in)
		return
	}
	h.flash(w, "overleg.flash.participant_added")
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+"#participants", http.StatusSeeOther)
}

func (h *Handler) participantRemove(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	err := h.store.RemoveParticipant(ctx(r), rc.Wijk.ID, sr.ID, m.ID, r.PostFormValue("organisation_id"))
	if err != nil && wei.ErrorCode(err) != wei.ENOTFOUND {
		h.serverError(w, r, rc, err)
		return
	}
	h.flash(w, "overleg.flash.participant_removed")
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+"#participants", http.StatusSeeOther)
}

// attendanceSave records who came, for every invited organisation at once.
func (h *Handler) attendanceSave(w http.ResponseWriter, r *http.Request, rc *request) {
	sr, m, ok := h.meetingPost(w, r, rc)
	if !ok {
		return
	}
	in := newMeetingInput()
	att := map[string]overleg.Attendance{}
	for _, pt := range m.Participants {
		field := "attendance_" + pt.OrganisationID
		if v, ok := r.PostForm[field]; ok {
			in.Attendance.Values[field] = strings.TrimSpace(v[0])
			att[pt.OrganisationID] = overleg.Attendance(in.Attendance.Values[field])
		}
	}
	if err := h.store.SetAttendance(ctx(r), rc.Wijk.ID, sr.ID, m.ID, att); err != nil {
		if !in.Attendance.setErr(rc, err) {
			h.serverError(w, r, rc, err)
			return
		}
		h.renderMeeting(w, r, rc, sr, m, http.StatusBadRequest, in)
		return
	}
	h.flash(w, "overleg.flash.attendance_saved")
	http.Redirect(w, r, meetingURL(rc, sr.ID, m.ID)+"#participants", http.StatusSeeOther)
}
