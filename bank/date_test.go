package bank

import (
	"testing"
	"time"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		layouts []string
		want    time.Time
		reason  string
	}{
		{"20240105", []string{layoutCompact}, day("2024-01-05"), ""},
		{"2024-01-05", []string{layoutCompact, layoutISO}, day("2024-01-05"), ""},
		{"05-01-2024", []string{layoutDutch}, day("2024-01-05"), ""},
		{"20240229", []string{layoutCompact}, day("2024-02-29"), ""},
		{"20230229", []string{layoutCompact}, time.Time{}, `the date "20230229" does not exist`},
		{"2024-13-01", []string{layoutISO}, time.Time{}, `the date "2024-13-01" does not exist`},
		{"", []string{layoutISO}, time.Time{}, "the date is missing"},
		{"5 jan 2024", []string{layoutISO, layoutCompact}, time.Time{}, `the date "5 jan 2024" is not a date (expected YYYY-MM-DD or YYYYMMDD)`},
	}
	for _, tt := range tests {
		got, reason := parseDate(tt.in, because("field_date"), tt.layouts...)
		if !got.Equal(tt.want) || reason.String() != tt.reason {
			t.Errorf("parseDate(%q)=%v, %q, want %v, %q", tt.in, got, reason, tt.want, tt.reason)
		}
		if reason == nil && got.Location() != time.UTC {
			t.Errorf("parseDate(%q) is in %v, want UTC", tt.in, got.Location())
		}
	}
}
