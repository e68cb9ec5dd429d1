package signaal

import (
	"time"

	"github.com/wei-platform/wei"
)

// Retention categories: each kind of personal data has its own period,
// after which the retention job deletes it. What stays is what the
// aggregates need: theme, buurt, urgency, status, dates and scores.
const (
	// RetainVisitNotes: the free text of a house visit (note, ideas, what
	// the resident would like to do), counted from the visit date.
	RetainVisitNotes = "visit_notes"
	// RetainVisitPerson: the link from a house visit to the resident and
	// the address, counted from the visit date.
	RetainVisitPerson = "visit_person"
	// RetainSignalNotes: the free-text note of a signal, counted from the
	// day it was solved or rejected. Open signals keep their note.
	RetainSignalNotes = "signal_notes"
	// RetainSignalReporter: who reported a signal (the resident, the
	// account), their contact details, the address and the point, counted
	// from the day it was solved or rejected. Open signals keep them.
	RetainSignalReporter = "signal_reporter"
)

// RetentionCategories lists the categories in the order of the settings page.
var RetentionCategories = []string{RetainVisitNotes, RetainVisitPerson, RetainSignalNotes, RetainSignalReporter}

// DefaultRetention is the period of each category in days, until the wijk
// sets its own.
var DefaultRetention = map[string]int{
	RetainVisitNotes:     365,
	RetainVisitPerson:    730,
	RetainSignalNotes:    180,
	RetainSignalReporter: 90,
}

// Retention limits: at least a week (so a mistake can still be put right),
// at most ten years.
const (
	MinRetentionDays = 7
	MaxRetentionDays = 3650
)

// ValidateRetention checks a full set of periods.
func ValidateRetention(days map[string]int) error {
	f := wei.FieldErrors{}
	for _, c := range RetentionCategories {
		n, ok := days[c]
		if !ok || n < MinRetentionDays || n > MaxRetentionDays {
			f.Add(c, "signals.error.retention_days")
		}
	}
	for c := range days {
		if _, ok := DefaultRetention[c]; !ok {
			f.Add(c, "error.choice")
		}
	}
	return f.Err()
}

// RetentionCutoff is the moment before which data of a category is
// deleted, given the period in days and now.
func RetentionCutoff(now time.Time, days int) time.Time {
	return now.AddDate(0, 0, -days)
}

// RetentionReport tells what one run of the retention job deleted.
type RetentionReport struct {
	VisitNotes     int // visits whose free text was deleted
	VisitPeople    int // visits whose resident link and address were deleted
	SignalNotes    int // signals whose note was deleted
	SignalReporter int // signals whose reporter and address were deleted
}

// Total is the number of records changed.
func (r RetentionReport) Total() int {
	return r.VisitNotes + r.VisitPeople + r.SignalNotes + r.SignalReporter
}
