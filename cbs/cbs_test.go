package cbs

import "testing"

func TestCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		fn       func(string) string
		name, in string
		want     string
	}{
		{BuurtCode, "BuurtCode", "BU03630101", "BU03630101"},
		{BuurtCode, "BuurtCode", " bu03630101 ", "BU03630101"},
		{BuurtCode, "BuurtCode", "3630101", "BU03630101"},
		{BuurtCode, "BuurtCode", "19520000", "BU19520000"},
		{BuurtCode, "BuurtCode", "0999010A", "BU0999010A"},
		{BuurtCode, "BuurtCode", "999010a", "BU0999010A"},
		{BuurtCode, "BuurtCode", "BU036301011", ""},
		{BuurtCode, "BuurtCode", "", ""},
		{BuurtCode, "BuurtCode", "36-30101", ""},
		{WijkCode, "WijkCode", "36300", "WK036300"},
		{WijkCode, "WijkCode", "WK036300", "WK036300"},
		{GemeenteCode, "GemeenteCode", "363", "GM0363"},
		{GemeenteCode, "GemeenteCode", "GM0363", "GM0363"},
		{GemeenteCode, "GemeenteCode", "36300", ""},
		{RegionCode, "RegionCode", "GM0363    ", "GM0363"},
		{RegionCode, "RegionCode", "WK036300", "WK036300"},
		{RegionCode, "RegionCode", "BU03630000", "BU03630000"},
		{RegionCode, "RegionCode", "NL00", ""},
		{RegionCode, "RegionCode", "3630000", ""},
		{GemeenteOf, "GemeenteOf", "BU03630101", "GM0363"},
		{GemeenteOf, "GemeenteOf", "WK036301", "GM0363"},
		{GemeenteOf, "GemeenteOf", "GM0363", "GM0363"},
		{GemeenteOf, "GemeenteOf", "BU0363", ""},
		{Postcode, "Postcode", "1234 ab", "1234AB"},
		{Postcode, "Postcode", " 1234AB", "1234AB"},
		{Postcode, "Postcode", "1234\tAb", "1234AB"},
		{Postcode, "Postcode", "0123AB", ""},
		{Postcode, "Postcode", "1234A", ""},
		{Postcode, "Postcode", "1234ABC", ""},
		{Postcode, "Postcode", "12345B", ""},
		{Postcode, "Postcode", "1234É", ""},
	}
	for _, tt := range tests {
		if got := tt.fn(tt.in); got != tt.want {
			t.Errorf("%s(%q)=%q, want %q", tt.name, tt.in, got, tt.want)
		}
	}
	if got := FormatPostcode("1234AB"); got != "1234 AB" {
		t.Errorf("FormatPostcode=%q, want 1234 AB", got)
	}
}

func TestYearIn(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{
		"pc6hnr20230801_gwb.csv": 2023, "kwb-2019.csv": 2019, "buurt2024": 2024,
		"buurten.geojson": 0, "x12023": 0, "wijkenbuurten_2022_v1.geojson": 2022,
	} {
		if got := YearIn(in); got != want {
			t.Errorf("YearIn(%q)=%d, want %d", in, got, want)
		}
	}
}

func TestCodesOfAnotherLevel(t *testing.T) {
	t.Parallel()
	if got := BuurtCode("WK036300"); got != "" {
		t.Errorf("BuurtCode(WK036300)=%q, want none: a wijk code", got)
	}
	if got := WijkCode("gm0363"); got != "" {
		t.Errorf("WijkCode(gm0363)=%q, want none", got)
	}
}
