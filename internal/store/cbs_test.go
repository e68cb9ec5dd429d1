package store_test

import (
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei"
	"github.com/wei-platform/wei/cbs"
	"github.com/wei-platform/wei/internal/store"
	"github.com/wei-platform/wei/wijk"
)

// cbsWijk makes a wijk with the given CBS code and buurten (code → name),
// all of year.
func cbsWijk(t *testing.T, s *store.Store, slug, code string, year int, buurten ...string) (wijk.Wijk, map[string]wijk.Buurt) {
	t.Helper()
	w := wijk.Wijk{Slug: slug, Name: slug, CBSCode: code, CBSYear: year, Municipality: "Testgemeente"}
	if err := s.CreateWijk(t.Context(), &w); err != nil {
		t.Fatal(err)
	}
	out := map[string]wijk.Buurt{}
	for i := 0; i+1 < len(buurten); i += 2 {
		b := wijk.Buurt{WijkID: w.ID, CBSCode: buurten[i], Name: buurten[i+1], CBSYear: year}
		if err := s.CreateBuurt(t.Context(), &b); err != nil {
			t.Fatal(err)
		}
		out[b.CBSCode] = b
	}
	return w, out
}

func lookup(t *testing.T, s *store.Store, pc string, n int) string {
	t.Helper()
	code, err := s.LookupAddress(t.Context(), pc, n)
	if wei.ErrorCode(err) == wei.ENOTFOUND {
		return ""
	}
	if err != nil {
		t.Fatalf("LookupAddress(%s, %d): %v", pc, n, err)
	}
	return code
}

const postcodes2025 = "PC6,Huisnummer,Buurt2025,Wijk2025,Gemeente2025\n" +
	"3999AA,1,9990101,99901,999\n" + // line 2
	"3999AA,2,9990101,99901,999\n" +
	"3999AB,1,9990102,99901,999\n" +
	"3998ZZ,1,9980101,99801,998\n" + // another gemeente
	"3999A,3,9990101,99901,999\n" + // line 6: bad postcode
	"3999AA,1,9990102,99901,999\n" + // line 7: the same address again
	"3999AC,x,9990102,99901,999\n" + // line 8: bad number
	"3999AC,7,0999010A,99901,999\n" // a code with a letter

func TestCBSImportPostcodes(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		_, err := s.ImportCBSPostcodes(ctx, "pc.csv", strings.NewReader(postcodes2025), 0)
		wantCode(t, err, wei.EINVALID) // no wijken yet: which gemeenten to keep?
		cbsWijk(t, s, "blauwe-akker", "WK099901", 2025, "BU09990101", "Akkerhof", "BU09990102", "Blauwe Weide")
		cbsWijk(t, s, "elders", "WK044801", 2025) // a wijk without buurten still counts
		gems, err := s.CBSGemeenten(ctx)
		if err != nil || !cmp.Equal(gems, []string{"GM0448", "GM0999"}) {
			t.Fatalf("CBSGemeenten=%v, %v; want GM0448 and GM0999", gems, err)
		}

		rep, err := s.ImportCBSPostcodes(ctx, "pc6hnr20250801_gwb.csv", strings.NewReader(postcodes2025), 0)
		if err != nil {
			t.Fatal(err)
		}
		want := store.CBSReport{Kind: store.CBSPostcodes, Year: 2025, FileName: "pc6hnr20250801_gwb.csv", Gemeenten: []string{"GM0448", "GM0999"},
			Read: 8, Kept: 4, Skipped: 1, Duplicates: 1, Rejected: 2, Rejects: []store.CBSReject{
				{Line: 6, Reason: `"3999A" is not a postcode (4 digits and 2 letters)`}, {Line: 8, Reason: `"x" is not a house number`}}}
		if diff := cmp.Diff(want, rep); diff != "" {
			t.Errorf("report (-want +got):\n%s", diff)
		}
		for _, c := range []struct {
			pc   string
			n    int
			want string
		}{
			{"3999AA", 1, "BU09990101"}, // the first row for an address counts
			{"3999 aa", 2, "BU09990101"},
			{"3999AB", 1, "BU09990102"},
			{"3999AC", 7, "BU0999010A"},
			{"3998ZZ", 1, ""}, // other gemeente: not kept
			{"3999AB", 2, ""},
		} {
			if got := lookup(t, s, c.pc, c.n); got != c.want {
				t.Errorf("LookupAddress(%s, %d)=%q, want %q", c.pc, c.n, got, c.want)
			}
		}
		_, err = s.LookupAddress(ctx, "3998ZZ", 1)
		if e := (*wei.Error)(nil); !asWei(err, &e) || e.Code != wei.ENOTFOUND || !strings.Contains(e.Message, "3998 ZZ 1") {
			t.Errorf("unknown address: err=%v, want ENOTFOUND naming the address", err)
		}
		_, err = s.LookupAddress(ctx, "1234 A", 1)
		wantCode(t, err, wei.EINVALID)
		_, err = s.LookupAddress(ctx, "3999AA", 0)
		wantCode(t, err, wei.EINVALID)
		if imp, err := s.LastCBSImport(ctx, store.CBSPostcodes, 0); err != nil || imp.Year != 2025 || imp.FileName != "pc6hnr20250801_gwb.csv" {
			t.Errorf("LastCBSImport=%+v, %v", imp, err)
		}

		// A broken file (a row with too few fields at the end) changes
		// nothing: the earlier rows are not half-written, the old ones stay.
		broken := "PC6;Huisnummer;Buurt2026\n3999AD;1;9990101\n3999AD;2\n"
		_, err = s.ImportCBSPostcodes(ctx, "broken.csv", strings.NewReader(broken), 0)
		wantCode(t, err, wei.EINVALID)
		if !strings.Contains(err.Error(), "line 3") {
			t.Errorf("err=%v, want the line", err)
		}
		if lookup(t, s, "3999AD", 1) != "" || lookup(t, s, "3999AA", 1) != "BU09990101" {
			t.Error("a refused import changed the table")
		}
		// A file without one address of our gemeenten changes nothing either.
		_, err = s.ImportCBSPostcodes(ctx, "other.csv", strings.NewReader("PC6;Huisnummer;Buurt2026\n3998ZZ;1;9980101\n"), 0)
		wantCode(t, err, wei.EINVALID)
		if lookup(t, s, "3999AA", 1) != "BU09990101" {
			t.Error("an import without our gemeenten emptied the table")
		}
		// A file without a year anywhere needs --year.
		_, err = s.ImportCBSPostcodes(ctx, "adressen.csv", strings.NewReader("PC6;Huisnummer;Buurtcode\n3999AA;1;9990101\n"), 0)
		wantCode(t, err, wei.EINVALID)

		// The next year's file replaces the rows of our gemeenten.
		next := "PC6;Huisnummer;Buurt2026\n3999AA;1;9990102\n3999AE;5;9990101\n"
		rep, err = s.ImportCBSPostcodes(ctx, "pc6hnr20260801_gwb.csv", strings.NewReader(next), 0)
		if err != nil || rep.Kept != 2 || rep.Year != 2026 {
			t.Fatalf("re-import: %+v, %v", rep, err)
		}
		for pc, want := range map[string]string{"3999AA": "BU09990102", "3999AE": "BU09990101"} {
			n := 1
			if pc == "3999AE" {
				n = 5
			}
			if got := lookup(t, s, pc, n); got != want {
				t.Errorf("after re-import %s %d=%q, want %q", pc, n, got, want)
			}
		}
		if lookup(t, s, "3999AA", 2) != "" {
			t.Error("an address of the old file survived the re-import")
		}
	})
}

func asWei(err error, e **wei.Error) bool { return errors.As(err, e) }

func readFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile("../../cbs/testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestCBSShapes(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		w, bs := cbsWijk(t, s, "burgwallen", "WK036300", 2023, "BU03630000", "Kop Zeedijk", "BU03630001", "Oude Kerk e.o.", "BU03630002", "Burgwallen Oost")
		other, _ := cbsWijk(t, s, "nieuwe-zijde", "WK036301", 2023, "BU03630100", "Nes e.o.")
		shapes, err := s.BuurtShapes(ctx, w.ID)
		if err != nil || len(shapes) != 0 {
			t.Fatalf("BuurtShapes before import=%v, %v; want none", shapes, err)
		}
		_, err = s.BuurtAt(ctx, w.ID, 4.9, 52.37)
		wantCode(t, err, wei.ENOTFOUND)

		rep, err := s.ImportCBSShapes(ctx, "buurten_2023_rd.geojson", strings.NewReader(readFixture(t, "buurten_2023_rd.geojson")), 0)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Year != 2023 || rep.Read != 3 || rep.Kept != 2 || rep.Skipped != 1 || !cmp.Equal(rep.Gemeenten, []string{"GM0363"}) {
			t.Errorf("report %+v, want year 2023, 3 read, 2 kept, Utrecht skipped", rep)
		}
		shapes, err = s.BuurtShapes(ctx, w.ID)
		if err != nil {
			t.Fatal(err)
		}
		if len(shapes) != 2 || shapes[0].Code != "BU03630000" || shapes[0].Name != "Kop Zeedijk" || shapes[1].Code != "BU03630001" || len(shapes[1].Polygons[0]) != 2 {
			t.Fatalf("BuurtShapes=%+v, want Kop Zeedijk and Oude Kerk (with its hole); Burgwallen Oost has none", shapes)
		}
		at := func(x, y float64) string {
			t.Helper()
			p := cbs.RDToWGS84(x, y)
			id, err := s.BuurtAt(ctx, w.ID, p.Lon, p.Lat)
			if wei.ErrorCode(err) == wei.ENOTFOUND {
				return ""
			}
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		for _, c := range []struct {
			name string
			x, y float64
			want string
		}{
			{"inside Kop Zeedijk", 121200, 487300, bs["BU03630000"].ID},
			{"inside Oude Kerk", 121900, 487100, bs["BU03630001"].ID},
			{"on the shared border: lowest code", 121500, 487300, bs["BU03630000"].ID},
			{"in the hole of Oude Kerk", 121750, 487250, ""},
			{"outside the wijk", 125000, 487300, ""},
		} {
			if got := at(c.x, c.y); got != c.want {
				t.Errorf("%s: BuurtAt=%q, want %q", c.name, got, c.want)
			}
		}
		p := cbs.RDToWGS84(121200, 487300)
		_, err = s.BuurtAt(ctx, other.ID, p.Lon, p.Lat)
		wantCode(t, err, wei.ENOTFOUND) // another wijk does not see these buurten
		_, err = s.BuurtAt(ctx, w.ID, 200, 52)
		wantCode(t, err, wei.EINVALID)

		// A later year's boundary of Kop Zeedijk, moved east: the buurt of
		// 2023 keeps its own year's boundary.
		moved := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"buurtcode":"BU03630000","buurtnaam":"Kop Zeedijk"},
			"geometry":{"type":"Polygon","coordinates":[[[130000,487000],[130500,487000],[130500,487600],[130000,487000]]]}}]}`
		if _, err := s.ImportCBSShapes(ctx, "buurten_2024.geojson", strings.NewReader(moved), 0); err != nil {
			t.Fatal(err)
		}
		if got := at(121200, 487300); got != bs["BU03630000"].ID {
			t.Errorf("after importing 2024: BuurtAt=%q, want the 2023 boundary to hold", got)
		}

		// A malformed file changes nothing.
		bad := strings.Replace(readFixture(t, "buurten_2023_rd.geojson"), `"Polygon"`, `"LineString"`, 1)
		_, err = s.ImportCBSShapes(ctx, "buurten_2023_rd.geojson", strings.NewReader(bad), 0)
		wantCode(t, err, wei.EINVALID)
		if !strings.Contains(err.Error(), "feature 1") {
			t.Errorf("err=%v, want the feature number", err)
		}
		if got := at(121900, 487100); got != bs["BU03630001"].ID {
			t.Error("a refused import removed the boundaries")
		}
	})
}

func TestCBSFigures(t *testing.T) {
	forEachDB(t, func(t *testing.T, s *store.Store) {
		ctx := t.Context()
		cbsWijk(t, s, "burgwallen", "WK036300", 2023, "BU03630000", "Kop Zeedijk", "BU03630001", "Oude Kerk e.o.")
		empty, err := s.RegionFigures(ctx, []string{"WK036300"})
		if err != nil || empty.Year != 0 {
			t.Fatalf("RegionFigures before import=%+v, %v", empty, err)
		}
		rep, err := s.ImportCBSFigures(ctx, "kwb-2023.csv", strings.NewReader(readFixture(t, "kwb-2023.csv")), 0)
		if err != nil {
			t.Fatal(err)
		}
		if rep.Year != 2023 || rep.Read != 4 || rep.Kept != 4 {
			t.Errorf("report %+v, want 2023 with 4 regions (the country is not a region)", rep)
		}
		f, err := s.RegionFigures(ctx, []string{"GM0363", "WK036300", "BU03630000", "BU03630001", "BU09999999"})
		if err != nil {
			t.Fatal(err)
		}
		known := func(s string) cbs.Value { return cbs.Value{Known: true, Text: s} }
		for _, c := range []struct {
			code, key string
			want      cbs.Value
		}{
			{"GM0363", "a_inw", known("918117")},
			{"WK036300", "g_hhgro", known("1.38")},
			{"BU03630000", "g_woz", cbs.Value{}}, // secret
			{"BU03630001", "p_koopw", cbs.Value{}},
			{"BU03630001", "p_huurw", known("76")},
			{"BU09999999", "a_inw", cbs.Value{}}, // not in the file
		} {
			if got := f.Value(c.code, c.key); got != c.want {
				t.Errorf("%s %s=%+v, want %+v", c.code, c.key, got, c.want)
			}
		}
		if f.Year != 2023 {
			t.Errorf("Year=%d, want 2023", f.Year)
		}
		// A re-import of the year replaces it; a newer year wins.
		newer := "gwb_code_10;a_inw\nWK036300;4100\n"
		if _, err := s.ImportCBSFigures(ctx, "kwb-2024.csv", strings.NewReader(newer), 0); err != nil {
			t.Fatal(err)
		}
		f, err = s.RegionFigures(ctx, []string{"WK036300", "BU03630000"})
		if err != nil || f.Year != 2024 || f.Value("WK036300", "a_inw") != known("4100") || f.Value("BU03630000", "a_inw").Known {
			t.Errorf("after 2024: %+v, %v; want the 2024 figures only", f, err)
		}
		if imp, err := s.LastCBSImport(ctx, store.CBSKerncijfers, 2023); err != nil || imp.FileName != "kwb-2023.csv" {
			t.Errorf("LastCBSImport(2023)=%+v, %v", imp, err)
		}
		_, err = s.LastCBSImport(ctx, store.CBSBuurten, 0)
		wantCode(t, err, wei.ENOTFOUND)
		_, err = s.ImportCBSFigures(ctx, "kwb-2023.csv", strings.NewReader("regio;a_inw\nx;1\n"), 0)
		wantCode(t, err, wei.EINVALID)
	})
}
