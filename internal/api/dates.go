package api

import (
	"time"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/proces"
)

// today is the current date, the form in which event dates are kept.
func (a *api) today() time.Time { return proces.Day(a.now()) }

// date formats an event date as YYYY-MM-DD, or "" for the zero time.
func date(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(dateLayout)
}

// parseDate reads an optional YYYY-MM-DD value of field: "" gives def, a
// malformed value an "error.date" in f.
func parseDate(f wei.FieldErrors, field, s string, def time.Time) time.Time {
	if s == "" {
		return def
	}
	t, err := time.Parse(dateLayout, s)
	if err != nil {
		f.Add(field, "error.date")
		return def
	}
	return t
}
