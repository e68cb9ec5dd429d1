package bank

import "testing"

func TestParseAmount(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		dec    byte
		want   int64
		reason string
	}{
		{"1,00", ',', 100, ""},
		{"+1,00", ',', 100, ""},
		{"-1,00", ',', -100, ""},
		{" 750,5 ", ',', 75050, ""},
		{"100,", ',', 10000, ""}, // SWIFT allows a bare decimal comma
		{"000000000150,00", ',', 15000, ""},
		{"1.234,56", ',', 123456, ""},
		{"1.234.567,00", ',', 123456700, ""},
		{"12", ',', 1200, ""},
		{"10,500", ',', 1050, ""}, // trailing zeros are still whole cents
		{"250.00", '.', 25000, ""},
		{"0.01", '.', 1, ""},
		{"0,00", ',', 0, ""},
		{"10,125", ',', 0, `the amount "10,125" has more than 2 decimals`},
		{"10.125", '.', 0, `the amount "10.125" has more than 2 decimals`},
		{"", ',', 0, "the amount is missing"},
		{"abc", ',', 0, `the amount "abc" is not a number`},
		{"1,2,3", ',', 0, `the amount "1,2,3" is not a number`},
		{"12.34", ',', 0, `the amount "12.34" is not a number`},
		{"1.23,00", ',', 0, `the amount "1.23,00" is not a number`},
		{"1,00", '.', 0, `the amount "1,00" is not a number`},
		{",50", ',', 0, `the amount ",50" is not a number`},
		{"--1", ',', 0, `the amount "--1" is not a number`},
		{"1e5", '.', 0, `the amount "1e5" is not a number`},
		{"99999999999999,00", ',', 0, `the amount "99999999999999,00" is too large`},
	}
	for _, tt := range tests {
		got, reason := parseAmount(tt.in, tt.dec)
		if got != tt.want || reason.String() != tt.reason {
			t.Errorf("parseAmount(%q, %q)=%d, %q, want %d, %q", tt.in, tt.dec, got, reason, tt.want, tt.reason)
		}
	}
}
