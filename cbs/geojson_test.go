package cbs

import (
	"errors"
	"math"
	"os"
	"strings"
	"testing"
)

func readShapesFile(t *testing.T, name string, keep func(string) bool) ShapeFile {
	t.Helper()
	f, err := os.Open("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sf, err := ReadShapes(f, keep)
	if err != nil {
		t.Fatalf("ReadShapes(%s): %v", name, err)
	}
	return sf
}

func TestReadShapesRD(t *testing.T) {
	t.Parallel()
	sf := readShapesFile(t, "buurten_2023_rd.geojson", func(code string) bool { return GemeenteOf(code) == "GM0363" })
	if sf.CRS != CRSRDNew || sf.Features != 3 || sf.Skipped != 1 || len(sf.Shapes) != 2 {
		t.Fatalf("CRS=%s Features=%d Skipped=%d Shapes=%d, want RD, 3, 1 (Utrecht), 2", sf.CRS, sf.Features, sf.Skipped, len(sf.Shapes))
	}
	kop, oude := sf.Shapes[0], sf.Shapes[1]
	if kop.Code != "BU03630000" || kop.Name != "Kop Zeedijk" || kop.WijkCode != "WK036300" || kop.GemeenteCode != "GM0363" {
		t.Errorf("first shape %+v", kop)
	}
	// The corner (121000, 487000) in WGS84.
	want := RDToWGS84(121000, 487000)
	if p := kop.Polygons[0][0][0]; p != want {
		t.Errorf("first point=%v, want %v (converted from RD)", p, want)
	}
	if math.Abs(want.Lat-52.36) > 0.02 || math.Abs(want.Lon-4.88) > 0.02 {
		t.Errorf("(121000, 487000) became %v: not in Amsterdam", want)
	}
	if len(oude.Polygons[0]) != 2 {
		t.Errorf("Oude Kerk has %d rings, want the outer ring and a hole", len(oude.Polygons[0]))
	}
	// The shared border converts to the same points on both sides, so a
	// point on it goes to the lowest code.
	onBorder := RDToWGS84(121500, 487300)
	if i := Find(sf.Shapes, onBorder); i != 0 {
		t.Errorf("Find(point on the shared border)=%d, want 0 (BU03630000)", i)
	}
	if i := Find(sf.Shapes, RDToWGS84(121750, 487250)); i != -1 {
		t.Errorf("Find(point in the hole)=%d, want -1", i)
	}
	if i := Find(sf.Shapes, RDToWGS84(121900, 487100)); i != 1 {
		t.Errorf("Find(point in Oude Kerk)=%d, want 1", i)
	}
}

func TestReadShapesOldWGS84(t *testing.T) {
	t.Parallel()
	sf := readShapesFile(t, "buurt_2019_wgs84.geojson", nil)
	if sf.CRS != CRSWGS84 || sf.Features != 2 || sf.Skipped != 1 || len(sf.Shapes) != 1 {
		t.Fatalf("CRS=%s Features=%d Skipped=%d Shapes=%d, want WGS84 detected, the wijk skipped", sf.CRS, sf.Features, sf.Skipped, len(sf.Shapes))
	}
	s := sf.Shapes[0]
	if s.Code != "BU03630000" || s.Name != "Kop Zeedijk" || s.GemeenteCode != "GM0363" || len(s.Polygons) != 2 {
		t.Errorf("shape %+v, want Kop Zeedijk with 2 polygons", s)
	}
	for _, c := range []struct {
		p    Point
		want Where
	}{{Point{4.903, 52.373}, Inside}, {Point{4.9015, 52.3715}, Outside}, {Point{4.907, 52.371}, Inside}, {Point{4.9055, 52.371}, Outside}} {
		if got := s.Locate(c.p); got != c.want {
			t.Errorf("Locate(%v)=%d, want %d", c.p, got, c.want)
		}
	}
}

// Without a crs member, RD coordinates are recognised by their range.
func TestReadShapesDetectsRD(t *testing.T) {
	t.Parallel()
	in := `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{"BU_CODE":"BU03630000","BU_NAAM":"Kop Zeedijk","GM_CODE":"GM0363"},
		"geometry":{"type":"Polygon","coordinates":[[[121000,487000],[121500,487000],[121500,487600],[121000,487000]]]}}]}`
	sf, err := ReadShapes(strings.NewReader(in), nil)
	if err != nil {
		t.Fatal(err)
	}
	if sf.CRS != CRSRDNew || sf.Shapes[0].Name != "Kop Zeedijk" || sf.Shapes[0].Polygons[0][0][0] != RDToWGS84(121000, 487000) {
		t.Errorf("CRS=%s shape=%+v, want RD detected and converted", sf.CRS, sf.Shapes[0])
	}
}

func TestReadShapesBadInput(t *testing.T) {
	t.Parallel()
	const feat = `{"type":"Feature","properties":{"buurtcode":"BU03630000"},"geometry":%s}`
	fc := func(features ...string) string {
		return `{"type":"FeatureCollection","features":[` + strings.Join(features, ",") + `]}`
	}
	sq := `{"type":"Polygon","coordinates":[[[4.9,52.3],[4.91,52.3],[4.91,52.31],[4.9,52.3]]]}`
	f := func(geom string) string { return strings.Replace(feat, "%s", geom, 1) }
	tests := []struct {
		name, in, want string
		feature        int
	}{
		{"not JSON", "PC6;Huisnummer", "does not start with an object", 0},
		{"cut off", fc(f(sq))[:60], "cut off", 0},
		{"not a collection", `{"type":"Feature"}`, "not a FeatureCollection", 0},
		{"no features", `{"type":"FeatureCollection"}`, "no features", 0},
		{"only wijken", fc(strings.Replace(f(sq), "BU03630000", "WK036300", 1)), "no buurten", 0},
		{"no code", fc(strings.Replace(f(sq), "buurtcode", "naam", 1)), "no buurt code", 1},
		{"no geometry", fc(f(sq), f("null")), "no geometry", 2},
		{"a point", fc(f(`{"type":"Point","coordinates":[4.9,52.3]}`)), "Point", 1},
		{"short ring", fc(f(`{"type":"Polygon","coordinates":[[[4.9,52.3],[4.91,52.3],[4.9,52.3]]]}`)), "at least 4", 1},
		{"text coordinates", fc(f(`{"type":"Polygon","coordinates":"4.9 52.3"}`)), "not a list of rings", 1},
		{"out of range", fc(f(`{"type":"Polygon","coordinates":[[[400,900],[401,900],[401,901],[400,900]]]}`)), "neither WGS84 nor RD", 1},
		{"RD outside NL", fc(f(`{"type":"Polygon","coordinates":[[[121000,487000],[121500,487000],[921500,487600],[121000,487000]]]}`)), "outside the Netherlands", 1},
		{"mixed systems", fc(f(sq), f(`{"type":"Polygon","coordinates":[[[121000,487000],[121500,487000],[121500,487600],[121000,487000]]]}`)), "not a longitude", 2},
		{"unknown crs", `{"type":"FeatureCollection","crs":{"type":"name","properties":{"name":"EPSG:3035"}},"features":[]}`, "not supported", 0},
		{"trailing data", fc(f(sq)) + `{}`, "more after the end", 0},
		{"feature type", fc(strings.Replace(f(sq), `"Feature"`, `"Thing"`, 1)), "not \"Feature\"", 1},
	}
	for _, tt := range tests {
		_, err := ReadShapes(strings.NewReader(tt.in), nil)
		var fe *FormatError
		if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err=%v, want a FormatError about %q", tt.name, err, tt.want)
			continue
		}
		if fe.Feature != tt.feature {
			t.Errorf("%s: Feature=%d, want %d", tt.name, fe.Feature, tt.feature)
		}
	}
}
