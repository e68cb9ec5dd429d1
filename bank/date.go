package bank

import (
	"strings"
	"time"
)

// Date layouts found in the exports, by bank.
const (
	layoutISO     = "2006-01-02" // CAMT, Rabobank CSV
	layoutCompact = "20060102"   // ING CSV, ABN AMRO
	layoutDutch   = "02-01-2006" // "Valutadatum" inside ING descriptions
)

// parseDate reads a calendar date in one of the layouts and returns it as
// UTC midnight. what names the date in the reason, which is nil on success.
func parseDate(raw string, what *Reason, layouts ...string) (time.Time, *Reason) {
	s := strings.TrimSpace(raw)
	if s == "" {
		return time.Time{}, because("date_missing", what)
	}
	for _, layout := range layouts {
		if len(s) != len(layout) {
			continue
		}
		if t, err := time.Parse(layout, s); err == nil {
			return t, nil
		}
		if shapedLike(s, layout) {
			return time.Time{}, because("date_not_exist", what, s)
		}
	}
	return time.Time{}, because("date_invalid", what, s, strings.Join(humanLayouts(layouts), " or "))
}

// shapedLike reports whether s has digits where layout has digits and the
// same separators, so that a failing parse means an impossible date such as
// the 30th of February rather than a garbled field.
func shapedLike(s, layout string) bool {
	for i := 0; i < len(layout); i++ {
		l, c := layout[i], s[i]
		if l >= '0' && l <= '9' {
			if c < '0' || c > '9' {
				return false
			}
		} else if l != c {
			return false
		}
	}
	return true
}

func humanLayouts(layouts []string) []string {
	out := make([]string, len(layouts))
	for i, l := range layouts {
		r := strings.NewReplacer("2006", "YYYY", "01", "MM", "02", "DD", "06", "YY")
		out[i] = r.Replace(l)
	}
	return out
}

// civilDate builds a UTC date from a year and two-digit month and day,
// refusing dates that do not exist.
func civilDate(year int, mm, dd string, what *Reason, raw string) (time.Time, *Reason) {
	m := int(mm[0]-'0')*10 + int(mm[1]-'0')
	d := int(dd[0]-'0')*10 + int(dd[1]-'0')
	t := time.Date(year, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Year() != year || int(t.Month()) != m || t.Day() != d {
		return time.Time{}, because("date_not_exist", what, raw)
	}
	return t, nil
}
