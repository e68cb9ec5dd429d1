// Package dialoog is the module of wijkdialogen: sessions (a meeting with a
// theme, date, place, facilitator and attendance) and online rounds (open
// until a closing date) in which residents give input — an idea, a concern
// or a question. Every input gets an owner (a party: an organisation of the
// wijk), a date by which it is answered, a status and a public answer. The
// public "u zei, wij deden" page shows every input and what became of it,
// without the names of residents. Every change of an answer is kept, so
// the history is visible; an input can be linked to what came of it.
package dialoog

import (
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Kinds of dialogue.
const (
	KindSession = "session" // a meeting in the wijk
	KindOnline  = "online"  // an online round, open until ClosesOn
)

// Kinds lists every kind of dialogue.
var Kinds = []string{KindSession, KindOnline}

// DefaultAnswerDays is how long an owner has to answer, by default.
const DefaultAnswerDays = 28

// DateLayout is how dates are written and stored.
const DateLayout = "2006-01-02"

// Dialogue is a session or an online round. ClosesOn is set for online
// rounds only. OwnerOrgID is the party that owns new inputs by default;
// AnswerDays is how many days it has to answer them.
type Dialogue struct {
	ID          string
	WijkID      string
	Kind        string
	Theme       string
	HeldOn      string // the session's date, or the day the round opens
	ClosesOn    string // online rounds: the last day input is taken
	Place       string
	Facilitator string // the organisation or role that leads it, not a private person's name
	Attendance  int    // sessions: how many people came
	OwnerOrgID  string
	AnswerDays  int
	CreatedBy   string
	CreatedAt   time.Time
}

// Normalize trims fields and fills defaults.
func (d *Dialogue) Normalize() {
	d.Theme = strings.Join(strings.Fields(d.Theme), " ")
	d.Place = strings.TrimSpace(d.Place)
	d.Facilitator = strings.TrimSpace(d.Facilitator)
	d.HeldOn = strings.TrimSpace(d.HeldOn)
	d.ClosesOn = strings.TrimSpace(d.ClosesOn)
	if d.AnswerDays == 0 {
		d.AnswerDays = DefaultAnswerDays
	}
	if d.Kind == KindSession {
		d.ClosesOn = ""
	}
}

// Validate checks a dialogue. Messages are locale keys.
func (d *Dialogue) Validate() error {
	f := wei.FieldErrors{}
	if !inList(Kinds, d.Kind) {
		f.Add("kind", "error.choice")
	}
	if n := len([]rune(d.Theme)); n < 3 || n > 140 {
		f.Add("theme", "dialoog.error.theme")
	}
	held, err := time.Parse(DateLayout, d.HeldOn)
	if err != nil {
		f.Add("held_on", "dialoog.error.date")
	}
	if d.Kind == KindOnline {
		closes, cerr := time.Parse(DateLayout, d.ClosesOn)
		switch {
		case cerr != nil:
			f.Add("closes_on", "dialoog.error.date")
		case err == nil && closes.Before(held):
			f.Add("closes_on", "dialoog.error.closes_before")
		}
	}
	if d.Kind == KindSession && d.Place == "" {
		f.Add("place", "error.required")
	}
	if len([]rune(d.Place)) > 140 {
		f.Add("place", "error.too_long")
	}
	if len([]rune(d.Facilitator)) > 140 {
		f.Add("facilitator", "error.too_long")
	}
	if d.Attendance < 0 || d.Attendance > 100000 {
		f.Add("attendance", "dialoog.error.attendance")
	}
	if d.AnswerDays < 1 || d.AnswerDays > 365 {
		f.Add("answer_days", "dialoog.error.answer_days")
	}
	return f.Err()
}

// Open reports whether the dialogue takes input on day (a date in the
// wijk's time): an online round from HeldOn to ClosesOn; a session from
// its day on, as input is entered from the notes of the meeting.
func (d *Dialogue) Open(day string) bool {
	if d.Kind != KindOnline {
		return true
	}
	return d.HeldOn <= day && day <= d.ClosesOn
}

// Kinds of input.
const (
	InputIdea     = "idea"
	InputConcern  = "concern"
	InputQuestion = "question"
)

// InputKinds lists every kind of input.
var InputKinds = []string{InputIdea, InputConcern, InputQuestion}

// Status of an input: open → in progress → answered → done, or declined
// with reasons. An answer may be changed later; every change is kept.
const (
	StatusOpen       = "open"
	StatusInProgress = "in_progress"
	StatusAnswered   = "answered"
	StatusDone       = "done"
	StatusDeclined   = "declined"
)

// Statuses lists every status in the order of the flow.
var Statuses = []string{StatusOpen, StatusInProgress, StatusAnswered, StatusDone, StatusDeclined}

// Answered reports whether a status counts as answered: the owner has
// given a public answer, so the input is no longer overdue.
func Answered(status string) bool {
	return status == StatusAnswered || status == StatusDone || status == StatusDeclined
}

// Input is what a resident said. AuthorUserID is the resident who gave it
// as themselves ("" when it was entered on someone's behalf); the author
// is never shown publicly. OnBehalf is set when staff entered it for a
// resident, with their consent.
type Input struct {
	ID           string
	DialogueID   string
	WijkID       string
	Kind         string
	Body         string
	AuthorUserID string
	EnteredBy    string
	OnBehalf     bool
	OwnerOrgID   string
	DueOn        string
	Status       string
	Answer       string
	AnsweredAt   time.Time
	RemindedAt   time.Time
	CreatedAt    time.Time
}

// MaxBody is the longest input, in characters.
const MaxBody = 2000

// Normalize trims the input and fills the defaults.
func (in *Input) Normalize() {
	in.Body = strings.TrimSpace(in.Body)
	if in.Status == "" {
		in.Status = StatusOpen
	}
}

// Validate checks a new input. Messages are locale keys.
func (in *Input) Validate() error {
	f := wei.FieldErrors{}
	if !inList(InputKinds, in.Kind) {
		f.Add("kind", "error.choice")
	}
	if n := len([]rune(in.Body)); n < 3 {
		f.Add("body", "dialoog.error.body")
	} else if n > MaxBody {
		f.Add("body", "error.too_long")
	}
	if !inList(Statuses, in.Status) {
		f.Add("status", "error.choice")
	}
	return f.Err()
}

// Overdue reports whether the input has not been answered and its date
// has passed, on day (a "YYYY-MM-DD" date).
func (in *Input) Overdue(day string) bool {
	return !Answered(in.Status) && in.DueOn != "" && in.DueOn < day
}

// DueDate is the answer date of an input made on day created, with days
// to answer.
func DueDate(created time.Time, days int) string {
	return created.AddDate(0, 0, days).Format(DateLayout)
}

// Change is a new answer, status, owner or date of an input.
type Change struct {
	Status     string
	Answer     string
	OwnerOrgID string
	DueOn      string
}

// Validate checks a change. A status that counts as answered needs an
// answer: the public must be able to read what became of the input.
func (c *Change) Validate() error {
	c.Answer = strings.TrimSpace(c.Answer)
	c.DueOn = strings.TrimSpace(c.DueOn)
	f := wei.FieldErrors{}
	if !inList(Statuses, c.Status) {
		f.Add("status", "error.choice")
	}
	if Answered(c.Status) && len([]rune(c.Answer)) < 3 {
		f.Add("answer", "dialoog.error.answer")
	}
	if len([]rune(c.Answer)) > 4000 {
		f.Add("answer", "error.too_long")
	}
	if _, err := time.Parse(DateLayout, c.DueOn); err != nil {
		f.Add("due_on", "dialoog.error.date")
	}
	return f.Err()
}

// HistoryEntry is one state of an input's answer; entries are never
// changed, so every earlier answer stays readable.
type HistoryEntry struct {
	ID         string
	InputID    string
	Status     string
	Answer     string
	OwnerOrgID string
	DueOn      string
	ByUserID   string
	At         time.Time
}

// Kinds of link from an input to what came of it.
const (
	LinkInitiative     = "initiative"
	LinkSignal         = "signal"
	LinkPactCommitment = "pact_commitment"
	LinkBudgetProject  = "budget_project"
)

// LinkKinds lists every kind of link.
var LinkKinds = []string{LinkInitiative, LinkSignal, LinkPactCommitment, LinkBudgetProject}

// Link points from an input to an object of another module, by kind and
// id; Label is how it is shown (e.g. the initiative's name).
type Link struct {
	InputID   string
	Kind      string
	TargetID  string
	Label     string
	CreatedBy string
	CreatedAt time.Time
}

// Validate checks a link.
func (l *Link) Validate() error {
	l.TargetID = strings.TrimSpace(l.TargetID)
	l.Label = strings.Join(strings.Fields(l.Label), " ")
	f := wei.FieldErrors{}
	if !inList(LinkKinds, l.Kind) {
		f.Add("kind", "error.choice")
	}
	if l.TargetID == "" || len(l.TargetID) > 64 {
		f.Add("target_id", "dialoog.error.target")
	}
	if n := len([]rune(l.Label)); n < 1 || n > 140 {
		f.Add("label", "error.required")
	}
	return f.Err()
}

// RemindEvery is how often the owner of an overdue input is reminded.
const RemindEvery = 7 * 24 * time.Hour

// NeedsReminder reports whether an overdue input's owner should get a
// reminder now: never reminded, or the last one RemindEvery ago.
func (in *Input) NeedsReminder(now time.Time) bool {
	return in.Overdue(now.Format(DateLayout)) && (in.RemindedAt.IsZero() || now.Sub(in.RemindedAt) >= RemindEvery)
}

func inList(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
