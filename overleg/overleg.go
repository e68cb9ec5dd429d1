// Package overleg is the module of the leefomgevingsoverleg: a series of
// meetings of all parties in a wijk (gemeente, woningcorporatie, welzijn,
// ondernemers, onderwijs, initiatives) with an independent chair. The
// agenda is built from what the wijk reports (new signals, signals that
// stay open too long, overlaps of organisations that work on the same
// problem without knowing of each other) and from the action items of
// earlier meetings, which carry over to every next meeting until they are
// done. Decisions and actions end up in a periodic report for policy
// makers, and every series has an iCal feed for calendar apps.
//
// The rules live here as pure functions: BuildAgenda, CarryOver, Overdue,
// BuildReport and ICal. The store loads and saves, the web pages show.
package overleg

import (
	"slices"
	"strings"
	"time"
	_ "time/tzdata" // Europe/Amsterdam also on hosts without a zoneinfo database

	"github.com/wei-platform/wei"
)

// Amsterdam is the time zone of every meeting, deadline and period.
var Amsterdam = func() *time.Location {
	loc, err := time.LoadLocation("Europe/Amsterdam")
	if err != nil {
		panic(err) // cannot happen: time/tzdata is embedded
	}
	return loc
}()

// Cadence is how often a series meets; it suggests the date of the next
// meeting.
type Cadence string

const (
	CadenceWeek    Cadence = "week"
	Cadence2Weeks  Cadence = "2weeks"
	Cadence4Weeks  Cadence = "4weeks"
	CadenceMonth   Cadence = "month"
	Cadence6Weeks  Cadence = "6weeks"
	CadenceQuarter Cadence = "quarter"
)

// Cadences lists every cadence, most frequent first.
var Cadences = []Cadence{CadenceWeek, Cadence2Weeks, Cadence4Weeks, CadenceMonth, Cadence6Weeks, CadenceQuarter}

// After returns the moment one cadence after t, at the same time of day
// in Amsterdam (also across a change to or from summer time).
func (c Cadence) After(t time.Time) time.Time {
	l := t.In(Amsterdam)
	switch c {
	case CadenceWeek:
		l = l.AddDate(0, 0, 7)
	case Cadence2Weeks:
		l = l.AddDate(0, 0, 14)
	case Cadence4Weeks:
		l = l.AddDate(0, 0, 28)
	case Cadence6Weeks:
		l = l.AddDate(0, 0, 42)
	case CadenceQuarter:
		l = l.AddDate(0, 3, 0)
	default:
		l = l.AddDate(0, 1, 0)
	}
	return l
}

// Frequency is how often the periodic report of a series is made.
type Frequency string

const (
	Weekly  Frequency = "week"
	Monthly Frequency = "month"
)

// Frequencies lists the report frequencies.
var Frequencies = []Frequency{Weekly, Monthly}

// Series is a leefomgevingsoverleg: a series of meetings of one wijk with
// an independent chair (a user with the voorzitter role).
type Series struct {
	ID          string
	WijkID      string
	Name        string
	ChairUserID string
	Cadence     Cadence
	ReportEvery Frequency
	// StaleWeeks: an open signal older than this many weeks comes on the
	// agenda again.
	StaleWeeks int
	HasFeed    bool // an iCal feed link exists (only its hash is stored)
	CreatedBy  string
	CreatedAt  time.Time
}

// DefaultStaleWeeks is the StaleWeeks of a new series.
const DefaultStaleWeeks = 4

// Normalize trims fields and fills defaults.
func (s *Series) Normalize() {
	s.Name = strings.Join(strings.Fields(s.Name), " ")
	if s.StaleWeeks == 0 {
		s.StaleWeeks = DefaultStaleWeeks
	}
}

// Validate checks a series. Messages are locale keys.
func (s *Series) Validate() error {
	f := wei.FieldErrors{}
	if s.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if n := len([]rune(s.Name)); n < 3 || n > 120 {
		f.Add("name", "overleg.error.name")
	}
	if s.ChairUserID == "" {
		f.Add("chair_user_id", "overleg.error.chair")
	}
	if !slices.Contains(Cadences, s.Cadence) {
		f.Add("cadence", "error.choice")
	}
	if !slices.Contains(Frequencies, s.ReportEvery) {
		f.Add("report_every", "error.choice")
	}
	if s.StaleWeeks < 1 || s.StaleWeeks > 52 {
		f.Add("stale_weeks", "overleg.error.stale_weeks")
	}
	return f.Err()
}

// Attendance is whether an invited organisation came to a meeting.
type Attendance string

const (
	AttendanceUnknown Attendance = "unknown" // invited; not recorded (yet)
	Present           Attendance = "present"
	Absent            Attendance = "absent"
	Excused           Attendance = "excused" // sent apologies
)

// Attendances lists every attendance value.
var Attendances = []Attendance{AttendanceUnknown, Present, Absent, Excused}

// Meeting is one meeting of a series.
type Meeting struct {
	ID               string
	SeriesID         string
	WijkID           string
	StartsAt         time.Time
	EndsAt           time.Time
	Place            string
	AgendaPreparedAt time.Time // when the agenda was last built from the sources; zero if never
	Participants     []Participant
	CreatedBy        string
	CreatedAt        time.Time
}

// Held reports whether the meeting has started at now.
func (m *Meeting) Held(now time.Time) bool { return !m.StartsAt.After(now) }

// MaxMeetingHours bounds the length of one meeting.
const MaxMeetingHours = 12

// Normalize trims fields.
func (m *Meeting) Normalize() {
	m.Place = strings.Join(strings.Fields(m.Place), " ")
}

// Validate checks a meeting.
func (m *Meeting) Validate() error {
	f := wei.FieldErrors{}
	if m.SeriesID == "" {
		f.Add("series_id", "error.required")
	}
	if m.StartsAt.IsZero() {
		f.Add("date", "error.date")
	}
	if m.EndsAt.IsZero() || !m.EndsAt.After(m.StartsAt) {
		f.Add("end", "overleg.error.end")
	} else if m.EndsAt.Sub(m.StartsAt) > MaxMeetingHours*time.Hour {
		f.Add("end", "overleg.error.too_long")
	}
	if len([]rune(m.Place)) > 200 {
		f.Add("place", "error.too_long")
	}
	return f.Err()
}

// Participant is an organisation invited to a meeting.
type Participant struct {
	OrganisationID string
	Attendance     Attendance
}

// ItemKind is where an agenda item came from.
type ItemKind string

const (
	KindAction     ItemKind = "action"      // an open action item of an earlier meeting
	KindSignalNew  ItemKind = "signal_new"  // a signal (or group) reported since the previous meeting
	KindSignalOpen ItemKind = "signal_open" // a signal (or group) open longer than the series allows
	KindOverlap    ItemKind = "overlap"     // organisations on the same theme in the same buurt
	KindOther      ItemKind = "other"       // added by the chair
)

// ItemKinds lists every kind in agenda order.
var ItemKinds = []ItemKind{KindAction, KindSignalNew, KindSignalOpen, KindOverlap, KindOther}

// AgendaItem is one point of a meeting's agenda. The fields after Title
// say what it is about, by kind.
type AgendaItem struct {
	ID        string
	MeetingID string
	Position  int // 1, 2, 3...
	Kind      ItemKind
	Title     string
	// SourceKey names the source (see the Key functions): preparing the
	// agenda again adds only items whose key is not on it yet.
	SourceKey string
	SignalID  string   // signals: the signal, or the first of its group
	Related   int      // signals: how many other signals of the same group
	ActionID  string   // actions
	Theme     string   // overlaps
	BuurtID   string   // overlaps; "" for the whole wijk
	OrgIDs    []string // overlaps: the organisations, sorted
	Removed   bool     // the chair took it off; it stays so that it is not added again
	CreatedBy string
	CreatedAt time.Time
}

// MaxTitle is the longest title of an agenda item, decision or action.
const MaxTitle = 300

// Validate checks an item the chair adds.
func (it *AgendaItem) Validate() error {
	f := wei.FieldErrors{}
	it.Title = strings.Join(strings.Fields(it.Title), " ")
	if n := len([]rune(it.Title)); n < 3 || n > MaxTitle {
		f.Add("title", "overleg.error.item_title")
	}
	if !slices.Contains(ItemKinds, it.Kind) {
		f.Add("kind", "error.choice")
	}
	return f.Err()
}

// Source keys of agenda items.
func ActionKey(actionID string) string        { return "action:" + actionID }
func SignalKey(signalID string) string        { return "signal:" + signalID }
func GroupKey(groupID string) string          { return "group:" + groupID }
func OverlapKey(theme, buurtID string) string { return "overlap:" + theme + "|" + buurtID }
func ManualKey(itemID string) string          { return "manual:" + itemID }

// Decision is what a meeting decided, usually on one agenda item.
type Decision struct {
	ID           string
	MeetingID    string
	AgendaItemID string // "" for a decision about the meeting as a whole
	Text         string
	CreatedBy    string
	CreatedAt    time.Time
}

// MaxText is the longest decision.
const MaxText = 2000

// Validate checks a decision.
func (d *Decision) Validate() error {
	f := wei.FieldErrors{}
	d.Text = strings.TrimSpace(d.Text)
	if n := len([]rune(d.Text)); n < 3 || n > MaxText {
		f.Add("text", "overleg.error.decision")
	}
	return f.Err()
}

// ActionStatus is where an action item stands.
type ActionStatus string

const (
	ActionOpen    ActionStatus = "open"
	ActionDone    ActionStatus = "done"
	ActionDropped ActionStatus = "dropped" // no longer needed, by decision of the meeting
)

// ActionStatuses lists every status.
var ActionStatuses = []ActionStatus{ActionOpen, ActionDone, ActionDropped}

// Action is an action item: an organisation (optionally a contact person,
// and other organisations working on it together) does something by a
// date. It carries over to every next meeting of its series until it is
// done or dropped.
type Action struct {
	ID        string
	SeriesID  string
	WijkID    string
	MeetingID string // the meeting where it was agreed
	// AgreedAt is when the action took effect: the start of its meeting,
	// or when it was recorded if the chair did so before the meeting.
	AgreedAt       time.Time
	AgendaItemID   string // the agenda item it came from; "" when none
	OrganisationID string
	WithOrgIDs     []string // other organisations that work on it together, sorted
	Person         string   // contact person, optional; a name only
	What           string
	Due            time.Time // a date (UTC midnight)
	Status         ActionStatus
	SignalID       string // the signal it is about, optional
	Theme          string // the overlap it is about, optional
	BuurtID        string
	ClosedBy       string
	ClosedAt       time.Time // when it was done or dropped
	CreatedBy      string
	CreatedAt      time.Time
}

// Open reports whether the action is still to be done.
func (a *Action) Open() bool { return a.Status == ActionOpen }

// OrgIDs returns the action's organisation followed by those working with it.
func (a *Action) OrgIDs() []string { return append([]string{a.OrganisationID}, a.WithOrgIDs...) }

// Involves reports whether an organisation is the action's or works on it.
func (a *Action) Involves(orgID string) bool {
	return orgID != "" && (a.OrganisationID == orgID || slices.Contains(a.WithOrgIDs, orgID))
}

// Normalize trims fields and sorts the organisations working with it,
// without duplicates and without the action's own organisation.
func (a *Action) Normalize() {
	a.What = strings.Join(strings.Fields(a.What), " ")
	a.Person = strings.Join(strings.Fields(a.Person), " ")
	var with []string
	for _, id := range a.WithOrgIDs {
		if id != "" && id != a.OrganisationID && !slices.Contains(with, id) {
			with = append(with, id)
		}
	}
	slices.Sort(with)
	a.WithOrgIDs = with
	if a.Status == "" {
		a.Status = ActionOpen
	}
	if !a.Due.IsZero() {
		a.Due = Day(a.Due)
	}
}

// Validate checks an action item.
func (a *Action) Validate() error {
	f := wei.FieldErrors{}
	if a.OrganisationID == "" {
		f.Add("organisation_id", "overleg.error.organisation")
	}
	if n := len([]rune(a.What)); n < 3 || n > MaxTitle {
		f.Add("what", "overleg.error.what")
	}
	if len([]rune(a.Person)) > 80 {
		f.Add("person", "error.too_long")
	}
	if strings.Contains(a.Person, "@") {
		f.Add("person", "overleg.error.person") // a name, not contact details
	}
	if a.Due.IsZero() {
		f.Add("due", "error.date")
	}
	if !slices.Contains(ActionStatuses, a.Status) {
		f.Add("status", "error.choice")
	}
	if len(a.WithOrgIDs) > 10 {
		f.Add("with_org_ids", "overleg.error.too_many_orgs")
	}
	return f.Err()
}

// Day returns the date of t in Amsterdam as a UTC midnight, the form in
// which dates are kept.
func Day(t time.Time) time.Time {
	y, m, d := t.In(Amsterdam).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}
