package overleg

import (
	"cmp"
	"slices"
	"time"

	"github.com/wei-platform/wei/signaal"
)

// ReportInput is what a periodic report is built from.
type ReportInput struct {
	Series Series
	Period Period
	Now    time.Time
	// Meetings are all meetings of the series with their participants.
	Meetings []Meeting
	// Items are the agenda items of the meetings in the period, to name
	// what a decision was about.
	Items []AgendaItem
	// Decisions are those of the meetings in the period.
	Decisions []Decision
	// Actions are all action items of the series.
	Actions []Action
	// Signals are the wijk's signals created before the end of the
	// period; those created since the start of the previous period count
	// in the trends, those solved in the period as solved.
	Signals []signaal.Signal
	// OrgNames sorts "who does what" by the organisations' names.
	OrgNames map[string]string
}

// Report is the periodic report of a series: what must happen (the
// decisions), who does what (the actions by organisation), what is
// overdue, the new and solved signals and the trends per theme and per
// buurt, this period against the previous one.
type Report struct {
	Series Series
	Period Period
	// AsOf is the moment the report describes: the end of the period, or
	// now while the period runs. Actions count as open or overdue at AsOf,
	// so the report of a past period stays the same.
	AsOf time.Time
	// NoMeetings: the series has no meetings at all. The report is still
	// valid (signals and trends), and says so.
	NoMeetings  bool
	Meetings    []Meeting // in the period
	NextMeeting *Meeting  // the first meeting after AsOf, if planned
	Decisions   []ReportDecision
	WhoDoesWhat []OrgActions // open at AsOf, or agreed or closed in the period
	Overdue     []Action     // at AsOf
	OpenActions int          // at AsOf

	NewSignals    []signaal.Signal // created in the period
	SolvedSignals []signaal.Signal // solved or rejected in the period
	PrevNew       int              // created in the previous period
	Themes        []Trend          // new signals per theme
	Buurten       []Trend          // new signals per buurt ("" for no buurt)
}

// ReportDecision is a decision with the meeting and agenda item it was made at.
type ReportDecision struct {
	Decision
	MeetingStart time.Time
	ItemTitle    string // "" for a decision about the meeting as a whole
}

// OrgActions are the actions of one organisation.
type OrgActions struct {
	OrganisationID string
	Actions        []Action
}

// Trend compares a count in the period with the previous period.
type Trend struct {
	Key  string // a theme key or a buurt ID
	Now  int
	Prev int
}

// Change is Now - Prev.
func (t Trend) Change() int { return t.Now - t.Prev }

// BuildReport builds the report of in.Period. It is a pure function of its
// input: the same input gives the same report.
func BuildReport(in ReportInput) Report {
	p := in.Period
	r := Report{Series: in.Series, Period: p, AsOf: p.End, NoMeetings: len(in.Meetings) == 0}
	if in.Now.Before(p.End) {
		r.AsOf = in.Now
	}

	meetings := slices.Clone(in.Meetings)
	slices.SortStableFunc(meetings, func(a, b Meeting) int { return a.StartsAt.Compare(b.StartsAt) })
	inPeriod := map[string]Meeting{}
	for i, m := range meetings {
		if p.Contains(m.StartsAt) {
			r.Meetings = append(r.Meetings, m)
			inPeriod[m.ID] = m
		}
		if r.NextMeeting == nil && m.StartsAt.After(r.AsOf) {
			r.NextMeeting = &meetings[i]
		}
	}

	titles := map[string]string{}
	for _, it := range in.Items {
		titles[it.ID] = it.Title
	}
	for _, d := range in.Decisions {
		m, ok := inPeriod[d.MeetingID]
		if !ok {
			continue
		}
		r.Decisions = append(r.Decisions, ReportDecision{Decision: d, MeetingStart: m.StartsAt, ItemTitle: titles[d.AgendaItemID]})
	}
	slices.SortStableFunc(r.Decisions, func(a, b ReportDecision) int {
		return cmp.Or(a.MeetingStart.Compare(b.MeetingStart), a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	})

	byOrg := map[string][]Action{}
	for _, a := range in.Actions {
		if a.SeriesID != in.Series.ID || !a.AgreedAt.Before(r.AsOf) {
			continue
		}
		open := OpenAt(a, r.AsOf)
		if open {
			r.OpenActions++
		}
		if Overdue(a, r.AsOf) {
			r.Overdue = append(r.Overdue, a)
		}
		closedInPeriod := !a.Open() && p.Contains(a.ClosedAt)
		if open || closedInPeriod || p.Contains(a.AgreedAt) {
			byOrg[a.OrganisationID] = append(byOrg[a.OrganisationID], a)
		}
	}
	SortActions(r.Overdue, r.AsOf)
	for org, list := range byOrg {
		SortActions(list, r.AsOf)
		r.WhoDoesWhat = append(r.WhoDoesWhat, OrgActions{OrganisationID: org, Actions: list})
	}
	slices.SortFunc(r.WhoDoesWhat, func(a, b OrgActions) int {
		return cmp.Or(cmp.Compare(in.OrgNames[a.OrganisationID], in.OrgNames[b.OrganisationID]), cmp.Compare(a.OrganisationID, b.OrganisationID))
	})

	prev := p.Prev()
	themes, buurten := map[string]*Trend{}, map[string]*Trend{}
	count := func(m map[string]*Trend, key string, now bool) {
		t, ok := m[key]
		if !ok {
			t = &Trend{Key: key}
			m[key] = t
		}
		if now {
			t.Now++
		} else {
			t.Prev++
		}
	}
	for _, s := range in.Signals {
		switch {
		case p.Contains(s.CreatedAt):
			r.NewSignals = append(r.NewSignals, s)
			count(themes, s.Theme, true)
			count(buurten, s.BuurtID, true)
		case prev.Contains(s.CreatedAt):
			r.PrevNew++
			count(themes, s.Theme, false)
			count(buurten, s.BuurtID, false)
		}
		if !s.Open() && p.Contains(s.SolvedAt) {
			r.SolvedSignals = append(r.SolvedSignals, s)
		}
	}
	bySignal := func(a, b signaal.Signal) int {
		return cmp.Or(a.CreatedAt.Compare(b.CreatedAt), cmp.Compare(a.ID, b.ID))
	}
	slices.SortFunc(r.NewSignals, bySignal)
	slices.SortFunc(r.SolvedSignals, func(a, b signaal.Signal) int {
		return cmp.Or(a.SolvedAt.Compare(b.SolvedAt), cmp.Compare(a.ID, b.ID))
	})
	r.Themes, r.Buurten = trends(themes), trends(buurten)
	return r
}

// trends lists the counts, largest first, then by key.
func trends(m map[string]*Trend) []Trend {
	out := make([]Trend, 0, len(m))
	for _, t := range m {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b Trend) int {
		return cmp.Or(cmp.Compare(b.Now, a.Now), cmp.Compare(b.Prev, a.Prev), cmp.Compare(a.Key, b.Key))
	})
	return out
}
