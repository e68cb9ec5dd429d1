// Package pact is the module of the wijkpact: an agreement of several
// parties of a wijk (residents' organisations, gemeente, woningcorporatie,
// welzijn, ondernemers, onderwijs), each with its own commitments: what it
// will do, how that is measured (an indicator with a target), by when and
// who carries it. Every party accepts the text; the pact is signed when all
// have. Once any party has accepted, the text is frozen, so nobody signs
// something that changes afterwards. Progress is reported per commitment
// and rolled up per party and for the pact.
//
// The rules live here as pure functions; the store loads and saves, the
// web pages show.
package pact

import (
	"strings"
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/wijk"
)

// Pact is a wijkpact with its parties, commitments, acceptance history and
// review dates.
type Pact struct {
	ID        string
	WijkID    string
	Title     string
	Purpose   string // the shared aim, in a few sentences
	StartsOn  time.Time
	EndsOn    time.Time
	CreatedBy string
	CreatedAt time.Time

	Parties     []Party
	Commitments []Commitment
	Events      []Acceptance // every acceptance and withdrawal, oldest first
	Reviews     []time.Time  // review dates, earliest first
}

// Party is an organisation of the wijk that takes part in a pact.
type Party struct {
	ID             string
	PactID         string
	OrganisationID string
	Name           string      // the organisation's name
	Domain         wijk.Domain // empty for a residents' organisation
	Accepted       *Acceptance // the last event, when it is an acceptance
}

// Acceptance is one event of a party: accepting the pact, or withdrawing
// that acceptance. Signatory is the function of who signed for the party
// (e.g. "wethouder", "bestuur"), shown publicly; the user is not.
type Acceptance struct {
	ID        string
	PactID    string
	PartyID   string
	Accepted  bool
	Signatory string
	ByUserID  string
	At        time.Time
}

// Commitment is what one party promises. Target is the value of Indicator
// to reach by Due; Reports holds the progress reported, oldest first.
type Commitment struct {
	ID        string
	PactID    string
	PartyID   string
	What      string
	Indicator string
	Target    int64
	Due       time.Time
	Owner     string // who carries it within the party: a team or function
	CreatedBy string
	CreatedAt time.Time
	Reports   []Progress
}

// Progress is one report of the value reached for a commitment.
type Progress struct {
	ID           string
	CommitmentID string
	Value        int64
	Note         string
	ByUserID     string
	At           time.Time
}

// Normalize trims the fields of a pact.
func (p *Pact) Normalize() {
	p.Title = strings.Join(strings.Fields(p.Title), " ")
	p.Purpose = strings.TrimSpace(p.Purpose)
}

// Validate checks a new pact. Messages are locale keys.
func (p *Pact) Validate() error {
	f := wei.FieldErrors{}
	if p.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if n := len([]rune(p.Title)); n < 3 || n > 120 {
		f.Add("title", "pact.error.title")
	}
	if n := len([]rune(p.Purpose)); n < 10 || n > 4000 {
		f.Add("purpose", "pact.error.purpose")
	}
	if p.StartsOn.IsZero() {
		f.Add("starts_on", "error.date")
	}
	if p.EndsOn.IsZero() {
		f.Add("ends_on", "error.date")
	} else if !p.StartsOn.IsZero() && !p.EndsOn.After(p.StartsOn) {
		f.Add("ends_on", "error.date_order")
	}
	return f.Err()
}

// Normalize trims the fields of a commitment.
func (c *Commitment) Normalize() {
	c.What = strings.TrimSpace(c.What)
	c.Indicator = strings.Join(strings.Fields(c.Indicator), " ")
	c.Owner = strings.Join(strings.Fields(c.Owner), " ")
}

// Validate checks a commitment. The due date must fall within the pact.
func (c *Commitment) Validate(p Pact) error {
	f := wei.FieldErrors{}
	if c.PartyID == "" {
		f.Add("party_id", "pact.error.party")
	}
	if n := len([]rune(c.What)); n < 5 || n > 1000 {
		f.Add("what", "pact.error.what")
	}
	if n := len([]rune(c.Indicator)); n < 3 || n > 200 {
		f.Add("indicator", "pact.error.indicator")
	}
	if c.Target <= 0 || c.Target > 1_000_000_000 {
		f.Add("target", "pact.error.target")
	}
	switch {
	case c.Due.IsZero():
		f.Add("due_on", "error.date")
	case c.Due.Before(p.StartsOn) || c.Due.After(p.EndsOn):
		f.Add("due_on", "pact.error.due")
	}
	if len([]rune(c.Owner)) > 120 {
		f.Add("owner", "pact.error.owner")
	}
	return f.Err()
}

// ValidSignatory checks the function of who signs for a party.
func ValidSignatory(s string) error {
	if n := len([]rune(strings.TrimSpace(s))); n < 2 || n > 120 {
		return &wei.Error{Code: wei.EINVALID, Message: "Fill in who signs.", Fields: map[string]string{"signatory": "pact.error.signatory"}}
	}
	return nil
}

// ValidProgress checks a progress report.
func ValidProgress(value int64, note string) error {
	f := wei.FieldErrors{}
	if value < 0 || value > 1_000_000_000 {
		f.Add("value", "pact.error.value")
	}
	if len([]rune(note)) > 500 {
		f.Add("note", "pact.error.note")
	}
	return f.Err()
}

// Frozen reports whether the text of the pact can no longer change: some
// party has accepted it (also if it withdrew later; its acceptance is on
// record for that text).
func (p Pact) Frozen() bool { return len(p.Events) > 0 }

// Signed reports whether every party has accepted, and there are at least
// two of them.
func (p Pact) Signed() bool {
	if len(p.Parties) < 2 {
		return false
	}
	for _, pt := range p.Parties {
		if pt.Accepted == nil {
			return false
		}
	}
	return true
}

// AcceptedCount returns how many parties have accepted.
func (p Pact) AcceptedCount() int {
	n := 0
	for _, pt := range p.Parties {
		if pt.Accepted != nil {
			n++
		}
	}
	return n
}

// SignedAt returns the moment the last party accepted, when signed.
func (p Pact) SignedAt() time.Time {
	if !p.Signed() {
		return time.Time{}
	}
	var t time.Time
	for _, pt := range p.Parties {
		if pt.Accepted.At.After(t) {
			t = pt.Accepted.At
		}
	}
	return t
}

// Party returns the party with the given ID.
func (p Pact) Party(id string) (Party, bool) {
	for _, pt := range p.Parties {
		if pt.ID == id {
			return pt, true
		}
	}
	return Party{}, false
}

// Value returns the last reported value of a commitment, 0 if none.
func (c Commitment) Value() int64 {
	if len(c.Reports) == 0 {
		return 0
	}
	return c.Reports[len(c.Reports)-1].Value
}

// Percent returns how far the commitment is, 0 to 100: the last value as
// a share of the target, rounded down, capped at 100.
func (c Commitment) Percent() int {
	if c.Target <= 0 {
		return 0
	}
	v := c.Value()
	if v >= c.Target {
		return 100
	}
	return int(v * 100 / c.Target)
}

// Done reports whether the target is reached.
func (c Commitment) Done() bool { return c.Target > 0 && c.Value() >= c.Target }

// Overdue reports whether the commitment is past its due date on day today
// without having reached its target.
func (c Commitment) Overdue(today time.Time) bool {
	return !c.Done() && today.After(c.Due)
}

// Rollup is the progress of a group of commitments: the mean of their
// percentages (each commitment counts the same, whatever its unit), how
// many there are and how many are done.
type Rollup struct {
	Percent     int
	Commitments int
	Done        int
}

// RollupOf returns the progress of the commitments.
func RollupOf(cs []Commitment) Rollup {
	r := Rollup{Commitments: len(cs)}
	if len(cs) == 0 {
		return r
	}
	sum := 0
	for _, c := range cs {
		sum += c.Percent()
		if c.Done() {
			r.Done++
		}
	}
	r.Percent = sum / len(cs)
	return r
}

// PartyRollup returns the progress of one party's commitments.
func (p Pact) PartyRollup(partyID string) Rollup {
	var cs []Commitment
	for _, c := range p.Commitments {
		if c.PartyID == partyID {
			cs = append(cs, c)
		}
	}
	return RollupOf(cs)
}

// Rollup returns the progress of the whole pact.
func (p Pact) Rollup() Rollup { return RollupOf(p.Commitments) }

// NextReview returns the first review date on or after today, or zero.
func (p Pact) NextReview(today time.Time) time.Time {
	for _, d := range p.Reviews {
		if !d.Before(today) {
			return d
		}
	}
	return time.Time{}
}
