package web

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wei-platform/wei/internal/config"
	"github.com/wei-platform/wei/signaal"
	"github.com/wei-platform/wei/wijk"
)

// cbsShapes are three squares side by side in WGS84: Noord, Zuid (south of
// Noord) and Oost (east of both).
const cbsShapes = `{"type":"FeatureCollection","features":[
{"type":"Feature","properties":{"buurtcode":"BU09990101","buurtnaam":"Noord"},"geometry":{"type":"Polygon","coordinates":[[[5.30,52.05],[5.31,52.05],[5.31,52.06],[5.30,52.06],[5.30,52.05]]]}},
{"type":"Feature","properties":{"buurtcode":"BU09990102","buurtnaam":"Zuid"},"geometry":{"type":"Polygon","coordinates":[[[5.30,52.04],[5.31,52.04],[5.31,52.05],[5.30,52.05],[5.30,52.04]]]}},
{"type":"Feature","properties":{"buurtcode":"BU09990103","buurtnaam":"Oost"},"geometry":{"type":"Polygon","coordinates":[[[5.31,52.04],[5.32,52.04],[5.32,52.06],[5.31,52.06],[5.31,52.04]]]}}]}`

const cbsFigures = "gwb_code_10;regio;a_inw;a_hh;g_hhgro;g_wozbag;p_koopw\n" +
	"GM0999;Testgemeente;48210;22410;2,12;318;49\n" +
	"WK099901;Testwijk;6240;2930;2,09;254;34\n" +
	"BU09990101;Noord;1920;880;2,18;268;41\n" +
	"BU09990102;Zuid;1750;820;2,12;-99997;.\n"

const cbsPostcodes = "PC6;Huisnummer;Buurt2025\n3999AB;1;9990102\n3999AB;2;9990102\n3999AB;3;9990102\n"

// cbsFixture is the fixture's wijk with three buurten and, when imported,
// their CBS data.
func cbsFixture(t *testing.T, imported bool) (*fixture, []wijk.Buurt) {
	t.Helper()
	f := newFixture(t)
	ctx := context.Background()
	var bs []wijk.Buurt
	for _, b := range []struct{ code, name string }{{"BU09990101", "Noord"}, {"BU09990102", "Zuid"}, {"BU09990103", "Oost"}} {
		bu := wijk.Buurt{WijkID: f.wijk.ID, Name: b.name, CBSCode: b.code, CBSYear: 2025}
		if err := f.store.CreateBuurt(ctx, &bu); err != nil {
			t.Fatal(err)
		}
		bs = append(bs, bu)
	}
	if !imported {
		return f, bs
	}
	if _, err := f.store.ImportCBSShapes(ctx, "buurten_2025.geojson", strings.NewReader(cbsShapes), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.ImportCBSFigures(ctx, "kwb-2025.csv", strings.NewReader(cbsFigures), 0); err != nil {
		t.Fatal(err)
	}
	if _, err := f.store.ImportCBSPostcodes(ctx, "pc6hnr20250801_gwb.csv", strings.NewReader(cbsPostcodes), 0); err != nil {
		t.Fatal(err)
	}
	return f, bs
}

// addSignals reports n signals placed by a point in Noord and m by an
// address in Zuid: the store finds their buurt through the CBS data.
func addSignals(t *testing.T, f *fixture, n, m int) {
	t.Helper()
	ctx := context.Background()
	add := func(sg signaal.Signal) {
		t.Helper()
		sg.WijkID, sg.Theme, sg.Urgency, sg.Source, sg.Title, sg.CreatedBy = f.wijk.ID, "afval", signaal.UrgencyNormal, signaal.SourceResident, "Vuilnis op straat", f.users["procesmanager"].ID
		if err := f.store.CreateSignal(ctx, &sg); err != nil {
			t.Fatalf("CreateSignal: %v", err)
		}
	}
	for i := 0; i < n; i++ {
		add(signaal.Signal{HasPoint: true, Lon: 5.305, Lat: 52.055})
	}
	for i := 0; i < m; i++ {
		add(signaal.Signal{Postcode: "3999 ab", HouseNumber: 1 + i%3})
	}
}

func TestCBSMap(t *testing.T) {
	t.Parallel()
	f, _ := cbsFixture(t, true)
	addSignals(t, f, 7, 3)
	f.h.cfg.MapTiles = config.DefaultMapTiles
	rec := f.do(http.MethodGet, "/w/test-wijk/kaart", "", nil)
	if rec.Code != http.StatusOK {
		t.Fatalf("status=%d\n%s", rec.Code, rec.Body.String())
	}
	body := rec.Body.String()
	checkHTML(t, body)
	for _, want := range []string{
		nl(t, "cbs.map.heading", "Testwijk"),
		`<title>Noord: 7 signalen</title>`, // the SVG drawing
		`<title>Zuid: minder dan 5</title>`,
		`<title>Oost: 0 signalen</title>`,
		`fill-rule="evenodd"`,
		`<th scope="row" class="utrecht-table__header-cell">Zuid</th>`,
		`<td class="utrecht-table__cell">minder dan 5</td>`,
		`<td class="utrecht-table__cell">7 signalen</td>`,
		`data-tiles="https://service.pdok.nl/brt/achtergrondkaart/wmts/v2_0/standaard/EPSG:3857/{z}/{x}/{y}.png"`,
		"vendor/leaflet/leaflet.js", "js/cbs-map.js",
		"CBS Wijk- en buurtkaart 2025 (bestand buurten_2025.geojson, ingelezen op ",
		`href="/w/test-wijk/kaart" aria-current="page"`, // the nav item
	} {
		if !strings.Contains(body, want) {
			t.Errorf("map page lacks %q", want)
		}
	}
	if strings.Contains(body, "3 signalen") {
		t.Error("map page shows the count of 3: it must be hidden")
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data: https://service.pdok.nl;") {
		t.Errorf("CSP=%q, want img-src with exactly the tile host", csp)
	}

	// The GeoJSON for Leaflet carries the same published counts.
	rec = f.do(http.MethodGet, "/w/test-wijk/kaart.geojson", "", nil)
	if rec.Code != http.StatusOK || rec.Header().Get("Content-Type") != "application/geo+json" {
		t.Fatalf("geojson: status=%d type=%q", rec.Code, rec.Header().Get("Content-Type"))
	}
	var fc struct {
		Features []struct {
			Properties cbsFeatureProps `json:"properties"`
			Geometry   struct{ Type string }
		}
	}
	if err := json.Unmarshal(rec.Body.Bytes(), &fc); err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, ft := range fc.Features {
		if ft.Geometry.Type != "MultiPolygon" {
			t.Errorf("%s: geometry %q", ft.Properties.Name, ft.Geometry.Type)
		}
		if ft.Properties.Count == nil {
			got[ft.Properties.Name] = ft.Properties.Label
		} else {
			got[ft.Properties.Name] = *ft.Properties.Count
		}
	}
	if diff := cmp.Diff(map[string]any{"Noord": 7, "Zuid": "minder dan 5", "Oost": 0}, got); diff != "" {
		t.Errorf("geojson counts (-want +got):\n%s", diff)
	}
}

func TestCBSProfile(t *testing.T) {
	t.Parallel()
	f, _ := cbsFixture(t, true)
	addSignals(t, f, 7, 3)
	body := f.page(http.StatusOK, http.MethodGet, "/w/test-wijk/profiel", "", nil)
	row := func(name string) string {
		t.Helper()
		i := strings.Index(body, `<th scope="row" class="utrecht-table__header-cell">`+name+" ")
		if i < 0 {
			t.Fatalf("no row %q", name)
		}
		end := strings.Index(body[i:], "</tr>")
		return body[i : i+end]
	}
	cells := func(r string) []string {
		var out []string
		for _, part := range strings.Split(r, `<td class="utrecht-table__cell utrecht-table__cell--numeric">`)[1:] {
			out = append(out, part[:strings.Index(part, "</td>")])
		}
		return out
	}
	// Columns: inwoners, huishoudens, grootte, dichtheid, woningen, WOZ, koop, huur, signalen.
	tests := []struct {
		name string
		want []string
	}{
		{"Noord", []string{"1.920", "880", "2,18", "", "", "268", "41", "", "7"}},
		{"Zuid", []string{"1.750", "820", "2,12", "", "", "", "", "", "minder dan 5"}}, // secret WOZ, unknown koopwoningen
		{"Oost", []string{"", "", "", "", "", "", "", "", "0"}},                        // not in the file
		{"Testwijk", []string{"6.240", "2.930", "2,09", "", "", "254", "34", "", "niet getoond"}},
		{"Testgemeente", []string{"48.210", "22.410", "2,12", "", "", "318", "49", "", nl(t, "cbs.not_applicable")}},
	}
	for _, tt := range tests {
		if diff := cmp.Diff(tt.want, cells(row(tt.name))); diff != "" {
			t.Errorf("row %s (-want +got):\n%s", tt.name, diff)
		}
	}
	for _, want := range []string{nl(t, "cbs.profile.total_hidden"), "kwb-2025.csv", nl(t, "cbs.profile.empty_cells"), "(buurt, BU09990102)"} {
		if !strings.Contains(body, want) {
			t.Errorf("profile lacks %q", want)
		}
	}
	if strings.Contains(body, ">10<") || strings.Contains(body, ">3<") {
		t.Error("the profile shows the total (10) or the hidden count (3)")
	}
}

// Before anything is imported both pages say so and still show the table
// of buurten.
func TestCBSPagesWithoutData(t *testing.T) {
	t.Parallel()
	f, _ := cbsFixture(t, false)
	body := f.page(http.StatusOK, http.MethodGet, "/w/test-wijk/kaart", "", nil)
	for _, want := range []string{nl(t, "cbs.map.no_shapes"), `<th scope="row" class="utrecht-table__header-cell">Oost</th>`, "0 signalen"} {
		if !strings.Contains(body, want) {
			t.Errorf("map without shapes lacks %q", want)
		}
	}
	if strings.Contains(body, "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox") || strings.Contains(body, "leaflet.js") {
		t.Error("map without shapes draws a map or loads Leaflet")
	}
	rec := f.do(http.MethodGet, "/w/test-wijk/kaart.geojson", "", nil)
	if rec.Code != http.StatusOK || !strings.Contains(rec.Body.String(), `"features":[]`) {
		t.Errorf("geojson without shapes: %d %s", rec.Code, rec.Body.String())
	}
	if csp := rec.Header().Get("Content-Security-Policy"); !strings.Contains(csp, "img-src 'self' data:;") {
		t.Errorf("CSP without tiles=%q, want no tile host", csp)
	}
	body = f.page(http.StatusOK, http.MethodGet, "/w/test-wijk/profiel", "", nil)
	if !strings.Contains(body, nl(t, "cbs.profile.no_figures")) || !strings.Contains(body, "Noord") {
		t.Error("profile without figures lacks its message or the buurten")
	}
	// An unknown wijk is 404 on all three.
	for _, p := range []string{"/w/nergens/kaart", "/w/nergens/kaart.geojson", "/w/nergens/profiel"} {
		if rec := f.do(http.MethodGet, p, "", nil); rec.Code != http.StatusNotFound {
			t.Errorf("GET %s: status=%d, want 404", p, rec.Code)
		}
	}
}

func TestSuppressBuurtCounts(t *testing.T) {
	t.Parallel()
	bs := []wijk.Buurt{{ID: "a"}, {ID: "b"}, {ID: "c"}}
	hidden := signaal.Cell{Hidden: true}
	tests := []struct {
		name      string
		raw       map[string]int
		wantCells []signaal.Cell
		wantTotal signaal.Cell
	}{
		{"all shown", map[string]int{"a": 7, "b": 5, "c": 0}, []signaal.Cell{{N: 7}, {N: 5}, {N: 0}}, signaal.Cell{N: 12}},
		{"one small: total hidden", map[string]int{"a": 7, "b": 3}, []signaal.Cell{{N: 7}, hidden, {N: 0}}, hidden},
		{"small ones add up to 5: total shown", map[string]int{"a": 7, "b": 3, "c": 2}, []signaal.Cell{{N: 7}, hidden, hidden}, signaal.Cell{N: 12}},
		{"small total", map[string]int{"a": 4}, []signaal.Cell{hidden, {N: 0}, {N: 0}}, hidden},
		{"nothing", map[string]int{}, []signaal.Cell{{N: 0}, {N: 0}, {N: 0}}, signaal.Cell{N: 0}},
		{"other buurten ignored", map[string]int{"x": 3, "a": 6}, []signaal.Cell{{N: 6}, {N: 0}, {N: 0}}, signaal.Cell{N: 6}},
	}
	for _, tt := range tests {
		got := suppressBuurtCounts(cbsCounts{}, tt.raw, bs)
		if diff := cmp.Diff(tt.wantCells, got.Buurten); diff != "" {
			t.Errorf("%s: cells (-want +got):\n%s", tt.name, diff)
		}
		if got.Total != tt.wantTotal {
			t.Errorf("%s: total=%+v, want %+v", tt.name, got.Total, tt.wantTotal)
		}
	}
}
