// Package signaal is the module of problem signals, house visits and the
// who-does-what register (sociale kaart) of a wijk. Residents are the experts
// on their wijk: a signal is a problem a resident, a house visit or a partner
// reports, by theme and buurt, so that problems are known before they
// escalate. The register shows which organisation works on which theme in
// which buurt, and where several organisations work on the same problem
// without knowing of each other (an overlap).
//
// Privacy: free-text notes are seen only by the roles that need them (each
// read is audited), the public sees only counts per buurt and theme with
// small cells suppressed (see Suppress and SuppressTable), and personal data
// is deleted after a retention period per category (see Retention).
package signaal

import (
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Urgency of a signal.
const (
	UrgencyLow    = "low"
	UrgencyNormal = "normal"
	UrgencyHigh   = "high"
	UrgencyAcute  = "acute"
)

// Urgencies lists every urgency, least urgent first.
var Urgencies = []string{UrgencyLow, UrgencyNormal, UrgencyHigh, UrgencyAcute}

// Status of a signal: new → in progress → solved, or rejected with a reason.
// A solved or rejected signal may be reopened (back to in progress).
const (
	StatusNew        = "new"
	StatusInProgress = "in_progress"
	StatusSolved     = "solved"
	StatusRejected   = "rejected"
)

// Statuses lists every status in the order of the flow.
var Statuses = []string{StatusNew, StatusInProgress, StatusSolved, StatusRejected}

// Source is who reported a signal.
const (
	SourceResident = "resident" // a resident, as themselves or through a coordinator
	SourceVisit    = "visit"    // a problem named during a house visit
	SourcePartner  = "partner"  // a partner organisation
)

// Sources lists every source.
var Sources = []string{SourceResident, SourceVisit, SourcePartner}

// Signal is a reported problem in a buurt. Title is a short description
// that staff with PermViewSignals see; Note is free text that only
// PermViewNotes sees. PersonID, ReporterUserID, ReporterContact, the address
// and the note are personal data and are deleted after the retention period
// (PersonalErasedAt is then set); theme, buurt, urgency, status and dates
// stay for the aggregates.
type Signal struct {
	ID      string
	WijkID  string
	BuurtID string
	Theme   string // a theme key of the wijk, e.g. "groen"
	Urgency string // one of Urgencies
	Status  string // one of Statuses
	Title   string
	GroupID string // "" when not grouped; the ID of the group's first signal otherwise

	CreatedAt time.Time
	SolvedAt  time.Time // when it was solved or rejected; zero while open

	Source          string // one of Sources
	Note            string // free text, PermViewNotes only
	Postcode        string // normalised "1234AB", "" when not given
	HouseNumber     int    // 0 when not given
	HasPoint        bool   // Lon and Lat hold a WGS84 point
	Lon, Lat        float64
	PersonID        string // the resident on whose behalf it was reported
	ReporterUserID  string // the account that reported it as themselves
	ReporterContact string // how to reach the reporter (phone or e-mail), optional
	VisitID         string // the house visit it came from
	OrganisationID  string // the partner that reported it
	RejectReason    string
	CreatedBy       string // user who entered it
	UpdatedAt       time.Time
	// PersonalErasedAt is when the retention job deleted its personal data.
	PersonalErasedAt time.Time
}

// Open reports whether the signal is neither solved nor rejected.
func (s *Signal) Open() bool { return s.Status == StatusNew || s.Status == StatusInProgress }

// Event kinds in a signal's history.
const (
	EventCreated  = "created"
	EventStatus   = "status"
	EventGrouped  = "grouped"
	EventUngroup  = "ungrouped"
	EventRetained = "personal_data_deleted"
)

// Event is one step in a signal's history. Events are never changed.
type Event struct {
	ID         string
	SignalID   string
	At         time.Time
	ActorID    string // "" for the system
	Kind       string
	FromStatus string
	ToStatus   string
	Detail     string // the reason of a rejection, the group joined, ...
}

// Overlap is a theme in a buurt on which two or more organisations work
// without having met in an overleg or sharing an action item. BuurtID is
// "" for organisations that work in the whole wijk.
type Overlap struct {
	Theme           string
	BuurtID         string
	OrganisationIDs []string // sorted
}

// OrgPair is an unordered pair of organisations, stored with A < B.
type OrgPair struct{ A, B string }

// Pair returns the OrgPair of two organisations in canonical order.
func Pair(x, y string) OrgPair {
	if y < x {
		x, y = y, x
	}
	return OrgPair{A: x, B: y}
}

// MinCell is the smallest count shown publicly: a cell of fewer than
// MinCell signals could point at a few residents and is hidden.
const MinCell = 5

// Suppress returns what may be shown publicly of a count: n itself when it
// is at least MinCell, otherwise nothing (hidden). Callers that also show
// totals over several counts use SuppressTable, which hides more cells so
// that no hidden count can be worked out from a total.
func Suppress(n int) (shown int, hidden bool) {
	if n < MinCell {
		return 0, true
	}
	return n, false
}

// NormalizePostcode turns "1234 ab" into "1234AB". It returns "" for
// anything that is not a Dutch postcode.
func NormalizePostcode(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(s), ""))
	if len(s) != 6 || s[0] == '0' {
		return ""
	}
	for i := 0; i < 4; i++ {
		if s[i] < '0' || s[i] > '9' {
			return ""
		}
	}
	for i := 4; i < 6; i++ {
		if s[i] < 'A' || s[i] > 'Z' {
			return ""
		}
	}
	return s
}

// Normalize trims a signal's fields and fills defaults.
func (s *Signal) Normalize() {
	s.Theme = strings.TrimSpace(s.Theme)
	s.Title = strings.Join(strings.Fields(s.Title), " ")
	s.Note = strings.TrimSpace(s.Note)
	s.ReporterContact = strings.TrimSpace(s.ReporterContact)
	if s.Urgency == "" {
		s.Urgency = UrgencyNormal
	}
	if s.Status == "" {
		s.Status = StatusNew
	}
	if s.Postcode != "" {
		if p := NormalizePostcode(s.Postcode); p != "" {
			s.Postcode = p
		}
	}
}

// Validate checks a new signal against the wijk's themes. Messages are
// locale keys. The location (a buurt of the wijk) is checked by the store.
func (s *Signal) Validate(themes []Theme) error {
	f := wei.FieldErrors{}
	if s.WijkID == "" {
		f.Add("wijk_id", "error.required")
	}
	if !activeTheme(themes, s.Theme) {
		f.Add("theme", "signals.error.theme")
	}
	if !in(Urgencies, s.Urgency) {
		f.Add("urgency", "error.choice")
	}
	if !in(Statuses, s.Status) {
		f.Add("status", "error.choice")
	}
	if !in(Sources, s.Source) {
		f.Add("source", "error.choice")
	}
	if n := len([]rune(s.Title)); n < 3 || n > 140 {
		f.Add("title", "signals.error.title")
	}
	if len([]rune(s.Note)) > 4000 {
		f.Add("note", "error.too_long")
	}
	if len([]rune(s.ReporterContact)) > 120 {
		f.Add("reporter_contact", "error.too_long")
	}
	if s.Postcode != "" && NormalizePostcode(s.Postcode) == "" {
		f.Add("postcode", "signals.error.postcode")
	}
	if s.HouseNumber < 0 || s.HouseNumber > 99999 {
		f.Add("house_number", "signals.error.house_number")
	}
	if s.Postcode != "" && s.HouseNumber == 0 {
		f.Add("house_number", "signals.error.house_number")
	}
	if s.HasPoint && (s.Lon < -180 || s.Lon > 180 || s.Lat < -90 || s.Lat > 90) {
		f.Add("point", "signals.error.point")
	}
	if s.Source == SourcePartner && s.OrganisationID == "" {
		f.Add("organisation_id", "error.required")
	}
	return f.Err()
}

// CanMove reports whether a signal may go from status from to status to.
func CanMove(from, to string) bool {
	switch from {
	case StatusNew:
		return to == StatusInProgress || to == StatusSolved || to == StatusRejected
	case StatusInProgress:
		return to == StatusSolved || to == StatusRejected
	case StatusSolved, StatusRejected:
		return to == StatusInProgress // reopen
	}
	return false
}

func in(list []string, v string) bool {
	for _, x := range list {
		if x == v {
			return true
		}
	}
	return false
}
