package cbs

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readRegions(t *testing.T, r io.Reader) (*FiguresReader, []Region, error) {
	t.Helper()
	fr, err := NewFiguresReader(r)
	if err != nil {
		return nil, nil, err
	}
	var out []Region
	for {
		reg, err := fr.Next()
		if err == io.EOF {
			return fr, out, nil
		}
		if err != nil {
			return fr, out, err
		}
		out = append(out, reg)
	}
}

func known(s string) Value { return Value{Known: true, Text: s} }

func TestFiguresReaderKWB(t *testing.T) {
	t.Parallel()
	f, err := os.Open("testdata/kwb-2023.csv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fr, regs, err := readRegions(t, f)
	if err != nil {
		t.Fatal(err)
	}
	var codes []string
	for _, r := range regs {
		codes = append(codes, r.Code)
	}
	// The country (NL00) is passed over.
	if diff := cmp.Diff([]string{"GM0363", "WK036300", "BU03630000", "BU03630001"}, codes); diff != "" {
		t.Fatalf("codes (-want +got):\n%s", diff)
	}
	if !strings.Contains(strings.Join(fr.Keys(), " "), "g_woz") || strings.Contains(strings.Join(fr.Keys(), " "), "g_wozbag") {
		t.Errorf("Keys=%v, want g_wozbag read as g_woz", fr.Keys())
	}
	if _, ok := regs[0].Values["regio"]; ok {
		t.Error("the text column regio became a figure")
	}
	kop, oude := regs[2], regs[3]
	checks := []struct {
		r    Region
		key  string
		want Value
	}{
		{regs[0], "a_inw", known("918117")},
		{regs[0], "g_hhgro", known("1.74")}, // decimal comma
		{regs[1], "bev_dich", known("13120")},
		{kop, "g_woz", Value{}},    // -99997: secret
		{oude, "g_woz", Value{}},   // ".": unknown
		{oude, "p_koopw", Value{}}, // -99995: unknown
		{oude, "p_huurw", known("76")},
	}
	for _, c := range checks {
		got, ok := c.r.Values[c.key]
		if !ok || got != c.want {
			t.Errorf("%s %s=%+v (present %v), want %+v", c.r.Code, c.key, got, ok, c.want)
		}
	}
	if kop.Name != "Kop Zeedijk" || kop.Line != 5 {
		t.Errorf("Name=%q Line=%d, want Kop Zeedijk on line 5", kop.Name, kop.Line)
	}
}

// The StatLine download of the same table names its columns differently.
func TestFiguresReaderStatLine(t *testing.T) {
	t.Parallel()
	in := "\"ID\";\"WijkenEnBuurten\";\"Gemeentenaam_1\";\"SoortRegio_2\";\"Codering_3\";\"AantalInwoners_5\";\"GemiddeldeWOZWaardeVanWoningen_35\";\"Koopwoningen_40\"\n" +
		"\"0\";\"NL00      \";\"Nederland\";\"Land\";\"NL00\";\"17811291\";\"391\";\"57\"\n" +
		"\"3\";\"BU03630000\";\"Amsterdam\";\"Buurt\";\"BU03630000\";\"1030\";\".\";\"20\"\n"
	_, regs, err := readRegions(t, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(regs) != 1 || regs[0].Code != "BU03630000" {
		t.Fatalf("regions=%+v, want one buurt", regs)
	}
	want := map[string]Value{"a_inw": known("1030"), "g_woz": {}, "p_koopw": known("20")}
	if diff := cmp.Diff(want, regs[0].Values); diff != "" {
		t.Errorf("values (-want +got):\n%s", diff)
	}
}

func TestParseValue(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in     string
		want   Value
		wantOK bool
	}{
		{"1234", known("1234"), true}, {" 4,5 ", known("4.5"), true}, {"4.50", known("4.5"), true},
		{"-3", known("-3"), true}, {"007", known("7"), true}, {"0,0", known("0"), true}, {"-0", known("0"), true},
		{"-99997", Value{}, true}, {"-99995", Value{}, true}, {"-99999", Value{}, true}, {".", Value{}, true},
		{"", Value{}, true}, {"x", Value{}, true}, {"-99994", known("-99994"), true},
		{"Amsterdam", Value{}, false}, {"1.234,5", Value{}, false}, {"4,", Value{}, false}, {"1e5", Value{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseValue(tt.in)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("ParseValue(%q)=%+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestFiguresReaderBadInput(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ name, in, want string }{
		{"no code column", "regio;a_inw\nAmsterdam;1\n", "gwb_code"},
		{"no figures", "gwb_code;regio\nGM0363;Amsterdam\n", "no figure columns"},
		{"field count", "gwb_code;a_inw\nGM0363;1;2\n", "fields"},
	} {
		_, _, err := readRegions(t, strings.NewReader(tt.in))
		var fe *FormatError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err=%v, want a FormatError about %q", tt.name, err, tt.want)
		}
	}
}
