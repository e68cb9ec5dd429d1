package signaal

import (
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// How a resident gave consent to a house visit being recorded.
const (
	ConsentWritten = "written"
	ConsentVerbal  = "verbal"
)

// ConsentKinds lists the ways consent can be given.
var ConsentKinds = []string{ConsentWritten, ConsentVerbal}

// Aspects of living in the wijk a resident scores from 1 (bad) to 5 (good)
// during a house visit.
const (
	AspectSafety     = "safety"
	AspectContact    = "contact"
	AspectGreen      = "green"
	AspectHousing    = "housing"
	AspectFacilities = "facilities"
)

// Aspects lists the aspects in the order of the intake form.
var Aspects = []string{AspectSafety, AspectContact, AspectGreen, AspectHousing, AspectFacilities}

// Visit is a house visit or conversation (intake): a coordinator or
// volunteer talks with a resident and records, with the resident's
// consent, how they experience living in the wijk (scores per aspect), the
// problems they see (themes: each becomes a signal), their ideas and
// whether they would like to do something themselves, which can start an
// instroom in an initiative of the WEI-proces.
//
// Ideas, HelpWith and Note are free text: only PermViewNotes sees them and
// each read is audited. PersonID and the address are deleted after the
// retention period, the free text after its own; the scores, themes and
// buurt stay for the aggregates.
type Visit struct {
	ID          string
	WijkID      string
	BuurtID     string
	PersonID    string // the resident; "" when they stayed anonymous or after retention
	VisitedOn   time.Time
	Postcode    string
	HouseNumber int

	ConsentHow string // one of ConsentKinds
	ConsentBy  string // the user who recorded the consent
	ConsentAt  time.Time

	Scores   map[string]int // aspect -> 1..5; a missing aspect was not asked
	Problems []Problem      // each becomes a signal of source "visit"

	Ideas        string
	WantsToHelp  bool
	HelpWith     string
	InitiativeID string // the initiative the resident joins (instroom), if any

	Note       string
	RecordedBy string
	CreatedAt  time.Time

	PersonalErasedAt time.Time
	NotesErasedAt    time.Time
}

// Problem is a problem named during a visit: a theme with a short title and
// an urgency, stored as a signal.
type Problem struct {
	Theme   string
	Title   string
	Urgency string
}

// Normalize trims the visit's free-text fields.
func (v *Visit) Normalize() {
	v.Ideas = strings.TrimSpace(v.Ideas)
	v.HelpWith = strings.TrimSpace(v.HelpWith)
	v.Note = strings.TrimSpace(v.Note)
	if p := NormalizePostcode(v.Postcode); p != "" {
		v.Postcode = p
	}
	for i := range v.Problems {
		v.Problems[i].Title = strings.Join(strings.Fields(v.Problems[i].Title), " ")
		if v.Problems[i].Urgency == "" {
			v.Problems[i].Urgency = UrgencyNormal
		}
	}
	if !v.WantsToHelp {
		v.HelpWith, v.InitiativeID = "", ""
	}
}

// Validate checks a visit against the wijk's themes; now is today, for the
// date. The buurt and the initiative are checked by the store.
func (v *Visit) Validate(themes []Theme, now time.Time) error {
	f := wei.FieldErrors{}
	if v.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	switch {
	case v.VisitedOn.IsZero():
		f.Add("visited_on", "error.date")
	case v.VisitedOn.After(now.Add(24 * time.Hour)):
		f.Add("visited_on", "error.date_future")
	case v.VisitedOn.Before(now.AddDate(-2, 0, 0)):
		f.Add("visited_on", "signals.error.visit_too_old")
	}
	if !in(ConsentKinds, v.ConsentHow) {
		f.Add("consent_how", "signals.error.consent")
	}
	if v.ConsentBy == "" || v.ConsentAt.IsZero() {
		f.Add("consent_how", "signals.error.consent")
	}
	for a, n := range v.Scores {
		if !in(Aspects, a) {
			f.Add("score_"+a, "error.choice")
		} else if n < 1 || n > 5 {
			f.Add("score_"+a, "signals.error.score")
		}
	}
	seen := map[string]bool{}
	for _, p := range v.Problems {
		if !activeTheme(themes, p.Theme) || seen[p.Theme] {
			f.Add("problems", "signals.error.theme")
		}
		seen[p.Theme] = true
		if n := len([]rune(p.Title)); n < 3 || n > 140 {
			f.Add("problems", "signals.error.title")
		}
		if !in(Urgencies, p.Urgency) {
			f.Add("problems", "error.choice")
		}
	}
	if v.Postcode != "" && NormalizePostcode(v.Postcode) == "" {
		f.Add("postcode", "signals.error.postcode")
	}
	if v.Postcode != "" && (v.HouseNumber <= 0 || v.HouseNumber > 99999) {
		f.Add("house_number", "signals.error.house_number")
	}
	if len([]rune(v.Ideas)) > 2000 {
		f.Add("ideas", "error.too_long")
	}
	if len([]rune(v.HelpWith)) > 500 {
		f.Add("help_with", "error.too_long")
	}
	if len([]rune(v.Note)) > 4000 {
		f.Add("note", "error.too_long")
	}
	if v.InitiativeID != "" && v.PersonID == "" {
		f.Add("initiative_id", "signals.error.join_needs_person")
	}
	if v.RecordedBy == "" {
		f.Add("recorded_by", "error.required")
	}
	return f.Err()
}
