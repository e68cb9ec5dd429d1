package overleg

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/wei-platform/wei"
)

// Period is the week or month a report covers, in Amsterdam time: from
// Start (a Monday or the first of a month, at midnight) up to End, the
// start of the next period. Weeks are ISO weeks, written "2026-W45";
// months are written "2026-11".
type Period struct {
	Every Frequency
	Start time.Time // in Amsterdam
	End   time.Time // exclusive
}

// PeriodOf returns the period of frequency f that contains t.
func PeriodOf(f Frequency, t time.Time) Period {
	y, m, d := t.In(Amsterdam).Date()
	if f == Weekly {
		day := time.Date(y, m, d, 0, 0, 0, 0, Amsterdam)
		monday := day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
		return Period{Every: Weekly, Start: monday, End: monday.AddDate(0, 0, 7)}
	}
	start := time.Date(y, m, 1, 0, 0, 0, 0, Amsterdam)
	return Period{Every: Monthly, Start: start, End: start.AddDate(0, 1, 0)}
}

// ParsePeriod reads "2026-11" (a month) or "2026-W45" (an ISO week).
func ParsePeriod(s string) (Period, error) {
	bad := &wei.Error{Code: wei.EINVALID, Message: "A period is a month like 2026-11 or a week like 2026-W45.", Fields: map[string]string{"periode": "overleg.error.period"}}
	s = strings.ToUpper(strings.TrimSpace(s))
	ys, rest, ok := strings.Cut(s, "-")
	if !ok || len(ys) != 4 {
		return Period{}, bad
	}
	y, err := strconv.Atoi(ys)
	if err != nil || y < 2000 || y > 2200 {
		return Period{}, bad
	}
	if w, ok := strings.CutPrefix(rest, "W"); ok {
		n, err := strconv.Atoi(w)
		if err != nil || len(w) != 2 || n < 1 || n > isoWeeks(y) {
			return Period{}, bad
		}
		// ISO 8601: week 1 is the week with 4 January in it.
		jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, Amsterdam)
		monday := jan4.AddDate(0, 0, -((int(jan4.Weekday())+6)%7)+7*(n-1))
		return Period{Every: Weekly, Start: monday, End: monday.AddDate(0, 0, 7)}, nil
	}
	m, err := strconv.Atoi(rest)
	if err != nil || len(rest) != 2 || m < 1 || m > 12 {
		return Period{}, bad
	}
	start := time.Date(y, time.Month(m), 1, 0, 0, 0, 0, Amsterdam)
	return Period{Every: Monthly, Start: start, End: start.AddDate(0, 1, 0)}, nil
}

// isoWeeks returns the number of ISO weeks of year y (52 or 53).
func isoWeeks(y int) int {
	_, w := time.Date(y, 12, 28, 0, 0, 0, 0, time.UTC).ISOWeek()
	return w
}

// String is the period as ParsePeriod reads it.
func (p Period) String() string {
	if p.Start.IsZero() {
		return ""
	}
	if p.Every == Weekly {
		y, w := p.Start.ISOWeek()
		return fmt.Sprintf("%04d-W%02d", y, w)
	}
	return p.Start.Format("2006-01")
}

// Prev returns the period before p.
func (p Period) Prev() Period {
	return PeriodOf(p.Every, p.Start.Add(-time.Hour))
}

// Next returns the period after p.
func (p Period) Next() Period { return PeriodOf(p.Every, p.End) }

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.Start) && t.Before(p.End) }

// LastDay returns the last date of the period (a UTC midnight).
func (p Period) LastDay() time.Time { return Day(p.End.Add(-time.Hour)) }

// FirstDay returns the first date of the period (a UTC midnight).
func (p Period) FirstDay() time.Time { return Day(p.Start) }
