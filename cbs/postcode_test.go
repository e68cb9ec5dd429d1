package cbs

import (
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func readAll(t *testing.T, r io.Reader) (*PostcodeReader, []Address, []*RowError, error) {
	t.Helper()
	pr, err := NewPostcodeReader(r)
	if err != nil {
		return nil, nil, nil, err
	}
	var out []Address
	var bad []*RowError
	for {
		a, err := pr.Next()
		if err == io.EOF {
			return pr, out, bad, nil
		}
		var re *RowError
		if errors.As(err, &re) {
			bad = append(bad, re)
			continue
		}
		if err != nil {
			return pr, out, bad, err
		}
		out = append(out, a)
	}
}

func TestPostcodeReaderFiles(t *testing.T) {
	t.Parallel()
	tests := []struct {
		file string
		sep  rune
		year int
		want []Address
	}{
		// 2019: ';', a byte order mark, CRLF, quoted fields, bare numbers.
		{"pc6hnr20190801_gwb.csv", ';', 2019, []Address{
			{2, "1012AB", 1, "BU03630000", "WK036300", "GM0363"},
			{3, "1012AB", 2, "BU03630000", "WK036300", "GM0363"},
			{4, "1012AC", 15, "BU03630001", "WK036300", "GM0363"},
			{5, "1012GX", 7, "BU03630002", "WK036300", "GM0363"},
			{6, "3511AA", 1, "BU03440100", "WK034401", "GM0344"},
		}},
		// 2023: ',', LF, bare numbers and one row with prefixed codes.
		{"pc6hnr20230801_gwb.csv", ',', 2023, []Address{
			{2, "1012AB", 1, "BU03630000", "WK036300", "GM0363"},
			{3, "1012AB", 3, "BU03630000", "WK036300", "GM0363"},
			{4, "1012AC", 15, "BU03630001", "WK036300", "GM0363"},
			{5, "9999ZZ", 12, "BU19520000", "WK195200", "GM1952"},
			{6, "1012AD", 4, "BU0363000A", "WK036300", "GM0363"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open("testdata/" + tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			pr, got, bad, err := readAll(t, f)
			if err != nil || len(bad) > 0 {
				t.Fatalf("err=%v, bad rows %v", err, bad)
			}
			if pr.Separator() != tt.sep || pr.Year() != tt.year {
				t.Errorf("Separator=%q Year=%d, want %q %d", pr.Separator(), pr.Year(), tt.sep, tt.year)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("addresses (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPostcodeReaderBadInput(t *testing.T) {
	t.Parallel()
	// Rows with a bad value are reported with their line and skipped.
	in := "PC6;Huisnummer;Buurtcode\n1012AB;1;BU03630000\n1012A;1;BU03630000\n1012AB;nul;BU03630000\n1012AB;2;BU-0363\n1012AB;0;BU03630000\n1012AB;3;3630000\n"
	_, got, bad, err := readAll(t, strings.NewReader(in))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[1].Line != 7 || got[1].GemeenteCode != "GM0363" {
		t.Errorf("good rows=%+v, want lines 2 and 7 (gemeente from the buurt code)", got)
	}
	var lines []int
	for _, b := range bad {
		lines = append(lines, b.Line)
	}
	if diff := cmp.Diff([]int{3, 4, 5, 6}, lines); diff != "" {
		t.Errorf("rejected lines (-want +got):\n%s", diff)
	}
	if !strings.Contains(bad[0].Error(), "line 3") || !strings.Contains(bad[0].Error(), "postcode") {
		t.Errorf("message %q, want line 3 and what is wrong", bad[0].Error())
	}

	broken := []struct {
		name, in, want string
		line           int
	}{
		{"empty", "", "empty", 0},
		{"only a BOM", "\xef\xbb\xbf\n", "empty", 0},
		{"not this file", "gwb_code_10;a_inw\nGM0363;1\n", "no column PC6, Huisnummer, Buurt", 1},
		{"field count", "PC6,Huisnummer,Buurt2023\n1012AB,1,3630000\n1012AB,2\n", "fields", 3},
		{"quote not closed", "PC6,Huisnummer,Buurt2023\n1012AB,1,3630000\n\"1012AB,2,3630000\n", "quote", 3},
	}
	for _, b := range broken {
		_, _, _, err := readAll(t, strings.NewReader(b.in))
		var fe *FormatError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), b.want) {
			t.Errorf("%s: err=%v, want a FormatError about %q", b.name, err, b.want)
			continue
		}
		if fe.Line != b.line {
			t.Errorf("%s: Line=%d, want %d", b.name, fe.Line, b.line)
		}
	}
}

func TestDetectSeparator(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]rune{
		"PC6;Huisnummer;Buurt2019": ';', "PC6,Huisnummer,Buurt2023": ',', "PC6\tHuisnummer\tBuurt": '\t',
		`"a,b";"c";"d"`: ';', "single": ';',
	} {
		if got := detectSeparator([]byte(in)); got != want {
			t.Errorf("detectSeparator(%q)=%q, want %q", in, got, want)
		}
	}
}
