// Package proces is the WEI-proces module: initiatives move through the four
// phases of the WEI-model (informatiefase, ontstaansfase, ontwikkelfase,
// autonome fase) and residents flow in, through and out of them. Every phase
// change and every step of a person is an immutable event; the figures of
// the flow are computed from those events, so any period can be replayed.
package proces

import (
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/wijk"
)

// Phase is a phase of the WEI-model, or Ended.
type Phase string

const (
	PhaseInformatie Phase = "informatie"
	PhaseOntstaan   Phase = "ontstaan"
	PhaseOntwikkel  Phase = "ontwikkel"
	PhaseAutonoom   Phase = "autonoom"
	PhaseEnded      Phase = "beeindigd" // the initiative stopped; Reason says why
)

// Phases lists the four phases in order.
var Phases = []Phase{PhaseInformatie, PhaseOntstaan, PhaseOntwikkel, PhaseAutonoom}

// Index returns 0..3 for the phases, 4 for Ended and -1 for anything else.
func (p Phase) Index() int {
	for i, x := range Phases {
		if x == p {
			return i
		}
	}
	if p == PhaseEnded {
		return len(Phases)
	}
	return -1
}

// Valid reports whether p is a phase or Ended.
func (p Phase) Valid() bool { return p.Index() >= 0 }

// Next returns the phase after p, or "" when there is none.
func (p Phase) Next() Phase {
	i := p.Index()
	if i < 0 || i >= len(Phases)-1 {
		return ""
	}
	return Phases[i+1]
}

// Prev returns the phase before p, or "" when there is none.
func (p Phase) Prev() Phase {
	i := p.Index()
	if i <= 0 || i >= len(Phases) {
		return ""
	}
	return Phases[i-1]
}

// PhaseEvent records that an initiative moved from one phase to another.
// Events are never changed or deleted: a mistaken change is undone by a new
// event back. Seq numbers the events of one initiative 1, 2, 3...; the
// database refuses a second event with the same Seq, so of two concurrent
// changes exactly one wins.
type PhaseEvent struct {
	ID           string
	WijkID       string
	InitiativeID string
	Seq          int
	On           time.Time // the day the change took effect
	From         Phase     // "" for the first event of an initiative
	To           Phase
	Reason       string
	Override     bool   // a process manager overrode the order or the checklist
	ByUserID     string // "" for the system
	RecordedAt   time.Time
}

// Move is a request to change the phase of an initiative.
type Move struct {
	InitiativeID string
	To           Phase
	On           time.Time // a date; zero means today
	Reason       string
	Override     bool
	ExpectSeq    int // the Seq of the latest event the user saw
	ByUserID     string
}

// State is what a phase change is checked against.
type State struct {
	Phase     Phase
	Seq       int       // of the latest event
	Since     time.Time // date of the latest event
	CreatedOn time.Time // the day the initiative was made
}

// Criterion is an item of the checklist a process manager ticks before an
// initiative leaves Phase. The defaults come from the WEI-model; each wijk
// can edit its own.
type Criterion struct {
	ID       string
	WijkID   string
	Phase    Phase // the phase this criterion must be met to leave
	Text     string
	Required bool
	Position int
	Retired  bool // no longer used; kept so old checks still read
}

// Check is a ticked criterion of one initiative, with its evidence.
type Check struct {
	InitiativeID string
	CriterionID  string
	Evidence     string
	ByUserID     string
	At           time.Time
}

// Day truncates t to its date in UTC, the form in which event dates are kept.
func Day(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// CheckMove applies the rules of the WEI-model to a phase change and
// returns an EINVALID error with a plain reason when it is refused, or
// ECONFLICT when someone else changed the phase since the user looked.
// today is the current date; checklist is the wijk's criteria for the
// current phase and checks the initiative's ticked criteria.
func CheckMove(st State, m *Move, checklist []Criterion, checks map[string]Check, today time.Time) error {
	f := wei.FieldErrors{}
	m.Reason = strings.TrimSpace(m.Reason)
	if m.On.IsZero() {
		m.On = today
	}
	m.On = Day(m.On)
	if m.ExpectSeq != st.Seq {
		return &wei.Error{Code: wei.ECONFLICT, Message: "The phase of this initiative was changed by someone else. Look at the new situation and try again.",
			Fields: map[string]string{"to": "error.phase_conflict"}}
	}
	if !m.To.Valid() {
		f.Add("to", "error.choice")
		return f.Err()
	}
	switch {
	case m.On.After(Day(today)):
		f.Add("on", "error.date_future")
	case m.On.Before(Day(st.CreatedOn)):
		f.Add("on", "error.date_before_start")
	case m.On.Before(Day(st.Since)):
		f.Add("on", "error.date_before_last")
	}
	if m.Override && m.Reason == "" {
		f.Add("reason", "error.override_reason")
	}
	cur := st.Phase
	switch {
	case m.To == cur:
		f.Add("to", "error.phase_same")
	case m.To == PhaseEnded:
		if m.Reason == "" {
			f.Add("reason", "error.end_reason")
		}
	case cur == PhaseEnded || m.To == cur.Prev():
		// Undoing a mistake or reopening: always a new event, with a reason.
		if m.Reason == "" {
			f.Add("reason", "error.undo_reason")
		}
	case m.To == cur.Next():
		if !m.Override {
			for _, c := range checklist {
				if c.Phase == cur && c.Required && !c.Retired {
					if _, ok := checks[c.ID]; !ok {
						f.Add("checklist", "error.checklist_open")
						break
					}
				}
			}
		}
	default:
		if !m.Override {
			f.Add("to", "error.phase_skip")
		}
	}
	return f.Err()
}

// FormEvent records a change of an initiative's organisation form, next to
// its phase: a burgerinitiatief that becomes zelfstandig or a buurtbedrijf.
type FormEvent struct {
	ID           string
	InitiativeID string
	On           time.Time
	From, To     wijk.Form // From "" for the first
	Note         string
	ByUserID     string
}

// FlowKind is the kind of a person's step in the WEI-model.
type FlowKind string

const (
	Instroom   FlowKind = "instroom"   // joins an initiative
	Doorstroom FlowKind = "doorstroom" // takes another role or moves to another initiative
	Uitstroom  FlowKind = "uitstroom"  // leaves an initiative
)

// FlowKinds lists the kinds in order.
var FlowKinds = []FlowKind{Instroom, Doorstroom, Uitstroom}

// PeopleEvent is one step of one resident. Phase is the phase the
// initiative was in on that day (for doorstroom: of the initiative moved
// to), so figures per phase need no replay of the phase log.
type PeopleEvent struct {
	ID           string
	WijkID       string
	PersonID     string
	InitiativeID string
	MembershipID string
	// FromMembershipID is, for doorstroom, the membership that ended with
	// this step (the old role or initiative).
	FromMembershipID string
	Kind             FlowKind
	Role             wijk.MemberRole
	Phase            Phase
	On               time.Time
	Reason           string
	ByUserID         string
}

// Reflection is an Action Learning moment of an initiative.
type Reflection struct {
	ID           string
	InitiativeID string
	On           time.Time
	Participants []string // person IDs
	WentWell     string
	Learned      string
	NextAction   string
	ByUserID     string
}

// Validate checks a reflection.
func (r *Reflection) Validate(today time.Time) error {
	f := wei.FieldErrors{}
	r.WentWell, r.Learned, r.NextAction = strings.TrimSpace(r.WentWell), strings.TrimSpace(r.Learned), strings.TrimSpace(r.NextAction)
	if r.On.IsZero() {
		f.Add("on", "error.date")
	} else if Day(r.On).After(Day(today)) {
		f.Add("on", "error.date_future")
	}
	if r.WentWell == "" && r.Learned == "" {
		f.Add("learned", "error.required")
	}
	if r.NextAction == "" {
		f.Add("next_action", "error.required")
	}
	for _, s := range []string{r.WentWell, r.Learned, r.NextAction} {
		if len(s) > 4000 {
			f.Add("learned", "error.too_long")
		}
	}
	return f.Err()
}

// SessionKind is a training or a coaching session.
type SessionKind string

const (
	Training SessionKind = "training"
	Coaching SessionKind = "coaching"
)

// Session is a training or coaching session with attendance and the skills
// it adds.
type Session struct {
	ID           string
	WijkID       string
	InitiativeID string // optional
	Kind         SessionKind
	Title        string
	On           time.Time
	Skills       []string
	Attendees    []string // person IDs
	ByUserID     string
}

// Validate checks a session.
func (s *Session) Validate(today time.Time) error {
	f := wei.FieldErrors{}
	s.Title = strings.TrimSpace(s.Title)
	if s.Kind != Training && s.Kind != Coaching {
		f.Add("kind", "error.choice")
	}
	if s.Title == "" || len(s.Title) > 200 {
		f.Add("title", "error.required")
	}
	if s.On.IsZero() {
		f.Add("on", "error.date")
	} else if Day(s.On).After(Day(today)) {
		f.Add("on", "error.date_future")
	}
	clean := s.Skills[:0]
	for _, sk := range s.Skills {
		if sk = strings.TrimSpace(sk); sk != "" {
			clean = append(clean, sk)
		}
	}
	s.Skills = clean
	return f.Err()
}

// Cooperation records that a partner works with an initiative.
type Cooperation struct {
	ID           string
	WijkID       string
	PartnerID    string
	InitiativeID string
	What         string
	Since        time.Time
	Until        time.Time // zero while it lasts
}

// CoopMembership records that an initiative is a member of the wijkcoöperatie.
type CoopMembership struct {
	ID       string
	CoopID   string
	MemberID string // the initiative
	JoinedOn time.Time
	LeftOn   time.Time
	Shares   int
	FeeCents int64 // yearly member fee in euro cents
}
